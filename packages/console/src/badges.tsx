// The small pieces the job list and the job page share: a job's state, its lag, its runway.
import { duration } from './format';
import type { JobStatus } from './types';

export function StateBadge({ status }: { status: JobStatus }) {
  return (
    <span class={`state state-${status.state}`} data-state={status.state}>
      {status.state}
    </span>
  );
}

export function Lag({ status }: { status: JobStatus }) {
  if (status.lag_seconds === undefined && status.lag_binlogs === undefined) return <span>–</span>;
  return (
    <span>
      {duration(status.lag_seconds)}
      {status.lag_binlogs === undefined ? null : <small> ({status.lag_binlogs} binlogs)</small>}
    </span>
  );
}

/** The runway, with its warning when it is shorter than the last full sync took. */
export function Runway({ status }: { status: JobStatus }) {
  if (status.runway_limit === undefined) return <span>–</span>;
  if (status.runway_limit === 'none') return <span title="no retention limit binds">∞</span>;
  const text = `${duration(status.runway_seconds)} (${status.runway_limit})`;
  if (!status.runway_warning) return <span>{text}</span>;
  return (
    <span class="warning" data-runway-warning="true">
      ⚠ {text} — shorter than the last full sync ({duration(status.last_full_sync_seconds)})
    </span>
  );
}
