// ALTER TABLE … RENAME new_name | RENAME PARTITION a b | RENAME ROLLUP a b | RENAME COLUMN a b
// (Env.renameTable/renamePartition/renameRollup/renameColumn). 2.1 ships their records barrier-wrapped:
// RENAME_TABLE / RENAME_PARTITION / RENAME_ROLLUP share TableInfo's short member names, RENAME_COLUMN has
// its own payload with the indexes' new schema versions.

import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../../catalog/database.js';
import { tableByName } from '../../../catalog/database.js';
import type { OlapTable } from '../../../catalog/table.js';
import { baseIndex } from '../../../catalog/table.js';
import { partitionByName } from '../../alter/partition-ops.js';
import { checkColumnName, checkTableName } from '../../ddl/name-format.js';
import { dorisError } from '../../mysql/session-types.js';
import type {
  RenameColumnClause,
  RenamePartitionClause,
  RenameRollupClause,
  RenameTableClause,
} from '../../sql/index.js';
import { barrierPayload, logDdl } from '../ddl-log.js';
import type { ExecContext } from '../exec-context.js';
import { indexByName } from './schema-draft.js';

interface TableInfo {
  readonly ind?: bigint;
  readonly p?: bigint;
  readonly nT?: string;
  readonly oT?: string;
  readonly nR?: string;
  readonly oR?: string;
  readonly nP?: string;
  readonly oP?: string;
}

function logRename(ctx: ExecContext, db: Database, table: OlapTable, type: number, info: TableInfo): void {
  const inner = {
    db: db.id,
    tb: table.id,
    ind: info.ind ?? -1n,
    p: info.p ?? -1n,
    nT: info.nT ?? '',
    oT: info.oT ?? '',
    nR: info.nR ?? '',
    oR: info.oR ?? '',
    nP: info.nP ?? '',
    oP: info.oP ?? '',
  };
  logDdl(ctx.fe, BinlogType.BARRIER, db.id, [table.id], () => barrierPayload(db.id, table.id, type, inner));
}

export function renameTable(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: RenameTableClause,
): void {
  const oldName = table.name;
  const newName = clause.newName;
  checkTableName(newName);
  if (oldName === newName) throw dorisError('Same table name');
  if (tableByName(db, newName)) throw dorisError(`Table name[${newName}] is already used`);
  if ([...table.indexes.values()].some((ix) => ix.id !== table.baseIndexId && ix.name === newName)) {
    throw dorisError(`New name conflicts with rollup index name: ${newName}`);
  }
  ctx.fe.commit(() => {
    table.name = newName;
    // The base index carries the table's name.
    baseIndex(table).name = newName;
    ctx.fe.catalog.saveTable(db, table);
    logRename(ctx, db, table, BinlogType.RENAME_TABLE, { nT: newName, oT: oldName });
  });
}

export function renamePartition(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: RenamePartitionClause,
): void {
  if (table.partitionType === 'UNPARTITIONED') {
    throw dorisError(`Table[${table.name}] is single partition. Can not rename partition name`);
  }
  if (clause.oldName.toLowerCase() === clause.newName.toLowerCase()) throw dorisError('Same partition name');
  const partition = partitionByName(table.partitions, clause.oldName);
  if (!partition) throw dorisError(`Partition[${clause.oldName}] does not exists`);
  if (
    partitionByName(table.partitions, clause.newName) ||
    partitionByName(table.tempPartitions, clause.newName)
  ) {
    throw dorisError(`Partition name[${clause.newName}] is already used`);
  }
  const oldName = partition.name;
  ctx.fe.commit(() => {
    partition.name = clause.newName;
    ctx.fe.catalog.saveTable(db, table);
    logRename(ctx, db, table, BinlogType.RENAME_PARTITION, {
      p: partition.id,
      nP: clause.newName,
      oP: oldName,
    });
  });
}

export function renameRollup(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: RenameRollupClause,
): void {
  if (clause.oldName === clause.newName) throw dorisError('Same rollup name');
  const index = indexByName(table, clause.oldName);
  if (!index) throw dorisError(`Rollup index[${clause.oldName}] does not exists`);
  if (index.id === table.baseIndexId)
    throw dorisError('Can not rename base index. Use ALTER TABLE RENAME instead.');
  if (indexByName(table, clause.newName)) throw dorisError(`Rollup name[${clause.newName}] is already used`);
  ctx.fe.commit(() => {
    index.name = clause.newName;
    ctx.fe.catalog.saveTable(db, table);
    logRename(ctx, db, table, BinlogType.RENAME_ROLLUP, {
      ind: index.id,
      nR: clause.newName,
      oR: clause.oldName,
    });
  });
}

export function renameColumn(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: RenameColumnClause,
): void {
  const { oldName, newName } = clause;
  checkColumnName(newName);
  if (table.properties.get('light_schema_change') === 'false') {
    throw dorisError(
      `Table[${table.name}] does not support rename column, because light_schema_change is not enabled`,
    );
  }
  if (oldName.toLowerCase() === newName.toLowerCase()) throw dorisError('Same column name');
  const base = baseIndex(table);
  const column = base.columns.find((c) => c.name.toLowerCase() === oldName.toLowerCase());
  if (!column?.visible) throw dorisError(`Column[${oldName}] does not exists`);
  if (base.columns.some((c) => c.name.toLowerCase() === newName.toLowerCase())) {
    throw dorisError(`Column name[${newName}] is already used`);
  }
  const lower = oldName.toLowerCase();
  const rename = (names: string[]) => {
    names.forEach((n, i) => {
      if (n.toLowerCase() === lower) names[i] = newName;
    });
  };
  ctx.fe.commit(() => {
    const versions: Record<string, number> = {};
    for (const meta of table.indexes.values()) {
      if (!meta.columns.some((c) => c.name.toLowerCase() === lower)) continue;
      meta.columns = meta.columns.map((c) => (c.name.toLowerCase() === lower ? { ...c, name: newName } : c));
      meta.schemaVersion += 1;
      versions[meta.id.toString()] = meta.schemaVersion;
    }
    rename(table.partitionColumns);
    rename(table.distribution.columns);
    for (const ix of table.invertedIndexes) rename(ix.columns);
    const seq = table.properties.get('function_column.sequence_col');
    if (seq?.toLowerCase() === lower) table.properties.set('function_column.sequence_col', newName);
    const bf = table.properties.get('bloom_filter_columns');
    if (bf) {
      const cols = bf.split(',').map((s) => s.trim());
      rename(cols);
      table.properties.set('bloom_filter_columns', cols.join(', '));
    }
    ctx.fe.catalog.saveTable(db, table);
    const inner = {
      dbId: db.id,
      tableId: table.id,
      colName: column.name,
      newColName: newName,
      indexIdToSchemaVersion: versions,
    };
    logDdl(ctx.fe, BinlogType.BARRIER, db.id, [table.id], () =>
      barrierPayload(db.id, table.id, BinlogType.RENAME_COLUMN, inner),
    );
  });
}
