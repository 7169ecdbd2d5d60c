// Test helper: reads a database's binlog stream over FrontendService.getBinlog, one record per call, the way
// the CCR syncer walks it.
import assert from 'node:assert/strict';
import { type ParsedBinlog, parseBinlog, StatusCode } from '@doris-ccr/protocol';
import type { SandboxProcess } from './sandbox-process.js';

/** Every record of `db`'s stream after `after` (all of it by default), oldest first; none if it has no stream yet. */
export async function readBinlogs(sandbox: SandboxProcess, db: string, after = -1n): Promise<ParsedBinlog[]> {
  const fe = sandbox.thrift();
  try {
    const out: ParsedBinlog[] = [];
    let prev = after;
    for (;;) {
      const r = await fe.getBinlog({ user: 'root', passwd: '', db, prev_commit_seq: prev });
      if (r.status?.status_code === StatusCode.BINLOG_TOO_NEW_COMMIT_SEQ) return out;
      if (r.status?.status_code === StatusCode.BINLOG_NOT_FOUND_DB && out.length === 0) return out;
      assert.equal(r.status?.status_code, StatusCode.OK, JSON.stringify(r.status));
      const b = r.binlogs![0]!;
      out.push(parseBinlog(b));
      prev = b.commit_seq!;
    }
  } finally {
    fe.close();
  }
}

/** The commit seq of the newest record of `db`'s stream (-1 when it has none yet). */
export async function lastCommitSeq(sandbox: SandboxProcess, db: string): Promise<bigint> {
  const all = await readBinlogs(sandbox, db);
  return all.length === 0 ? -1n : all[all.length - 1]!.commitSeq;
}
