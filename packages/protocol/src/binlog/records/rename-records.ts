import type { ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';

/**
 * The payload shared by RENAME_TABLE (14), RENAME_ROLLUP (21) and RENAME_PARTITION (22). Members that do
 * not apply are `''` / −1; the old names (`oT`, `oR`, `oP`) exist only from 2.1.8/3.0.4 and read as
 * `''` before that.
 */
export interface RenameFields {
  /** Db id. */
  readonly db: bigint;
  /** Table id. */
  readonly tb: bigint;
  /** Rollup index id (−1 if n/a). */
  readonly ind: bigint;
  /** Partition id (−1 if n/a). */
  readonly p: bigint;
  /** New table name. */
  readonly nT: string;
  /** Old table name. */
  readonly oT: string;
  /** New rollup name. */
  readonly nR: string;
  /** Old rollup name. */
  readonly oR: string;
  /** New partition name. */
  readonly nP: string;
  /** Old partition name. */
  readonly oP: string;
  readonly raw: JsonObject;
}

/** RENAME_TABLE (14): `ALTER TABLE a RENAME b`. */
export interface RenameTableRecord extends RenameFields {
  readonly kind: 'renameTable';
}

/** RENAME_ROLLUP (21): `ALTER TABLE t RENAME ROLLUP r1 r2`. */
export interface RenameRollupRecord extends RenameFields {
  readonly kind: 'renameRollup';
}

/** RENAME_PARTITION (22): `ALTER TABLE t RENAME PARTITION p1 p2`. */
export interface RenamePartitionRecord extends RenameFields {
  readonly kind: 'renamePartition';
}

export type RenameRecord = RenameTableRecord | RenameRollupRecord | RenamePartitionRecord;

export function readRename<K extends RenameRecord['kind']>(
  r: ObjectReader,
  kind: K,
): RenameFields & { kind: K } {
  return {
    kind,
    db: r.int64('db'),
    tb: r.int64('tb'),
    ind: r.int64('ind'),
    p: r.int64('p'),
    nT: r.string('nT'),
    oT: r.string('oT'),
    nR: r.string('nR'),
    oR: r.string('oR'),
    nP: r.string('nP'),
    oP: r.string('oP'),
    raw: r.raw,
  };
}
