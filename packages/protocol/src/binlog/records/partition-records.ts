import type { ObjectReader } from '../../json/reader.js';
import type { JsonObject, JsonValue } from '../../json/value.js';
import { type PartitionDef, readPartitionDef } from './partition-def.js';

/** ADD_PARTITION (1): `ALTER TABLE … ADD [TEMPORARY] PARTITION`, dynamic/auto partition creation. */
export interface AddPartitionRecord {
  readonly kind: 'addPartition';
  readonly commitSeq: bigint;
  readonly dbId: bigint;
  readonly tableId: bigint;
  /** The full serialized partition (an empty one when the member is absent). */
  readonly partition: PartitionDef;
  /** Serialized range of partition keys, FE-internal form, verbatim; undefined when absent. */
  readonly range: JsonValue | undefined;
  /** Serialized list partition item, FE-internal form, verbatim; undefined when absent. */
  readonly listPartitionItem: JsonValue | undefined;
  readonly dataProperty: JsonValue | undefined;
  readonly replicaAlloc: JsonValue | undefined;
  readonly isInMemory: boolean;
  readonly isTempPartition: boolean;
  readonly isMutable: boolean;
  /** Ready-made `ADD [TEMPORARY ]PARTITION …` clause. */
  readonly sql: string;
  readonly raw: JsonObject;
}

/** DROP_PARTITION (3): `ALTER TABLE … DROP [TEMPORARY] PARTITION`, dynamic partition expiry. */
export interface DropPartitionRecord {
  readonly kind: 'dropPartition';
  readonly dbId: bigint;
  readonly tableId: bigint;
  /** Dropped partition id; 0 when absent (FEs before 2.0.14/2.1.5 — unknown). */
  readonly pid: bigint;
  readonly partitionName: string;
  readonly isTempPartition: boolean;
  readonly forceDrop: boolean;
  readonly recycleTime: bigint;
  /** ``DROP PARTITION [TEMPORARY ]`<name>`[ FORCE]``. */
  readonly sql: string;
  readonly version: bigint;
  readonly versionTime: bigint;
  readonly raw: JsonObject;
}

/** One element of MODIFY_PARTITIONS `infos`. */
export interface ModifyPartitionInfo {
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly partitionId: bigint;
  readonly dataProperty: JsonValue | undefined;
  readonly isInMemory: boolean;
  readonly replicaAlloc: JsonValue | undefined;
  readonly storagePolicy: string;
  readonly tableProperties: ReadonlyMap<string, string>;
  readonly raw: JsonObject;
}

/** MODIFY_PARTITIONS (11): `ALTER TABLE … MODIFY PARTITION … SET (…)`. */
export interface ModifyPartitionsRecord {
  readonly kind: 'modifyPartitions';
  /** Top-level ids (newer FEs only; 0 when absent — use the ids inside `infos`). */
  readonly dbId: bigint;
  readonly tableId: bigint;
  readonly infos: readonly ModifyPartitionInfo[];
  readonly raw: JsonObject;
}

/** REPLACE_PARTITIONS (12): `REPLACE PARTITION … WITH TEMPORARY PARTITION …`, INSERT OVERWRITE. */
export interface ReplacePartitionsRecord {
  readonly kind: 'replacePartitions';
  readonly dbId: bigint;
  readonly dbName: string;
  readonly tblId: bigint;
  readonly tblName: string;
  /** Formal partitions being replaced. */
  readonly partitions: readonly string[];
  /** Temporary partitions moved in. */
  readonly tempPartitions: readonly string[];
  readonly strictRange: boolean;
  readonly useTempPartitionName: boolean;
  readonly version: bigint;
  readonly versionTime: bigint;
  readonly force: boolean;
  readonly raw: JsonObject;
}

export function readAddPartition(r: ObjectReader): AddPartitionRecord {
  return {
    kind: 'addPartition',
    commitSeq: r.int64('commitSeq'),
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    partition: readPartitionDef(r.objectOrEmpty('partition')),
    range: r.value('range'),
    listPartitionItem: r.value('listPartitionItem'),
    dataProperty: r.value('dataProperty'),
    replicaAlloc: r.value('replicaAlloc'),
    isInMemory: r.boolean('isInMemory'),
    isTempPartition: r.boolean('isTempPartition'),
    isMutable: r.boolean('isMutable'),
    sql: r.string('sql'),
    raw: r.raw,
  };
}

export function readDropPartition(r: ObjectReader): DropPartitionRecord {
  return {
    kind: 'dropPartition',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    pid: r.int64('pid'),
    partitionName: r.string('partitionName'),
    isTempPartition: r.boolean('isTempPartition'),
    forceDrop: r.boolean('forceDrop'),
    recycleTime: r.int64('recycleTime'),
    sql: r.string('sql'),
    version: r.int64('version'),
    versionTime: r.int64('versionTime'),
    raw: r.raw,
  };
}

function readModifyPartitionInfo(r: ObjectReader): ModifyPartitionInfo {
  return {
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    partitionId: r.int64('partitionId'),
    dataProperty: r.value('dataProperty'),
    isInMemory: r.boolean('isInMemory'),
    replicaAlloc: r.value('replicaAlloc'),
    storagePolicy: r.string('storagePolicy'),
    tableProperties: r.stringMap('tableProperties'),
    raw: r.raw,
  };
}

export function readModifyPartitions(r: ObjectReader): ModifyPartitionsRecord {
  return {
    kind: 'modifyPartitions',
    dbId: r.int64('dbId'),
    tableId: r.int64('tableId'),
    infos: r.objectList('infos', readModifyPartitionInfo),
    raw: r.raw,
  };
}

export function readReplacePartitions(r: ObjectReader): ReplacePartitionsRecord {
  return {
    kind: 'replacePartitions',
    dbId: r.int64('dbId'),
    dbName: r.string('dbName'),
    tblId: r.int64('tblId'),
    tblName: r.string('tblName'),
    partitions: r.stringList('partitions'),
    tempPartitions: r.stringList('tempPartitions'),
    strictRange: r.boolean('strictRange'),
    useTempPartitionName: r.boolean('useTempPartitionName'),
    version: r.int64('version'),
    versionTime: r.int64('versionTime'),
    force: r.boolean('force'),
    raw: r.raw,
  };
}
