// The FE's binlog: which operations are recorded, the db- and table-level streams getBinlog walks, and
// retention (TTL, max bytes, max count) enforced by a periodic GC, as binlog-records.md §2–3 describe.
import { BinlogType, StatusCode } from '@doris-ccr/protocol';
import type { Catalog } from '../../catalog/catalog.js';
import type { MetaStore, StoredBinlog } from '../../storage/meta-store.js';
import { type BinlogConfig, binlogConfig } from './binlog-config.js';
import { BinlogStream, type DummyHead } from './binlog-stream.js';

export interface BinlogRead {
  readonly status: number;
  readonly binlogs: Array<StoredBinlog | { dummy: DummyHead; dbId: bigint; belong: bigint }>;
}

/** One row of SHOW PROC '/binlog': a stream, its size and the retention that governs it. */
export interface BinlogInfo {
  readonly dbId: bigint;
  /** Absent for the database's own stream (database binlog enabled). */
  readonly tableId?: bigint;
  /** Records in the stream, the dummy head included (Doris counts it). */
  readonly length: number;
  readonly bytes: number;
  /** Commit times of the oldest and newest record that has one (UPSERTs), unix ms. */
  readonly firstTimestamp?: bigint;
  readonly lastTimestamp?: bigint;
  readonly config: BinlogConfig;
}

export interface BinlogLag {
  readonly status: number;
  readonly lag: bigint;
  readonly firstSeq: bigint;
  readonly lastSeq: bigint;
  readonly firstTimestamp: bigint;
  readonly lastTimestamp: bigint;
  readonly nextSeq: bigint;
  readonly nextTimestamp: bigint;
}

interface DbStreams {
  readonly db: BinlogStream;
  readonly tables: Map<bigint, BinlogStream>;
  /** lockBinlog: job unique id → locked seq, per stream (key: table id, or -1 for the db stream). */
  readonly locks: Map<bigint, Map<string, bigint>>;
}

const TABLE_STREAM_EXCLUDED = new Set<number>([BinlogType.CREATE_TABLE, BinlogType.DROP_TABLE]);

export class BinlogManager {
  private readonly streams = new Map<bigint, DbStreams>();

  constructor(
    private readonly store: MetaStore,
    private readonly catalog: Catalog,
    private readonly featureEnabled: () => boolean,
    /** The FE clock: a new stream's dummy head carries the time it was created, as in Doris. */
    private readonly now: () => bigint = () => BigInt(Date.now()),
  ) {}

  load(): void {
    this.streams.clear();
    for (const entry of this.store.binlogs()) this.append(entry);
    for (const [dbId, s] of this.streams) {
      restoreDummy(this.store.getKv(`binlog_dummy:${dbId}`), s.db.dummy);
      for (const [tableId, t] of s.tables)
        restoreDummy(this.store.getKv(`binlog_dummy:${dbId}:${tableId}`), t.dummy);
    }
  }

  dbConfig(dbId: bigint): BinlogConfig {
    const db = this.catalog.database(dbId);
    return binlogConfig(db?.properties ?? new Map());
  }

  tableConfig(dbId: bigint, tableId: bigint): BinlogConfig {
    const table = this.catalog.database(dbId)?.tables.get(tableId);
    return binlogConfig(table?.kind === 'OLAP' ? table.properties : new Map());
  }

  /**
   * Records an operation if the feature is on and its database or one of its tables has binlog enabled.
   * Must run inside the store transaction of the operation itself. Returns whether it was recorded.
   */
  record(entry: Omit<StoredBinlog, 'streamTableIds'>): boolean {
    if (!this.featureEnabled()) return false;
    const dbEnabled = this.dbConfig(entry.dbId).enable;
    const enabledTables = entry.tableIds.filter((id) => dbEnabled || this.tableConfig(entry.dbId, id).enable);
    if (!dbEnabled && enabledTables.length === 0) return false;
    const stored: StoredBinlog = {
      ...entry,
      streamTableIds: TABLE_STREAM_EXCLUDED.has(entry.type) ? [] : enabledTables,
    };
    this.store.putBinlog(stored);
    this.append(stored, true);
    return true;
  }

  /**
   * Adds a record to its streams, creating them on first use. A stream created by a new record (not by
   * loading the store) stamps its dummy head with the time (its seq stays -1 until GC raises it) and
   * persists it, so getBinlogLag's first_binlog_timestamp is the stream's creation time, also after a restart.
   */
  private append(entry: StoredBinlog, fresh = false): void {
    const stamp = (stream: BinlogStream, key: string): void => {
      if (!fresh) return;
      stream.dummy.timestamp = this.now();
      this.store.setKv(key, JSON.stringify(dummyJson(stream.dummy)));
    };
    let s = this.streams.get(entry.dbId);
    if (!s) {
      s = { db: new BinlogStream(-1n), tables: new Map(), locks: new Map() };
      this.streams.set(entry.dbId, s);
      stamp(s.db, `binlog_dummy:${entry.dbId}`);
    }
    s.db.append(entry);
    for (const tableId of entry.streamTableIds) {
      let t = s.tables.get(tableId);
      if (!t) {
        t = new BinlogStream(tableId);
        s.tables.set(tableId, t);
        stamp(t, `binlog_dummy:${entry.dbId}:${tableId}`);
      }
      t.append(entry);
    }
  }

