// ADD ROLLUP / DROP ROLLUP (MaterializedViewHandler.processBatchAddRollup / processBatchDropRollup), also
// used by CREATE / DROP MATERIALIZED VIEW: a rollup job per new index; dropping removes the index from
// every partition at once and records a barrier-wrapped DROP_ROLLUP.
import { BinlogType } from '@doris-ccr/protocol';
import type { Column } from '../../../catalog/column.js';
import type { Database } from '../../../catalog/database.js';
import type { KeysType, OlapTable } from '../../../catalog/table.js';
import { ALTER_TIMEOUT_MS, type RollupJob } from '../../alter/alter-job.js';
import { scheduleAlterJob } from '../../alter/job-runner.js';
import { allocateJobTablets, detachJobIndex } from '../../alter/job-tablets.js';
import { createRollupJob } from '../../alter/rollup-job.js';
import { schemaHash } from '../../ddl/table-builder.js';
import { dorisError } from '../../mysql/session-types.js';
import type { AddRollupClause, DropRollupClause } from '../../sql/index.js';
import { barrierPayload, logDdl } from '../ddl-log.js';
import { type ExecContext, unsupported } from '../exec-context.js';
import { checkNoTempPartitions } from './alter-checks.js';
import { rollupSchema } from './rollup-schema.js';
import { indexByName } from './schema-draft.js';

export interface NewRollup {
  readonly name: string;
  readonly baseIndexName: string;
  readonly columns: Column[];
  readonly keysType: KeysType;
  readonly rawSql: string;
  readonly defineSql?: string;
}

/** Creates the rollup jobs (inside the caller's commit) and returns their ids. */
export function startRollupJobs(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  rollups: readonly NewRollup[],
): bigint[] {
  const allocId = () => ctx.fe.sequences.allocId();
  return rollups.map((r) => {
    const base = indexByName(table, r.baseIndexName)!;
    const jobId = allocId();
    const rollupIndexId = allocId();
    const job: RollupJob = {
      kind: 'ROLLUP',
      jobId,
      dbId: db.id,
      tableId: table.id,
      tableName: table.name,
      rawSql: r.rawSql,
      createTimeMs: ctx.fe.clock.now(),
      finishedTimeMs: -1,
      timeoutMs: ALTER_TIMEOUT_MS,
      state: 'PENDING',
      errMsg: '',
      watershedTxnId: -1n,
      baseIndexId: base.id,
      baseIndexName: base.name,
      rollupIndexId,
      rollupIndexName: r.name,
      columns: r.columns,
      keysType: r.keysType,
      schemaHash: schemaHash(table.id, Number(rollupIndexId % 1000n)),
      ...(r.defineSql === undefined ? {} : { defineSql: r.defineSql }),
      partitions: allocateJobTablets(table, base.id, allocId),
    };
    createRollupJob(ctx.fe, table, job);
    return jobId;
  });
}

export function addRollups(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clauses: readonly AddRollupClause[],
): void {
  checkNoTempPartitions(table);
  const names = new Set<string>();
  const rollups: NewRollup[] = [];
  for (const def of clauses.flatMap((c) => c.rollups)) {
    if (def.properties.length > 0) unsupported('PROPERTIES of ADD ROLLUP');
    if (def.name === table.name) {
      throw dorisError(
        `Table[${table.name}] can not add segment v2 rollup index without setting storage format to v2.`,
      );
    }
    const baseName = def.fromIndex ?? table.name;
    const base = indexByName(table, baseName);
    if (!base) throw dorisError(`Base index[${baseName}] does not exist`);
    if (indexByName(table, def.name) || names.has(def.name))
      throw dorisError(`Rollup index[${def.name}] already exists`);
    names.add(def.name);
    rollups.push({
      name: def.name,
      baseIndexName: base.name,
      columns: rollupSchema(table, base.columns, def),
      keysType: table.keysType,
      rawSql: '',
    });
  }
  const jobIds = ctx.fe.commit(() => {
    const ids = startRollupJobs(ctx, db, table, rollups);
    ctx.fe.catalog.saveTable(db, table);
    return ids;
  });
  for (const id of jobIds) scheduleAlterJob(ctx.fe, id);
}

/** Checks of checkDropMaterializedView; returns the index to drop, or undefined for IF EXISTS. */
export function rollupToDrop(table: OlapTable, name: string, ifExists: boolean) {
  if (name === table.name)
    throw dorisError('Cannot drop base index by using DROP ROLLUP or DROP MATERIALIZED VIEW.');
  const index = indexByName(table, name);
  if (!index) {
    if (ifExists) return undefined;
    throw dorisError(`Materialized view [${name}] does not exist in table [${table.name}]`);
  }
  return index;
}

export function dropRollupIndex(ctx: ExecContext, db: Database, table: OlapTable, indexId: bigint): void {
  const index = table.indexes.get(indexId)!;
  detachJobIndex(table, indexId, (b, t) => ctx.fe.backends.get(b)?.dropTablet(t));
  table.indexes.delete(indexId);
  ctx.fe.catalog.saveTable(db, table);
  const inner = {
    dbId: db.id,
    tableId: table.id,
    tableName: table.name,
    indexId,
    indexName: index.name,
    isView: false,
    forceDrop: false,
    recycleTime: 0,
  };
  logDdl(ctx.fe, BinlogType.BARRIER, db.id, [table.id], () =>
    barrierPayload(db.id, table.id, BinlogType.DROP_ROLLUP, inner),
  );
}

export function dropRollups(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clauses: readonly DropRollupClause[],
): void {
  checkNoTempPartitions(table);
  const indexes = clauses.map((c) => {
    if (c.properties.length > 0) unsupported('PROPERTIES of DROP ROLLUP');
    return rollupToDrop(table, c.name, false)!;
  });
  ctx.fe.commit(() => {
    for (const index of indexes) dropRollupIndex(ctx, db, table, index.id);
  });
}
