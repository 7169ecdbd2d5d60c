// getMeta, getBackendMeta and getMasterToken (fe-thrift.md §6.8–6.10).
import {
  StatusCode,
  type TGetBackendMetaRequest,
  type TGetBackendMetaResult,
  type TGetMasterTokenRequest,
  type TGetMasterTokenResult,
  type TGetMetaRequest,
  type TGetMetaResult,
  type TGetMetaTableMeta,
} from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import { itemCanonicalText } from '../../catalog/partition-item.js';
import { allPartitions, type OlapTable } from '../../catalog/table.js';
import { AuthError } from '../auth/auth-manager.js';
import { droppedIds } from '../binlog/dropped-ids.js';
import type { Frontend } from '../frontend.js';
import { partitionTypes } from '../load/publisher.js';
import { authenticate, checkPrivilege, failure, guarded, ok, RpcError, require } from './rpc-support.js';

export function tableMeta(table: OlapTable): TGetMetaTableMeta {
  const types = partitionTypes(table);
  return {
    id: table.id,
    name: table.name,
    type: 'OLAP',
    partitions: allPartitions(table).map((p) => ({
      id: p.id,
      name: p.name,
      range: itemCanonicalText(types, p.item),
      visible_version: p.visibleVersion,
      is_temp: p.isTemp,
      indexes: [...p.indexes.values()].map((index) => ({
        id: index.indexId,
        name: table.indexes.get(index.indexId)?.name ?? '',
        tablets: index.tablets.map((tablet) => ({
          id: tablet.id,
          replicas: tablet.replicas.map((r) => ({
            id: r.id,
            backend_id: r.backendId,
            version: p.visibleVersion,
          })),
        })),
      })),
    })),
  };
}

export function getMeta(fe: Frontend, request: TGetMetaRequest): Promise<TGetMetaResult> {
  return guarded(async () => {
    require(request, 'user', 'passwd', 'db');
    const user = authenticate(fe, request.user, request.passwd);
    const want = request.db!;
    let db: Database | undefined;
    if (want.id !== undefined) db = fe.catalog.database(want.id);
    else if (want.name !== undefined) db = fe.catalog.databaseByName(want.name);
    // An unknown database is not an error here: status OK without db_meta, as Doris answers.
    if (!db) return { status: ok() };
    const requested = want.tables;
    const tables: OlapTable[] = [];
    if (requested && requested.length > 0) {
      for (const t of requested) {
        const found =
          t.id !== undefined ? db.tables.get(t.id) : [...db.tables.values()].find((x) => x.name === t.name);
        if (found?.kind === 'OLAP') tables.push(found);
      }
    } else {
      for (const t of db.tables.values()) if (t.kind === 'OLAP') tables.push(t);
    }
    for (const t of tables) checkPrivilege(fe, user, 'SELECT', db.name, t.name);
    if (tables.length === 0) checkPrivilege(fe, user, 'SELECT', db.name);
    const dropped = fe.config.bool('enable_feature_binlog')
      ? droppedIds(fe.binlog.dbEntries(db.id))
      : undefined;
    return {
      status: ok(),
      db_meta: {
        id: db.id,
        name: db.name,
        tables: tables.map(tableMeta),
        ...(dropped
          ? {
              dropped_partitions: [...dropped.partitions.keys()],
              dropped_tables: [...dropped.tables.keys()],
              dropped_indexes: [...dropped.indexes.keys()],
              dropped_partition_map: dropped.partitions,
              dropped_table_map: dropped.tables,
              dropped_index_map: dropped.indexes,
            }
          : {}),
      },
    };
  });
}

export function getBackendMeta(
  fe: Frontend,
  request: TGetBackendMetaRequest,
): Promise<TGetBackendMetaResult> {
  return guarded(() => {
    require(request, 'user', 'passwd');
    authenticate(fe, request.user, request.passwd);
    const backends = [...fe.backends.values()]
      .filter((b) => request.backend_id === undefined || b.id === request.backend_id)
      .map((b) => ({
        id: b.id,
        host: b.address.host,
        be_port: b.address.bePort,
        http_port: b.address.httpPort,
        brpc_port: b.address.brpcPort,
        is_alive: b.alive,
      }));
    return { status: ok(), backends };
  });
}

export function getMasterToken(
  fe: Frontend,
  request: TGetMasterTokenRequest,
): Promise<TGetMasterTokenResult> {
  return guarded(() => {
    require(request, 'user', 'password');
    try {
      fe.auth.authenticate(request.user ?? '', request.password ?? '');
    } catch (error) {
      if (error instanceof AuthError) return { status: failure(StatusCode.NOT_AUTHORIZED, error.message) };
      throw error;
    }
    return { status: ok(), token: fe.token };
  });
}

export { RpcError };
