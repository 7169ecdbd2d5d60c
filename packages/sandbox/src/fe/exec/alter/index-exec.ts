// CREATE INDEX, DROP INDEX … ON t and BUILD INDEX … ON t [PARTITION (…)]. Doris turns the first two into an
// ALTER TABLE with a CreateIndexClause / DropIndexClause (so their rawSql is rendered from those clauses);
// BUILD INDEX starts one INDEX_CHANGE job per partition (SchemaChangeHandler.buildOrDeleteTableInvertedIndices).

import { scheduleAlterJob } from '../../alter/job-runner.js';
import { alterJobs } from '../../alter/job-store.js';
import { dorisError } from '../../mysql/session-types.js';
import type { BuildIndexStatement, CreateIndexStatement, DropIndexStatement } from '../../sql/index.js';
import { checkPriv, type ExecContext, findOlapTable } from '../exec-context.js';
import { ok } from '../result-helpers.js';
import { checkNormalState } from './alter-checks.js';
import { bq, indexDefSql } from './alter-raw-sql.js';
import { schemaChange, startIndexChangeJobs } from './schema-change-exec.js';

export function createIndex(ctx: ExecContext, stmt: CreateIndexStatement) {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'ALTER', db.name, table.name);
  checkNormalState(table);
  const index = {
    name: stmt.name,
    columns: stmt.columns,
    indexType: stmt.indexType,
    properties: stmt.properties,
    ...(stmt.comment === undefined ? {} : { comment: stmt.comment }),
  };
  const qualified = `${bq(db.name)}.${bq(table.name)}`;
  schemaChange(ctx, db, table, [{ kind: 'AddIndexClause', index }], {
    ifNotExists: stmt.ifNotExists,
    rawSql: `ALTER TABLE ${qualified} CREATE ${indexDefSql(index, qualified)}`,
  });
  return ok();
}

export function dropIndex(ctx: ExecContext, stmt: DropIndexStatement) {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'ALTER', db.name, table.name);
  checkNormalState(table);
  const qualified = `${bq(db.name)}.${bq(table.name)}`;
  schemaChange(ctx, db, table, [{ kind: 'DropIndexClause', ifExists: stmt.ifExists, name: stmt.name }], {
    rawSql: `ALTER TABLE ${qualified} DROP INDEX ${stmt.name} ON ${qualified}`,
  });
  return ok();
}

export function buildIndex(ctx: ExecContext, stmt: BuildIndexStatement) {
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'ALTER', db.name, table.name);
  checkNormalState(table);
  if (table.partitionType === 'UNPARTITIONED' && stmt.partitions.length > 0) {
    throw dorisError(`table ${table.name} is not partitioned, cannot build index with partitions.`);
  }
  const index = table.invertedIndexes.find((ix) => ix.name.toLowerCase() === stmt.name.toLowerCase());
  if (!index) throw dorisError(`index ${stmt.name} not exist, cannot build it with defferred.`);
  if (index.indexType !== 'INVERTED') {
    throw dorisError(
      `BUILD INDEX operation failed: The index ${index.name} of type ${index.indexType} does not support lightweight index changes.`,
    );
  }
  const names =
    stmt.partitions.length > 0 ? stmt.partitions : [...table.partitions.values()].map((p) => p.name);
  ctx.fe.commit(() => startIndexChangeJobs(ctx, db, table, [index], names, false));
  for (const job of alterJobs(ctx.fe).unfinished(table.id)) scheduleAlterJob(ctx.fe, job.jobId);
  return ok();
}
