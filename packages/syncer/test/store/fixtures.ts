// Job records for the store tests, shaped like the ones /create_ccr produces.
import type { JobRecord } from '../../src/model/job-record.js';
import type { Spec } from '../../src/model/spec.js';

function spec(host: string, database: string, password: string): Spec {
  return {
    host,
    port: '9030',
    thrift_port: '9020',
    user: 'root',
    password,
    database,
    table: '',
    cluster: '',
    frontends: [{ host, port: '9030', thrift_port: '9020', is_master: true }],
    db_id: '9007199254740993',
  };
}

export function sampleJob(name: string, overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    name,
    sync_type: 'db_sync',
    src: spec('10.0.0.1', 'src_db', 'src-secret'),
    dest: spec('10.0.0.2', 'dest_db', 'dest-secret'),
    state: 'running',
    extra: {},
    created_at: 1_700_000_000_000,
    ...overrides,
  };
}

/** A progress document as the job engine writes it: opaque to the store. */
export function sampleProgress(jobName: string, commitSeq: number): string {
  return JSON.stringify({
    job_name: jobName,
    sync_state: 500,
    sub_sync_state: { state: -1, binlog_type: -1 },
    prev_commit_seq: String(commitSeq),
    commit_seq: String(commitSeq),
  });
}

/** The crash test's progress for round `seq`: one repeated letter, so a record torn between two writes shows. */
export function crashPayload(seq: number, padBytes: number): string {
  const letter = String.fromCharCode(97 + (seq % 26));
  return JSON.stringify({ seq, pad: letter.repeat(padBytes) });
}
