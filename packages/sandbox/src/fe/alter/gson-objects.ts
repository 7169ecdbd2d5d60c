// Catalog objects as the FE's Gson serializes them inside binlog payloads (columns of `indexSchemaMap`,
// table indexes, partitions with their distribution info). Member names and order follow the 2.1 Java
// classes (catalog/Column, catalog/Index, catalog/Partition, DistributionInfo); members Gson would omit
// because they are null are left out here as well.
import type { Column } from '../../catalog/column.js';
import { findColumn } from '../../catalog/column.js';
import type { IndexDef, OlapTable, Partition } from '../../catalog/table.js';
import { baseColumns } from '../../catalog/table.js';
import { type DorisType, typeToBinlogJson } from '../../types/index.js';

/** A catalog Column: key columns carry no aggregation type (null in Java), value columns always do. */
export function columnGson(column: Column): Record<string, unknown> {
  const out: Record<string, unknown> = { name: column.name, type: typeToBinlogJson(column.type) };
  if (!column.isKey) out.aggregationType = column.aggregation;
  out.isAggregationTypeImplicit = column.aggregationImplicit;
  out.isKey = column.isKey;
  out.isAllowNull = column.nullable;
  out.isAutoInc = column.autoIncrement;
  out.autoIncInitValue = column.autoIncrement ? Number(column.autoIncrementStart ?? '1') : -1;
  if (typeof column.defaultValue === 'string') out.defaultValue = column.defaultValue;
  out.comment = column.comment;
  out.children = childColumns(column).map(columnGson);
  if (typeof column.defaultValue === 'string') out.realDefaultValue = column.defaultValue;
  out.visible = column.visible;
  if (column.defaultValue === 'CURRENT_TIMESTAMP') out.defaultValueExprDef = { exprName: 'now' };
  out.uniqueId = column.uniqueId;
  out.clusterKeyId = -1;
  out.hasOnUpdateDefaultValue = false;
  out.gctt = [];
  return out;
}

/**
 * The sub-columns Doris's Column keeps for a complex type: `item` of an ARRAY, `key` and `value` of a MAP,
 * one per STRUCT field (nullable, as Doris makes them).
 */
function childColumns(column: Column): Column[] {
  const child = (name: string, type: DorisType, nullable = true): Column => ({
    ...column,
    name,
    type,
    nullable,
    isKey: false,
    defaultValue: undefined,
    comment: '',
    uniqueId: -1,
  });
  const type = column.type;
  switch (type.kind) {
    case 'ARRAY':
      return [child('item', type.element, type.elementNullable)];
    case 'MAP':
      return [child('key', type.key), child('value', type.value)];
    case 'STRUCT':
      return type.fields.map((f) => child(f.name, f.type));
    default:
      return [];
  }
}

/** A table index (inverted / bitmap / ngram bloom filter) as catalog/Index writes it in 2.1. */
export function indexDefGson(index: IndexDef, table?: OlapTable): Record<string, unknown> {
  const columns = table ? baseColumns(table) : [];
  return {
    indexId: index.id,
    indexName: index.name,
    columns: [...index.columns],
    indexType: index.indexType,
    properties: Object.fromEntries(index.properties),
    comment: index.comment,
    columnUniqueIds: index.columns.map((c) => findColumn(columns, c)?.uniqueId ?? -1),
  };
}

/** The partition's DistributionInfo (hash columns resolved to catalog columns, as Gson writes them). */
export function distributionGson(table: OlapTable, buckets: number): Record<string, unknown> {
  if (table.distribution.type === 'RANDOM') {
    return {
      clazz: 'RandomDistributionInfo',
      type: 'RANDOM',
      bucketNum: buckets,
      autoBucket: table.distribution.autoBuckets,
    };
  }
  const columns = baseColumns(table);
  return {
    clazz: 'HashDistributionInfo',
    distributionColumns: table.distribution.columns.map((name) => {
      const c = findColumn(columns, name);
      return c ? columnGson(c) : { name };
    }),
    type: 'HASH',
    bucketNum: buckets,
    autoBucket: table.distribution.autoBuckets,
  };
}

function materializedIndexGson(
  partition: Partition,
  indexId: bigint,
  state: string,
): Record<string, unknown> {
  const index = partition.indexes.get(indexId);
  return {
    id: indexId,
    state,
    rowCount: 0,
    idToTablets: {},
    tablets: (index?.tablets ?? []).map((t) => ({
      id: t.id,
      replicas: t.replicas.map((r) => ({
        id: r.id,
        backendId: r.backendId,
        version: partition.visibleVersion,
        schemaHash: 0,
        state: 'NORMAL',
      })),
    })),
  };
}

/** A Partition object (base index, visible rollups, versions and distribution info). */
export function partitionGson(table: OlapTable, partition: Partition): Record<string, unknown> {
  const rollups: Record<string, unknown> = {};
  for (const indexId of partition.indexes.keys()) {
    if (indexId !== table.baseIndexId)
      rollups[indexId.toString()] = materializedIndexGson(partition, indexId, 'NORMAL');
  }
  return {
    id: partition.id,
    name: partition.name,
    state: 'NORMAL',
    baseIndex: materializedIndexGson(partition, table.baseIndexId, 'NORMAL'),
    idToVisibleRollupIndex: rollups,
    idToShadowIndex: {},
    visibleVersion: partition.visibleVersion,
    visibleVersionTime: partition.visibleVersionTime,
    nextVersion: partition.visibleVersion + 1n,
    distributionInfo: distributionGson(table, partition.buckets),
  };
}

export function dataPropertyGson(partition: Partition): Record<string, unknown> {
  return {
    storageMedium: partition.storageMedium,
    cooldownTimeMs: 253402271999000,
    storagePolicy: '',
    isMutable: true,
    storageMediumSpecified: false,
  };
}

export function replicaAllocGson(replicationNum: number): Record<string, unknown> {
  return { allocMap: { '{"location" : "default"}': replicationNum } };
}
