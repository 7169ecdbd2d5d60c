// MySQL-protocol access to one Doris cluster, and the statements the syncer sends through it
// (sql-surface.md §1–§3, §11). Like the Go syncer: one pool per spec, no default database (every name is
// qualified), plain text-protocol COM_QUERY only, columns read by exact name.
import mysql from 'mysql2/promise';
import type { FrontendAddress, Spec } from '../model/spec.js';
import { BINLOG_FEATURE_KEY, checkBackendsBinlog, feBinlogDisabled } from './binlog-feature.js';
import { HostMapper } from './host-mapping.js';
import { DorisSqlError, toDorisSqlError } from './sql-error.js';
import { quoteIdent, quoteQualified, quoteString } from './sql-quote.js';
import { parseGoBool, SqlRow } from './sql-row.js';
import { type ClientTimeouts, type ResolvedTimeouts, resolveTimeouts } from './timeouts.js';

export interface ClusterSqlOptions extends ClientTimeouts {
  /** Pool size (Go flag `fe_max_open_conns`). Default 20. */
  readonly maxConnections?: number;
  /** Idle connections kept open. Default maxConnections / 4, like the Go syncer. */
  readonly maxIdleConnections?: number;
}

/** A row of `show backends`, limited to the columns the syncer reads. */
export interface BackendRow {
  readonly id: bigint;
  readonly host: string;
  readonly bePort: number;
  readonly httpPort: number;
  readonly brpcPort: number;
}

/** A row of ADMIN SHOW FRONTEND CONFIG. */
export interface FeConfigEntry {
  readonly key: string;
  readonly value: string;
}

/** A row of `show proc '/dbs/<dbId>/'`. */
export interface TableIdRow {
  readonly id: bigint;
  readonly name: string;
  /** Doris table type: OLAP, VIEW, MATERIALIZED_VIEW, … */
  readonly type: string;
}

/** Failures where the statement never reached an FE: safe to send anywhere else, whatever it was. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** Statements that change nothing, so a lost answer may be asked again of another FE. */
const READ_ONLY = /^\s*(select|show|admin\s+show|desc|describe|explain)\b/i;

export class ClusterSql {
  readonly #spec: Spec;
  readonly #timeouts: ResolvedTimeouts;
  readonly #mapper: HostMapper;
  readonly #poolOptions: { limit: number; maxIdle: number };
  // Private fields stay out of util.inspect and JSON.stringify: the pools' config holds the password.
  readonly #pools = new Map<string, mysql.Pool>();
  /**
   * FE query addresses (`host:port`, mapped) in failover order, the spec's own first. Any FE runs the
   * syncer's statements (followers forward writes to the master), so the only reason to move is an FE
   * that stopped answering.
   */
  #frontends: string[];
  #current: string;
  #closed: Promise<void> | undefined;
  /** Called after a statement had to move to another FE (for the log). */
  onFailover: ((from: string, to: string, reason: string) => void) | undefined;

  constructor(spec: Spec, options: ClusterSqlOptions = {}) {
    this.#spec = spec;
    this.#timeouts = resolveTimeouts(options);
    this.#mapper = HostMapper.forSpec(spec);
    const limit = options.maxConnections ?? 20;
    this.#poolOptions = { limit, maxIdle: options.maxIdleConnections ?? Math.max(1, Math.floor(limit / 4)) };
    this.#current = joinAddress(spec.host, Number(spec.port));
    this.#frontends = [this.#current];
    if (spec.frontends) this.setFrontends(spec.frontends);
  }

  /** `host:query_port` of the FE statements go to now, for messages. */
  get address(): string {
    return this.#current;
  }

  /** Every FE query address statements may move to. */
  get frontendAddresses(): readonly string[] {
    return this.#frontends;
  }

