// Binding a query with GROUP BY or aggregates. After grouping, a row holds the group keys followed by the
// aggregate results; expressions of the select list, HAVING and ORDER BY are compiled against that row:
// a GROUP BY expression (or column) becomes a key slot, an aggregate call an aggregate slot, and any other
// column reference is an error, as in Doris.
import { dorisError } from '../mysql/session-types.js';
import { type ColumnRef, childExpressions, type Expression } from '../sql/index.js';
import { type AggregateSpec, aggregateSpec } from './aggregates.js';
import type { CompileContext } from './compile-context.js';
import { compileExpr } from './compile-expression.js';
import { type Compiled, slot } from './compiled.js';
import type { ExprType } from './expr-type.js';
import { expressionName } from './expression-name.js';
import { isAggregateName } from './functions/registry.js';
import { type Clause, onlyMetricType, unknownColumn } from './query-errors.js';
import type { EvalEnvironment } from './relation.js';
import { rowContext, type SubqueryRunner } from './row-context.js';
import type { Scope, ScopeColumn } from './scope.js';

export function containsAggregate(expression: Expression): boolean {
  if (expression.kind === 'FunctionCall' && isAggregateName(expression.name)) return true;
  return childExpressions(expression).some(containsAggregate);
}

function notInOutput(names: readonly string[]): Error {
  return dorisError(`${names.join(', ')} not in aggregate's output`);
}

/** A structural key for matching an expression against GROUP BY expressions. */
function shapeKey(expression: Expression): string {
  return JSON.stringify(expression, (_key, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value,
  );
}

/** A GROUP BY item after resolving positions and aliases: a column of the input, or an expression. */
export type GroupKey =
  | { readonly kind: 'column'; readonly column: ScopeColumn }
  | { readonly kind: 'expression'; readonly expression: Expression };

export class Aggregation {
  /** Group keys compiled over input rows. */
  readonly keys: readonly Compiled[];
  /** Aggregates met while compiling the select list, HAVING and ORDER BY, in slot order. */
  readonly aggregates: AggregateSpec[] = [];
  private readonly aggregateSlots = new Map<string, Compiled>();
  private readonly keyByColumn = new Map<number, number>();
  private readonly keyByShape = new Map<string, number>();
  private readonly input: CompileContext;
  /** Non-grouped columns met while binding the select list (see bindSelectList). */
  private missing: string[] | undefined;

  constructor(
    keys: readonly GroupKey[],
    private readonly scope: Scope,
    private readonly env: EvalEnvironment,
    private readonly subquery: SubqueryRunner,
  ) {
    this.input = rowContext(scope, env, 'AGGREGATE', subquery);
    this.keys = keys.map((key, i) => {
      if (key.kind === 'column') {
        onlyMetricType(key.column.type);
        this.keyByColumn.set(key.column.index, i);
        return slot(key.column.type, key.column.index);
      }
      if (containsAggregate(key.expression)) {
        throw dorisError(
          `GROUP BY expression must not contain aggregate functions: ${expressionName(key.expression)}`,
        );
      }
      const compiled = compileExpr(key.expression, this.input);
      onlyMetricType(compiled.type);
      if (key.expression.kind === 'ColumnRef') {
        this.keyByColumn.set(this.scope.resolve(key.expression, 'AGGREGATE').index, i);
      } else {
        this.keyByShape.set(shapeKey(key.expression), i);
      }
      return compiled;
    });
  }

  get keyTypes(): ExprType[] {
    return this.keys.map((k) => k.type);
  }

  /** The slot of an input column, which must be a group key. */
  columnSlot(column: ScopeColumn): Compiled {
    const key = this.keyByColumn.get(column.index);
    if (key !== undefined) return slot(column.type, key);
    if (this.missing === undefined) throw notInOutput([column.name]);
    if (!this.missing.includes(column.name)) this.missing.push(column.name);
    // a placeholder: the statement fails once the whole select list has been bound
    return slot(column.type, 0);
  }

  /**
   * Binds the select list, reporting every non-grouped column at once as Doris does
   * (`k2, k3 not in aggregate's output`).
   */
  bindSelectList<T>(bind: () => T): T {
    this.missing = [];
    try {
      const result = bind();
      if (this.missing.length > 0) throw notInOutput(this.missing);
      return result;
    } finally {
      this.missing = undefined;
    }
  }

  private aggregateSlot(call: Expression & { kind: 'FunctionCall' }): Compiled {
    const shape = shapeKey(call);
    const known = this.aggregateSlots.get(shape);
    if (known !== undefined) return known;
    const args = call.args.map((a) => {
      if (containsAggregate(a)) throw dorisError(`aggregate function cannot contain aggregate parameters`);
      return compileExpr(a, this.input);
    });
    const spec = aggregateSpec(call, args);
    this.aggregates.push(spec);
    const compiled = slot(spec.type, this.keys.length + this.aggregates.length - 1);
    this.aggregateSlots.set(shape, compiled);
    return compiled;
  }

  /**
   * A context for expressions over grouped rows. With `aliases`, an unqualified name that is no input column
   * may name a select-list alias (HAVING and ORDER BY allow that).
   */
  context(clause: Clause, aliases?: ReadonlyMap<string, Expression>): CompileContext {
    const expanding = new Set<string>();
    const context: CompileContext = {
      env: this.env,
      subquery: this.subquery,
      intercept: (expression) => {
        if (expression.kind === 'FunctionCall' && isAggregateName(expression.name)) {
          return this.aggregateSlot(expression);
        }
        if (expression.kind === 'ColumnRef') return undefined;
        const key = this.keyByShape.get(shapeKey(expression));
        return key === undefined ? undefined : slot(this.keys[key]?.type ?? { kind: 'NULL' }, key);
      },
      column: (ref: ColumnRef) => {
        // a group key column first, then a select alias, and only then the error for a non-key column
        const found = this.scope.find(ref);
        const [only] = found;
        const key = found.length === 1 && only !== undefined ? this.keyByColumn.get(only.index) : undefined;
        if (only !== undefined && key !== undefined) return slot(only.type, key);
        const alias = ref.qualifier.length === 0 ? aliases?.get(ref.name.toLowerCase()) : undefined;
        if (alias !== undefined && !expanding.has(ref.name.toLowerCase())) {
          expanding.add(ref.name.toLowerCase());
          try {
            return compileExpr(alias, context);
          } finally {
            expanding.delete(ref.name.toLowerCase());
          }
        }
        if (found.length === 0) throw unknownColumn(ref.name, ref.qualifier, clause);
        return this.columnSlot(this.scope.resolve(ref, clause));
      },
      aggregate: (call) => this.aggregateSlot(call),
    };
    return context;
  }
}
