import type { ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';
import type { BinlogRecord } from '../record.js';

/**
 * BARRIER (10). Either a plain barrier (BACKUP marker; `binlog` absent/empty, `wrapped` undefined), or a
 * wrapper that ships another record type inside it: `binlogType` is the real TBinlogType and `binlog` the
 * real payload (JSON text), parsed into `wrapped`.
 */
export interface BarrierRecord {
  readonly kind: 'barrier';
  readonly dbId: bigint;
  /** Plain barrier only. */
  readonly dbName: string;
  readonly tableId: bigint;
  /** Plain barrier only. */
  readonly tableName: string;
  /** Wrapped TBinlogType value; 0 when nothing is wrapped (check `wrapped`, not this). */
  readonly binlogType: number;
  /** Wrapped payload JSON text; `''` for a plain barrier. */
  readonly binlog: string;
  /** The wrapped record (parsed with `binlogType` and the outer commit seq); undefined for a plain barrier. */
  readonly wrapped: BinlogRecord | undefined;
  readonly raw: JsonObject;
}

/** The barrier's own members; the caller parses `binlog` into `wrapped`. */
export function readBarrierFields(r: ObjectReader): Omit<BarrierRecord, 'wrapped'> {
  return {
    kind: 'barrier',
    dbId: r.int64('dbId'),
    dbName: r.string('dbName'),
    tableId: r.int64('tableId'),
    tableName: r.string('tableName'),
    binlogType: r.int('binlogType'),
    binlog: r.string('binlog'),
    raw: r.raw,
  };
}
