// ALTER TABLE column and index clauses (SchemaChangeHandler.process): the clauses edit a draft of every
// index schema, then the change is applied either as a light schema change (metadata only, one
// MODIFY_TABLE_ADD_OR_DROP_COLUMNS or barrier-wrapped MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES record) or
// as an asynchronous schema change job with shadow indexes.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../../catalog/database.js';
import type { OlapTable } from '../../../catalog/table.js';
import { ALTER_TIMEOUT_MS, type SchemaChangeJob, SHADOW_PREFIX } from '../../alter/alter-job.js';
import { columnGson, indexDefGson } from '../../alter/gson-objects.js';
import { createIndexChangeJob } from '../../alter/index-change-job.js';
import { scheduleAlterJob } from '../../alter/job-runner.js';
import { alterJobs } from '../../alter/job-store.js';
import { allocateJobTablets } from '../../alter/job-tablets.js';
import { createSchemaChangeJob } from '../../alter/schema-change-job.js';
import { schemaHash } from '../../ddl/table-builder.js';
import { dorisError } from '../../mysql/session-types.js';
import type { AlterTableClause } from '../../sql/index.js';
import { barrierPayload, logDdl } from '../ddl-log.js';
import type { ExecContext } from '../exec-context.js';
import { unsupported } from '../exec-context.js';
import { checkNoTempPartitions } from './alter-checks.js';
import { alterTableRawSql } from './alter-raw-sql.js';
import { addColumn, dropColumn, modifyColumn, reorderColumns } from './column-clauses.js';
import { enableFeature } from './enable-feature.js';
import { addIndex, dropIndex } from './index-clauses.js';
import { checkHeavyChange, checkLightChange } from './schema-change-checks.js';
import { newDraft, type SchemaDraft } from './schema-draft.js';

export interface SchemaChangeOptions {
  /** CREATE INDEX IF NOT EXISTS / DROP INDEX IF EXISTS: a no-op instead of an error. */
  readonly ifNotExists?: boolean;
  readonly ifExists?: boolean;
  /** The rawSql Doris logs when it differs from the ALTER TABLE rendering (CREATE/DROP INDEX statements). */
  readonly rawSql?: string;
  /**
   * Table properties that change with a rewrite of every index (bloom filters): the change is a schema
   * change job even without a column clause, and the properties are set when it finishes.
   */
  readonly tableProperties?: Readonly<Record<string, string | null>>;
}

/** Applies one clause to the draft; false means "nothing to do" (IF [NOT] EXISTS). */
function applyClause(
  ctx: ExecContext,
  draft: SchemaDraft,
  clause: AlterTableClause,
  options: SchemaChangeOptions,
): boolean {
  if (clause.kind === 'EnableFeatureClause') {
    enableFeature(draft, clause);
    return true;
  }
  if ('properties' in clause && clause.properties.length > 0) {
    unsupported(`PROPERTIES on ALTER TABLE ${clause.kind.replace('Clause', '')}`);
  }
  switch (clause.kind) {
    case 'AddColumnClause':
      addColumn(draft, clause.column, clause.position, clause.rollup);
      return true;
    case 'AddColumnsClause':
      for (const def of clause.columns) addColumn(draft, def, undefined, clause.rollup);
      return true;
    case 'DropColumnClause':
      dropColumn(draft, clause.column, clause.rollup);
      return true;
    case 'ModifyColumnClause':
      modifyColumn(draft, clause.column, clause.position, clause.rollup);
      return true;
    case 'ReorderColumnsClause':
      reorderColumns(draft, clause.columns, clause.rollup);
      return true;
    case 'AddIndexClause':
      return addIndex(draft, clause.index, options.ifNotExists ?? false, ctx.fe.sequences.allocId());
    case 'DropIndexClause':
      return dropIndex(draft, clause.name, clause.ifExists || (options.ifExists ?? false));
    default:
      throw new Error(`${clause.kind} is not a schema change clause`);
  }
}