  /**
   * Learns the cluster's FEs (from `frontends()`); FEs whose host the host mapping cannot translate are
   * left out. The spec's own address stays first, so the list is stable across refreshes.
   */
  setFrontends(frontends: readonly FrontendAddress[]): void {
    const seed = joinAddress(this.#spec.host, Number(this.#spec.port));
    const known = [seed];
    for (const fe of frontends) {
      const host = this.#mapper.tryMap(fe.host);
      const port = Number(fe.port);
      if (host === undefined || !Number.isInteger(port) || port <= 0) continue;
      const address = joinAddress(host, port);
      if (!known.includes(address)) known.push(address);
    }
    if (!known.includes(this.#current)) known.push(this.#current);
    this.#frontends = known;
  }

  /**
   * Runs one statement and returns its rows (none for DDL/DML). Failures become DorisSqlError. An FE that
   * cannot be reached is left for the next known one: any statement when the connection was refused
   * (nothing was sent), a read-only one also when the connection broke during it.
   */
  async query(statement: string): Promise<SqlRow[]> {
    const tried = new Set<string>();
    for (;;) {
      const address = this.#current;
      if (this.#closed) {
        throw new DorisSqlError({
          address,
          statement,
          dorisMessage: 'ClusterSql is closed',
          code: 'CLIENT_CLOSED',
        });
      }
      tried.add(address);
      try {
        const [rows, fields] = await this.#pool(address).query({
          sql: statement,
          timeout: this.#timeouts.sqlTimeoutMs,
        });
        if (!Array.isArray(rows)) return [];
        const columns = (fields ?? []).map((f) => f.name);
        return (rows as Array<Record<string, unknown>>).map((r) => new SqlRow(r, columns, statement));
      } catch (error) {
        const failure = toDorisSqlError(error, address, statement, this.#spec.password);
        const movable = failure.isConnectionError && (neverSent(failure) || READ_ONLY.test(statement));
        const next = movable ? this.#frontends.find((a) => !tried.has(a)) : undefined;
        if (next === undefined) throw failure;
        // Only one call moves the cluster's statements; the others find it moved already.
        if (this.#current === address) {
          this.#current = next;
          this.#retire(address);
          this.onFailover?.(address, next, failure.code ?? failure.dorisMessage);
        }
      }
    }
  }

  #pool(address: string): mysql.Pool {
    let pool = this.#pools.get(address);
    if (!pool) {
      const at = address.lastIndexOf(':');
      const host = address.slice(0, at);
      pool = mysql.createPool({
        host: host.startsWith('[') ? host.slice(1, -1) : host,
        port: Number(address.slice(at + 1)),
        user: this.#spec.user,
        password: this.#spec.password,
        connectTimeout: this.#timeouts.connectTimeoutMs,
        connectionLimit: this.#poolOptions.limit,
        maxIdle: this.#poolOptions.maxIdle,
        // Ids are 64-bit: keep every BIGINT/DECIMAL as text and convert it explicitly (SqlRow.int64).
        supportBigNumbers: true,
        bigNumberStrings: true,
        // The Go syncer reads DATETIME columns as text; so do we (no time-zone conversion).
        dateStrings: true,
        multipleStatements: false,
        // Every statement goes by the text protocol, so no connection needs mysql2's prepared-statement
        // cache, which preallocates room for 16,000 entries (about 0.5 MB per connection).
        maxPreparedStatements: 1,
        enableKeepAlive: true,
      });
      this.#pools.set(address, pool);
    }
    return pool;
  }

  /** Drops the pool of an FE that stopped answering; a later move back opens a fresh one. */
  #retire(address: string): void {
    const pool = this.#pools.get(address);
    this.#pools.delete(address);
    pool?.end().catch(() => {});
  }

  /** Runs a DDL/DML statement. */
  async execute(statement: string): Promise<void> {
    await this.query(statement);
  }

  /** Every FE of the cluster, in the spec's `frontends` shape. */
  async frontends(): Promise<FrontendAddress[]> {
    const rows = await this.query('select Host, QueryPort, RpcPort, IsMaster from frontends();');
    return rows.map((r) => ({
      host: r.string('Host'),
      port: r.string('QueryPort'),
      thrift_port: r.string('RpcPort'),
      is_master: r.bool('IsMaster'),
    }));
  }

  async backends(): Promise<BackendRow[]> {
    const rows = await this.query('show backends');
    return rows.map((r) => ({
      id: r.int64('BackendId'),
      host: r.string('Host'),
      bePort: r.int('BePort'),
      httpPort: r.int('HttpPort'),
      brpcPort: r.int('BrpcPort'),
    }));
  }

  /** One FE config value (of the FE this pool is connected to), or undefined when the key is unknown. */
  async feConfig(key: string): Promise<FeConfigEntry | undefined> {
    const rows = await this.query(`ADMIN SHOW FRONTEND CONFIG LIKE ${quoteString(key)}`);
    // LIKE treats `_` as a wildcard, so pick the row naming exactly this key (case as a fallback: the
    // pattern's case sensitivity differs between releases).
    const row =
      rows.find((r) => r.string('Key') === key) ??
      rows.find((r) => r.string('Key').toLowerCase() === key.toLowerCase());
    return row ? { key: row.string('Key'), value: row.string('Value') } : undefined;
  }

