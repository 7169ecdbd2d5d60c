// What POST /verify answers: per table and partition, the row count and an order-independent checksum of
// the source and the target, computed by SQL on each cluster at one source commit point (jobs/verify/).

/** One side's figures for a table or a partition; `missing` when that side has no such object. */
export interface VerifySide {
  readonly rows: number;
  /** Sum of the rows' 64-bit hashes as a decimal string (LARGEINT: never rounded through a double). */
  readonly checksum: string;
  readonly missing?: true;
}

export interface VerifyPartition {
  readonly partition: string;
  readonly match: boolean;
  readonly src: VerifySide;
  readonly dest: VerifySide;
}

export interface VerifyTable {
  /** The source table's name. */
  readonly table: string;
  /** Its name on the target (differs under a table job's alias). */
  readonly dest_table: string;
  readonly match: boolean;
  /**
   * Both sides were measured at one source state: nothing changed the table on the source between the
   * two reads of its commit seq, and the target had applied exactly that far. False after the last
   * attempt still saw it change; `match` then compares figures of possibly different moments.
   */
  readonly settled: boolean;
  /** The source commit seq both sides were compared at (decimal string). */
  readonly commit_seq: string;
  readonly src: VerifySide;
  readonly dest: VerifySide;
  readonly partitions: readonly VerifyPartition[];
  /** Columns left out of the checksum (types Doris cannot cast to text: HLL, BITMAP, …). */
  readonly skipped_columns?: readonly string[];
  /** A side could not be measured (its error), so the table counts as different. */
  readonly error?: string;
}

export interface VerifyResult {
  readonly job: string;
  /** ISO 8601. */
  readonly started_at: string;
  readonly finished_at: string;
  /** Every table settled and matched. */
  readonly matched: boolean;
  /** The newest source commit seq a table was compared at (decimal string). */
  readonly commit_seq: string;
  /** Rounds of measurement (a round re-measures the tables the source changed during the last one). */
  readonly attempts: number;
  /** Tables that settled and differ (or could not be measured). */
  readonly differences: number;
  /** Tables that never settled within the attempts. */
  readonly unsettled: number;
  readonly tables: readonly VerifyTable[];
}
