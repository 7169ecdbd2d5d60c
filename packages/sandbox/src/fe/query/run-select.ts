// Running a SELECT to typed rows: FROM → WHERE → GROUP BY/aggregates → HAVING → select list → DISTINCT →
// ORDER BY → LIMIT. Rows stream from the relation through WHERE into the aggregates or the output; only
// ORDER BY buffers rows (DISTINCT keeps the keys it has seen), and without ORDER BY a LIMIT stops the scan.
// A statement's own SELECT runs through runSelectAsync: a large table's scan then pauses between slices
// (Relation.pausableRows) and the event loop gets a turn, so an aggregate over millions of rows never stops
// the sandbox's servers; subqueries and views run synchronously.
import type { Expression, SelectStatement } from '../sql/index.js';
import type { Accumulator } from './aggregates.js';
import { Aggregation, containsAggregate } from './aggregation.js';
import type { CompileContext, SubqueryResult } from './compile-context.js';
import { compileExpr } from './compile-expression.js';
import { type Compiled, slot } from './compiled.js';
import { buildSource, type Source, type SourceServices } from './from-clause.js';
import { limitWindow, type SortEntry, type SortKey, sortEntries } from './ordering.js';
import { onlyMetricType } from './query-errors.js';
import { type EvalEnvironment, PAUSE, type Pause, type RelationResolver } from './relation.js';
import { rowContext } from './row-context.js';
import type { Scope } from './scope.js';
import { aliasMap, expandItems, groupKeyOf, type OutputItem, position } from './select-items.js';
import { type Evaluator, rowKey, truth, type Value } from './values.js';

/** What the pipeline runs once everything is compiled. */
interface Plan {
  /** Rows the select list is evaluated on: filtered input rows, or grouped rows (with pauses if asked). */
  readonly stageRows: () => Iterable<readonly Value[] | Pause>;
  readonly outputs: readonly Compiled[];
  readonly having: Evaluator | undefined;
  readonly sortKeys: readonly SortKey[];
}

function passes(condition: Evaluator, row: readonly Value[]): boolean {
  const v = condition(row);
  return v === true || (v !== false && truth(v) === true);
}

function* filtered(
  source: Source,
  where: Evaluator | undefined,
  pausable: boolean,
): Iterable<readonly Value[] | Pause> {
  const rows = pausable && source.pausableRows ? source.pausableRows() : source.rows();
  if (where === undefined) {
    yield* rows;
    return;
  }
  for (const row of rows) if (row === PAUSE || passes(where, row)) yield row;
}

function* grouped(
  source: Source,
  where: Evaluator | undefined,
  aggregation: Aggregation,
  pausable: boolean,
): Iterable<Value[] | Pause> {
  const specs = aggregation.aggregates;
  const keys = aggregation.keys.map((k) => k.evaluate);
  if (keys.length === 0) {
    // one group, even over no rows: COUNT gives 0 and the other aggregates NULL
    if (where === undefined && source.count !== undefined && specs.every((s) => s.countStar)) {
      const n = source.count();
      yield specs.map(() => n);
      return;
    }
    const accumulators = specs.map((s) => s.create());
    for (const row of filtered(source, where, pausable)) {
      if (row === PAUSE) yield PAUSE;
      else for (const a of accumulators) a.add(row);
    }
    yield accumulators.map((a) => a.result());
    return;
  }
  const keyTypes = aggregation.keyTypes;
  const groups = new Map<string, { keys: Value[]; accumulators: Accumulator[] }>();
  for (const row of filtered(source, where, pausable)) {
    if (row === PAUSE) {
      yield PAUSE;
      continue;
    }
    const values = keys.map((k) => k(row));
    const key = rowKey(keyTypes, values);
    let group = groups.get(key);
    if (group === undefined) {
      group = { keys: values, accumulators: specs.map((s) => s.create()) };
      groups.set(key, group);
    }
    for (const a of group.accumulators) a.add(row);
  }
  for (const group of groups.values()) yield [...group.keys, ...group.accumulators.map((a) => a.result())];
}

