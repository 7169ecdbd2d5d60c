import type { ObjectReader } from '../../json/reader.js';
import type { JsonObject } from '../../json/value.js';

/** MODIFY_DISTRIBUTION_BUCKET_NUM (25, master only): default bucket number of a table changed. */
export interface ModifyDistributionBucketNumRecord {
  readonly kind: 'modifyDistributionBucketNum';
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly bucketNum: number;
  readonly raw: JsonObject;
}

/**
 * MODIFY_DISTRIBUTION_TYPE (26, master only): default distribution type of a table changed. The payload
 * was not verified; only the ids are typed, everything else is in `raw`.
 */
export interface ModifyDistributionTypeRecord {
  readonly kind: 'modifyDistributionType';
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly raw: JsonObject;
}

export function readModifyDistributionBucketNum(r: ObjectReader): ModifyDistributionBucketNumRecord {
  return {
    kind: 'modifyDistributionBucketNum',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    bucketNum: r.int('bucketNum'),
    raw: r.raw,
  };
}

export function readModifyDistributionType(r: ObjectReader): ModifyDistributionTypeRecord {
  return {
    kind: 'modifyDistributionType',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    raw: r.raw,
  };
}
