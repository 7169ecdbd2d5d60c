import type { Expression } from '../ast/expression.js';
import type {
  JoinType,
  LimitClause,
  OrderByItem,
  SelectItem,
  SelectStatement,
  TableRef,
} from '../ast/select.js';
import type { TokenCursor } from './cursor.js';
import { TABLE_ALIAS_STOP_WORDS } from './keywords.js';
import {
  isIdentifierToken,
  parseBigInteger,
  parseIdentifier,
  parseIdentifierList,
  parsePartitionNames,
  parseString,
  parseTableName,
} from './parse-common.js';
import { isImplicitAlias, parseExpression, parseExpressionList } from './parse-expression.js';

const SET_OPERATORS: ReadonlySet<string> = new Set(['UNION', 'EXCEPT', 'INTERSECT', 'MINUS']);

/** `SELECT …` up to (not including) the statement end or a closing parenthesis. */
export function parseSelect(c: TokenCursor): SelectStatement {
  return c.nested(() => parseSelectInner(c));
}

function parseSelectInner(c: TokenCursor): SelectStatement {
  if (c.isWord('WITH')) throw c.unsupported('WITH (common table expressions)');
  c.expectWord('SELECT');
  const distinct = c.acceptWord('DISTINCT');
  if (!distinct) c.acceptWord('ALL');
  const items = [parseSelectItem(c)];
  while (c.acceptOp(',')) items.push(parseSelectItem(c));

  const from: TableRef[] = [];
  if (c.acceptWord('FROM')) {
    from.push(parseTableRef(c));
    while (c.acceptOp(',')) from.push(parseTableRef(c));
  }
  const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined;
  let groupBy: Expression[] = [];
  if (c.acceptWords('GROUP', 'BY')) {
    groupBy = parseExpressionList(c);
    if (c.isWords('WITH', 'ROLLUP')) throw c.unsupported('GROUP BY … WITH ROLLUP');
  }
  if (c.isWords('GROUPING', 'SETS') || c.isWord('CUBE')) throw c.unsupported('GROUPING SETS / CUBE / ROLLUP');
  const having = c.acceptWord('HAVING') ? parseExpression(c) : undefined;
  const orderBy = c.acceptWords('ORDER', 'BY') ? parseOrderByList(c) : [];
  const limit = parseOptionalLimit(c);
  const next = c.peek();
  if (next.type === 'word' && SET_OPERATORS.has(next.upper)) throw c.unsupported(next.upper);

  const select: {
    -readonly [K in keyof SelectStatement]: SelectStatement[K];
  } = { kind: 'SelectStatement', distinct, items, from, groupBy, orderBy };
  if (where) select.where = where;
  if (having) select.having = having;
  if (limit) select.limit = limit;
  return select;
}

function parseSelectItem(c: TokenCursor): SelectItem {
  if (c.acceptOp('*')) return { kind: 'StarSelectItem', qualifier: [] };
  // `t.*`, `db.t.*`
  let ahead = 0;
  while (isIdentifierToken(c.peek(ahead)) && c.isOp('.', ahead + 1)) ahead += 2;
  if (ahead > 0 && c.isOp('*', ahead)) {
    const qualifier: string[] = [];
    for (let i = 0; i < ahead; i += 2) {
      qualifier.push(parseIdentifier(c));
      c.expectOp('.');
    }
    c.expectOp('*');
    return { kind: 'StarSelectItem', qualifier };
  }
  const expression = parseExpression(c);
  const alias = parseOptionalAlias(c);
  return alias === undefined
    ? { kind: 'ExpressionSelectItem', expression }
    : { kind: 'ExpressionSelectItem', expression, alias };
}

/** `AS name`, `AS 'name'`, or an implicit alias. */
function parseOptionalAlias(c: TokenCursor, stopWords?: ReadonlySet<string>): string | undefined {
  if (c.acceptWord('AS')) {
    return c.peek().type === 'string' ? parseString(c) : parseIdentifier(c, 'alias');
  }
  if (!isImplicitAlias(c.peek(), stopWords)) return undefined;
  return c.next().value;
}

/** A FROM item with its joins. */
export function parseTableRef(c: TokenCursor): TableRef {
  let left = parseTablePrimary(c);
  for (;;) {
    const joinType = parseJoinType(c);
    if (joinType === undefined) return left;
    const right = parseTablePrimary(c);
    if (c.acceptWord('ON')) {
      left = { kind: 'JoinRef', joinType, left, right, on: parseExpression(c) };
    } else if (c.acceptWord('USING')) {
      left = { kind: 'JoinRef', joinType, left, right, using: parseIdentifierList(c) };
    } else {
      left = { kind: 'JoinRef', joinType, left, right };
    }
  }
}

