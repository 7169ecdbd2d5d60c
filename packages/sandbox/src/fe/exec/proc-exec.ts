// SHOW PROC '/dbs/…': the FE's tree of databases, tables, partitions, indexes, tablets and replicas, with the column
// lists of Doris 2.1 (sql-surface.md §3). Other proc paths answer with Doris's "not found" error.
import type { Tablet } from '../../catalog/table.js';
import { dorisError } from '../mysql/session-types.js';
import type { ShowProcStatement } from '../sql/index.js';
import { BACKEND_COLUMNS, backendRows, FRONTEND_COLUMNS, frontendRows } from './cluster-rows.js';
import { checkPriv, type ExecContext } from './exec-context.js';
import { formatTime, textResult } from './result-helpers.js';
import { PARTITION_COLUMNS, partitionRows } from './show-exec.js';

const DBS_COLUMNS = [
  'DbId',
  'DbName',
  'TableNum',
  'Size',
  'Quota',
  'LastConsistencyCheckTime',
  'ReplicaCount',
  'ReplicaQuota',
  'RunningTransactionNum',
  'TransactionQuota',
  'LastUpdateTime',
];
const TABLES_COLUMNS = [
  'TableId',
  'TableName',
  'IndexNum',
  'PartitionColumnName',
  'PartitionNum',
  'State',
  'Type',
  'LastConsistencyCheckTime',
  'ReplicaCount',
  'VisibleVersion',
  'VisibleVersionTime',
  'RunningTransactionNum',
  'LastUpdateTime',
];
const TABLET_COLUMNS = [
  'TabletId',
  'ReplicaId',
  'BackendId',
  'SchemaHash',
  'Version',
  'LstSuccessVersion',
  'LstFailedVersion',
  'LstFailedTime',
  'LocalDataSize',
  'RemoteDataSize',
  'RowCount',
  'State',
  'LstConsistencyCheckTime',
  'CheckVersion',
  'VersionCount',
  'QueryHits',
  'PathHash',
  'MetaUrl',
  'CompactionStatus',
  'CooldownReplicaId',
  'CooldownMetaId',
];

/** SHOW PROC '/dbs/…/<indexId>/<tabletId>' (Doris's ReplicasProcNode). */
const REPLICA_COLUMNS = [
  'ReplicaId',
  'BackendId',
  'Version',
  'LstSuccessVersion',
  'LstFailedVersion',
  'LstFailedTime',
  'SchemaHash',
  'LocalDataSize',
  'RemoteDataSize',
  'RowCount',
  'State',
  'IsBad',
  'IsUserDrop',
  'VersionCount',
  'PathHash',
  'Path',
  'MetaUrl',
  'CompactionStatus',
  'CooldownReplicaId',
  'CooldownMetaId',
  'QueryHits',
];

function replicaRows(ctx: ExecContext, tablet: Tablet, version: bigint, schemaHash: number) {
  return tablet.replicas.map((replica) => {
    const backend = ctx.fe.backends.get(replica.backendId);
    const hostPort = backend ? `${backend.address.host}:${backend.address.httpPort}` : '0.0.0.0:0';
    return [
      replica.id.toString(),
      replica.backendId.toString(),
      version.toString(),
      version.toString(),
      '-1',
      null,
      String(schemaHash),
      '0',
      '0',
      String(backend ? backend.rowCount(tablet.id) : 0),
      replica.leaving ? 'DECOMMISSION' : 'NORMAL',
      String(replica.bad === true),
      String(replica.userDrop === true),
      version.toString(),
      '0',
      '',
      `http://${hostPort}/api/meta/header/${tablet.id}`,
      `http://${hostPort}/api/compaction/show?tablet_id=${tablet.id}`,
      '-1',
      '',
      '0',
    ];
  });
}

/** SHOW PROC '/binlog' (Doris's BinlogManager.getBinlogInfo). */
const BINLOG_COLUMNS = [
  'Name',
  'Type',
  'Id',
  'Dropped',
  'BinlogLength',
  'BinlogSize',
  'FirstBinlogCommittedTime',
  'ReadableFirstBinlogCommittedTime',
  'LastBinlogCommittedTime',
  'ReadableLastBinlogCommittedTime',
  'BinlogTtlSeconds',
  'BinlogMaxBytes',
  'BinlogMaxHistoryNums',
];

function binlogRows(ctx: ExecContext): Array<Array<string | null>> {
  return ctx.fe.binlog.info().map((info) => {
    const db = ctx.fe.catalog.database(info.dbId);
    const table = info.tableId === undefined ? undefined : db?.tables.get(info.tableId);
    const name =
      info.tableId === undefined
        ? (db?.name ?? '(dropped)')
        : !db
          ? '(dropped).(unknown)'
          : `${db.name}.${table === undefined ? '(dropped)' : table.kind === 'OLAP' ? table.name : '(not_olaptable)'}`;
    const time = (ms: bigint | undefined) =>
      ms === undefined ? [null, null] : [ms.toString(), formatTime(Number(ms))];
    return [
      name,
      info.tableId === undefined ? 'db' : 'table',
      (info.tableId ?? info.dbId).toString(),
      String(db === undefined || (info.tableId !== undefined && table === undefined)),
      String(info.length),
      String(info.bytes),
      ...time(info.firstTimestamp),
      ...time(info.lastTimestamp),
      info.config.ttlSeconds.toString(),
      info.config.maxBytes.toString(),
      info.config.maxHistoryNums.toString(),
    ];
  });
}

function notFound(path: string): never {
  throw dorisError(`Proc path '${path}' doesn't exist`);
}

