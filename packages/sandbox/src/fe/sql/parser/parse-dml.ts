import type {
  Assignment,
  BeginStatement,
  DeleteStatement,
  InsertSource,
  InsertStatement,
  UpdateStatement,
} from '../ast/dml-statements.js';
import type { Expression } from '../ast/expression.js';
import type { TokenCursor } from './cursor.js';
import { parseIdentifier, parseIdentifierList, parsePartitionNames, parseTableName } from './parse-common.js';
import { parseExpression } from './parse-expression.js';
import { parseSelect } from './parse-select.js';

/** After `INSERT`: `INTO t …` or `OVERWRITE TABLE t …`. */
export function parseInsert(c: TokenCursor): InsertStatement {
  let overwrite = false;
  if (c.acceptWord('OVERWRITE')) {
    overwrite = true;
    c.expectWord('TABLE');
  } else {
    c.expectWord('INTO');
  }
  const table = parseTableName(c);
  const temporaryPartitions = c.acceptWord('TEMPORARY');
  let partitions: string[] | undefined;
  const partitionKeyword = c.isWord('PARTITION') || c.isWord('PARTITIONS') ? c.next().upper : undefined;
  if (partitionKeyword !== undefined) {
    if (c.isOp('(') && c.isOp('*', 1))
      throw c.unsupported('PARTITION (*) (auto-detected overwrite partitions)');
    partitions = parsePartitionNames(c, partitionKeyword === 'PARTITIONS');
  } else if (temporaryPartitions) {
    throw c.fail('PARTITION');
  }
  let label: string | undefined;
  if (c.acceptWords('WITH', 'LABEL')) label = parseIdentifier(c, 'label');
  let columns: string[] | undefined;
  if (c.isOp('(') && !c.isWord('SELECT', 1) && !c.isWord('WITH', 1)) columns = parseIdentifierList(c);
  const source = parseInsertSource(c);
  return {
    kind: 'InsertStatement',
    overwrite,
    table,
    ...(partitions ? { partitions } : {}),
    temporaryPartitions,
    ...(label === undefined ? {} : { label }),
    ...(columns ? { columns } : {}),
    source,
  };
}

function parseInsertSource(c: TokenCursor): InsertSource {
  if (c.acceptWord('VALUES') || c.acceptWord('VALUE')) {
    const rows: Expression[][] = [];
    do {
      c.expectOp('(');
      const row: Expression[] = [];
      if (!c.isOp(')')) {
        do row.push(parseValue(c));
        while (c.acceptOp(','));
      }
      c.expectOp(')');
      rows.push(row);
    } while (c.acceptOp(','));
    return { kind: 'ValuesSource', rows };
  }
  if (c.isWord('SELECT') || c.isWord('WITH')) return { kind: 'QuerySource', query: parseSelect(c) };
  if (c.isOp('(') && (c.isWord('SELECT', 1) || c.isWord('WITH', 1))) {
    c.next();
    const query = parseSelect(c);
    c.expectOp(')');
    return { kind: 'QuerySource', query };
  }
  throw c.fail('VALUES or SELECT');
}

/** A VALUES entry: an expression or the `DEFAULT` keyword. */
function parseValue(c: TokenCursor): Expression {
  if (c.isWord('DEFAULT') && (c.isOp(',', 1) || c.isOp(')', 1))) {
    c.next();
    return { kind: 'DefaultMarker' };
  }
  return parseExpression(c);
}

/** After `DELETE`: `FROM t [PARTITION p | PARTITIONS (p…)] [WHERE expr]`. */
export function parseDelete(c: TokenCursor): DeleteStatement {
  c.expectWord('FROM');
  const table = parseTableName(c);
  if (c.isWord('TEMPORARY')) throw c.unsupported('DELETE from temporary partitions');
  let partitions: string[] | undefined;
  if (c.acceptWord('PARTITION')) partitions = parsePartitionNames(c, false);
  else if (c.acceptWord('PARTITIONS')) partitions = parsePartitionNames(c, true);
  if (c.isWord('USING')) throw c.unsupported('DELETE … USING');
  const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined;
  return {
    kind: 'DeleteStatement',
    table,
    ...(partitions ? { partitions } : {}),
    ...(where ? { where } : {}),
  };
}

/** After `UPDATE`: `t SET c = expr, … [WHERE expr]`. */
export function parseUpdate(c: TokenCursor): UpdateStatement {
  const table = parseTableName(c);
  c.expectWord('SET');
  const assignments: Assignment[] = [];
  do {
    const column = parseIdentifier(c, 'column name');
    if (c.isOp('.')) throw c.unsupported('qualified column in UPDATE … SET');
    c.expectOp('=');
    assignments.push({ column, value: parseValue(c) });
  } while (c.acceptOp(','));
  if (c.isWord('FROM')) throw c.unsupported('UPDATE … FROM');
  const where = c.acceptWord('WHERE') ? parseExpression(c) : undefined;
  return { kind: 'UpdateStatement', table, assignments, ...(where ? { where } : {}) };
}

/** After `BEGIN`: `[WITH LABEL l]`. */
export function parseBegin(c: TokenCursor): BeginStatement {
  if (c.acceptWords('WITH', 'LABEL')) return { kind: 'BeginStatement', label: parseIdentifier(c, 'label') };
  return { kind: 'BeginStatement' };
}
