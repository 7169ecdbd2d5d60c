// The columns visible to an expression: the FROM clause's columns, each with the name of the relation (or
// alias) that qualifies it and its position in the row. Column names match case-insensitively, as in Doris.

import { dorisError } from '../mysql/session-types.js';
import type { ColumnRef } from '../sql/index.js';
import type { ExprType } from './expr-type.js';
import { type Clause, unknownColumn } from './query-errors.js';
import type { RelationColumn } from './relation.js';

export interface ScopeColumn {
  readonly name: string;
  readonly type: ExprType;
  /** The relation name or alias that qualifies the column; undefined when any qualifier is accepted. */
  readonly qualifier: string | undefined;
  /** Position of the column's value in the row. */
  readonly index: number;
}

function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

export class Scope {
  constructor(readonly columns: readonly ScopeColumn[]) {}

  static of(
    qualifier: string | undefined,
    columns: readonly (RelationColumn | { readonly name: string; readonly type: ExprType })[],
  ): Scope {
    return new Scope(columns.map((c, index) => ({ name: c.name, type: c.type, qualifier, index })));
  }

  /** The columns of this scope followed by those of `right`, whose rows are appended to this scope's rows. */
  concat(right: Scope): Scope {
    const offset = this.columns.length;
    return new Scope([...this.columns, ...right.columns.map((c) => ({ ...c, index: c.index + offset }))]);
  }

  /** Every column `ref` can mean. Only the last part of a qualifier (the table) is compared. */
  find(ref: ColumnRef): ScopeColumn[] {
    const table = ref.qualifier[ref.qualifier.length - 1];
    return this.columns.filter(
      (c) =>
        sameName(c.name, ref.name) &&
        (table === undefined || c.qualifier === undefined || sameName(c.qualifier, table)),
    );
  }

  /**
   * The column `ref` names.
   *
   * @throws SqlError `Unknown column …` when nothing matches, `… is ambiguous …` when several do.
   */
  resolve(ref: ColumnRef, clause?: Clause): ScopeColumn {
    const found = this.find(ref);
    const [first, second] = found;
    if (first === undefined) throw unknownColumn(ref.name, ref.qualifier, clause);
    if (second !== undefined) {
      const names = found.map((c) => (c.qualifier === undefined ? c.name : `${c.qualifier}.${c.name}`));
      throw dorisError(`${[...ref.qualifier, ref.name].join('.')} is ambiguous: ${names.join(', ')}.`);
    }
    return first;
  }

  /** The columns `*` or `t.*` stands for. */
  star(qualifier: readonly string[]): ScopeColumn[] {
    const table = qualifier[qualifier.length - 1];
    if (table === undefined) return [...this.columns];
    const found = this.columns.filter((c) => c.qualifier === undefined || sameName(c.qualifier, table));
    if (found.length === 0) throw dorisError(`unknown qualifier: ${qualifier.join('.')}`);
    return found;
  }
}
