// Which WHERE clauses a delete job (a delete-predicate rowset) can carry, following Doris's
// DeleteFromCommand checks: a conjunction of `col op literal`, `col [NOT] IN (literals)`, `col IS [NOT] NULL`
// and their negations, on scalar non-float columns present in every materialized index; value columns only
// for duplicate and merge-on-write unique tables. Nereids normalises first (literal on the left moves right,
// BETWEEN splits in two, equalities of one column OR-ed together become IN), and so does this.
import { type Column, DELETE_SIGN_COLUMN, findColumn } from '../../../catalog/column.js';
import { baseColumns, type OlapTable } from '../../../catalog/table.js';
import { renderTypeSql } from '../../../types/index.js';
import { childExpressions, type Expression } from '../../sql/index.js';
import { expressionSql, literalSql, quoteName } from './expression-sql.js';

/** A condition Doris would not accept for a delete job; the message is Doris's detail message. */
export class DeleteConditionError extends Error {
  override readonly name = 'DeleteConditionError';
}

type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=' | '<=>';

const FLIP: Readonly<Record<CompareOp, CompareOp>> = {
  '=': '=',
  '<>': '<>',
  '<=>': '<=>',
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
};
const NEGATE: Readonly<Partial<Record<CompareOp, CompareOp>>> = {
  '=': '<>',
  '<>': '=',
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
};

/** What partition pruning can use from a condition. */
export type ColumnRange =
  | { readonly kind: 'values'; readonly values: readonly Expression[] }
  | { readonly kind: 'bound'; readonly op: '<' | '<=' | '>' | '>='; readonly value: Expression }
  | { readonly kind: 'any' };

export interface DeleteCondition {
  readonly column: Column;
  /** The condition as SQL text (what the BEs evaluate). */
  readonly sql: string;
  /** Undefined when the condition says nothing about which partitions hold the rows (IS NULL, NOT IN). */
  readonly range?: ColumnRange;
}

export const SHAPE =
  'Where clause only supports compound predicate, binary predicate, is_null predicate or in predicate.';
const MAX_IN_ELEMENTS = 1024;

function isCompare(op: string): op is CompareOp {
  return op in FLIP;
}

export function hasSubquery(e: Expression): boolean {
  if (e.kind === 'InSubqueryExpression' || e.kind === 'ScalarSubquery' || e.kind === 'ExistsExpression')
    return true;
  return childExpressions(e).some(hasSubquery);
}

function conjuncts(e: Expression): Expression[] {
  return e.kind === 'BinaryExpression' && e.operator === 'AND'
    ? [...conjuncts(e.left), ...conjuncts(e.right)]
    : [e];
}

function disjuncts(e: Expression): Expression[] {
  return e.kind === 'BinaryExpression' && e.operator === 'OR'
    ? [...disjuncts(e.left), ...disjuncts(e.right)]
    : [e];
}

/** `k = 1 OR k = 2 OR k IN (3)` → `k IN (1, 2, 3)` (Nereids's OrToIn); undefined when it is not that shape. */
function orToIn(e: Expression): Expression | undefined {
  let column: string | undefined;
  const values: Expression[] = [];
  for (const d of disjuncts(e)) {
    let ref: Expression;
    if (d.kind === 'BinaryExpression' && d.operator === '=') {
      const [l, r] = d.left.kind === 'ColumnRef' ? [d.left, d.right] : [d.right, d.left];
      ref = l;
      values.push(r);
    } else if (d.kind === 'InListExpression' && !d.negated) {
      ref = d.operand;
      values.push(...d.list);
    } else {
      return undefined;
    }
    if (ref.kind !== 'ColumnRef' || (column !== undefined && column.toLowerCase() !== ref.name.toLowerCase()))
      return undefined;
    column = ref.name;
  }
  if (column === undefined || values.some((v) => literalSql(v) === undefined)) return undefined;
  return {
    kind: 'InListExpression',
    operand: { kind: 'ColumnRef', qualifier: [], name: column },
    list: values,
    negated: false,
  };
}

function normalize(e: Expression): Expression[] {
  if (e.kind === 'BetweenExpression' && !e.negated) {
    return [
      { kind: 'BinaryExpression', operator: '>=', left: e.operand, right: e.low },
      { kind: 'BinaryExpression', operator: '<=', left: e.operand, right: e.high },
    ];
  }
  if (e.kind === 'BinaryExpression' && e.operator === 'OR') return [orToIn(e) ?? e];
  return [e];
}

function columnRefs(e: Expression): string[] {
  if (e.kind === 'ColumnRef') return [e.name];
  return childExpressions(e).flatMap(columnRefs);
}

function checkColumn(table: OlapTable, name: string): void {
  const column = findColumn(baseColumns(table), name);
  if (!column || column.name === DELETE_SIGN_COLUMN) return;
  if (column.type.kind === 'ARRAY') {
    throw new DeleteConditionError(
      `Can not apply delete condition to column type: ${renderTypeSql(column.type).toUpperCase()}`,
    );
  }
  if (column.type.kind === 'FLOAT' || column.type.kind === 'DOUBLE') {
    throw new DeleteConditionError(`Column[${column.name}] type is float or double.`);
  }
  if (!column.isKey) {
    const mow = table.properties.get('enable_unique_key_merge_on_write') === 'true';
    const prefix = `delete predicate on value column only supports Unique table with merge-on-write enabled and Duplicate table, but Table[${table.name}]`;
    if (table.keysType === 'AGG_KEYS') throw new DeleteConditionError(`${prefix} is an Aggregate table.`);
    if (table.keysType === 'UNIQUE_KEYS' && !mow) {
      throw new DeleteConditionError(`${prefix} is an unique table without merge-on-write.`);
    }
  }
  for (const index of table.indexes.values()) {
    if (!findColumn(index.columns, column.name)) {
      throw new DeleteConditionError(
        `Column[${column.name}] not exist in index ${index.name}. maybe you need drop the corresponding materialized-view.`,
      );
    }
  }
}