function parseId(text: string | undefined, path: string): bigint {
  if (!text || !/^\d+$/.test(text)) throw dorisError(`Invalid id format: ${text ?? ''} (path ${path})`);
  return BigInt(text);
}

export function showProc(ctx: ExecContext, stmt: ShowProcStatement) {
  checkPriv(ctx, 'ADMIN');
  const path = stmt.path;
  const parts = path.split('/').filter((p) => p !== '');
  const fe = ctx.fe;
  if (parts.length === 0) notFound(path);
  if (parts[0] === 'backends' && parts.length === 1) return textResult(BACKEND_COLUMNS, backendRows(fe));
  if (parts[0] === 'frontends' && parts.length === 1)
    return textResult(FRONTEND_COLUMNS, frontendRows(fe, ctx.session.frontendIndex));
  if (parts[0] === 'binlog' && parts.length === 1) return textResult(BINLOG_COLUMNS, binlogRows(ctx));
  if (parts[0] !== 'dbs') notFound(path);

  if (parts.length === 1) {
    const rows = fe.catalog
      .databases()
      .map((db) => [
        db.id.toString(),
        db.name,
        String(db.tables.size),
        '0.000 ',
        '1024.000 TB',
        null,
        '0',
        '1073741824',
        String(fe.txns.running(db.id).length),
        '1000',
        formatTime(db.createTime),
      ]);
    return textResult(DBS_COLUMNS, rows);
  }
  const db = fe.catalog.database(parseId(parts[1], path));
  if (!db) throw dorisError(`Database[${parts[1]}] does not exist.`);
  if (parts.length === 2) {
    const tables = [...db.tables.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const rows = tables.map((t) =>
      t.kind === 'OLAP'
        ? [
            t.id.toString(),
            t.name,
            String(t.indexes.size),
            t.partitionColumns.join(', ') || null,
            String(t.partitions.size),
            t.state,
            'OLAP',
            null,
            String(
              [...t.partitions.values()].reduce(
                (n, p) =>
                  n + [...p.indexes.values()].reduce((m, i) => m + i.tablets.length * p.replicationNum, 0),
                0,
              ),
            ),
            String(
              [...t.partitions.values()].reduce((v, p) => (p.visibleVersion > v ? p.visibleVersion : v), 1n),
            ),
            formatTime(
              Math.max(...[...t.partitions.values()].map((p) => p.visibleVersionTime), t.createTime),
            ),
            '0',
            formatTime(t.createTime),
          ]
        : [
            t.id.toString(),
            t.name,
            null,
            null,
            null,
            null,
            'VIEW',
            null,
            null,
            null,
            null,
            null,
            formatTime(t.createTime),
          ],
    );
    return textResult(TABLES_COLUMNS, rows);
  }
  const table = db.tables.get(parseId(parts[2], path));
  if (table?.kind !== 'OLAP') throw dorisError(`Table[${parts[2]}] does not exist or is not OLAP table`);
  if (parts.length === 3)
    return textResult(['Nodes'], [['partitions'], ['temp_partitions'], ['index_schema']]);
  if (parts[3] !== 'partitions' && parts[3] !== 'temp_partitions') notFound(path);
  const temporary = parts[3] === 'temp_partitions';
  if (parts.length === 4) return textResult(PARTITION_COLUMNS, partitionRows(ctx, table, temporary));
  const partition = (temporary ? table.tempPartitions : table.partitions).get(parseId(parts[4], path));
  if (!partition) throw dorisError(`Partition[${parts[4]}] does not exist`);
  if (parts.length === 5) {
    const rows = [...partition.indexes.values()].map((index) => [
      index.indexId.toString(),
      table.indexes.get(index.indexId)?.name ?? '',
      table.indexes.get(index.indexId)?.state === 'SHADOW' ? 'SHADOW' : 'NORMAL',
      null,
    ]);
    return textResult(['IndexId', 'IndexName', 'State', 'LastConsistencyCheckTime'], rows);
  }
  const index = partition.indexes.get(parseId(parts[5], path));
  if (!index || parts.length > 7) notFound(path);
  const meta = table.indexes.get(index.indexId);
  if (parts.length === 7) {
    const tablet = index.tablets.find((t) => t.id === parseId(parts[6], path));
    if (!tablet) throw dorisError(`Tablet[${parts[6]}] does not exist`);
    return textResult(
      REPLICA_COLUMNS,
      replicaRows(ctx, tablet, partition.visibleVersion, meta?.schemaHash ?? 0),
    );
  }
  const rows: Array<Array<string | null>> = [];
  for (const tablet of index.tablets) {
    for (const replica of tablet.replicas) {
      const backend = fe.backends.get(replica.backendId);
      rows.push([
        tablet.id.toString(),
        replica.id.toString(),
        replica.backendId.toString(),
        String(meta?.schemaHash ?? 0),
        partition.visibleVersion.toString(),
        partition.visibleVersion.toString(),
        '-1',
        null,
        '0',
        '0',
        String(backend ? backend.rowCount(tablet.id) : 0),
        // Doris marks a replica the scheduler is removing DECOMMISSION until its watermark passes.
        replica.leaving ? 'DECOMMISSION' : 'NORMAL',
        null,
        '-1',
        partition.visibleVersion.toString(),
        '0',
        '0',
        `http://${fe.host}:${backend?.address.httpPort ?? 0}/api/meta/header/${tablet.id}`,
        `http://${fe.host}:${backend?.address.httpPort ?? 0}/api/compaction/show?tablet_id=${tablet.id}`,
        '-1',
        '',
      ]);
    }
  }
  return textResult(TABLET_COLUMNS, rows);
}
