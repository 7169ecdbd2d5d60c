import type { DataType } from './data-type.js';
import type { SelectStatement } from './select.js';

/** An integer literal. Kept as a bigint so that values beyond 2^53 stay exact. */
export interface IntegerLiteral {
  readonly kind: 'IntegerLiteral';
  readonly value: bigint;
}

/** A decimal or exponent literal, kept as the text written (`-12.50`, `1e10`) to avoid precision loss. */
export interface DecimalLiteral {
  readonly kind: 'DecimalLiteral';
  readonly text: string;
}

export interface StringLiteral {
  readonly kind: 'StringLiteral';
  readonly value: string;
}

export interface BooleanLiteral {
  readonly kind: 'BooleanLiteral';
  readonly value: boolean;
}

export interface NullLiteral {
  readonly kind: 'NullLiteral';
}

/** The `DEFAULT` keyword used as a value (`INSERT … VALUES (DEFAULT)`, `SET x = DEFAULT`). */
export interface DefaultMarker {
  readonly kind: 'DefaultMarker';
}

/** `col`, `t.col`, `db.t.col`, `catalog.db.t.col`; `qualifier` holds the leading parts as written. */
export interface ColumnRef {
  readonly kind: 'ColumnRef';
  readonly qualifier: readonly string[];
  readonly name: string;
}

/** `@@name`, `@@session.name`, `@@global.name` or the user variable `@name`. */
export interface VariableRef {
  readonly kind: 'VariableRef';
  readonly scope: 'SYSTEM' | 'SESSION' | 'GLOBAL' | 'USER';
  readonly name: string;
}

export type UnaryOperator = '-' | '+' | 'NOT' | '~';

export interface UnaryExpression {
  readonly kind: 'UnaryExpression';
  readonly operator: UnaryOperator;
  readonly operand: Expression;
}

/** Binary operators; `!=` is folded into `<>`, `&&` into `AND`, `||` into `OR`. */
export type BinaryOperator =
  | 'OR'
  | 'AND'
  | '='
  | '<=>'
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | 'DIV';

export interface BinaryExpression {
  readonly kind: 'BinaryExpression';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/** `expr [NOT] IN (a, b, …)`. */
export interface InListExpression {
  readonly kind: 'InListExpression';
  readonly operand: Expression;
  readonly list: readonly Expression[];
  readonly negated: boolean;
}

/** `expr [NOT] IN (SELECT …)`. */
export interface InSubqueryExpression {
  readonly kind: 'InSubqueryExpression';
  readonly operand: Expression;
  readonly query: SelectStatement;
  readonly negated: boolean;
}

export interface BetweenExpression {
  readonly kind: 'BetweenExpression';
  readonly operand: Expression;
  readonly low: Expression;
  readonly high: Expression;
  readonly negated: boolean;
}

export interface LikeExpression {
  readonly kind: 'LikeExpression';
  readonly operand: Expression;
  readonly pattern: Expression;
  readonly escape?: Expression;
  readonly negated: boolean;
}

/** `expr IS [NOT] NULL`. */
export interface IsNullExpression {
  readonly kind: 'IsNullExpression';
  readonly operand: Expression;
  readonly negated: boolean;
}

/**
 * A function call. `name` is as written; `star` marks `COUNT(*)` (then `args` is empty), `distinct`
 * marks `COUNT(DISTINCT …)` and friends. Niladic keywords (`CURRENT_TIMESTAMP`) become calls without args.
 */
export interface FunctionCall {
  readonly kind: 'FunctionCall';
  readonly name: string;
  readonly args: readonly Expression[];
  readonly distinct: boolean;
  readonly star: boolean;
}

/** `CAST(expr AS type)`; typed literals such as `DATE '2024-01-01'` are parsed into a cast as well. */
export interface CastExpression {
  readonly kind: 'CastExpression';
  readonly operand: Expression;
  readonly type: DataType;
}

/** One `WHEN condition THEN result` branch. */
export interface CaseWhen {
  readonly condition: Expression;
  readonly result: Expression;
}

/** `CASE [operand] WHEN … THEN … [ELSE …] END`. */
export interface CaseExpression {
  readonly kind: 'CaseExpression';
  readonly operand?: Expression;
  readonly whens: readonly CaseWhen[];
  readonly else?: Expression;
}

/** A parenthesised `SELECT` used as a value. */
export interface ScalarSubquery {
  readonly kind: 'ScalarSubquery';
  readonly query: SelectStatement;
}

export interface ExistsExpression {
  readonly kind: 'ExistsExpression';
  readonly query: SelectStatement;
  readonly negated: boolean;
}

export type Expression =
  | IntegerLiteral
  | DecimalLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | DefaultMarker
  | ColumnRef
  | VariableRef
  | UnaryExpression
  | BinaryExpression
  | InListExpression
  | InSubqueryExpression
  | BetweenExpression
  | LikeExpression
  | IsNullExpression
  | FunctionCall
  | CastExpression
  | CaseExpression
  | ScalarSubquery
  | ExistsExpression;

export type ExpressionKind = Expression['kind'];
