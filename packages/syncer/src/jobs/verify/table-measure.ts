// Measures one table on one cluster: its partitions (SHOW PARTITIONS), its columns (SHOW COLUMNS), then
// the row count and checksum of each partition (checksum-sql.ts). A table the cluster does not have is
// reported as missing rather than as an error: on the target that is a difference to show.
import { quoteQualified } from '../../clients/sql-quote.js';
import type { SqlAccess } from '../cluster-access.js';
import {
  CHECKSUM_COLUMN,
  hashableColumns,
  partitionChecksumSql,
  ROWS_COLUMN,
  type TableColumn,
} from './checksum-sql.js';

export interface PartitionFigures {
  readonly rows: number;
  /** Decimal text of the LARGEINT sum; '0' for an empty partition. */
  readonly checksum: string;
}

export type TableFigures =
  | {
      readonly kind: 'measured';
      /** By partition name, in SHOW PARTITIONS order. */
      readonly partitions: ReadonlyMap<string, PartitionFigures>;
      readonly skippedColumns: readonly string[];
    }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'failed'; readonly error: string };

/** Doris's answers for a table that does not exist (SHOW PARTITIONS / SHOW COLUMNS). */
const NO_TABLE = /does not exist|doesn't exist|unknown table|not exists?\b/i;

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export async function measureTable(sql: SqlAccess, db: string, table: string): Promise<TableFigures> {
  let partitionNames: string[];
  let columns: TableColumn[];
  try {
    const partitions = await sql.query(`SHOW PARTITIONS FROM ${quoteQualified(db, table)}`);
    partitionNames = partitions.map((r) => text(r.PartitionName));
    const described = await sql.query(`SHOW COLUMNS FROM ${quoteQualified(db, table)}`);
    columns = described.map((r) => ({ name: text(r.Field), type: text(r.Type) }));
  } catch (error) {
    const message = (error as Error).message;
    if (NO_TABLE.test(message)) return { kind: 'missing', reason: message };
    return { kind: 'failed', error: message };
  }
  const { hashed, skipped } = hashableColumns(columns);
  const figures = new Map<string, PartitionFigures>();
  try {
    for (const partition of partitionNames) {
      const [row] = await sql.query(partitionChecksumSql(db, table, partition, hashed));
      const checksum = text(row?.[CHECKSUM_COLUMN]);
      figures.set(partition, {
        rows: Number(text(row?.[ROWS_COLUMN]) || 0),
        checksum: checksum === '' ? '0' : BigInt(checksum).toString(),
      });
    }
  } catch (error) {
    return { kind: 'failed', error: (error as Error).message };
  }
  return { kind: 'measured', partitions: figures, skippedColumns: skipped };
}
