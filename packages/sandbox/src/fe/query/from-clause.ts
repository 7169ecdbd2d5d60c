// The FROM clause as one source of rows: a table, a table function (frontends(), backends()), a subquery,
// or joins of those (nested loops: the sandbox's tables are small, and joins are rare in what it serves).
// A single table streams its rows straight from the relation; only the right side of a join is buffered.
import type { JoinRef, TableRef } from '../sql/index.js';
import { compileExpr } from './compile-expression.js';
import { constantValue } from './compiled.js';
import { notSupported } from './query-errors.js';
import type { EvalEnvironment, Pause, RelationResolver } from './relation.js';
import { rowContext, type SubqueryRunner } from './row-context.js';
import { Scope } from './scope.js';
import { toStored, truth, type Value } from './values.js';

export interface Source {
  readonly scope: Scope;
  rows(): Iterable<readonly Value[]>;
  /** The row count without a scan, when the relation knows it (COUNT(*) without WHERE). */
  readonly count?: () => number;
  /** A single table's rows with pauses (Relation.pausableRows). */
  readonly pausableRows?: () => Iterable<readonly Value[] | Pause>;
}

export interface SourceServices {
  readonly resolver: RelationResolver;
  readonly env: EvalEnvironment;
  readonly subquery: SubqueryRunner;
}

const EMPTY_SCOPE = new Scope([]);

/** `SELECT 1`: one row without columns. */
const DUAL: Source = { scope: EMPTY_SCOPE, rows: () => [[]], count: () => 1 };

function tableSource(ref: TableRef, services: SourceServices): Source {
  switch (ref.kind) {
    case 'NamedTableRef': {
      if (ref.name.catalog !== undefined && ref.name.catalog !== 'internal') {
        throw notSupported(`Catalog '${ref.name.catalog}'`);
      }
      const relation = services.resolver.table(
        ref.name.database,
        ref.name.table,
        ref.partitions === undefined
          ? undefined
          : { names: ref.partitions, temporary: ref.temporaryPartitions },
      );
      const count = relation.count;
      const pausable = relation.pausableRows;
      const source: Source = {
        scope: Scope.of(ref.alias ?? ref.name.table, relation.columns),
        rows: () => relation.rows(),
        ...(pausable === undefined ? {} : { pausableRows: () => pausable.call(relation) }),
      };
      return count === undefined ? source : { ...source, count: () => count.call(relation) };
    }
    case 'TableFunctionRef': {
      const context = rowContext(EMPTY_SCOPE, services.env, 'PROJECT');
      const args = ref.args.map((a) => toStored(constantValue(compileExpr(a, context))));
      const relation = services.resolver.tableFunction(ref.name, args);
      return { scope: Scope.of(ref.alias ?? ref.name, relation.columns), rows: () => relation.rows() };
    }
    case 'SubqueryRef': {
      const result = services.subquery(ref.query);
      const columns = result.types.map((type, i) => ({ name: result.names[i] ?? `_col${i}`, type }));
      return {
        scope: Scope.of(ref.alias, columns),
        rows: () => result.rows,
        count: () => result.rows.length,
      };
    }
    case 'JoinRef':
      return joinSource(ref, services);
    default: {
      const unreachable: never = ref;
      return unreachable;
    }
  }
}

function* nestedLoop(
  left: Source,
  right: Source,
  joinType: JoinRef['joinType'],
  matches: (row: readonly Value[]) => boolean,
): Iterable<readonly Value[]> {
  const rightRows = [...right.rows()];
  const leftWidth = left.scope.columns.length;
  const rightNulls: Value[] = right.scope.columns.map(() => null);
  const matchedRight = new Uint8Array(rightRows.length);
  for (const l of left.rows()) {
    let matched = false;
    for (let i = 0; i < rightRows.length; i++) {
      const combined = [...l, ...(rightRows[i] ?? rightNulls)];
      if (!matches(combined)) continue;
      matched = true;
      matchedRight[i] = 1;
      yield combined;
    }
    if (!matched && (joinType === 'LEFT' || joinType === 'FULL')) yield [...l, ...rightNulls];
  }
  if (joinType === 'RIGHT' || joinType === 'FULL') {
    const leftNulls: Value[] = Array.from({ length: leftWidth }, () => null);
    for (let i = 0; i < rightRows.length; i++) {
      if (matchedRight[i] === 0) yield [...leftNulls, ...(rightRows[i] ?? rightNulls)];
    }
  }
}

function joinSource(ref: JoinRef, services: SourceServices): Source {
  if (ref.using !== undefined) throw notSupported('JOIN … USING');
  const left = tableSource(ref.left, services);
  const right = tableSource(ref.right, services);
  const scope = left.scope.concat(right.scope);
  let matches: (row: readonly Value[]) => boolean = () => true;
  if (ref.on !== undefined) {
    const condition = compileExpr(
      ref.on,
      rowContext(scope, services.env, 'JOIN', services.subquery),
    ).evaluate;
    matches = (row) => truth(condition(row)) === true;
  }
  return { scope, rows: () => nestedLoop(left, right, ref.joinType, matches) };
}

/** The rows and columns of a FROM clause (comma-separated items are cross joined). */
export function buildSource(from: readonly TableRef[], services: SourceServices): Source {
  const [first, ...rest] = from;
  if (first === undefined) return DUAL;
  let source = tableSource(first, services);
  for (const ref of rest) {
    const left = source;
    const right = tableSource(ref, services);
    source = {
      scope: left.scope.concat(right.scope),
      rows: () => nestedLoop(left, right, 'CROSS', () => true),
    };
  }
  return source;
}
