// One job: its state with pause/resume, where it copies from and to, a running sync's progress, the lag
// chart of the last hour, the tables of a database job, the last verification and the event log.
import { useContext, useState } from 'preact/hooks';
import { type ApiError, call, Unauthorized } from './api';
import { Lag, Runway, StateBadge } from './badges';
import { clock, duration } from './format';
import { LagChart } from './lag-chart';
import { AuthLost, usePolled } from './polling';
import { SyncProgressView } from './sync-progress';
import type { ClusterSpec, JobDetail, JobEvent, JobStatus, LagSample, TableStatus } from './types';
import { VerifyView } from './verify-view';

interface JobData {
  status: JobStatus;
  detail: JobDetail;
  tables: TableStatus[];
  lag: LagSample[];
}

async function loadJob(name: string): Promise<JobData> {
  const [status, detail, progress, lag] = await Promise.all([
    call<{ status: JobStatus }>('job_status', { name }),
    call<{ job_detail: JobDetail }>('job_detail', { name }),
    call<{ job_progress: { table_status?: TableStatus[] } }>('job_progress', { name }),
    call<{ samples: LagSample[] }>('lag_history', { name }),
  ]);
  return {
    status: status.status,
    detail: detail.job_detail,
    tables: progress.job_progress.table_status ?? [],
    lag: lag.samples,
  };
}

/** Where a side of the job is: never its password (job_detail has none to show anyway). */
function where(spec: ClusterSpec): string {
  return `${spec.user}@${spec.host}:${spec.port} ${spec.database}${spec.table ? `.${spec.table}` : ''}`;
}

function Actions({ status, onDone }: { status: JobStatus; onDone: () => void }) {
  const authLost = useContext(AuthLost);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const act = async (endpoint: 'pause' | 'resume') => {
    setBusy(true);
    setError(undefined);
    try {
      await call(endpoint, { name: status.name });
      onDone();
    } catch (e) {
      if (e instanceof Unauthorized) authLost();
      else setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  const paused = status.state === 'paused';
  return (
    <span class="actions">
      <button type="button" id="pause" disabled={busy || paused} onClick={() => act('pause')}>
        Pause
      </button>
      <button type="button" id="resume" disabled={busy || !paused} onClick={() => act('resume')}>
        Resume
      </button>
      {error ? <span class="error">{error}</span> : null}
    </span>
  );
}

function Events({ job }: { job: string }) {
  const events = usePolled(
    async () => (await call<{ events: JobEvent[] }>('job_events', { name: job, limit: 100 })).events,
    `events:${job}`,
  );
  return (
    <section class="events">
      <h2>Events</h2>
      {events.error ? <p class="error">{events.error}</p> : null}
      <table>
        <tbody>
          {[...(events.data ?? [])].reverse().map((e) => (
            <tr key={e.id} data-kind={e.kind}>
              <td class="time" title={e.time}>
                {clock(e.at)}
              </td>
              <td class="kind">{e.kind}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Tables({ tables }: { tables: TableStatus[] }) {
  return (
    <section class="tables">
      <h2>Tables</h2>
      <table>
        <thead>
          <tr>
            <th>Table</th>
            <th>Kind</th>
            <th>State</th>
            <th>Applied commit seq</th>
          </tr>
        </thead>
        <tbody>
          {tables.map((t) => (
            <tr key={t.src_table_id} data-table={t.name}>
              <td>{t.name}</td>
              <td>{t.kind}</td>
              <td>{t.state}</td>
              <td>{t.applied_commit_seq}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function JobPage({ name }: { name: string }) {
  const job = usePolled(() => loadJob(name), `job:${name}`);
  const data = job.data;
  return (
    <main>
      <p>
        <a href="#/">← Jobs</a>
      </p>
      <h1>
        {name} {data ? <StateBadge status={data.status} /> : null}{' '}
        {data ? <Actions status={data.status} onDone={job.refresh} /> : null}
      </h1>
      {job.error ? <p class="error">{job.error}</p> : null}
      {data === undefined ? (
        <p>Loading…</p>
      ) : (
        <>
          <dl class="summary">
            <dt>From</dt>
            <dd>{where(data.detail.src)}</dd>
            <dt>To</dt>
            <dd>{where(data.detail.dest)}</dd>
            <dt>Position</dt>
            <dd>
              {data.status.progress_state}
              {data.status.step ? ` / ${data.status.step}` : ''}
            </dd>
            <dt>Lag</dt>
            <dd>
              <Lag status={data.status} />
            </dd>
            <dt>Runway</dt>
            <dd>
              <Runway status={data.status} />
            </dd>
            <dt>Owner</dt>
            <dd>{data.status.owner || '–'}</dd>
            {data.status.stalled_since ? (
              <>
                <dt>Stalled for</dt>
                <dd>{duration((Date.now() - data.status.stalled_since) / 1000)}</dd>
              </>
            ) : null}
            {data.status.last_error ? (
              <>
                <dt>Last error</dt>
                <dd class="error">
                  {data.status.last_error}
                  {data.status.last_error_at ? ` (${clock(data.status.last_error_at)})` : ''}
                </dd>
              </>
            ) : null}
          </dl>
          {data.status.sync_progress ? <SyncProgressView progress={data.status.sync_progress} /> : null}
          <section>
            <h2>Lag, last hour</h2>
            <LagChart samples={data.lag} />
          </section>
          {data.detail.src.table ? null : <Tables tables={data.tables} />}
          <VerifyView job={name} />
        </>
      )}
      <Events job={name} />
    </main>
  );
}
