/** TBinlogType (fe-thrift.md §2.11): name → wire value. */
export const BinlogType = {
  UPSERT: 0,
  ADD_PARTITION: 1,
  CREATE_TABLE: 2,
  DROP_PARTITION: 3,
  DROP_TABLE: 4,
  ALTER_JOB: 5,
  MODIFY_TABLE_ADD_OR_DROP_COLUMNS: 6,
  DUMMY: 7,
  ALTER_DATABASE_PROPERTY: 8,
  MODIFY_TABLE_PROPERTY: 9,
  BARRIER: 10,
  MODIFY_PARTITIONS: 11,
  REPLACE_PARTITIONS: 12,
  TRUNCATE_TABLE: 13,
  RENAME_TABLE: 14,
  RENAME_COLUMN: 15,
  MODIFY_COMMENT: 16,
  MODIFY_VIEW_DEF: 17,
  REPLACE_TABLE: 18,
  MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES: 19,
  INDEX_CHANGE_JOB: 20,
  RENAME_ROLLUP: 21,
  RENAME_PARTITION: 22,
  DROP_ROLLUP: 23,
  RECOVER_INFO: 24,
  MODIFY_DISTRIBUTION_BUCKET_NUM: 25,
  MODIFY_DISTRIBUTION_TYPE: 26,
} as const;

export type BinlogTypeName = keyof typeof BinlogType;
export type BinlogTypeValue = (typeof BinlogType)[BinlogTypeName];

const NAME_BY_VALUE: ReadonlyMap<number, BinlogTypeName> = new Map(
  (Object.keys(BinlogType) as BinlogTypeName[]).map((name) => [BinlogType[name], name]),
);

/** The TBinlogType name of a wire value, or undefined for values this library does not know. */
export function binlogTypeName(n: number): BinlogTypeName | undefined {
  return NAME_BY_VALUE.get(n);
}

/** True if `n` is a TBinlogType value this library can parse. */
export function isBinlogType(n: number): n is BinlogTypeValue {
  return NAME_BY_VALUE.has(n);
}

/** `RENAME_COLUMN (15)` or `99 (unknown)`, for messages. */
export function describeBinlogType(n: number): string {
  const name = binlogTypeName(n);
  return name === undefined ? `${n} (unknown)` : `${name} (${n})`;
}
