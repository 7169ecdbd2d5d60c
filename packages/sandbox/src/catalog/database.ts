// A database of the FE catalog: its properties and tables (OLAP tables and views), looked up by id or name.
import type { TableObject } from './table.js';

export interface Database {
  readonly id: bigint;
  readonly name: string;
  readonly properties: Map<string, string>;
  readonly tables: Map<bigint, TableObject>;
  readonly createTime: number;
}

export function tableByName(db: Database, name: string): TableObject | undefined {
  // Table names are case-sensitive in Doris by default (lower_case_table_names = 0).
  for (const table of db.tables.values()) if (table.name === name) return table;
  return undefined;
}
