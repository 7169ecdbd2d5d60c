import type { Property } from './names.js';

export interface CreateDatabaseStatement {
  readonly kind: 'CreateDatabaseStatement';
  readonly ifNotExists: boolean;
  readonly database: string;
  readonly properties: readonly Property[];
}

export interface DropDatabaseStatement {
  readonly kind: 'DropDatabaseStatement';
  readonly ifExists: boolean;
  readonly database: string;
  readonly force: boolean;
}

/** `ALTER DATABASE db SET PROPERTIES ("k" = "v", …)`. */
export interface AlterDatabasePropertiesStatement {
  readonly kind: 'AlterDatabasePropertiesStatement';
  readonly database: string;
  readonly properties: readonly Property[];
}

/** `USE db` / `USE catalog.db`. */
export interface UseStatement {
  readonly kind: 'UseStatement';
  readonly catalog?: string;
  readonly database: string;
}
