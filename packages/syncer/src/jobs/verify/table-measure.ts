// Measures one table on one cluster: its shape first — partitions (SHOW PARTITIONS) and columns (SHOW
// COLUMNS) — then the row count and checksum of each partition (checksum-sql.ts), the only part that has
// to fall between two reads of the source's commit seq. A table the cluster does not have is reported as
// missing rather than as an error: on the target that is a difference to show.
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

/** A table's partitions and columns, read before the measurement (they change only by DDL). */
export type TableShape =
  | {
      readonly kind: 'table';
      readonly partitions: readonly string[];
      readonly columns: readonly TableColumn[];
    }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'failed'; readonly error: string };

export async function tableShape(sql: SqlAccess, db: string, table: string): Promise<TableShape> {
  try {
    const partitions = await sql.query(`SHOW PARTITIONS FROM ${quoteQualified(db, table)}`);
    const described = await sql.query(`SHOW COLUMNS FROM ${quoteQualified(db, table)}`);
    return {
      kind: 'table',
      partitions: partitions.map((r) => text(r.PartitionName)),
      columns: described.map((r) => ({ name: text(r.Field), type: text(r.Type) })),
    };
  } catch (error) {
    const message = (error as Error).message;
    if (NO_TABLE.test(message)) return { kind: 'missing', reason: message };
    return { kind: 'failed', error: message };
  }
}

/** The row count and checksum of every partition of a table of that shape. */
export async function measureTable(
  sql: SqlAccess,
  db: string,
  table: string,
  shape: TableShape,
): Promise<TableFigures> {
  if (shape.kind !== 'table') return shape;
  const { hashed, skipped } = hashableColumns(shape.columns);
  const figures = new Map<string, PartitionFigures>();
  try {
    for (const partition of shape.partitions) {
      const [row] = await sql.query(partitionChecksumSql(db, table, partition, hashed));
      const checksum = text(row?.[CHECKSUM_COLUMN]);
      figures.set(partition, {
        rows: Number(text(row?.[ROWS_COLUMN]) || 0),
        checksum: checksum === '' ? '0' : BigInt(checksum).toString(),
      });
    }
  } catch (error) {
    const message = (error as Error).message;
    // Dropped (or a partition dropped) since its shape was read: measured again in the next round.
    if (NO_TABLE.test(message)) return { kind: 'missing', reason: message };
    return { kind: 'failed', error: message };
  }
  return { kind: 'measured', partitions: figures, skippedColumns: skipped };
}
