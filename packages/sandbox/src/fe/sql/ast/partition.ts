import type { Property } from './names.js';

/** A literal partition bound, as written (`"2024-01-01"`, `10`, `-5`). */
export interface PartitionLiteral {
  readonly kind: 'PartitionLiteral';
  readonly value: string;
}

export interface PartitionMaxValue {
  readonly kind: 'PartitionMaxValue';
}

export interface PartitionNullValue {
  readonly kind: 'PartitionNullValue';
}

export type PartitionValue = PartitionLiteral | PartitionMaxValue | PartitionNullValue;

/** `VALUES LESS THAN MAXVALUE` (one `PartitionMaxValue`) or `VALUES LESS THAN ("a", MAXVALUE)`. */
export interface LessThanValues {
  readonly kind: 'LessThanValues';
  readonly upper: readonly PartitionValue[];
}

/** `VALUES [("lower"), ("upper"))`. */
export interface FixedRangeValues {
  readonly kind: 'FixedRangeValues';
  readonly lower: readonly PartitionValue[];
  readonly upper: readonly PartitionValue[];
}

/** `VALUES IN ("a", "b")` or `VALUES IN (("a", 1), ("b", 2))`; each entry is one key tuple. */
export interface InValues {
  readonly kind: 'InValues';
  readonly tuples: readonly (readonly PartitionValue[])[];
}

export type PartitionValues = LessThanValues | FixedRangeValues | InValues;

/**
 * One partition: `PARTITION [IF NOT EXISTS] name [VALUES …] [("k" = "v", …)]`. `values` is unset only
 * for `ADD PARTITION name` on an unpartitioned table.
 */
export interface PartitionDefinition {
  readonly name: string;
  readonly ifNotExists: boolean;
  readonly values?: PartitionValues;
  readonly properties: readonly Property[];
}

/** `PARTITION BY RANGE(cols) (…)` or `PARTITION BY LIST(cols) (…)`. */
export interface PartitionScheme {
  readonly kind: 'RangePartitionScheme' | 'ListPartitionScheme';
  readonly columns: readonly string[];
  readonly partitions: readonly PartitionDefinition[];
}

/** Bucket count: a number or `AUTO`; unset when BUCKETS is not written. */
export type BucketCount = number | 'AUTO';

export interface HashDistribution {
  readonly kind: 'HashDistribution';
  readonly columns: readonly string[];
  readonly buckets?: BucketCount;
}

export interface RandomDistribution {
  readonly kind: 'RandomDistribution';
  readonly buckets?: BucketCount;
}

export type Distribution = HashDistribution | RandomDistribution;

/** `name (cols) [DUPLICATE KEY (cols)] [FROM base] [PROPERTIES (…)]` inside ROLLUP (…) or ADD ROLLUP. */
export interface RollupDefinition {
  readonly name: string;
  readonly columns: readonly string[];
  readonly duplicateKeys?: readonly string[];
  readonly fromIndex?: string;
  readonly properties: readonly Property[];
}
