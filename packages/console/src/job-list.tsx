// The job list: every job of the syncer group with its state, lag, runway and owner.
import { call } from './api';
import { Lag, Runway, StateBadge } from './badges';
import { usePolled } from './polling';
import type { JobStatus } from './types';

async function loadJobs(): Promise<JobStatus[]> {
  const { jobs } = await call<{ jobs: string[] }>('list_jobs');
  return Promise.all(
    jobs.map(async (name) => (await call<{ status: JobStatus }>('job_status', { name })).status),
  );
}

export function JobList() {
  const jobs = usePolled(loadJobs, 'jobs');
  return (
    <main>
      <h1>Jobs</h1>
      {jobs.error ? <p class="error">{jobs.error}</p> : null}
      {jobs.data === undefined ? (
        <p>Loading…</p>
      ) : jobs.data.length === 0 ? (
        <p>No jobs yet: create one with POST /create_ccr.</p>
      ) : (
        <table class="jobs">
          <thead>
            <tr>
              <th>Job</th>
              <th>State</th>
              <th>Lag</th>
              <th>Runway</th>
              <th>Owner</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((s) => (
              <tr key={s.name} data-job={s.name}>
                <td>
                  <a href={`#/job/${encodeURIComponent(s.name)}`}>{s.name}</a>
                </td>
                <td>
                  <StateBadge status={s} />
                </td>
                <td>
                  <Lag status={s} />
                </td>
                <td>
                  <Runway status={s} />
                </td>
                <td>{s.owner || '–'}</td>
                <td class="last-error">{s.last_error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
