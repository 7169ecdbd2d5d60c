import type { Expression } from './expression.js';

export type VariableScope = 'SESSION' | 'GLOBAL' | 'USER';

/**
 * One `name = value` of SET. A bare word as value (`ON`, `utf8mb4`) is a `ColumnRef` without qualifier;
 * `DEFAULT` is a `DefaultMarker`.
 */
export interface VariableAssignment {
  readonly scope: VariableScope;
  readonly name: string;
  readonly value: Expression;
}

/** `SET [GLOBAL|SESSION|LOCAL] a = 1, @@b = 2, @u = 3`. */
export interface SetVariablesStatement {
  readonly kind: 'SetVariablesStatement';
  readonly assignments: readonly VariableAssignment[];
}

/** `SET NAMES charset [COLLATE collation]` / `SET NAMES DEFAULT` (charset `DEFAULT`). */
export interface SetNamesStatement {
  readonly kind: 'SetNamesStatement';
  readonly charset: string;
  readonly collation?: string;
}
