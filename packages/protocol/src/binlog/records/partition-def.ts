import type { ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';
import { type ColumnDef, readColumn } from './column.js';

/** A partition's distribution info (`distributionInfo` in 2.x, `di` in 3.0). */
export interface DistributionInfo {
  /** `HASH` or `RANDOM`. */
  readonly type: string;
  readonly bucketNum: number;
  /** HASH only; empty for RANDOM. */
  readonly distributionColumns: readonly ColumnDef[];
  readonly raw: JsonObject;
}

/** The serialized partition carried by ADD_PARTITION (only the members CCR needs are typed). */
export interface PartitionDef {
  readonly id: bigint;
  readonly name: string;
  /** Undefined when the partition object carries no distribution info. */
  readonly distributionInfo: DistributionInfo | undefined;
  readonly raw: JsonObject;
}

export function readDistributionInfo(r: ObjectReader): DistributionInfo {
  return {
    type: r.string('type'),
    bucketNum: r.int('bucketNum'),
    distributionColumns: r.objectList('distributionColumns', readColumn),
    raw: r.raw,
  };
}

export function readPartitionDef(r: ObjectReader): PartitionDef {
  const di = r.object(['di', 'distributionInfo']);
  return {
    id: r.int64('id'),
    name: r.string('name'),
    distributionInfo: di === undefined ? undefined : readDistributionInfo(di),
    raw: r.raw,
  };
}
