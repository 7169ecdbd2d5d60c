/** A possibly qualified table (or view) name: `tbl`, `db.tbl` or `catalog.db.tbl`, as written. */
export interface TableName {
  readonly catalog?: string;
  readonly database?: string;
  readonly table: string;
}

/** One `"key" = "value"` entry of a PROPERTIES list, in source order. */
export interface Property {
  readonly key: string;
  readonly value: string;
}

/** `'user'@'host'`; `host` is `%` when the statement names no host. */
export interface UserIdentity {
  readonly user: string;
  readonly host: string;
}
