// The select list after expanding `*` and `t.*`, with each column's result name, and the resolution of
// GROUP BY / ORDER BY items that name a select-list position or alias.
import { dorisError } from '../mysql/session-types.js';
import type { ColumnRef, Expression, SelectItem } from '../sql/index.js';
import type { GroupKey } from './aggregation.js';
import { expressionName } from './expression-name.js';
import type { Scope, ScopeColumn } from './scope.js';

export type OutputItem =
  | { readonly kind: 'column'; readonly name: string; readonly column: ScopeColumn }
  | {
      readonly kind: 'expression';
      readonly name: string;
      readonly expression: Expression;
      readonly alias?: string;
    };

/** Result names use the column's own spelling from the schema, as Doris's slot names do. */
export function columnNamer(scope: Scope): (ref: ColumnRef) => string {
  return (ref) => scope.find(ref)[0]?.name ?? ref.name;
}

export function expandItems(items: readonly SelectItem[], scope: Scope): OutputItem[] {
  const namer = columnNamer(scope);
  return items.flatMap((item): OutputItem[] => {
    if (item.kind === 'StarSelectItem') {
      if (scope.columns.length === 0) throw dorisError('No tables used');
      return scope.star(item.qualifier).map((column) => ({ kind: 'column', name: column.name, column }));
    }
    const name = item.alias ?? expressionName(item.expression, namer);
    return item.alias === undefined
      ? [{ kind: 'expression', name, expression: item.expression }]
      : [{ kind: 'expression', name, expression: item.expression, alias: item.alias }];
  });
}

/** Explicit aliases of the select list, by lower-case name (the first one wins). */
export function aliasMap(items: readonly OutputItem[]): Map<string, Expression> {
  const map = new Map<string, Expression>();
  for (const item of items) {
    if (item.kind === 'expression' && item.alias !== undefined && !map.has(item.alias.toLowerCase())) {
      map.set(item.alias.toLowerCase(), item.expression);
    }
  }
  return map;
}

/** A select-list position (`GROUP BY 1`, `ORDER BY 2`), 0-based, or undefined if `expression` is none. */
export function position(
  expression: Expression,
  items: readonly OutputItem[],
  clause: string,
): number | undefined {
  if (expression.kind !== 'IntegerLiteral') return undefined;
  const index = Number(expression.value) - 1;
  if (index < 0 || index >= items.length)
    throw dorisError(`Unknown column '${expression.value}' in '${clause}'`);
  return index;
}

/**
 * A GROUP BY item: a position names a select item; an unqualified name that is no input column may name
 * a select alias (an input column of the same name wins, as in MySQL).
 */
export function groupKeyOf(
  expression: Expression,
  items: readonly OutputItem[],
  scope: Scope,
  aliases: ReadonlyMap<string, Expression>,
): GroupKey {
  const index = position(expression, items, 'group statement');
  if (index !== undefined) {
    const item = items[index];
    if (item === undefined) throw dorisError(`Unknown column '${index + 1}' in 'group statement'`);
    return item.kind === 'column'
      ? { kind: 'column', column: item.column }
      : { kind: 'expression', expression: item.expression };
  }
  if (
    expression.kind === 'ColumnRef' &&
    expression.qualifier.length === 0 &&
    scope.find(expression).length === 0
  ) {
    const alias = aliases.get(expression.name.toLowerCase());
    if (alias !== undefined) return { kind: 'expression', expression: alias };
  }
  return { kind: 'expression', expression };
}
