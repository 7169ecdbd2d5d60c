// SELECT from a view: the stored definition runs through the query engine and its rows become a relation
// with the view's column names. The definition's tables are read without checking the caller's privileges
// on them (the caller's SELECT on the view is what Doris checks).
import type { View } from '../../../catalog/table.js';
import type { StoredValue } from '../../../types/doris-type.js';
import { dorisError } from '../../mysql/session-types.js';
import { type Relation, type RelationResolver, runSelect } from '../../query/index.js';
import { parseStatement } from '../../sql/index.js';
import { evalEnvironment } from '../eval-environment.js';
import type { ExecContext } from '../exec-context.js';

/** Views being expanded right now (execution is synchronous): a cycle would otherwise recurse forever. */
const expanding = new Set<bigint>();

export function viewRelation(ctx: ExecContext, view: View, resolver: RelationResolver): Relation {
  if (expanding.has(view.id)) throw dorisError(`Recursive view definition: ${view.name}`);
  const statement = parseStatement(view.definition);
  if (statement.kind !== 'SelectStatement') throw dorisError(`view ${view.name} has no SELECT definition`);
  expanding.add(view.id);
  let result: ReturnType<typeof runSelect>;
  try {
    result = runSelect(statement, resolver, evalEnvironment(ctx));
  } finally {
    expanding.delete(view.id);
  }
  const rows = result.rows.map((row) =>
    row.map((v): StoredValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v)),
  );
  return {
    name: view.name,
    columns: result.types.map((type, i) => ({
      name: view.columns[i]?.name ?? result.names[i] ?? `_col${i}`,
      // A column of NULLs has no storable type; any type reads NULL the same way.
      type: type.kind === 'NULL' ? { kind: 'TINYINT' } : type,
      nullable: true,
    })),
    rows: () => rows,
    count: () => rows.length,
  };
}
