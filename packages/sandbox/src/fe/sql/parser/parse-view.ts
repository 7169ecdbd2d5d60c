import type { SelectStatement } from '../ast/select.js';
import type {
  AlterViewStatement,
  CreateMaterializedViewStatement,
  CreateViewStatement,
  DropMaterializedViewStatement,
  DropViewStatement,
  ViewColumn,
} from '../ast/view-statements.js';
import type { TokenCursor } from './cursor.js';
import {
  parseIdentifier,
  parseIfExists,
  parseIfNotExists,
  parseOptionalProperties,
  parseString,
  parseTableName,
} from './parse-common.js';
import { parseSelect } from './parse-select.js';

/** A query together with its source text. */
function parseQueryWithText(c: TokenCursor): { query: SelectStatement; queryText: string } {
  const first = c.peek();
  const query = parseSelect(c);
  return { query, queryText: c.textBetween(first, c.previous()) };
}

function parseViewColumns(c: TokenCursor): ViewColumn[] | undefined {
  if (!c.acceptOp('(')) return undefined;
  const columns: ViewColumn[] = [];
  do {
    const name = parseIdentifier(c, 'column name');
    columns.push(c.acceptWord('COMMENT') ? { name, comment: parseString(c, 'comment string') } : { name });
  } while (c.acceptOp(','));
  c.expectOp(')');
  return columns;
}

/** After `CREATE [OR REPLACE] VIEW`. */
export function parseCreateView(c: TokenCursor, orReplace: boolean): CreateViewStatement {
  const ifNotExists = parseIfNotExists(c);
  const view = parseTableName(c, 'view name');
  const columns = parseViewColumns(c);
  const comment = c.acceptWord('COMMENT') ? parseString(c, 'comment string') : undefined;
  c.expectWord('AS');
  const { query, queryText } = parseQueryWithText(c);
  return {
    kind: 'CreateViewStatement',
    orReplace,
    ifNotExists,
    view,
    ...(columns ? { columns } : {}),
    ...(comment === undefined ? {} : { comment }),
    query,
    queryText,
  };
}

/** After `ALTER VIEW`. */
export function parseAlterView(c: TokenCursor): AlterViewStatement {
  const view = parseTableName(c, 'view name');
  const columns = parseViewColumns(c);
  if (c.isWord('COMMENT') || c.isWord('SET')) throw c.unsupported(`ALTER VIEW … ${c.peek().upper}`);
  c.expectWord('AS');
  const { query, queryText } = parseQueryWithText(c);
  return { kind: 'AlterViewStatement', view, ...(columns ? { columns } : {}), query, queryText };
}

/** After `DROP VIEW`. */
export function parseDropView(c: TokenCursor): DropViewStatement {
  const ifExists = parseIfExists(c);
  return { kind: 'DropViewStatement', ifExists, view: parseTableName(c, 'view name') };
}

/** After `CREATE MATERIALIZED VIEW`: only the synchronous form over a single table. */
export function parseCreateMaterializedView(c: TokenCursor): CreateMaterializedViewStatement {
  const ifNotExists = parseIfNotExists(c);
  const name = parseIdentifier(c, 'materialized view name');
  if (!c.isWord('AS')) {
    if (c.isOp('.')) throw c.unsupported('db-qualified materialized view name');
    throw c.unsupported('asynchronous materialized view (BUILD / REFRESH / PARTITION / DISTRIBUTED clauses)');
  }
  c.next();
  const asToken = c.peek();
  const { query, queryText } = parseQueryWithText(c);
  const only = query.from[0];
  if (query.from.length !== 1 || only === undefined || only.kind !== 'NamedTableRef') {
    throw c.unsupported('materialized view over anything but a single table', asToken);
  }
  return {
    kind: 'CreateMaterializedViewStatement',
    ifNotExists,
    name,
    query,
    queryText,
    properties: parseOptionalProperties(c),
  };
}

/** After `DROP MATERIALIZED VIEW`: `[IF EXISTS] mv ON t`. */
export function parseDropMaterializedView(c: TokenCursor): DropMaterializedViewStatement {
  const ifExists = parseIfExists(c);
  const name = parseIdentifier(c, 'materialized view name');
  if (!c.acceptWord('ON'))
    throw c.unsupported('DROP MATERIALIZED VIEW without ON <table> (asynchronous materialized view)');
  return { kind: 'DropMaterializedViewStatement', ifExists, name, table: parseTableName(c) };
}
