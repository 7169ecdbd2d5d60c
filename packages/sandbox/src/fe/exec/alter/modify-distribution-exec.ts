// ALTER TABLE … MODIFY DISTRIBUTION DISTRIBUTED BY … BUCKETS n (Env.modifyDefaultDistributionBucketNum):
// the bucket count that partitions added later get. Existing partitions keep theirs; only the count can
// change, not the distribution type or columns, and only for a partitioned table that is not colocated.
// Doris 2.1 and 3.0 write an edit log entry but no binlog record for it (MODIFY_DISTRIBUTION_BUCKET_NUM
// exists only in later FEs), so a CCR target keeps its default — partitions added later still arrive with
// the source's bucket count, which the ADD_PARTITION record carries.
import type { Database } from '../../../catalog/database.js';
import type { OlapTable } from '../../../catalog/table.js';
import { dorisError } from '../../mysql/session-types.js';
import type { ModifyDistributionClause } from '../../sql/index.js';
import type { ExecContext } from '../exec-context.js';
import { checkHashColumns } from './partition-exec.js';

export function modifyDefaultBuckets(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: ModifyDistributionClause,
): void {
  if (table.properties.has('colocate_with')) {
    throw dorisError('Cannot change default bucket number of colocate table.');
  }
  if (table.partitionType !== 'RANGE' && table.partitionType !== 'LIST') {
    throw dorisError("Only support change partitioned table's distribution.");
  }
  const dist = clause.distribution;
  const type = dist.kind === 'HashDistribution' ? 'HASH' : 'RANDOM';
  if (type !== table.distribution.type) {
    throw dorisError('Cannot change distribution type when modify default distribution bucket num');
  }
  if (dist.kind === 'HashDistribution') checkHashColumns(table, dist.columns);
  if (dist.buckets === undefined || dist.buckets === 'AUTO') {
    throw dorisError('Cannot change default bucket number to AUTO');
  }
  if (dist.buckets <= 0) throw dorisError('Cannot assign hash distribution buckets less than 1');
  const buckets = dist.buckets;
  ctx.fe.commit(() => {
    table.distribution.buckets = buckets;
    ctx.fe.catalog.saveTable(db, table);
  });
}
