import type { Property, TableName } from '../ast/names.js';
import type { Token } from '../lexer/token.js';
import type { TokenCursor } from './cursor.js';
import { RESERVED_WORDS } from './keywords.js';

const INT32_MAX = 2147483647n;

/** True when `token` can be read as a name: a backquoted identifier or a non-reserved word. */
export function isIdentifierToken(token: Token): boolean {
  return token.type === 'quoted' || (token.type === 'word' && !RESERVED_WORDS.has(token.upper));
}

/** Reads a name, keeping its spelling. `what` names the expected thing in errors. */
export function parseIdentifier(c: TokenCursor, what = 'identifier'): string {
  const token = c.peek();
  if (!isIdentifierToken(token)) throw c.fail(what);
  if (token.value.length === 0) throw c.fail(`non-empty ${what}`);
  c.next();
  return token.value;
}

/** `tbl`, `db.tbl` or `catalog.db.tbl`. */
export function parseTableName(c: TokenCursor, what = 'table name'): TableName {
  const parts = [parseIdentifier(c, what)];
  while (parts.length < 3 && c.isOp('.')) {
    c.next();
    parts.push(parseIdentifier(c, what));
  }
  const [a, b, d] = parts as [string, string?, string?];
  if (d !== undefined && b !== undefined) return { catalog: a, database: b, table: d };
  if (b !== undefined) return { database: a, table: b };
  return { table: a };
}

/** `name` or `catalog.name`, returned as [catalog, name]. */
export function parseDatabaseName(c: TokenCursor): { catalog?: string; database: string } {
  const first = parseIdentifier(c, 'database name');
  if (!c.acceptOp('.')) return { database: first };
  return { catalog: first, database: parseIdentifier(c, 'database name') };
}

/** `(a, b, …)` of identifiers, at least one. */
export function parseIdentifierList(c: TokenCursor, what = 'column name'): string[] {
  c.expectOp('(');
  const names = [parseIdentifier(c, what)];
  while (c.acceptOp(',')) names.push(parseIdentifier(c, what));
  c.expectOp(')');
  return names;
}

/** A quoted string literal. */
export function parseString(c: TokenCursor, what = 'string literal'): string {
  const token = c.peek();
  if (token.type !== 'string') throw c.fail(what);
  c.next();
  return token.value;
}

/** A non-negative integer literal that fits in 32 bits (lengths, bucket numbers, precisions). */
export function parseSmallInteger(c: TokenCursor, what = 'integer'): number {
  const token = c.peek();
  if (token.type !== 'integer') throw c.fail(what);
  const value = BigInt(token.value);
  if (value > INT32_MAX) throw c.fail(`${what} at most ${INT32_MAX}`);
  c.next();
  return Number(value);
}

/** A non-negative integer literal of any size. */
export function parseBigInteger(c: TokenCursor, what = 'integer'): bigint {
  const token = c.peek();
  if (token.type !== 'integer') throw c.fail(what);
  c.next();
  return BigInt(token.value);
}

/** `("k" = "v", …)`: keys and values are quoted strings; at least one entry. */
export function parsePropertyList(c: TokenCursor): Property[] {
  c.expectOp('(');
  const properties: Property[] = [];
  do {
    const key = parseString(c, 'property key as a quoted string');
    c.expectOp('=');
    const value = parseString(c, 'property value as a quoted string');
    properties.push({ key, value });
  } while (c.acceptOp(','));
  c.expectOp(')');
  return properties;
}

/** Optional `PROPERTIES ("k" = "v", …)`; empty when absent. */
export function parseOptionalProperties(c: TokenCursor): Property[] {
  return c.acceptWord('PROPERTIES') ? parsePropertyList(c) : [];
}

export function parseIfExists(c: TokenCursor): boolean {
  return c.acceptWords('IF', 'EXISTS');
}

export function parseIfNotExists(c: TokenCursor): boolean {
  return c.acceptWords('IF', 'NOT', 'EXISTS');
}

/**
 * The partition list after PARTITION / PARTITIONS (the keyword already read): `(p1, p2)` or `p`
 * (a bare name only after the singular keyword).
 */
export function parsePartitionNames(c: TokenCursor, plural: boolean): string[] {
  if (c.isOp('(')) return parseIdentifierList(c, 'partition name');
  if (plural) throw c.fail("'('");
  return [parseIdentifier(c, 'partition name')];
}

/** Optional `LIKE 'pattern'`. */
export function parseOptionalLike(c: TokenCursor): string | undefined {
  return c.acceptWord('LIKE') ? parseString(c, 'LIKE pattern') : undefined;
}

/** Optional `FROM db` / `IN db`. */
export function parseOptionalFromDatabase(c: TokenCursor): string | undefined {
  if (!c.acceptWord('FROM') && !c.acceptWord('IN')) return undefined;
  return parseIdentifier(c, 'database name');
}
