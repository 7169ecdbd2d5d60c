import type { Expression } from './expression.js';
import type { TableName } from './names.js';

/** `expr [AS alias]`. */
export interface ExpressionSelectItem {
  readonly kind: 'ExpressionSelectItem';
  readonly expression: Expression;
  readonly alias?: string;
}

/** `*` or `t.*` (`qualifier` holds `t`, or `db`, `t`). */
export interface StarSelectItem {
  readonly kind: 'StarSelectItem';
  readonly qualifier: readonly string[];
}

export type SelectItem = ExpressionSelectItem | StarSelectItem;

/** A table or view in FROM, optionally restricted to partitions: `db.t [PARTITION (p1)] [AS] a`. */
export interface NamedTableRef {
  readonly kind: 'NamedTableRef';
  readonly name: TableName;
  readonly partitions?: readonly string[];
  readonly temporaryPartitions: boolean;
  readonly alias?: string;
}

/** A table-valued function such as `frontends()` or `backends()`. */
export interface TableFunctionRef {
  readonly kind: 'TableFunctionRef';
  readonly name: string;
  readonly args: readonly Expression[];
  readonly alias?: string;
}

/** `(SELECT …) [AS] alias`. */
export interface SubqueryRef {
  readonly kind: 'SubqueryRef';
  readonly query: SelectStatement;
  readonly alias?: string;
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';

/** `left [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN right [ON cond | USING (cols)]`. */
export interface JoinRef {
  readonly kind: 'JoinRef';
  readonly joinType: JoinType;
  readonly left: TableRef;
  readonly right: TableRef;
  readonly on?: Expression;
  readonly using?: readonly string[];
}

export type TableRef = NamedTableRef | TableFunctionRef | SubqueryRef | JoinRef;

export interface OrderByItem {
  readonly expression: Expression;
  readonly direction: 'ASC' | 'DESC';
  /** Set only when `NULLS FIRST|LAST` is written. */
  readonly nulls?: 'FIRST' | 'LAST';
}

/** `LIMIT count [OFFSET offset]` or `LIMIT offset, count`. */
export interface LimitClause {
  readonly count: bigint;
  readonly offset?: bigint;
}

/**
 * A query. `from` lists the comma-separated table refs (empty for `SELECT 1`); joins nest inside refs.
 */
export interface SelectStatement {
  readonly kind: 'SelectStatement';
  readonly distinct: boolean;
  readonly items: readonly SelectItem[];
  readonly from: readonly TableRef[];
  readonly where?: Expression;
  readonly groupBy: readonly Expression[];
  readonly having?: Expression;
  readonly orderBy: readonly OrderByItem[];
  readonly limit?: LimitClause;
}