/** Lets an unqualified name that is no input column mean a select alias (HAVING and ORDER BY). */
function withAliases(
  ctx: CompileContext,
  scope: Scope,
  aliases: ReadonlyMap<string, Expression>,
): CompileContext {
  const expanding = new Set<string>();
  const context: CompileContext = {
    ...ctx,
    column: (ref) => {
      const alias = ref.qualifier.length === 0 ? aliases.get(ref.name.toLowerCase()) : undefined;
      const name = ref.name.toLowerCase();
      if (alias === undefined || scope.find(ref).length > 0 || expanding.has(name)) return ctx.column(ref);
      expanding.add(name);
      try {
        return compileExpr(alias, context);
      } finally {
        expanding.delete(name);
      }
    },
  };
  return context;
}

/**
 * ORDER BY items: a position or a select alias sorts by that output column; anything else is compiled in
 * the stage context (over input rows, or over grouped rows).
 */
function sortKeysOf(
  stmt: SelectStatement,
  items: readonly OutputItem[],
  outputs: readonly Compiled[],
  stage: CompileContext,
): SortKey[] {
  return stmt.orderBy.map((item): SortKey => {
    const e = item.expression;
    let index = position(e, items, 'order clause');
    if (index === undefined && e.kind === 'ColumnRef' && e.qualifier.length === 0) {
      const named = items.findIndex(
        (o) => o.kind === 'expression' && o.alias?.toLowerCase() === e.name.toLowerCase(),
      );
      if (named >= 0) index = named;
    }
    if (index !== undefined) {
      const at = index;
      onlyMetricType(outputs[at]?.type ?? { kind: 'NULL' });
      return {
        item,
        type: outputs[at]?.type ?? { kind: 'NULL' },
        evaluate: (_input, output) => output[at] ?? null,
      };
    }
    const compiled = compileExpr(e, stage);
    onlyMetricType(compiled.type);
    const evaluate = compiled.evaluate;
    return { item, type: compiled.type, evaluate: (input) => evaluate(input) };
  });
}

function isAggregated(stmt: SelectStatement, items: readonly OutputItem[]): boolean {
  return (
    stmt.groupBy.length > 0 ||
    items.some((i) => i.kind === 'expression' && containsAggregate(i.expression)) ||
    (stmt.having !== undefined && containsAggregate(stmt.having)) ||
    stmt.orderBy.some((o) => containsAggregate(o.expression))
  );
}

function plainPlan(
  stmt: SelectStatement,
  items: readonly OutputItem[],
  source: Source,
  where: Evaluator | undefined,
  services: SourceServices,
  pausable: boolean,
): Plan {
  const { scope } = source;
  const aliases = aliasMap(items);
  const project = rowContext(scope, services.env, 'PROJECT', services.subquery);
  const outputs = items.map((item) =>
    item.kind === 'column'
      ? slot(item.column.type, item.column.index)
      : compileExpr(item.expression, project),
  );
  const havingContext = withAliases(
    rowContext(scope, services.env, 'HAVING', services.subquery),
    scope,
    aliases,
  );
  const having = stmt.having === undefined ? undefined : compileExpr(stmt.having, havingContext).evaluate;
  const sortContext = withAliases(rowContext(scope, services.env, 'SORT', services.subquery), scope, aliases);
  return {
    stageRows: () => filtered(source, where, pausable),
    outputs,
    having,
    sortKeys: sortKeysOf(stmt, items, outputs, sortContext),
  };
}

