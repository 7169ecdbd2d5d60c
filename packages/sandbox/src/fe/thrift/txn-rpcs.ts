// beginTxn / commitTxn / rollbackTxn: the target side of CCR's data path (fe-thrift.md §6.1–6.3).
import {
  StatusCode,
  type TBeginTxnRequest,
  type TBeginTxnResult,
  type TCommitTxnRequest,
  type TCommitTxnResult,
  type TRollbackTxnRequest,
  type TRollbackTxnResult,
  type TStatus,
} from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import type { Frontend } from '../frontend.js';
import { CommitError } from '../load/publisher.js';
import type { Transaction } from '../txn/transaction.js';
import { TxnError } from '../txn/transaction-manager.js';
import {
  authenticate,
  checkPrivilege,
  failure,
  guarded,
  ok,
  RpcError,
  require,
  resolveDb,
} from './rpc-support.js';

function tableNames(db: Database, tableIds: readonly bigint[]): string[] {
  return tableIds.map((id) => {
    const table = db.tables.get(id);
    if (!table) throw new RpcError(StatusCode.ANALYSIS_ERROR, `can't find table id: ${id} in db: ${db.name}`);
    return table.name;
  });
}

function resolveTxnDb(fe: Frontend, request: { db?: string; db_id?: bigint }): Database {
  if (request.db_id !== undefined && request.db_id > 0n) {
    const db = fe.catalog.database(request.db_id);
    if (!db) throw new RpcError(StatusCode.ANALYSIS_ERROR, `unknown database, database id=${request.db_id}`);
    return db;
  }
  require(request, 'db');
  return resolveDb(fe, request.db!);
}

function findTxn(fe: Frontend, db: Database, txnId: bigint): Transaction {
  const txn = fe.txns.get(txnId);
  if (!txn || txn.dbId !== db.id)
    throw new RpcError(StatusCode.ANALYSIS_ERROR, `transaction [${txnId}] not found`);
  return txn;
}

export function beginTxn(fe: Frontend, request: TBeginTxnRequest): Promise<TBeginTxnResult> {
  return guarded(() => {
    require(request, 'user', 'passwd', 'db', 'label');
    if (!request.label) throw new RpcError(StatusCode.ANALYSIS_ERROR, 'label is not set');
    if (!request.table_ids || request.table_ids.length === 0) {
      throw new RpcError(StatusCode.ANALYSIS_ERROR, 'table ids is not set');
    }
    const db = resolveDb(fe, request.db!);
    const names = tableNames(db, request.table_ids);
    if (!request.token) {
      const user = authenticate(fe, request.user, request.passwd);
      for (const name of names) checkPrivilege(fe, user, 'LOAD', db.name, name);
    }
    try {
      const txn = fe.commit(() =>
        fe.txns.begin({
          dbId: db.id,
          label: request.label!,
          tableIds: [...request.table_ids!],
          sourceType: 'BACKEND_STREAMING',
          coordinator: `BE: ${request.backend_id ?? 'unknown'}`,
          timeoutMs:
            Number(request.timeout ?? BigInt(fe.config.int('stream_load_default_timeout_second'))) * 1000,
          ...(request.request_id ? { requestId: `${request.request_id.hi}:${request.request_id.lo}` } : {}),
        }),
      );
      // Sub-transactions (3.0 txn insert): allocate the requested number of ids.
      const subTxnIds: bigint[] = [];
      for (let i = 0n; i < (request.sub_txn_num ?? 0n); i++) subTxnIds.push(fe.sequences.allocId());
      return {
        status: ok(),
        txn_id: txn.id,
        db_id: db.id,
        ...(subTxnIds.length ? { sub_txn_ids: subTxnIds } : {}),
      };
    } catch (error) {
      if (error instanceof TxnError && error.reason === 'LABEL_EXISTS') {
        return {
          status: failure(StatusCode.LABEL_ALREADY_EXISTS, error.message),
          job_status: error.existing?.status === 'VISIBLE' ? 'FINISHED' : (error.existing?.status ?? ''),
          txn_id: error.existing?.id,
          db_id: db.id,
        };
      }
      if (error instanceof TxnError) throw new RpcError(StatusCode.ANALYSIS_ERROR, error.message);
      throw error;
    }
  });
}

/**
 * What commitTxn and rollbackTxn share: the request's transaction, after the LOAD privilege on each of its
 * tables is checked (skipped for a request with the cluster token, as in Doris); commit errors become
 * ANALYSIS_ERROR answers.
 */
function withTxn<R extends { status?: TStatus }>(
  fe: Frontend,
  request: TCommitTxnRequest | TRollbackTxnRequest,
  run: (txn: Transaction) => R,
): Promise<R> {
  return guarded(() => {
    require(request, 'user', 'passwd', 'txn_id');
    const db = resolveTxnDb(fe, request);
    const txn = findTxn(fe, db, request.txn_id!);
    const names = tableNames(db, txn.tableIds);
    if (!request.token) {
      const user = authenticate(fe, request.user, request.passwd);
      for (const name of names) checkPrivilege(fe, user, 'LOAD', db.name, name);
    }
    try {
      return run(txn);
    } catch (error) {
      if (error instanceof CommitError) throw new RpcError(StatusCode.ANALYSIS_ERROR, error.message);
      throw error;
    }
  });
}

export function commitTxn(fe: Frontend, request: TCommitTxnRequest): Promise<TCommitTxnResult> {
  return withTxn(fe, request, (txn) => {
    const infos = request.txn_insert
      ? (request.sub_txn_infos ?? []).flatMap((s) => s.tablet_commit_infos ?? [])
      : request.commit_infos;
    if (!infos) throw new RpcError(StatusCode.ANALYSIS_ERROR, 'commit_infos is not set');
    fe.publisher.commit(
      txn,
      infos.map((i) => ({ tabletId: i.tabletId, backendId: i.backendId })),
    );
    return { status: ok() };
  });
}

export function rollbackTxn(fe: Frontend, request: TRollbackTxnRequest): Promise<TRollbackTxnResult> {
  return withTxn(fe, request, (txn): TRollbackTxnResult => {
    if (txn.status === 'ABORTED') {
      return { status: failure(StatusCode.ANALYSIS_ERROR, `transaction [${txn.id}] is already aborted`) };
    }
    fe.publisher.abort(txn, request.reason ?? 'system cancel');
    return { status: ok() };
  });
}
