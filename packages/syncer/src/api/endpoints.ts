// The JSON endpoints of syncer-operations.md §1.2: what each one reads, which service method it awaits,
// and which keys it merges into the `{"success": true}` answer.
import type { JsonObject } from '@doris-ccr/protocol';
import type { JobRecord } from '../model/job-record.js';
import type { JobLag, JobService, JobTimeHealth } from '../model/job-service.js';
import { redactSpec } from '../model/spec.js';
import type { FailpointRegistry } from './failpoints.js';
import {
  readCheckRequest,
  readCreateRequest,
  readEventsRequest,
  readFailpointRequest,
  readHostMappingRequest,
  readNameRequest,
  readSkipRequest,
  readVerifyRequest,
} from './requests.js';
import { redactSecrets } from './secret-redaction.js';

/** One entry of /features: a `feature_*` flag, its value and its default as text (Go's shape). */
export interface FeatureFlag {
  readonly feature: string;
  readonly value: boolean;
  readonly default: string;
}

export interface EndpointContext {
  readonly service: JobService;
  readonly features: readonly FeatureFlag[];
  readonly failpoints: FailpointRegistry;
}

/** Who sent a request, as the event log names it. */
export interface Caller {
  readonly address: string;
}

export function callerName(caller: Caller): string {
  return `an operator (API from ${caller.address})`;
}

export interface JsonEndpoint {
  readonly path: string;
  /** Changes state: a GET must carry a body (query parameters are read-only), and it is logged at info. */
  readonly mutating: boolean;
  /** Keys the Go syncer still writes next to `success:false`; kept for clients that read them blindly. */
  readonly onError?: Readonly<Record<string, unknown>>;
  /** Reads the body's members (the server has checked it is an object), awaits the service, returns the keys merged into the answer. */
  run(body: JsonObject, context: EndpointContext, caller: Caller): Promise<Record<string, unknown>>;
}

const NO_KEYS: Record<string, unknown> = {};

function nameOnly(
  path: string,
  mutating: boolean,
  call: (service: JobService, name: string, caller: Caller) => Promise<void>,
): JsonEndpoint {
  return {
    path,
    mutating,
    async run(body, { service }, caller) {
      await call(service, readNameRequest(body).name, caller);
      return NO_KEYS;
    },
  };
}

/** Commit seqs as JSON integers, as Go writes its int64s, without rounding through a double. */
function seqValue(seq: string): bigint | string {
  return /^-?\d+$/.test(seq) ? BigInt(seq) : seq;
}

function lagKeys(lag: JobLag & JobTimeHealth): Record<string, unknown> {
  // Absent fields stay absent (toJsonText leaves undefined members out): no placeholder values.
  return {
    lag: lag.lag,
    first_commit_seq: lag.first_commit_seq === undefined ? undefined : seqValue(lag.first_commit_seq),
    last_commit_seq: lag.last_commit_seq === undefined ? undefined : seqValue(lag.last_commit_seq),
    first_binlog_timestamp: lag.first_binlog_timestamp,
    last_binlog_timestamp: lag.last_binlog_timestamp,
    time_interval: lag.time_interval,
    delay_seconds: lag.delay_seconds,
    last_error: lag.last_error,
    lag_seconds: lag.lag_seconds,
    runway_seconds: lag.runway_seconds,
    runway_limit: lag.runway_limit,
    runway_warning: lag.runway_warning,
    last_full_sync_seconds: lag.last_full_sync_seconds,
  };
}

function redactJob(job: JobRecord): JobRecord {
  return redactSecrets({ ...job, src: redactSpec(job.src), dest: redactSpec(job.dest) });
}