function aggregatedPlan(
  stmt: SelectStatement,
  items: readonly OutputItem[],
  source: Source,
  where: Evaluator | undefined,
  services: SourceServices,
  pausable: boolean,
): Plan {
  const { scope } = source;
  const aliases = aliasMap(items);
  const keys = stmt.groupBy.map((g) => groupKeyOf(g, items, scope, aliases));
  const aggregation = new Aggregation(keys, scope, services.env, services.subquery);
  const project = aggregation.context('PROJECT');
  const outputs = aggregation.bindSelectList(() =>
    items.map((item) =>
      item.kind === 'column' ? aggregation.columnSlot(item.column) : compileExpr(item.expression, project),
    ),
  );
  const having =
    stmt.having === undefined
      ? undefined
      : compileExpr(stmt.having, aggregation.context('HAVING', aliases)).evaluate;
  const sortKeys = sortKeysOf(stmt, items, outputs, aggregation.context('SORT', aliases));
  // compiling the clauses above registered every aggregate, so the scan can start
  return { stageRows: () => grouped(source, where, aggregation, pausable), outputs, having, sortKeys };
}

/** The output rows; yields PAUSE where the scan paused. */
function* execute(plan: Plan, stmt: SelectStatement): Generator<Pause, Value[][]> {
  const { offset, count } = limitWindow(stmt.limit);
  if (count === 0) return [];
  const types = plan.outputs.map((o) => o.type);
  const evaluators = plan.outputs.map((o) => o.evaluate);
  const seen = stmt.distinct ? new Set<string>() : undefined;
  const buffer: SortEntry[] | undefined = plan.sortKeys.length > 0 ? [] : undefined;
  const rows: Value[][] = [];
  let skipped = 0;
  for (const row of plan.stageRows()) {
    if (row === PAUSE) {
      yield PAUSE;
      continue;
    }
    if (plan.having !== undefined && !passes(plan.having, row)) continue;
    const output = evaluators.map((e) => e(row));
    if (seen !== undefined) {
      const key = rowKey(types, output);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (buffer !== undefined) {
      buffer.push({ output, keys: plan.sortKeys.map((k) => k.evaluate(row, output)) });
      continue;
    }
    if (skipped < offset) {
      skipped++;
      continue;
    }
    rows.push(output);
    if (rows.length >= count) break;
  }
  if (buffer === undefined) return rows;
  sortEntries(buffer, plan.sortKeys);
  return buffer.slice(offset, offset + count).map((e) => [...e.output]);
}

export type SelectResult = SubqueryResult;

interface Prepared {
  readonly names: string[];
  readonly plan: Plan;
}

function prepare(
  stmt: SelectStatement,
  resolver: RelationResolver,
  env: EvalEnvironment,
  pausable: boolean,
): Prepared {
  const services: SourceServices = { resolver, env, subquery: (query) => runSelect(query, resolver, env) };
  const source = buildSource(stmt.from, services);
  const items = expandItems(stmt.items, source.scope);
  const where =
    stmt.where === undefined
      ? undefined
      : compileExpr(stmt.where, rowContext(source.scope, env, 'FILTER', services.subquery)).evaluate;
  const plan = isAggregated(stmt, items)
    ? aggregatedPlan(stmt, items, source, where, services, pausable)
    : plainPlan(stmt, items, source, where, services, pausable);
  return { names: items.map((i) => i.name), plan };
}

/** Runs a SELECT to result names, types and typed rows. @throws SqlError as Doris would report the query. */
export function runSelect(
  stmt: SelectStatement,
  resolver: RelationResolver,
  env: EvalEnvironment,
): SubqueryResult {
  const { names, plan } = prepare(stmt, resolver, env, false);
  const steps = execute(plan, stmt);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return { names, types: plan.outputs.map((o) => o.type), rows: step.value };
}

/** runSelect for a statement of its own: gives the event loop a turn wherever a large scan pauses. */
export async function runSelectAsync(
  stmt: SelectStatement,
  resolver: RelationResolver,
  env: EvalEnvironment,
): Promise<SubqueryResult> {
  const { names, plan } = prepare(stmt, resolver, env, true);
  const steps = execute(plan, stmt);
  let step = steps.next();
  while (!step.done) {
    await new Promise((resolve) => setImmediate(resolve));
    step = steps.next();
  }
  return { names, types: plan.outputs.map((o) => o.type), rows: step.value };
}
