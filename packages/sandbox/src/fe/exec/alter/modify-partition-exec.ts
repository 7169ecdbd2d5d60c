// ALTER TABLE … MODIFY PARTITION p | (p1, p2) | (*) SET ("k" = "v") (Alter.modifyPartitionsProperty):
// storage medium and in-memory flag per partition, recorded as one MODIFY_PARTITIONS with an info per
// partition. Replica count changes would need new replicas, which the sandbox does not build.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../../catalog/database.js';
import type { OlapTable, Partition } from '../../../catalog/table.js';
import { dataPropertyGson, replicaAllocGson } from '../../alter/gson-objects.js';
import { partitionByName } from '../../alter/partition-ops.js';
import { replicationNumber } from '../../ddl/table-properties.js';
import { dorisError } from '../../mysql/session-types.js';
import type { ModifyPartitionClause } from '../../sql/index.js';
import { logDdl } from '../ddl-log.js';
import { type ExecContext, unsupported } from '../exec-context.js';

export function modifyPartitions(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: ModifyPartitionClause,
): void {
  const partitions: Partition[] =
    clause.partitions === '*'
      ? [...table.partitions.values()]
      : clause.partitions.map((name) => {
          const p = partitionByName(table.partitions, name);
          if (!p) throw dorisError(`Partition[${name}] does not exist in table[${table.name}]`);
          return p;
        });
  let medium: 'HDD' | 'SSD' | undefined;
  for (const { key, value } of clause.properties) {
    switch (key) {
      case 'storage_medium': {
        const v = value.toUpperCase();
        if (v !== 'HDD' && v !== 'SSD') throw dorisError(`Invalid storage medium: ${value}`);
        medium = v;
        break;
      }
      case 'in_memory':
        if (value.toLowerCase() === 'true') throw dorisError("Not support set 'in_memory'='true' now!");
        break;
      case 'replication_num':
      case 'replication_allocation': {
        const n = replicationNumber(new Map([[key, value]]));
        if (partitions.some((p) => p.replicationNum !== n))
          unsupported('Changing the replica count of existing partitions');
        break;
      }
      case 'storage_policy':
      case 'storage_cooldown_time':
        unsupported(`MODIFY PARTITION … SET ("${key}")`);
        break;
      default:
        throw dorisError(`Unknown properties: {${key}=${value}}`);
    }
  }
  ctx.fe.commit(() => {
    for (const p of partitions) if (medium) p.storageMedium = medium;
    ctx.fe.catalog.saveTable(db, table);
    logDdl(ctx.fe, BinlogType.MODIFY_PARTITIONS, db.id, [table.id], () => ({
      infos: partitions.map((p) => ({
        dbId: db.id,
        tableId: table.id,
        partitionId: p.id,
        dataProperty: dataPropertyGson(p),
        replicaAlloc: replicaAllocGson(p.replicationNum),
        isInMemory: false,
        storagePolicy: '',
        tableProperties: {},
      })),
    }));
  });
}
