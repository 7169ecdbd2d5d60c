// Glue between executors/BEs and the query engine: constant evaluation for INSERT values, the SELECT of
// INSERT … SELECT, and delete predicates (SQL text) compiled for BEs.
import type { PredicateCompiler } from '../be/tablet-schema.js';
import { catalogResolver } from './exec/catalog-relations.js';
import { evalEnvironment } from './exec/eval-environment.js';
import type { InsertHooks } from './exec/insert-exec.js';
import { dorisError } from './mysql/session-types.js';
import { evaluateConstant, executeSelect, predicateFromSql, toValueInput } from './query/index.js';

export const queryHooks: InsertHooks = {
  evalConstant(ctx, expr) {
    const result = evaluateConstant(expr, evalEnvironment(ctx));
    if (!result) throw dorisError('INSERT VALUES only accepts constant expressions');
    return toValueInput(result);
  },
  selectRows(ctx, stmt) {
    if (stmt.source.kind !== 'QuerySource') return [];
    const result = executeSelect(stmt.source.query, catalogResolver(ctx), evalEnvironment(ctx));
    return result.rows.map((r) => [...r]);
  },
};

const staticEnv = {
  currentDatabase: undefined,
  currentUser: 'root',
  get nowMs() {
    return Date.now();
  },
  variable: () => undefined,
};

export const compileDeletePredicate: PredicateCompiler = (sql, columns) => {
  const relationColumns = columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable }));
  const test = predicateFromSql(sql, relationColumns, staticEnv);
  return (row) => test(relationColumns.map((c) => (row.get(c.name) ?? null) as never));
};