function rangeOf(op: CompareOp, value: Expression): ColumnRange | undefined {
  switch (op) {
    case '=':
      return { kind: 'values', values: [value] };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { kind: 'bound', op, value };
    case '<>':
      return { kind: 'any' };
    case '<=>':
      return undefined;
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

function column(table: OlapTable, name: string): Column {
  // The WHERE was compiled against the table before, so the column exists.
  return findColumn(baseColumns(table), name)!;
}

function comparison(
  table: OlapTable,
  e: Expression & { kind: 'BinaryExpression' },
  op: CompareOp,
  negated: boolean,
): DeleteCondition {
  let left = e.left;
  let right = e.right;
  let actual = op;
  if (left.kind !== 'ColumnRef' && literalSql(left) !== undefined && right.kind === 'ColumnRef') {
    [left, right] = [right, left];
    actual = FLIP[op];
  }
  const shown = expressionSql(e);
  if (left.kind !== 'ColumnRef') {
    throw new DeleteConditionError(
      `Left expr of binary predicate should be column name, predicate: ${shown}`,
    );
  }
  const value = literalSql(right);
  if (value === undefined) {
    throw new DeleteConditionError(`Right expr of binary predicate should be value, predicate: ${shown}`);
  }
  const col = column(table, left.name);
  if (negated) {
    const inverse = NEGATE[actual];
    if (inverse === undefined) return { column: col, sql: `NOT (${quoteName(col.name)} ${actual} ${value})` };
    actual = inverse;
  }
  const range = rangeOf(actual, right);
  return { column: col, sql: `${quoteName(col.name)} ${actual} ${value}`, ...(range ? { range } : {}) };
}

function inList(
  table: OlapTable,
  e: Expression & { kind: 'InListExpression' },
  negated: boolean,
): DeleteCondition {
  if (e.operand.kind !== 'ColumnRef') {
    throw new DeleteConditionError(
      `Left expr of in predicate should be column name, predicate: ${expressionSql(e)}`,
    );
  }
  if (e.list.length > MAX_IN_ELEMENTS) {
    throw new DeleteConditionError(`Element num of in predicate should not be more than ${MAX_IN_ELEMENTS}`);
  }
  const values = e.list.map((v) => {
    const sql = literalSql(v);
    if (sql === undefined)
      throw new DeleteConditionError(`Child of in predicate should be value, but get ${expressionSql(v)}`);
    return sql;
  });
  const col = column(table, e.operand.name);
  const not = e.negated !== negated;
  return {
    column: col,
    sql: `${quoteName(col.name)}${not ? ' NOT' : ''} IN (${values.join(', ')})`,
    ...(not ? {} : { range: { kind: 'values', values: e.list } as const }),
  };
}

function isNull(
  table: OlapTable,
  e: Expression & { kind: 'IsNullExpression' },
  negated: boolean,
): DeleteCondition {
  if (e.operand.kind !== 'ColumnRef') {
    throw new DeleteConditionError(
      `Child expr of is_null predicate should be column name, predicate: ${expressionSql(e)}`,
    );
  }
  const col = column(table, e.operand.name);
  return { column: col, sql: `${quoteName(col.name)} IS ${e.negated !== negated ? 'NOT ' : ''}NULL` };
}

function condition(table: OlapTable, e: Expression, negated = false): DeleteCondition {
  switch (e.kind) {
    case 'BinaryExpression':
      if (isCompare(e.operator)) return comparison(table, e, e.operator, negated);
      break;
    case 'InListExpression':
      return inList(table, e, negated);
    case 'IsNullExpression':
      return isNull(table, e, negated);
    case 'UnaryExpression':
      if (e.operator === 'NOT' && !negated) {
        const inner = e.operand;
        if (inner.kind === 'IsNullExpression' || inner.kind === 'InListExpression')
          return condition(table, inner, true);
        if (inner.kind === 'BinaryExpression' && isCompare(inner.operator))
          return condition(table, inner, true);
      }
      break;
    default:
      break;
  }
  throw new DeleteConditionError(
    `${SHAPE} But we meet ${expressionSql(negated ? { kind: 'UnaryExpression', operator: 'NOT', operand: e } : e)}`,
  );
}

/**
 * The delete job conditions of `where`.
 *
 * @throws DeleteConditionError when Doris would not run the statement as a delete job.
 */
export function deleteConditions(table: OlapTable, where: Expression): DeleteCondition[] {
  if (hasSubquery(where)) throw new DeleteConditionError(SHAPE);
  const out: DeleteCondition[] = [];
  for (const c of conjuncts(where).flatMap(normalize)) {
    for (const name of columnRefs(c)) checkColumn(table, name);
    out.push(condition(table, c));
  }
  return out;
}