  private stream(dbId: bigint, tableId: bigint | undefined): { stream?: BinlogStream; status: number } {
    const s = this.streams.get(dbId);
    if (!s) return { status: StatusCode.BINLOG_NOT_FOUND_DB };
    if (tableId === undefined) return { stream: s.db, status: StatusCode.OK };
    const t = s.tables.get(tableId);
    return t ? { stream: t, status: StatusCode.OK } : { status: StatusCode.BINLOG_NOT_FOUND_TABLE };
  }

  read(dbId: bigint, tableId: bigint | undefined, prevSeq: bigint, maxCount: number): BinlogRead {
    const { stream, status } = this.stream(dbId, tableId);
    if (!stream) return { status, binlogs: [] };
    if (stream.dummy.commitSeq > prevSeq) {
      return {
        status: StatusCode.BINLOG_TOO_OLD_COMMIT_SEQ,
        binlogs: [{ dummy: { ...stream.dummy }, dbId, belong: stream.belong }],
      };
    }
    const from = stream.firstAfter(prevSeq);
    if (from >= stream.entries.length) return { status: StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ, binlogs: [] };
    return { status: StatusCode.OK, binlogs: stream.entries.slice(from, from + Math.max(1, maxCount)) };
  }

  lag(dbId: bigint, tableId: bigint | undefined, prevSeq: bigint): BinlogLag {
    const { stream, status } = this.stream(dbId, tableId);
    if (!stream) {
      return {
        status,
        lag: 0n,
        firstSeq: 0n,
        lastSeq: 0n,
        firstTimestamp: 0n,
        lastTimestamp: 0n,
        nextSeq: 0n,
        nextTimestamp: 0n,
      };
    }
    const from = stream.firstAfter(prevSeq);
    const next = stream.entries[from];
    const last = stream.last;
    const lag = prevSeq < stream.dummy.commitSeq ? stream.entries.length + 1 : stream.entries.length - from;
    return {
      status: StatusCode.OK,
      lag: BigInt(lag),
      firstSeq: stream.dummy.commitSeq,
      lastSeq: last?.commitSeq ?? stream.dummy.commitSeq,
      firstTimestamp: stream.dummy.timestamp,
      lastTimestamp: last?.timestamp ?? stream.dummy.timestamp,
      nextSeq: next?.commitSeq ?? 0n,
      nextTimestamp: next?.timestamp ?? 0n,
    };
  }

  /**
   * SHOW PROC '/binlog': per database, its own stream when database binlog is enabled (its config governs
   * GC), else one row per table stream with the table's config — as Doris's BinlogManager lists them.
   */
  info(): BinlogInfo[] {
    const rows: BinlogInfo[] = [];
    const describe = (dbId: bigint, stream: BinlogStream, config: BinlogConfig, tableId?: bigint) => {
      const stamped = stream.entries.filter((e) => e.timestamp > 0n);
      rows.push({
        dbId,
        ...(tableId === undefined ? {} : { tableId }),
        length: stream.entries.length + 1,
        bytes: stream.bytes,
        ...(stamped.length > 0
          ? { firstTimestamp: stamped[0]!.timestamp, lastTimestamp: stamped[stamped.length - 1]!.timestamp }
          : {}),
        config,
      });
    };
    for (const [dbId, s] of this.streams) {
      const dbCfg = this.dbConfig(dbId);
      if (dbCfg.enable) describe(dbId, s.db, dbCfg);
      else for (const [tableId, t] of s.tables) describe(dbId, t, this.tableConfig(dbId, tableId), tableId);
    }
    return rows;
  }

  /** lockBinlog: returns the locked seq or a status. */
  lock(
    dbId: bigint,
    tableId: bigint | undefined,
    jobId: string,
    seq: bigint | undefined,
  ): { status: number; seq: bigint } {
    const { stream, status } = this.stream(dbId, tableId);
    if (!stream) return { status, seq: -1n };
    const s = this.streams.get(dbId)!;
    const key = tableId ?? -1n;
    let locks = s.locks.get(key);
    if (!locks) {
      locks = new Map();
      s.locks.set(key, locks);
    }
    const newest = stream.last?.commitSeq ?? stream.dummy.commitSeq;
    let wanted = seq === undefined || seq < 0n ? newest : seq;
    if (wanted > newest) return { status: StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ, seq: -1n };
    if (wanted < stream.dummy.commitSeq) wanted = stream.dummy.commitSeq;
    const existing = locks.get(jobId);
    if (existing !== undefined && existing <= wanted) return { status: StatusCode.OK, seq: existing };
    locks.set(jobId, wanted);
    return { status: StatusCode.OK, seq: wanted };
  }

