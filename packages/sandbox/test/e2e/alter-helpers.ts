// Helpers of the ALTER e2e tests: reading a database's binlog over thrift (with barrier wrappers resolved)
// and waiting for alter jobs through SHOW ALTER TABLE, as a client of a real Doris would.
import assert from 'node:assert/strict';
import {
  type BinlogRecord,
  binlogTypeName,
  type ParsedBinlog,
  parseBinlog,
  StatusCode,
  unwrapBarrier,
} from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { query, type SandboxProcess } from './sandbox-process.js';

export interface ReadBinlog {
  readonly commitSeq: bigint;
  readonly tableIds: readonly bigint[];
  /** The TBinlog type on the wire (BARRIER for wrapped records). */
  readonly type: string;
  /** The effective type: the wrapped one for barrier wrappers. */
  readonly effective: string;
  readonly record: BinlogRecord;
  readonly raw: Record<string, unknown>;
  readonly parsed: ParsedBinlog;
}

/** Every binlog of `db` (or of one table's stream) after `prev`. */
export async function readBinlogs(
  sandbox: SandboxProcess,
  db: string,
  prev = -1n,
  table?: string,
): Promise<ReadBinlog[]> {
  const fe = sandbox.thrift();
  try {
    const out: ReadBinlog[] = [];
    let seq = prev;
    for (;;) {
      const r = await fe.getBinlog({
        user: 'root',
        passwd: '',
        db,
        ...(table ? { table } : {}),
        prev_commit_seq: seq,
      });
      const code = r.status?.status_code;
      if (code === StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ || code === StatusCode.BINLOG_NOT_FOUND_DB)
        return out;
      assert.equal(r.status?.status_code, StatusCode.OK, JSON.stringify(r.status));
      const b = r.binlogs![0]!;
      const parsed = parseBinlog(b);
      const record = unwrapBarrier(parsed.record);
      out.push({
        commitSeq: parsed.commitSeq,
        tableIds: parsed.tableIds,
        type: binlogTypeName(parsed.type) ?? String(parsed.type),
        effective: effectiveType(parsed),
        record,
        raw: ('raw' in record ? record.raw : {}) as Record<string, unknown>,
        parsed,
      });
      seq = b.commit_seq!;
    }
  } finally {
    fe.close();
  }
}

function effectiveType(parsed: ParsedBinlog): string {
  const wrapped = parsed.record.kind === 'barrier' && parsed.record.wrapped !== undefined;
  const type = wrapped && parsed.record.kind === 'barrier' ? parsed.record.binlogType : parsed.type;
  return binlogTypeName(type) ?? String(type);
}

/** The last commit seq of the database stream (start point for the next read). */
export async function lastSeq(sandbox: SandboxProcess, db: string): Promise<bigint> {
  const all = await readBinlogs(sandbox, db);
  return all.length === 0 ? -1n : all[all.length - 1]!.commitSeq;
}

export async function waitForAlterJobs(
  conn: mysql.Connection,
  db: string,
  kind: 'COLUMN' | 'ROLLUP',
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await query<{ State: string }>(conn, `SHOW ALTER TABLE ${kind} FROM ${db}`);
    if (rows.every((r) => r.State === 'FINISHED' || r.State === 'CANCELLED')) return rows;
    if (Date.now() > deadline) throw new Error(`alter jobs still running: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function showCreate(conn: mysql.Connection, table: string): Promise<string> {
  const [row] = await query<{ 'Create Table': string }>(conn, `SHOW CREATE TABLE ${table}`);
  return row!['Create Table'];
}

export async function expectError(
  conn: mysql.Connection,
  sql: string,
  message: string | RegExp,
): Promise<void> {
  await assert.rejects(conn.query(sql), (error: Error) => {
    if (typeof message === 'string')
      assert.ok(error.message.includes(message), `${error.message} should contain ${message}`);
    else assert.match(error.message, message);
    return true;
  });
}
