// Typed FrontendService calls of the syncer against one cluster's master FE. Every request carries the
// spec's credentials (`user`/`passwd`, `password` for getMasterToken) and never a `token`: with a token set
// Doris skips authentication and, in 2.1, even the db lookup of getMeta (fe-thrift.md §5). Methods return
// the result whatever its status, because the caller decides what a status means (TOO_NEW, LABEL_ALREADY_
// EXISTS, PUBLISH_TIMEOUT, …); the *Ok-style helpers at the end throw where only OK is usable.
import {
  type CallOptions,
  expectStatus,
  type TBackend,
  type TBeginTxnRequest,
  type TBeginTxnResult,
  type TCommitTxnRequest,
  type TCommitTxnResult,
  type TGetBackendMetaResult,
  type TGetBinlogLagResult,
  type TGetBinlogRequest,
  type TGetBinlogResult,
  type TGetMasterTokenResult,
  type TGetMetaDBMeta,
  type TGetMetaRequest,
  type TGetMetaResult,
  type TGetSnapshotRequest,
  type TGetSnapshotResult,
  type TRestoreSnapshotRequest,
  type TRestoreSnapshotResult,
  type TRollbackTxnRequest,
  type TRollbackTxnResult,
} from '@doris-ccr/protocol';
import type { FrontendAddress, Spec } from '../model/spec.js';
import type { ClusterSql } from './cluster-sql.js';
import { FeRouter, type FeRouterOptions } from './fe-router.js';
import { redactError } from './redact.js';
import { resolveTimeouts } from './timeouts.js';

/** Fields FeRpc fills in itself: credentials, and the fields it must never send. */
type AuthFields = 'user' | 'passwd' | 'token' | 'user_ip' | 'cluster';

/** A request without credentials; `db` defaults to the spec's database. */
export type FeRequest<R> = Omit<R, AuthFields | 'db'> & { readonly db?: string };

export type FeRpcOptions = FeRouterOptions;

export class FeRpc {
  readonly #router: FeRouter;
  readonly #user: string;
  readonly #password: string;
  readonly #database: string;
  readonly #cluster: string;
  readonly #commitTimeoutMs: number;

  constructor(spec: Spec, options: FeRpcOptions = {}) {
    this.#router = new FeRouter(spec, options);
    this.#user = spec.user;
    this.#password = spec.password;
    this.#database = spec.database;
    this.#cluster = spec.cluster ?? '';
    this.#commitTimeoutMs = resolveTimeouts(options).commitTxnTimeoutMs;
  }

  /** An FeRpc that knows every FE of the cluster, as `frontends()` lists them right now. */
  static async discover(
    spec: Spec,
    sql: Pick<ClusterSql, 'frontends'>,
    options: FeRpcOptions = {},
  ): Promise<FeRpc> {
    const rpc = new FeRpc(spec, options);
    rpc.setFrontends(await sql.frontends());
    return rpc;
  }

  /** `host:port` of the FE that last answered as master (or the first one to try). */
  get master(): string {
    return this.#router.master;
  }

  /** Every FE address calls may fail over to. */
  get frontends(): readonly string[] {
    return this.#router.frontends;
  }

  /** Replaces the failover list (after a fresh `frontends()`, e.g. when FEs were added). */
  setFrontends(frontends: readonly FrontendAddress[]): void {
    this.#router.setFrontends(frontends);
  }

  beginTxn(request: FeRequest<TBeginTxnRequest>, options?: CallOptions): Promise<TBeginTxnResult> {
    return this.#router.call('beginTxn', this.#withAuth(request), options);
  }