  async databaseExists(db: string): Promise<boolean> {
    const rows = await this.query(`SHOW DATABASES LIKE ${quoteString(db.trim())}`);
    // Exact comparison: LIKE alone would also accept `axb` for `a_b` (behaviour §8.3).
    return rows.some((r) => r.string('Database') === db.trim());
  }

  async createDatabaseIfNotExists(db: string): Promise<void> {
    await this.execute(`CREATE DATABASE IF NOT EXISTS ${quoteIdent(db)}`);
  }

  /** The `Create Database` text; callers look for `"binlog.enable" = "true"` in it. */
  async showCreateDatabase(db: string): Promise<string> {
    const statement = `SHOW CREATE DATABASE ${quoteIdent(db)}`;
    return firstRow(await this.query(statement), statement).string('Create Database');
  }

  /** The id of a database, or undefined when `show proc '/dbs/'` does not list it. */
  async dbId(db: string): Promise<bigint | undefined> {
    const name = db.trim();
    const rows = await this.query("show proc '/dbs/'");
    // Doris 2.0 prints names with the legacy cluster prefix, 2.1+ without.
    const row = rows.find((r) => {
      const listed = r.string('DbName');
      return listed === name || listed === `default_cluster:${name}`;
    });
    return row?.int64('DbId');
  }

  async tableExists(db: string, table: string): Promise<boolean> {
    const name = table.trim();
    const statement = `SHOW TABLES FROM ${quoteIdent(db)} LIKE ${quoteString(name)}`;
    const rows = await this.query(statement);
    if (rows.length === 0) return false;
    const column = tablesColumn(rows[0]!, db.trim());
    const names = rows.map((r) => r.string(column));
    // Exact name first; a case-insensitive hit only counts where the FE's LIKE itself was case-insensitive,
    // i.e. under lower_case_table_names, where the two spellings are the same table.
    return names.includes(name) || names.some((n) => n.toLowerCase() === name.toLowerCase());
  }

  /** The `Create Table` text; callers look for the binlog and light schema change properties in it. */
  async showCreateTable(db: string, table: string): Promise<string> {
    const statement = `SHOW CREATE TABLE ${quoteQualified(db, table)}`;
    return firstRow(await this.query(statement), statement).string('Create Table');
  }

  /** Tables (and views, MVs, …) of a database by id, as `show proc '/dbs/<dbId>/'` lists them. */
  async tableIds(dbId: bigint): Promise<TableIdRow[]> {
    const rows = await this.query(`show proc '/dbs/${dbId}/'`);
    return rows.map((r) => ({ id: r.int64('TableId'), name: r.string('TableName'), type: r.string('Type') }));
  }

  /**
   * Job-creation feature check: the FE's `enable_feature_binlog` and then every BE's. Throws
   * BinlogFeatureDisabledError with the Go syncer's texts, or another error when a node cannot be asked.
   */
  async checkBinlogEnabled(): Promise<void> {
    const fe = await this.feConfig(BINLOG_FEATURE_KEY);
    if (!fe || parseGoBool(fe.value) !== true) throw feBinlogDisabled(this.#spec);
    const backends = await this.backends();
    await checkBackendsBinlog(backends, this.#mapper, this.#timeouts.rpcTimeoutMs);
  }

  /** Closes every pooled connection; later statements fail with a DorisSqlError. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= Promise.all([...this.#pools.values()].map((p) => p.end().catch(() => {}))).then(
      () => {},
    );
    return this.#closed;
  }
}

/** Refused, unroutable, or timed out while connecting (mysql2 says "connect ETIMEDOUT"). */
function neverSent(failure: DorisSqlError): boolean {
  const code = failure.code ?? '';
  return NEVER_SENT.has(code) || (code === 'ETIMEDOUT' && /\bconnect\b/.test(failure.dorisMessage));
}

function joinAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function firstRow(rows: readonly SqlRow[], statement: string): SqlRow {
  const row = rows[0];
  if (!row) throw new Error(`no row returned by: ${statement}`);
  return row;
}

/**
 * SHOW TABLES names its column `Tables_in_<db>` with the db as the client spelled it. Should a server spell
 * it differently (case, a cluster prefix), the one `Tables_in_` column is still unambiguous.
 */
function tablesColumn(row: SqlRow, db: string): string {
  const exact = `Tables_in_${db}`;
  if (row.has(exact)) return exact;
  const candidates = row.columns.filter((c) => c.startsWith('Tables_in_'));
  return candidates.length === 1 ? candidates[0]! : exact;
}
