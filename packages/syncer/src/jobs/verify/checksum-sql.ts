// The SQL that measures one partition of a table on either cluster: its row count and an order-independent
// checksum, the sum of a 64-bit hash of every row. A sum (unlike XOR) counts duplicate rows instead of
// cancelling them. murmur_hash3_64 takes strings (Doris casts other types) and chains its arguments, each
// hashed with the previous result as seed, so column boundaries count; a NULL argument makes the whole
// hash NULL, hence each column reads as 'v' + its text or 'n' for NULL. Hashes are BIGINT; their sum is
// taken as LARGEINT, which holds the sum of 2^64 rows without overflowing.
import { quoteIdent, quoteQualified } from '../../clients/sql-quote.js';

export interface TableColumn {
  readonly name: string;
  /** The type as SHOW COLUMNS writes it. */
  readonly type: string;
}

/** Types Doris cannot cast to text: left out of the checksum (and named in the answer). */
const OPAQUE_TYPES = /^(hll|bitmap|quantile_state|agg_state)\b/i;

export function hashableColumns(columns: readonly TableColumn[]): {
  hashed: TableColumn[];
  skipped: string[];
} {
  const hashed = columns.filter((c) => !OPAQUE_TYPES.test(c.type));
  const skipped = columns.filter((c) => OPAQUE_TYPES.test(c.type)).map((c) => c.name);
  return { hashed, skipped };
}

/** Columns the query answers: the row count and the checksum (NULL for an empty partition). */
export const ROWS_COLUMN = 'verify_rows';
export const CHECKSUM_COLUMN = 'verify_checksum';

export function partitionChecksumSql(
  db: string,
  table: string,
  partition: string,
  columns: readonly TableColumn[],
): string {
  const args = columns.map((c) => `ifnull(concat('v', CAST(${quoteIdent(c.name)} AS STRING)), 'n')`);
  // A table whose every column is opaque still has rows to count; their hash is a constant.
  const hash = args.length ? `murmur_hash3_64(${args.join(', ')})` : `murmur_hash3_64('')`;
  return (
    `SELECT COUNT(*) AS ${ROWS_COLUMN}, SUM(CAST(${hash} AS LARGEINT)) AS ${CHECKSUM_COLUMN} ` +
    `FROM ${quoteQualified(db, table)} PARTITION (${quoteIdent(partition)})`
  );
}