  dropDatabase(dbId: bigint): void {
    this.streams.delete(dbId);
    this.store.deleteDbBinlogs(dbId);
  }

  /** Records of a database stream, oldest first (getMeta's dropped-id bookkeeping reads them). */
  dbEntries(dbId: bigint): readonly StoredBinlog[] {
    return this.streams.get(dbId)?.db.entries ?? [];
  }

  /**
   * One GC pass. Returns the UPSERT records that left every stream, so the caller can tell BEs to drop
   * the rowsets of those versions.
   */
  gc(nowMs: number): StoredBinlog[] {
    const collected: StoredBinlog[] = [];
    for (const [dbId, s] of this.streams) {
      const dbCfg = this.dbConfig(dbId);
      if (dbCfg.enable) {
        const cut = expiredSeq(s.db, dbCfg, nowMs);
        const removed = cut === undefined ? [] : s.db.cutThrough(cut);
        removed.push(...trimToLimits(s.db, dbCfg));
        if (removed.length > 0) {
          const through = s.db.dummy.commitSeq;
          for (const t of s.tables.values()) t.cutThrough(through);
          this.forget(dbId, s, removed);
          collected.push(...removed);
        }
        continue;
      }
      // Db binlog off: each table stream follows its own table config; the db stream keeps what any
      // table stream still references.
      let maxExpired = -1n;
      for (const [tableId, t] of s.tables) {
        const cfg = this.tableConfig(dbId, tableId);
        const cut = cfg.enable ? expiredSeq(t, cfg, nowMs) : (t.last?.commitSeq ?? undefined);
        const removed = cut === undefined ? [] : t.cutThrough(cut);
        if (cfg.enable) removed.push(...trimToLimits(t, cfg));
        if (removed.length > 0 && t.dummy.commitSeq > maxExpired) maxExpired = t.dummy.commitSeq;
      }
      const referenced = new Set<bigint>();
      for (const t of s.tables.values()) for (const e of t.entries) referenced.add(e.commitSeq);
      let n = 0;
      while (
        n < s.db.entries.length &&
        s.db.entries[n]!.commitSeq <= maxExpired &&
        !referenced.has(s.db.entries[n]!.commitSeq)
      )
        n++;
      const removed = s.db.removeFront(n);
      if (removed.length > 0) {
        this.forget(dbId, s, removed);
        collected.push(...removed);
      }
    }
    return collected.filter((e) => e.type === BinlogType.UPSERT);
  }

  private forget(dbId: bigint, s: DbStreams, removed: StoredBinlog[]): void {
    for (const e of removed) this.store.deleteBinlog(e.commitSeq);
    this.store.setKv(`binlog_dummy:${dbId}`, JSON.stringify(dummyJson(s.db.dummy)));
    for (const [tableId, t] of s.tables) {
      this.store.setKv(`binlog_dummy:${dbId}:${tableId}`, JSON.stringify(dummyJson(t.dummy)));
      // Locks at or below the new head are released.
      const locks = s.locks.get(tableId);
      if (locks) for (const [job, seq] of locks) if (seq <= t.dummy.commitSeq) locks.delete(job);
    }
    const dbLocks = s.locks.get(-1n);
    if (dbLocks) for (const [job, seq] of dbLocks) if (seq <= s.db.dummy.commitSeq) dbLocks.delete(job);
  }
}

/** Seq of the newest UPSERT older than the TTL (only UPSERTs carry a real timestamp). */
function expiredSeq(stream: BinlogStream, cfg: BinlogConfig, nowMs: number): bigint | undefined {
  const deadline = BigInt(nowMs) - cfg.ttlSeconds * 1000n;
  let seq: bigint | undefined;
  for (const e of stream.entries) {
    if (e.type === BinlogType.UPSERT && e.timestamp <= deadline) seq = e.commitSeq;
  }
  return seq;
}

function trimToLimits(stream: BinlogStream, cfg: BinlogConfig): StoredBinlog[] {
  let n = 0;
  let bytes = BigInt(stream.bytes);
  let count = BigInt(stream.entries.length);
  while (n < stream.entries.length && (bytes > cfg.maxBytes || count > cfg.maxHistoryNums)) {
    bytes -= BigInt(64 + (stream.entries[n]!.data?.length ?? 0) + stream.entries[n]!.tableIds.length * 8);
    count--;
    n++;
  }
  return stream.removeFront(n);
}

function dummyJson(d: DummyHead) {
  return { seq: d.commitSeq.toString(), ts: d.timestamp.toString() };
}

function restoreDummy(text: string | undefined, into: DummyHead): void {
  if (!text) return;
  const parsed = JSON.parse(text) as { seq: string; ts: string };
  into.commitSeq = BigInt(parsed.seq);
  into.timestamp = BigInt(parsed.ts);
}
