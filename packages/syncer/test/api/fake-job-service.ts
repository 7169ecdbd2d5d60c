// A JobService for API tests: records every call, knows a few jobs, and fails on demand.
import type { EventQuery, JobEvent } from '../../src/model/job-events.js';
import type { JobRecord } from '../../src/model/job-record.js';
import {
  type CheckReport,
  type CheckRequest,
  type CreateJobRequest,
  type JobLag,
  type JobService,
  JobServiceError,
  type JobStatus,
} from '../../src/model/job-service.js';
import type { Spec } from '../../src/model/spec.js';
import type { VerifyResult } from '../../src/model/verify-result.js';

export interface RecordedCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

export function spec(overrides: Partial<Spec> = {}): Spec {
  return {
    host: '10.0.0.1',
    port: '9030',
    thrift_port: '9020',
    user: 'root',
    password: 'src-secret',
    database: 'db1',
    table: '',
    cluster: '',
    ...overrides,
  };
}

export function jobRecord(name: string): JobRecord {
  return {
    name,
    sync_type: 'db_sync',
    src: spec(),
    dest: spec({ host: '10.0.0.2', password: 'dest-secret' }),
    state: 'running',
    extra: {},
    created_at: 1_700_000_000_000,
  };
}

export class FakeJobService implements JobService {
  readonly calls: RecordedCall[] = [];
  readonly jobs = new Map<string, JobRecord>([['job1', jobRecord('job1')]]);
  /** Thrown by every method when set. */
  failure: unknown;
  metricsText = '# HELP ccr_jobs jobs\n# TYPE ccr_jobs gauge\nccr_jobs 1\n';

  #record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.failure !== undefined) throw this.failure;
  }

  #job(name: string): JobRecord {
    const job = this.jobs.get(name);
    if (!job) throw new JobServiceError(`job ${name} not exist`, 404);
    return job;
  }

  async createJob(request: CreateJobRequest): Promise<void> {
    this.#record('createJob', request);
    if (this.jobs.has(request.name)) throw new JobServiceError(`job ${request.name} already exist`, 409);
    this.jobs.set(request.name, { ...jobRecord(request.name), src: request.src, dest: request.dest });
  }

  async pauseJob(name: string): Promise<void> {
    this.#record('pauseJob', name);
    this.#job(name);
  }

  async resumeJob(name: string): Promise<void> {
    this.#record('resumeJob', name);
    this.#job(name);
  }

  async deleteJob(name: string): Promise<void> {
    this.#record('deleteJob', name);
    this.#job(name);
    this.jobs.delete(name);
  }

  async desyncJob(name: string): Promise<void> {
    this.#record('desyncJob', name);
    this.#job(name);
  }

  async forceFullSync(name: string): Promise<void> {
    this.#record('forceFullSync', name);
    this.#job(name);
  }

  async skipBinlog(name: string, skipBy: 'silence' | 'fullsync', commitSeq: bigint): Promise<void> {
    this.#record('skipBinlog', name, skipBy, commitSeq);
    this.#job(name);
  }

  async updateHostMapping(
    name: string,
    src: Record<string, string>,
    dest: Record<string, string>,
  ): Promise<void> {
    this.#record('updateHostMapping', name, src, dest);
    this.#job(name);
  }

  async listJobs(): Promise<string[]> {
    this.#record('listJobs');
    return [...this.jobs.keys()];
  }

  async jobDetail(name: string): Promise<JobRecord> {
    this.#record('jobDetail', name);
    return this.#job(name);
  }

  async jobStatus(name: string): Promise<JobStatus> {
    this.#record('jobStatus', name);
    this.#job(name);
    return {
      name,
      state: 'failing',
      progress_state: 'DBIncrementalSync',
      last_error: 'boom',
      last_error_at: 42,
    };
  }

  async jobProgress(name: string): Promise<Record<string, unknown>> {
    this.#record('jobProgress', name);
    this.#job(name);
    return {
      job_name: name,
      sync_state: 3,
      prev_commit_seq: 9007199254740993n,
      data: '',
      snapshot: { src: { password: 'nested-secret' } },
    };
  }

  async getLag(name: string): Promise<JobLag> {
    this.#record('getLag', name);
    this.#job(name);
    return {
      lag: 3,
      first_commit_seq: '9007199254740993',
      last_commit_seq: '9007199254740999',
      first_binlog_timestamp: '2025-01-01 00:00:00',
      last_binlog_timestamp: '2025-01-01 00:01:00',
      time_interval: 60,
      delay_seconds: 12.5,
      last_error: '',
    };
  }

  async lagHistory(name: string) {
    this.#record('lagHistory', name);
    this.#job(name);
    return { samples: [{ at: 1_700_000_000_000, lag_seconds: 2.5, lag_binlogs: 3 }], interval_seconds: 1 };
  }

  async listEvents(name: string, query: EventQuery): Promise<JobEvent[]> {
    this.#record('listEvents', name, query);
    this.#job(name);
    return [{ id: 7, at: 1_700_000_000_000, kind: 'resumed', by: 'x', message: 'resumed by x' }];
  }

  async listSyncers() {
    return [];
  }

  async verifyJob(name: string, tables?: readonly string[]): Promise<VerifyResult> {
    this.#record('verifyJob', name, tables);
    this.#job(name);
    const side = { rows: 2, checksum: '-170141183460469231731687303715884105728' };
    return {
      job: name,
      started_at: '2025-01-01T00:00:00.000Z',
      finished_at: '2025-01-01T00:00:01.000Z',
      matched: true,
      commit_seq: '9007199254740993',
      attempts: 1,
      differences: 0,
      unsettled: 0,
      tables: [
        {
          table: 't1',
          dest_table: 't1',
          match: true,
          settled: true,
          commit_seq: '9007199254740993',
          src: side,
          dest: side,
          partitions: [{ partition: 't1', match: true, src: side, dest: side }],
        },
      ],
    };
  }

  async verifyResult(name: string): Promise<VerifyResult | null> {
    this.#record('verifyResult', name);
    this.#job(name);
    return null;
  }

  async metrics(): Promise<string> {
    this.#record('metrics');
    return this.metricsText;
  }

  async check(request: CheckRequest): Promise<CheckReport> {
    this.#record('check', request);
    if (request.kind === 'job') this.#job(request.name);
    return { ok: true, checks: [{ check: 'connect', ok: true, detail: 'logged in', side: 'src' }] };
  }
}