export function schemaChange(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clauses: readonly AlterTableClause[],
  options: SchemaChangeOptions = {},
): void {
  checkNoTempPartitions(table);
  const draft = newDraft(table);
  const fe = ctx.fe;
  const rawSql = options.rawSql ?? alterTableRawSql(db.name, table.name, clauses);
  fe.commit(() => {
    let anything = false;
    for (const clause of clauses) anything = applyClause(ctx, draft, clause, options) || anything;
    if (options.tableProperties) {
      startHeavy(ctx, db, draft, rawSql, options.tableProperties);
      return;
    }
    if (!anything) return;
    if (draft.light) applyLight(ctx, db, draft, rawSql);
    else if (draft.lightIndexChange && !draft.heavy && !columnsChanged(draft))
      applyLightIndexChange(ctx, db, draft, rawSql);
    else startHeavy(ctx, db, draft, rawSql);
  });
  for (const job of alterJobs(fe).unfinished(table.id)) scheduleAlterJob(fe, job.jobId);
}

function columnsChanged(draft: SchemaDraft): boolean {
  for (const [id, schema] of draft.schemas) {
    const origin = draft.table.indexes.get(id)!.columns;
    if (schema.length !== origin.length || schema.some((c, i) => c !== origin[i])) return true;
  }
  return false;
}

function indexSchemaMapGson(draft: SchemaDraft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, schema] of draft.schemas) out[id.toString()] = schema.map(columnGson);
  return out;
}

/** Writes the draft into the catalog (every index gets a new schema version) and records the finished job. */
function commitDraft(ctx: ExecContext, db: Database, draft: SchemaDraft, rawSql: string): bigint {
  const { table } = draft;
  const jobId = ctx.fe.sequences.allocId();
  const now = ctx.fe.clock.now();
  const indexes = [...draft.schemas].map(([id, schema]) => {
    const meta = table.indexes.get(id)!;
    meta.columns = schema;
    meta.schemaVersion += 1;
    return {
      shadowIndexId: id,
      originIndexId: id,
      shadowName: `${SHADOW_PREFIX}${meta.name}`,
      originName: meta.name,
      schemaVersion: meta.schemaVersion,
      schemaHash: meta.schemaHash,
      columns: schema,
      keysType: meta.keysType,
      partitions: [],
    };
  });
  table.invertedIndexes.splice(0, table.invertedIndexes.length, ...draft.indexes);
  table.nextColumnUniqueId = draft.nextUid;
  dropBloomFilterColumns(table, draft.droppedBaseColumns);
  ctx.fe.catalog.saveTable(db, table);
  const job: SchemaChangeJob = {
    kind: 'SCHEMA_CHANGE',
    jobId,
    dbId: db.id,
    tableId: table.id,
    tableName: table.name,
    rawSql,
    createTimeMs: now,
    finishedTimeMs: now,
    timeoutMs: 1000,
    state: 'FINISHED',
    errMsg: '',
    watershedTxnId: -1n,
    light: true,
    indexes,
  };
  alterJobs(ctx.fe).save(job);
  return jobId;
}

function dropBloomFilterColumns(table: OlapTable, dropped: readonly string[]): void {
  const bf = table.properties.get('bloom_filter_columns');
  if (!bf || dropped.length === 0) return;
  const gone = new Set(dropped.map((d) => d.toLowerCase()));
  const kept = bf
    .split(',')
    .map((s) => s.trim())
    .filter((c) => c && !gone.has(c.toLowerCase()));
  if (kept.length === 0) table.properties.delete('bloom_filter_columns');
  else table.properties.set('bloom_filter_columns', kept.join(', '));
}

function applyLight(ctx: ExecContext, db: Database, draft: SchemaDraft, rawSql: string): void {
  checkLightChange(draft, db.name);
  const jobId = commitDraft(ctx, db, draft, rawSql);
  const { table } = draft;
  logDdl(ctx.fe, BinlogType.MODIFY_TABLE_ADD_OR_DROP_COLUMNS, db.id, [table.id], () => ({
    dbId: db.id,
    tableId: table.id,
    indexSchemaMap: indexSchemaMapGson(draft),
    indexes: draft.indexes.map((ix) => indexDefGson(ix, table)),
    jobId,
    rawSql,
  }));
}

