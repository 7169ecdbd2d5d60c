// Typed access to the FE's durable metadata in the sandbox's SQLite file: catalog objects, counters,
// partition versions, binlog records and transactions. Every method is synchronous; callers group
// writes with `transaction()` so an operation is durable as a whole or not at all.
import type { Sqlite } from './sqlite.js';

export interface StoredBinlog {
  readonly commitSeq: bigint;
  readonly dbId: bigint;
  readonly type: number;
  readonly timestamp: bigint;
  readonly tableIds: bigint[];
  /** Tables whose table-level stream carries this record (CREATE/DROP TABLE never do). */
  readonly streamTableIds: bigint[];
  readonly data: string | undefined;
}

export type CatalogObjectKind =
  | 'database'
  | 'table'
  | 'user'
  | 'job'
  // catalog recycle bin entries (src/fe/recycle): dropped objects kept for RECOVER
  | 'recycled_database'
  | 'recycled_table'
  | 'recycled_partition';

export class MetaStore {
  private readonly stmts;

  constructor(readonly db: Sqlite) {
    this.stmts = {
      getKv: db.prepare('SELECT value FROM meta_kv WHERE key = ?'),
      setKv: db.prepare('INSERT OR REPLACE INTO meta_kv (key, value) VALUES (?, ?)'),
      deleteKv: db.prepare('DELETE FROM meta_kv WHERE key = ?'),
      putObject: db.prepare(
        'INSERT OR REPLACE INTO catalog_objects (id, kind, parent_id, body) VALUES (?, ?, ?, ?)',
      ),
      deleteObject: db.prepare('DELETE FROM catalog_objects WHERE id = ?'),
      objects: db.prepare('SELECT id, parent_id, body FROM catalog_objects WHERE kind = ? ORDER BY id'),
      putVersion: db.prepare(
        'INSERT OR REPLACE INTO partition_versions (partition_id, version, version_time) VALUES (?, ?, ?)',
      ),
      versions: db.prepare('SELECT partition_id, version, version_time FROM partition_versions'),
      deleteVersion: db.prepare('DELETE FROM partition_versions WHERE partition_id = ?'),
      putBinlog: db.prepare(
        `INSERT INTO binlogs (commit_seq, db_id, type, timestamp, table_ids, stream_table_ids, data)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      binlogs: db.prepare('SELECT * FROM binlogs ORDER BY commit_seq'),
      deleteBinlog: db.prepare('DELETE FROM binlogs WHERE commit_seq = ?'),
      deleteDbBinlogs: db.prepare('DELETE FROM binlogs WHERE db_id = ?'),
      putTxn: db.prepare(
        'INSERT OR REPLACE INTO txns (txn_id, db_id, label, state, body) VALUES (?, ?, ?, ?, ?)',
      ),
      txns: db.prepare('SELECT body FROM txns ORDER BY txn_id'),
      deleteTxn: db.prepare('DELETE FROM txns WHERE txn_id = ?'),
    };
    this.stmts.binlogs.safeIntegers(true);
    this.stmts.objects.safeIntegers(true);
    this.stmts.versions.safeIntegers(true);
  }

  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn)();
  }

  getKv(key: string): string | undefined {
    return (this.stmts.getKv.get(key) as { value: string } | undefined)?.value;
  }

  setKv(key: string, value: string): void {
    this.stmts.setKv.run(key, value);
  }

  deleteKv(key: string): void {
    this.stmts.deleteKv.run(key);
  }

  putObject(kind: CatalogObjectKind, id: bigint, parentId: bigint | null, body: string): void {
    this.stmts.putObject.run(id, kind, parentId, body);
  }

  deleteObject(id: bigint): void {
    this.stmts.deleteObject.run(id);
  }

  objects(kind: CatalogObjectKind): Array<{ id: bigint; parentId: bigint | null; body: string }> {
    return (
      this.stmts.objects.all(kind) as Array<{ id: bigint; parent_id: bigint | null; body: string }>
    ).map((r) => ({ id: r.id, parentId: r.parent_id, body: r.body }));
  }

  putPartitionVersion(partitionId: bigint, version: bigint, time: number): void {
    this.stmts.putVersion.run(partitionId, version, time);
  }

  deletePartitionVersion(partitionId: bigint): void {
    this.stmts.deleteVersion.run(partitionId);
  }

  partitionVersions(): Map<bigint, { version: bigint; time: number }> {
    const out = new Map<bigint, { version: bigint; time: number }>();
    for (const r of this.stmts.versions.all() as Array<{
      partition_id: bigint;
      version: bigint;
      version_time: bigint;
    }>) {
      out.set(r.partition_id, { version: r.version, time: Number(r.version_time) });
    }
    return out;
  }

  putBinlog(b: StoredBinlog): void {
    this.stmts.putBinlog.run(
      b.commitSeq,
      b.dbId,
      b.type,
      b.timestamp,
      JSON.stringify(b.tableIds.map(String)),
      JSON.stringify(b.streamTableIds.map(String)),
      b.data ?? null,
    );
  }

  binlogs(): StoredBinlog[] {
    const rows = this.stmts.binlogs.all() as Array<{
      commit_seq: bigint;
      db_id: bigint;
      type: bigint;
      timestamp: bigint;
      table_ids: string;
      stream_table_ids: string;
      data: string | null;
    }>;
    return rows.map((r) => ({
      commitSeq: r.commit_seq,
      dbId: r.db_id,
      type: Number(r.type),
      timestamp: r.timestamp,
      tableIds: (JSON.parse(r.table_ids) as string[]).map(BigInt),
      streamTableIds: (JSON.parse(r.stream_table_ids) as string[]).map(BigInt),
      data: r.data ?? undefined,
    }));
  }

  deleteBinlog(commitSeq: bigint): void {
    this.stmts.deleteBinlog.run(commitSeq);
  }

  deleteDbBinlogs(dbId: bigint): void {
    this.stmts.deleteDbBinlogs.run(dbId);
  }

  putTxn(txnId: bigint, dbId: bigint, label: string, state: string, body: string): void {
    this.stmts.putTxn.run(txnId, dbId, label, state, body);
  }

  txns(): string[] {
    return (this.stmts.txns.all() as Array<{ body: string }>).map((r) => r.body);
  }

  deleteTxn(txnId: bigint): void {
    this.stmts.deleteTxn.run(txnId);
  }
}
