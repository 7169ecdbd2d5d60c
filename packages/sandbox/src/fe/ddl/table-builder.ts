// CREATE TABLE → a new OLAP table object: schema (with Doris's hidden columns), key model, partitions,
// distribution, rollups and properties, validated the way Doris validates them. Ids come from the FE's
// generator in Doris's order: table, base index, rollup indexes, then per partition its tablets.
import type { Backend } from '../../be/backend.js';
import { type Column, findColumn } from '../../catalog/column.js';
import type { KeyPart } from '../../catalog/partition-item.js';
import type {
  IndexDef,
  IndexMeta,
  KeysType,
  OlapTable,
  Partition,
  PartitionType,
} from '../../catalog/table.js';
import type { DorisType } from '../../types/doris-type.js';
import { parseTypeName } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import {
  type ColumnDefinition,
  type CreateTableStatement,
  dataTypeLabel,
  type RollupDefinition,
} from '../sql/index.js';
import { buildColumn, hiddenColumns } from './column-builder.js';
import { checkGeneratedColumns } from './generated-columns.js';
import { buildItem, checkNoConflict } from './partition-builder.js';
import { replicationNumber, validateTableProperty } from './table-properties.js';
import { allocatePartition } from './tablet-allocator.js';

export interface TableBuildContext {
  readonly allocId: () => bigint;
  readonly backends: readonly Backend[];
  readonly now: number;
  /** Database binlog properties that new tables inherit. */
  readonly dbProperties: ReadonlyMap<string, string>;
}

const KEYS: Record<string, KeysType> = {
  DUPLICATE: 'DUP_KEYS',
  UNIQUE: 'UNIQUE_KEYS',
  AGGREGATE: 'AGG_KEYS',
};
const AUTO_BUCKETS = 10;

/** Doris's default DUPLICATE KEY: leading columns up to 3 and 36 bytes, ending at the first string column. */
function defaultKeyColumns(defs: readonly ColumnDefinition[]): string[] {
  const keys: string[] = [];
  let bytes = 0;
  for (const def of defs) {
    const name = dataTypeLabel(def.type);
    if (['FLOAT', 'DOUBLE', 'STRING', 'JSON', 'VARIANT', 'ARRAY', 'MAP', 'STRUCT'].includes(name)) break;
    const size =
      (
        {
          TINYINT: 1,
          BOOLEAN: 1,
          SMALLINT: 2,
          INT: 4,
          BIGINT: 8,
          LARGEINT: 16,
          DATE: 4,
          DATETIME: 8,
          DECIMAL: 16,
        } as Record<string, number>
      )[name] ?? 0;
    keys.push(def.name);
    bytes += size;
    if (name === 'VARCHAR' || name === 'CHAR' || keys.length >= 3 || bytes >= 36) break;
  }
  if (keys.length === 0 && defs[0]) keys.push(defs[0].name);
  return keys;
}

