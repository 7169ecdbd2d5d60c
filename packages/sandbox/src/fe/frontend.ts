// The composition root of one sandbox cluster's FE and its simulated BEs: everything is built from one
// data directory and loaded from it at start-up, so a restarted sandbox comes back with the same state.
import { randomUUID } from 'node:crypto';
import { Backend, type BackendConfig } from '../be/backend.js';
import type { PredicateCompiler, TabletSchema } from '../be/tablet-schema.js';
import { TabletStore } from '../be/tablet-store.js';
import { Catalog } from '../catalog/catalog.js';
import { findColumn } from '../catalog/column.js';
import { type Clock, systemClock } from '../clock.js';
import { MetaStore } from '../storage/meta-store.js';
import { openStore, type Sqlite } from '../storage/sqlite.js';
import { AuthManager } from './auth/auth-manager.js';
import { binlogConfig } from './binlog/binlog-config.js';
import { BinlogManager } from './binlog/binlog-manager.js';
import { FeConfig } from './fe-config.js';
import { FrontendNodes } from './frontend-nodes.js';
import { Publisher } from './load/publisher.js';
import { Sequences } from './sequences.js';
import { BackendRegistry } from './system/backend-registry.js';
import { TransactionManager } from './txn/transaction-manager.js';

export interface FrontendOptions {
  readonly dataDir: string;
  /** Registered BEs to run at least (see RegistryStart.running). */
  readonly backends?: number;
  /** Unregistered BE processes to run; undefined keeps the ones the data dir remembers. */
  readonly spareBackends?: number;
  readonly host?: string;
  /** First object id for a new cluster (Doris starts near 10000; tests use > 2^53 to catch precision bugs). */
  readonly idBase?: bigint;
  readonly clock?: Clock;
  readonly feConfig?: Record<string, string>;
  readonly beConfig?: Partial<BackendConfig>;
  readonly compilePredicate: PredicateCompiler;
  /** Number of FEs (one master, the rest followers); undefined keeps the data dir's, else 1. */
  readonly frontends?: number;
  /** SQLite page cache in MB (storage/sqlite.ts). */
  readonly cacheMb?: number;
}

export class Frontend {
  readonly sqlite: Sqlite;
  readonly store: MetaStore;
  readonly clock: Clock;
  readonly config: FeConfig;
  readonly sequences: Sequences;
  readonly catalog: Catalog;
  readonly binlog: BinlogManager;
  readonly txns: TransactionManager;
  readonly auth: AuthManager;
  readonly tablets: TabletStore;
  /** Registered backends by id. */
  readonly backends: Map<bigint, Backend>;
  /** Registered backends and the BE processes (registered or spare) this sandbox runs. */
  readonly system: BackendRegistry;
  readonly publisher: Publisher;
  readonly host: string;
  /** The cluster token returned by getMasterToken (stable across restarts). */
  readonly token: string;
  readonly clusterId: number;
  /** The cluster's FE processes; their ports are filled in once the servers listen. */
  readonly frontends: FrontendNodes;
  readonly startTime: number;

  constructor(options: FrontendOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.clock = options.clock ?? systemClock;
    this.config = new FeConfig(options.feConfig);
    this.sqlite = openStore(options.dataDir, options.cacheMb);
    this.store = new MetaStore(this.sqlite);
    // The FE count is cluster metadata: a restart without --frontends keeps the FEs it had.
    const keptFrontends = (JSON.parse(this.store.getKv('frontend_ports') ?? '[]') as unknown[]).length;
    this.frontends = new FrontendNodes(options.frontends ?? (keptFrontends || 1));
    this.sequences = new Sequences(this.store, options.idBase ?? 10000n);
    this.catalog = new Catalog(this.store);
    this.binlog = new BinlogManager(
      this.store,
      this.catalog,
      () => this.config.bool('enable_feature_binlog'),
      () => BigInt(this.clock.now()),
    );
    this.txns = new TransactionManager(this.store, this.clock, () => this.sequences.allocId());
    this.auth = new AuthManager(this.store);
    this.tablets = new TabletStore(this.sqlite);
    this.system = new BackendRegistry(
      this.store,
      this.host,
      (address, like) =>
        new Backend(
          address,
          this.tablets,
          (tabletId) => this.tabletSchema(address.id, tabletId),
          options.compilePredicate,
          this.clock,
          like ? { ...like.config } : options.beConfig,
        ),
      () => this.sequences.allocId(),
    );
    this.backends = this.system.registered;
    this.publisher = new Publisher({
      store: this.store,
      catalog: this.catalog,
      txns: this.txns,
      backends: this.backends,
      binlog: this.binlog,
      sequences: this.sequences,
      clock: this.clock,
    });

    const identity = this.store.transaction(() => {
      this.catalog.load();
      this.binlog.load();
      this.auth.load();
      this.txns.load();
      this.system.load({
        ...(options.backends === undefined ? {} : { running: options.backends }),
        ...(options.spareBackends === undefined ? {} : { spares: options.spareBackends }),
      });
      let token = this.store.getKv('token');
      if (!token) {
        token = randomUUID();
        this.store.setKv('token', token);
      }
      let clusterId = this.store.getKv('cluster_id');
      if (!clusterId) {
        clusterId = String(Math.floor(Math.random() * 2_000_000_000));
        this.store.setKv('cluster_id', clusterId);
      }
      this.sequences.flush();
      return { token, clusterId: Number(clusterId) };
    });
    this.startTime = this.clock.now();
    this.token = identity.token;
    this.clusterId = identity.clusterId;
  }

  /** Ports of the current master FE. */
  get ports() {
    return this.frontends.master.ports;
  }

  /** Backends new replicas may go to: alive and not decommissioned. */
  aliveBackends(): Backend[] {
    return [...this.backends.values()].filter((b) => b.alive && !b.decommissioned);
  }

  /** Runs `fn` as one durable unit; counters advanced inside it are persisted with it. */
  commit<T>(fn: () => T): T {
    return this.store.transaction(() => {
      const result = fn();
      this.sequences.flush();
      return result;
    });
  }

  /** The schema a BE holds for one of its replicas, derived from the catalog (the source of truth). */
  tabletSchema(backendId: bigint, tabletId: bigint): TabletSchema | undefined {
    const location = this.catalog.tablet(tabletId);
    if (!location?.tablet.replicas.some((r) => r.backendId === backendId)) return undefined;
    const found = this.catalog.table(location.tableId);
    if (found?.table.kind !== 'OLAP') return undefined;
    const table = found.table;
    const index = table.indexes.get(location.indexId);
    if (!index) return undefined;
    const seqCol = table.properties.get('function_column.sequence_col');
    return {
      tableId: table.id,
      partitionId: location.partitionId,
      indexId: index.id,
      keysType: index.keysType,
      columns: index.columns,
      ...(seqCol ? { sequenceColumn: findColumn(index.columns, seqCol)?.name ?? seqCol } : {}),
      binlogEnabled: binlogConfig(table.properties).enable || binlogConfig(found.db.properties).enable,
    };
  }

  close(): void {
    this.sqlite.close();
  }
}