function applyLightIndexChange(ctx: ExecContext, db: Database, draft: SchemaDraft, rawSql: string): void {
  checkLightChange(draft, db.name);
  const jobId = commitDraft(ctx, db, draft, rawSql);
  const { table } = draft;
  const inner = {
    rawSql,
    dbId: db.id,
    tableId: table.id,
    indexSchemaMap: indexSchemaMapGson(draft),
    indexes: draft.indexes.map((ix) => indexDefGson(ix, table)),
    alterInvertedIndexes: draft.alterIndexes.map((ix) => indexDefGson(ix, table)),
    isDropInvertedIndex: draft.isDropIndex,
    jobId,
  };
  logDdl(ctx.fe, BinlogType.BARRIER, db.id, [table.id], () =>
    barrierPayload(db.id, table.id, BinlogType.MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES, inner),
  );
  // A light inverted index drop also asks every partition's backends to delete the index files.
  if (draft.isDropIndex)
    startIndexChangeJobs(
      ctx,
      db,
      table,
      draft.alterIndexes,
      [...table.partitions.values()].map((p) => p.name),
      true,
    );
}

/** One INDEX_CHANGE job per partition (BUILD INDEX, or the file cleanup after a light inverted index drop). */
export function startIndexChangeJobs(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  alterIndexes: OlapTable['invertedIndexes'],
  partitionNames: readonly string[],
  isDropOp: boolean,
): void {
  const now = ctx.fe.clock.now();
  for (const partition of table.partitions.values()) {
    if (!partitionNames.includes(partition.name)) continue;
    const busy = alterJobs(ctx.fe)
      .unfinished(table.id)
      .some(
        (j) =>
          j.kind === 'INDEX_CHANGE' &&
          j.partitionId === partition.id &&
          j.isDropOp === isDropOp &&
          j.alterIndexes.some((a) => alterIndexes.some((b) => a.id === b.id)),
      );
    if (busy)
      throw dorisError(
        `partition ${partition.name} has been built specified index. please check your build stmt.`,
      );
    createIndexChangeJob(ctx.fe, {
      kind: 'INDEX_CHANGE',
      jobId: ctx.fe.sequences.allocId(),
      dbId: db.id,
      tableId: table.id,
      tableName: table.name,
      rawSql: '',
      createTimeMs: now,
      finishedTimeMs: -1,
      timeoutMs: ALTER_TIMEOUT_MS,
      state: 'WAITING_TXN',
      errMsg: '',
      watershedTxnId: ctx.fe.sequences.allocId(),
      partitionId: partition.id,
      partitionName: partition.name,
      isDropOp,
      originIndexId: table.baseIndexId,
      alterIndexes: alterIndexes.map((ix) => ({ ...ix })),
    });
  }
}

function startHeavy(
  ctx: ExecContext,
  db: Database,
  draft: SchemaDraft,
  rawSql: string,
  newProperties?: Readonly<Record<string, string | null>>,
): void {
  const { table } = draft;
  const changedIds = checkHeavyChange(
    draft,
    draft.lightIndexChange || draft.heavy || newProperties !== undefined,
  );
  const allocId = () => ctx.fe.sequences.allocId();
  const jobId = allocId();
  const indexes = changedIds.map((originId) => {
    const origin = table.indexes.get(originId)!;
    const shadowIndexId = allocId();
    return {
      shadowIndexId,
      originIndexId: originId,
      shadowName: `${SHADOW_PREFIX}${origin.name}`,
      originName: origin.name,
      schemaVersion: origin.schemaVersion + 1,
      schemaHash: schemaHash(table.id, Number(shadowIndexId % 1000n)),
      columns: draft.schemas.get(originId)!,
      keysType: origin.keysType,
      partitions: allocateJobTablets(table, originId, allocId),
    };
  });
  table.nextColumnUniqueId = draft.nextUid;
  const job: SchemaChangeJob = {
    kind: 'SCHEMA_CHANGE',
    jobId,
    dbId: db.id,
    tableId: table.id,
    tableName: table.name,
    rawSql,
    createTimeMs: ctx.fe.clock.now(),
    finishedTimeMs: -1,
    timeoutMs: ALTER_TIMEOUT_MS,
    state: 'PENDING',
    errMsg: '',
    watershedTxnId: -1n,
    light: false,
    indexes,
    // Dropped columns take their indexes with them, so the job always carries the new index list.
    newIndexDefs: draft.indexes,
    newProperties: { ...draft.newProperties, ...newProperties },
  };
  createSchemaChangeJob(ctx.fe, table, job);
  ctx.fe.catalog.saveTable(db, table);
}