  /** Uses the commitTxn timeout (default 33 s) unless the call overrides it. */
  commitTxn(request: FeRequest<TCommitTxnRequest>, options?: CallOptions): Promise<TCommitTxnResult> {
    return this.#router.call('commitTxn', this.#withAuth(request), {
      timeoutMs: options?.timeoutMs ?? this.#commitTimeoutMs,
    });
  }

  rollbackTxn(request: FeRequest<TRollbackTxnRequest>, options?: CallOptions): Promise<TRollbackTxnResult> {
    return this.#router.call('rollbackTxn', this.#withAuth(request), options);
  }

  getBinlog(request: FeRequest<TGetBinlogRequest>, options?: CallOptions): Promise<TGetBinlogResult> {
    return this.#router.call('getBinlog', this.#withAuth(request), options);
  }

  getBinlogLag(request: FeRequest<TGetBinlogRequest>, options?: CallOptions): Promise<TGetBinlogLagResult> {
    return this.#router.call('getBinlogLag', this.#withAuth(request), options);
  }

  getSnapshot(request: FeRequest<TGetSnapshotRequest>, options?: CallOptions): Promise<TGetSnapshotResult> {
    return this.#router.call('getSnapshot', this.#withAuth(request), options);
  }

  restoreSnapshot(
    request: FeRequest<TRestoreSnapshotRequest>,
    options?: CallOptions,
  ): Promise<TRestoreSnapshotResult> {
    return this.#router.call('restoreSnapshot', this.#withAuth(request), options);
  }

  /** getMasterToken names the password field `password`, not `passwd`. */
  getMasterToken(options?: CallOptions): Promise<TGetMasterTokenResult> {
    return this.#router.call(
      'getMasterToken',
      { cluster: this.#cluster, user: this.#user, password: this.#password },
      options,
    );
  }

  /** `request.db` is the TGetMetaDB selector (db id and table ids), not a name. */
  getMeta(request: Omit<TGetMetaRequest, AuthFields>, options?: CallOptions): Promise<TGetMetaResult> {
    const { db } = request;
    return this.#router.call('getMeta', { user: this.#user, passwd: this.#password, db }, options);
  }

  getBackendMeta(options?: CallOptions): Promise<TGetBackendMetaResult> {
    return this.#router.call(
      'getBackendMeta',
      { cluster: this.#cluster, user: this.#user, passwd: this.#password },
      options,
    );
  }

  /** The cluster token (for a restore's `extra_info`); throws DorisStatusError unless OK. */
  async masterToken(options?: CallOptions): Promise<string> {
    const result = this.#expect('getMasterToken', await this.getMasterToken(options));
    if (!result.token) throw new Error('getMasterToken: OK without a token');
    return result.token;
  }

  /** Every BE of the cluster as the FE reports it (hosts unmapped); throws DorisStatusError unless OK. */
  async backendList(options?: CallOptions): Promise<TBackend[]> {
    return this.#expect('getBackendMeta', await this.getBackendMeta(options)).backends ?? [];
  }

  /**
   * The physical layout of a db's tables; throws DorisStatusError unless OK. undefined when the FE does
   * not know the db (Doris answers OK without `db_meta` then).
   */
  async dbMeta(
    db: NonNullable<TGetMetaRequest['db']>,
    options?: CallOptions,
  ): Promise<TGetMetaDBMeta | undefined> {
    return this.#expect('getMeta', await this.getMeta({ db }, options)).db_meta;
  }

  /** Closes every FE connection. */
  close(): void {
    this.#router.close();
  }

  /** expectStatus, with the password scrubbed should an FE ever echo it. */
  #expect<R extends Parameters<typeof expectStatus>[1]>(method: string, result: R): R {
    try {
      return expectStatus(method, result);
    } catch (error) {
      throw redactError(error, this.#password);
    }
  }

  #withAuth<R extends { readonly db?: string }>(request: R) {
    // Copy field by field so credentials-like fields a caller smuggled in at runtime are dropped.
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(request)) {
      if (!AUTH_FIELD_SET.has(key)) out[key] = value;
    }
    out.db = request.db ?? this.#database;
    out.user = this.#user;
    out.passwd = this.#password;
    return out as Omit<R, 'db'> & { db: string; user: string; passwd: string };
  }
}

const AUTH_FIELD_SET: ReadonlySet<string> = new Set<AuthFields>([
  'user',
  'passwd',
  'token',
  'user_ip',
  'cluster',
]);