export const JSON_ENDPOINTS: readonly JsonEndpoint[] = [
  {
    path: '/create_ccr',
    mutating: true,
    async run(body, { service }) {
      await service.createJob(readCreateRequest(body));
      return NO_KEYS;
    },
  },
  nameOnly('/pause', true, (service, name, caller) => service.pauseJob(name, callerName(caller))),
  nameOnly('/resume', true, (service, name, caller) => service.resumeJob(name, callerName(caller))),
  nameOnly('/delete', true, (service, name) => service.deleteJob(name)),
  nameOnly('/desync', true, (service, name) => service.desyncJob(name)),
  nameOnly('/force_fullsync', true, (service, name) => service.forceFullSync(name)),
  {
    path: '/job_skip_binlog',
    mutating: true,
    async run(body, { service }) {
      const request = readSkipRequest(body);
      await service.skipBinlog(request.name, request.skipBy, request.commitSeq);
      return NO_KEYS;
    },
  },
  {
    path: '/update_host_mapping',
    mutating: true,
    async run(body, { service }) {
      const request = readHostMappingRequest(body);
      await service.updateHostMapping(request.name, request.src, request.dest);
      return NO_KEYS;
    },
  },
  {
    path: '/get_lag',
    mutating: false,
    onError: {
      lag: 0,
      first_commit_seq: 0,
      last_commit_seq: 0,
      first_binlog_timestamp: '',
      last_binlog_timestamp: '',
      time_interval: 0,
    },
    async run(body, { service }) {
      return lagKeys(await service.getLag(readNameRequest(body).name));
    },
  },
  {
    path: '/list_jobs',
    mutating: false,
    // Go omits `jobs` when there are none; an empty list is what a client can iterate over.
    async run(_body, { service }) {
      return { jobs: await service.listJobs() };
    },
  },
  {
    path: '/list_syncers',
    mutating: false,
    // Beyond the Go syncer: the syncers sharing the metadata store, their heartbeats and job counts.
    async run(_body, { service }) {
      return { syncers: await service.listSyncers() };
    },
  },
  {
    path: '/job_detail',
    mutating: false,
    onError: { job_detail: null },
    async run(body, { service }) {
      return { job_detail: redactJob(await service.jobDetail(readNameRequest(body).name)) };
    },
  },
  {
    path: '/job_status',
    mutating: false,
    async run(body, { service }) {
      return { status: await service.jobStatus(readNameRequest(body).name) };
    },
  },
  {
    path: '/job_progress',
    mutating: false,
    async run(body, { service }) {
      return { job_progress: redactSecrets(await service.jobProgress(readNameRequest(body).name)) };
    },
  },
  {
    path: '/lag_history',
    mutating: false,
    // Beyond the Go syncer: the lag over the last hour, for the console's chart.
    async run(body, { service }) {
      return { ...(await service.lagHistory(readNameRequest(body).name)) };
    },
  },
  {
    path: '/job_events',
    mutating: false,
    // Beyond the Go syncer: the job's event log; `last_id` is the `since` of the next call.
    async run(body, { service }) {
      const request = readEventsRequest(body);
      const events = await service.listEvents(request.name, request.query);
      const last = events[events.length - 1]?.id ?? request.query.afterId;
      return {
        events: events.map((e) => ({ ...e, time: new Date(e.at).toISOString() })),
        ...(last === undefined ? {} : { last_id: last }),
      };
    },
  },
  {
    path: '/check',
    mutating: false,
    // Beyond the Go syncer: pre-flight of a job to create, or of an existing one, from the syncer's side.
    async run(body, { service }) {
      const report = await service.check(readCheckRequest(body));
      return { ok: report.ok, checks: report.checks };
    },
  },
  {
    path: '/verify',
    // Not a read: it holds the job's replay briefly and records an event, so a GET needs a body.
    mutating: true,
    async run(body, { service }) {
      const request = readVerifyRequest(body);
      return { verify: await service.verifyJob(request.name, request.tables) };
    },
  },
  {
    path: '/verify_result',
    mutating: false,
    async run(body, { service }) {
      return { verify: await service.verifyResult(readNameRequest(body).name) };
    },
  },
  {
    path: '/features',
    mutating: false,
    async run(_body, { features }) {
      return { flags: features };
    },
  },
];

/** Registered only with --enable_failpoints: fault injection does not belong on a production port. */
export const FAILPOINT_ENDPOINT: JsonEndpoint = {
  path: '/failpoint',
  mutating: true,
  async run(body, { failpoints }) {
    const request = readFailpointRequest(body);
    if (request.failpoint === '') failpoints.clear();
    else if (request.value === undefined) failpoints.remove(request.name, request.failpoint);
    else failpoints.set(request.name, request.failpoint, request.value);
    return NO_KEYS;
  },
};