function parseJoinType(c: TokenCursor): JoinType | undefined {
  if (c.acceptWord('JOIN')) return 'INNER';
  if (c.acceptWords('INNER', 'JOIN')) return 'INNER';
  if (c.acceptWords('CROSS', 'JOIN')) return 'CROSS';
  for (const side of ['LEFT', 'RIGHT', 'FULL'] as const) {
    if (!c.isWord(side)) continue;
    const next = c.peek(1);
    if (next.type === 'word' && (next.upper === 'SEMI' || next.upper === 'ANTI')) {
      throw c.unsupported(`${side} ${next.upper} JOIN`);
    }
    c.next();
    c.acceptWord('OUTER');
    c.expectWord('JOIN');
    return side;
  }
  if (c.isWord('NATURAL') || c.isWord('STRAIGHT_JOIN')) throw c.unsupported(`${c.peek().upper} JOIN`);
  return undefined;
}

function parseTablePrimary(c: TokenCursor): TableRef {
  return c.nested(() => {
    if (c.acceptOp('(')) {
      if (!c.isWord('SELECT') && !c.isWord('WITH')) throw c.fail('SELECT');
      const query = parseSelect(c);
      c.expectOp(')');
      const alias = parseOptionalAlias(c, TABLE_ALIAS_STOP_WORDS);
      return alias === undefined ? { kind: 'SubqueryRef', query } : { kind: 'SubqueryRef', query, alias };
    }
    if (isIdentifierToken(c.peek()) && c.isOp('(', 1)) {
      const name = c.next().value;
      c.expectOp('(');
      const args = c.isOp(')') ? [] : parseExpressionList(c);
      c.expectOp(')');
      const alias = parseOptionalAlias(c, TABLE_ALIAS_STOP_WORDS);
      return alias === undefined
        ? { kind: 'TableFunctionRef', name, args }
        : { kind: 'TableFunctionRef', name, args, alias };
    }
    const name = parseTableName(c);
    const temporaryPartitions = c.acceptWord('TEMPORARY');
    let partitions: string[] | undefined;
    if (c.acceptWord('PARTITION')) partitions = parsePartitionNames(c, false);
    else if (c.acceptWord('PARTITIONS')) partitions = parsePartitionNames(c, true);
    else if (temporaryPartitions) throw c.fail('PARTITION');
    if (c.isWord('TABLET') || c.isWord('TABLESAMPLE')) throw c.unsupported(`${c.peek().upper} in FROM`);
    const alias = parseOptionalAlias(c, TABLE_ALIAS_STOP_WORDS);
    return {
      kind: 'NamedTableRef',
      name,
      temporaryPartitions,
      ...(partitions ? { partitions } : {}),
      ...(alias === undefined ? {} : { alias }),
    };
  });
}

/** `expr [ASC|DESC] [NULLS FIRST|LAST], …` (after ORDER BY). */
export function parseOrderByList(c: TokenCursor): OrderByItem[] {
  const items: OrderByItem[] = [];
  do {
    const expression = parseExpression(c);
    let direction: 'ASC' | 'DESC' = 'ASC';
    if (c.acceptWord('DESC')) direction = 'DESC';
    else c.acceptWord('ASC');
    let nulls: 'FIRST' | 'LAST' | undefined;
    if (c.acceptWord('NULLS')) {
      if (c.acceptWord('FIRST')) nulls = 'FIRST';
      else if (c.acceptWord('LAST')) nulls = 'LAST';
      else throw c.fail('FIRST or LAST');
    }
    items.push(nulls ? { expression, direction, nulls } : { expression, direction });
  } while (c.acceptOp(','));
  return items;
}

/** Optional `LIMIT n [OFFSET m]` or `LIMIT m, n`. */
export function parseOptionalLimit(c: TokenCursor): LimitClause | undefined {
  if (!c.acceptWord('LIMIT')) return undefined;
  const first = parseBigInteger(c, 'LIMIT count');
  if (c.acceptOp(',')) return { offset: first, count: parseBigInteger(c, 'LIMIT count') };
  if (c.acceptWord('OFFSET')) return { count: first, offset: parseBigInteger(c, 'OFFSET value') };
  return { count: first };
}