export function buildOlapTable(stmt: CreateTableStatement, ctx: TableBuildContext): OlapTable {
  if (stmt.engine && stmt.engine.toUpperCase() !== 'OLAP') {
    throw dorisError(`Unsupported engine: ${stmt.engine}; doris-sandbox only creates OLAP tables`);
  }
  if (stmt.columns.length === 0) throw dorisError('Table should contain at least one column');
  const names = new Set<string>();
  for (const c of stmt.columns) {
    const lower = c.name.toLowerCase();
    if (names.has(lower)) throw dorisError(`Duplicate column name '${c.name}'`);
    names.add(lower);
  }

  const keysType = stmt.keys ? KEYS[stmt.keys.type]! : 'DUP_KEYS';
  const keyNames = stmt.keys ? [...stmt.keys.columns] : defaultKeyColumns(stmt.columns);
  keyNames.forEach((name, i) => {
    if (stmt.columns[i]?.name.toLowerCase() !== name.toLowerCase()) {
      throw dorisError(
        `Key columns should be a ordered prefix of the schema. KeyColumns[${i}] (starts from zero) is ${name}, but corresponding column is ${stmt.columns[i]?.name ?? 'missing'} in the previous columns declaration.`,
      );
    }
  });

  const properties = new Map<string, string>();
  // `_auto_bucket` comes with the CREATE TABLE text of a CREATE_TABLE binlog: a mark, not a property.
  let autoBucketMark = false;
  for (const p of stmt.properties) {
    if (p.key === '_auto_bucket') {
      // Read like Java's Boolean.parseBoolean, as PropertyAnalyzer does.
      autoBucketMark = p.value.toLowerCase() === 'true';
      continue;
    }
    validateTableProperty(p.key, p.value);
    properties.set(p.key, p.value);
  }
  // A new table's binlog config is the database's, overridden by its own (InternalCatalog.createOlapTable);
  // a binlog-enabled database forces binlog on.
  if (ctx.dbProperties.get('binlog.enable') === 'true' && properties.get('binlog.enable') === 'false') {
    throw dorisError('Cannot create table with binlog disabled when database binlog enable');
  }
  for (const [k, v] of ctx.dbProperties)
    if (k.startsWith('binlog.') && !properties.has(k)) properties.set(k, v);
  if (keysType === 'UNIQUE_KEYS' && !properties.has('enable_unique_key_merge_on_write')) {
    properties.set('enable_unique_key_merge_on_write', 'true');
  }
  if (!properties.has('light_schema_change')) properties.set('light_schema_change', 'true');
  const seqCol = properties.get('function_column.sequence_col');
  const seqType = properties.get('function_column.sequence_type');
  if ((seqCol || seqType) && keysType !== 'UNIQUE_KEYS') {
    throw dorisError('sequence column only support UNIQUE_KEYS');
  }

  let uid = 0;
  const columns: Column[] = stmt.columns.map((def, i) =>
    buildColumn(def, i < keyNames.length, keysType, uid++),
  );
  checkGeneratedColumns(columns);
  if (seqCol && !findColumn(columns, seqCol))
    throw dorisError(`The specified sequence column[${seqCol}] not exists`);
  let sequenceType: DorisType | undefined;
  if (seqType) sequenceType = parseTypeName(seqType);
  columns.push(...hiddenColumns(keysType, sequenceType, () => uid++));

  const tableId = ctx.allocId();
  const baseIndexId = ctx.allocId();
  const indexes = new Map<bigint, IndexMeta>();
  indexes.set(baseIndexId, {
    id: baseIndexId,
    name: stmt.table.table,
    columns,
    keysType,
    schemaHash: schemaHash(tableId, 0),
    schemaVersion: 0,
    state: 'NORMAL',
  });
  for (const rollup of stmt.rollups) {
    const id = ctx.allocId();
    indexes.set(id, buildRollup(rollup, columns, keysType, id, tableId));
  }

  // Distribution.
  const dist = stmt.distribution;
  if (!dist && keysType !== 'DUP_KEYS')
    throw dorisError('Create olap table should contain distribution desc');
  if (dist?.kind === 'RandomDistribution' && keysType !== 'DUP_KEYS') {
    throw dorisError(
      `Create ${keysType === 'UNIQUE_KEYS' ? 'unique' : 'aggregate'} keys table should not contain random distribution desc`,
    );
  }
  const distColumns = dist?.kind === 'HashDistribution' ? [...dist.columns] : [];
  for (const name of distColumns) {
    const column = findColumn(columns, name);
    if (!column) throw dorisError(`Distribution column[${name}] does not found`);
    if (keysType !== 'DUP_KEYS' && !column.isKey)
      throw dorisError(`Distribution column[${name}] is not key column`);
  }
  const bucketsSpec = dist?.buckets ?? 'AUTO';
  const buckets = bucketsSpec === 'AUTO' ? AUTO_BUCKETS : bucketsSpec;
  if (buckets <= 0) throw dorisError('Number of hash distribution should be greater than zero.');

  const replicationNum = replicationNumber(properties);
  const storageMedium = (properties.get('storage_medium') ?? 'hdd').toUpperCase() === 'SSD' ? 'SSD' : 'HDD';
  const indexIds = [...indexes.keys()];
  const partitions = new Map<bigint, Partition>();
  let partitionType: PartitionType = 'UNPARTITIONED';
  const partitionColumns: string[] = [];
  if (stmt.partitioning) {
    partitionType = stmt.partitioning.kind === 'RangePartitionScheme' ? 'RANGE' : 'LIST';
    const pcols = stmt.partitioning.columns.map((name) => {
      const c = findColumn(columns, name);
      if (!c) throw dorisError(`Partition column[${name}] does not exist in column list.`);
      if (keysType !== 'DUP_KEYS' && !c.isKey)
        throw dorisError(`The partition column could not be aggregated column`);
      if (c.type.kind === 'FLOAT' || c.type.kind === 'DOUBLE')
        throw dorisError(`Floating point type column can not be partition column`);
      return c;
    });
    partitionColumns.push(...pcols.map((c) => c.name));
    const types = pcols.map((c) => c.type);
    let previousUpper: readonly KeyPart[] | undefined;
    const seen = new Set<string>();
    for (const def of stmt.partitioning.partitions) {
      if (seen.has(def.name.toLowerCase())) throw dorisError(`Duplicated partition name: ${def.name}`);
      seen.add(def.name.toLowerCase());
      const item = buildItem(partitionType, pcols, def, previousUpper);
      if (item.kind === 'range') previousUpper = item.upper;
      checkNoConflict(types, item, [...partitions.values()], def.name);
      const partProps = new Map(def.properties.map((p) => [p.key, p.value]));
      const partition = allocatePartition(
        {
          name: def.name,
          item,
          buckets,
          replicationNum:
            partProps.has('replication_num') || partProps.has('replication_allocation')
              ? replicationNumber(partProps)
              : replicationNum,
          isTemp: false,
          storageMedium,
        },
        indexIds,
        ctx.backends,
        ctx.allocId,
        ctx.now,
      );
      partitions.set(partition.id, partition);
    }
  } else {
    const partition = allocatePartition(
      { name: stmt.table.table, item: undefined, buckets, replicationNum, isTemp: false, storageMedium },
      indexIds,
      ctx.backends,
      ctx.allocId,
      ctx.now,
    );
    partitions.set(partition.id, partition);
  }

  const invertedIndexes: IndexDef[] = stmt.indexes.map((ix) => {
    for (const c of ix.columns)
      if (!findColumn(columns, c)) throw dorisError(`Column does not exist in table. invalid column: ${c}`);
    return {
      id: ctx.allocId(),
      name: ix.name,
      columns: [...ix.columns],
      indexType: ix.indexType,
      properties: new Map(ix.properties.map((p) => [p.key, p.value])),
      comment: ix.comment ?? '',
    };
  });

  return {
    kind: 'OLAP',
    id: tableId,
    name: stmt.table.table,
    keysType,
    baseIndexId,
    indexes,
    partitionType,
    partitionColumns,
    partitions,
    tempPartitions: new Map(),
    distribution: {
      type: dist?.kind === 'HashDistribution' ? 'HASH' : 'RANDOM',
      columns: distColumns,
      buckets,
      autoBuckets: bucketsSpec === 'AUTO' || autoBucketMark,
    },
    properties,
    comment: stmt.comment ?? '',
    invertedIndexes,
    state: 'NORMAL',
    nextColumnUniqueId: uid,
    createTime: ctx.now,
  };
}

