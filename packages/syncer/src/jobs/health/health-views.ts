// The health monitor's findings as the API and the metrics show them: job_status gains the lag in time,
// the runway and the stalled state (which overrides running/failing: a stuck job never looks healthy);
// the metrics read plain numbers.
import type { JobStatus } from '../../model/job-service.js';
import type { JobGaugeSource } from '../job-metrics.js';
import { type JobView, statusOf } from '../job-views.js';
import type { JobHealth } from './health-monitor.js';
import { runwayFields } from './runway.js';

/** job_status with what the monitor's last look found (nothing for a job another syncer runs). */
export function withHealth(status: JobStatus, health: JobHealth | undefined): JobStatus {
  if (!health) return status;
  const stalled = health.stalled && status.state !== 'paused';
  return {
    ...status,
    ...(stalled ? { state: 'stalled' as const, stalled_since: health.stalledSince } : {}),
    ...(health.lagBinlogs === undefined ? {} : { lag_binlogs: health.lagBinlogs }),
    ...(health.lagSeconds === undefined ? {} : { lag_seconds: health.lagSeconds }),
    ...runwayFields(health.runway),
  };
}

/** The gauges of one job (absent: not known, so no series). */
export interface HealthGauges {
  readonly lagSeconds?: number;
  readonly lagBinlogs?: number;
  /** +Inf when no retention limit binds. */
  readonly runwaySeconds?: number;
  readonly runwayWarning?: boolean;
  readonly stalled?: boolean;
}

/** What /metrics reads of a local job at scrape time. */
export function gaugesOf(job: JobView, health: JobHealth | undefined): JobGaugeSource {
  return {
    name: job.record.name,
    state: withHealth(statusOf(job.record.name, job), health).state,
    prevCommitSeq: job.progress.prevCommitSeq,
    steps: job.local?.runner.steps ?? 0,
    lastErrorAt: job.progress.lastError?.at,
    ...healthFields(health),
  };
}

function healthFields(health: JobHealth | undefined): HealthGauges {
  if (!health) return {};
  const runway = health.runway;
  return {
    ...(health.lagSeconds === undefined ? {} : { lagSeconds: health.lagSeconds }),
    ...(health.lagBinlogs === undefined ? {} : { lagBinlogs: health.lagBinlogs }),
    ...(runway
      ? {
          runwaySeconds: runway.seconds ?? Number.POSITIVE_INFINITY,
          runwayWarning: runway.warning,
        }
      : {}),
    stalled: health.stalled,
  };
}
