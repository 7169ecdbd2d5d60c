// Binlog records of alter jobs. ALTER_JOB (binlog/AlterJobRecord) is written at every state change the FE
// persists: PENDING, WAITING_TXN, FINISHED, CANCELLED — RUNNING is not persisted by Doris (tasks are resent
// after a restart), so it leaves no record. INDEX_CHANGE_JOB is barrier-wrapped in 2.1.
import { BinlogType } from '@doris-ccr/protocol';
import { barrierPayload, logDdl } from '../exec/ddl-log.js';
import type { Frontend } from '../frontend.js';
import type { IndexChangeJob, RollupJob, SchemaChangeJob } from './alter-job.js';
import { indexDefGson } from './gson-objects.js';

export function logAlterJob(fe: Frontend, job: SchemaChangeJob | RollupJob): bigint {
  return logDdl(fe, BinlogType.ALTER_JOB, job.dbId, [job.tableId], () => alterJobRecord(job));
}

/** Gson of AlterJobRecord: primitive long members are always written, null strings/maps omitted. */
export function alterJobRecord(job: SchemaChangeJob | RollupJob): object {
  const base = {
    type: job.kind === 'SCHEMA_CHANGE' ? 'SCHEMA_CHANGE' : 'ROLLUP',
    dbId: job.dbId,
    tableId: job.tableId,
    tableName: job.tableName,
    jobId: job.jobId,
    jobState: job.state,
    ...(job.rawSql === '' && job.kind === 'ROLLUP' ? {} : { rawSql: job.rawSql }),
  };
  if (job.kind === 'SCHEMA_CHANGE') {
    const iim: Record<string, bigint> = {};
    for (const ix of job.indexes) iim[ix.shadowIndexId.toString()] = ix.originIndexId;
    return { ...base, iim, rollupIndexId: 0n, baseIndexId: 0n };
  }
  return {
    ...base,
    rollupIndexId: job.rollupIndexId,
    rollUpIndexName: job.rollupIndexName,
    baseIndexId: job.baseIndexId,
    baseIndexName: job.baseIndexName,
  };
}

export function logIndexChangeJob(fe: Frontend, job: IndexChangeJob): bigint {
  const table = fe.catalog.table(job.tableId)?.table;
  const inner = {
    jobId: job.jobId,
    jobState: job.state,
    dbId: job.dbId,
    tableId: job.tableId,
    tableName: job.tableName,
    partitionId: job.partitionId,
    partitionName: job.partitionName,
    errMsg: job.errMsg,
    createTimeMs: job.createTimeMs,
    finishedTimeMs: job.finishedTimeMs,
    watershedTxnId: job.watershedTxnId,
    isDropOp: job.isDropOp,
    alterInvertedIndexes: job.alterIndexes.map((ix) =>
      indexDefGson(ix, table?.kind === 'OLAP' ? table : undefined),
    ),
    originIndexId: job.originIndexId,
    timeoutMs: job.timeoutMs,
  };
  return logDdl(fe, BinlogType.BARRIER, job.dbId, [job.tableId], () =>
    barrierPayload(job.dbId, job.tableId, BinlogType.INDEX_CHANGE_JOB, inner),
  );
}