export function buildRollup(
  rollup: RollupDefinition,
  baseColumns: readonly Column[],
  keysType: KeysType,
  id: bigint,
  tableId: bigint,
): IndexMeta {
  const columns: Column[] = rollup.columns.map((name) => {
    const c = findColumn(baseColumns, name);
    if (!c) throw dorisError(`Column[${name}] does not exist`);
    return c;
  });
  if (keysType !== 'DUP_KEYS') {
    // AGG/UNIQUE rollups keep the base key columns they name as keys.
    return {
      id,
      name: rollup.name,
      columns,
      keysType,
      schemaHash: schemaHash(tableId, Number(id % 1000n)),
      schemaVersion: 0,
      state: 'NORMAL',
    };
  }
  const dupKeys = rollup.duplicateKeys ?? columns.slice(0, Math.min(3, columns.length)).map((c) => c.name);
  const withKeys = columns.map((c) => ({
    ...c,
    isKey: dupKeys.some((k) => k.toLowerCase() === c.name.toLowerCase()),
  }));
  return {
    id,
    name: rollup.name,
    columns: withKeys,
    keysType,
    schemaHash: schemaHash(tableId, Number(id % 1000n)),
    schemaVersion: 0,
    state: 'NORMAL',
  };
}

/** Doris schema hashes are random positive int32s; derive one deterministically. */
export function schemaHash(tableId: bigint, salt: number): number {
  return Number((tableId * 2654435761n + BigInt(salt) * 40503n) % 2147483647n) || 1;
}
