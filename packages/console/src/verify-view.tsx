// The last verification of a job (POST /verify_result) and the button that runs a new one (POST /verify):
// per table, rows and checksum on both sides, and the partitions that differ.
import { useContext, useState } from 'preact/hooks';
import { type ApiError, call, Unauthorized } from './api';
import { AuthLost, usePolled } from './polling';
import type { Digest, VerifyResult } from './types';

function digest(d: Digest): string {
  return d.missing ? 'missing' : `${d.rows} rows · checksum ${d.checksum}`;
}

/** What the match column says of a table: ✓, ✗ and why, or that the source never held still. */
function verdict(t: VerifyResult['tables'][number]): string {
  if (t.error) return `✗ ${t.error}`;
  if (t.settled === false) return t.match ? '? unsettled' : '✗ differs (unsettled)';
  return t.match ? '✓' : '✗ differs';
}

export function VerifyView({ job }: { job: string }) {
  const onAuthLost = useContext(AuthLost);
  const last = usePolled(
    async () => (await call<{ verify: VerifyResult | null }>('verify_result', { name: job })).verify,
    `verify:${job}`,
    5_000,
  );
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const verify = async () => {
    setRunning(true);
    setError(undefined);
    try {
      await call('verify', { name: job });
      last.refresh();
    } catch (e) {
      if (e instanceof Unauthorized) onAuthLost();
      else setError((e as ApiError).message);
    } finally {
      setRunning(false);
    }
  };
  const result = last.data;
  return (
    <section class="verify">
      <h2>
        Verification{' '}
        <button type="button" id="verify" disabled={running} onClick={verify}>
          {running ? 'Verifying…' : 'Verify now'}
        </button>
      </h2>
      {error ? <p class="error">{error}</p> : null}
      {last.error && result === undefined ? <p class="error">{last.error}</p> : null}
      {result === null ? <p class="muted">Not verified yet.</p> : null}
      {result ? (
        <>
          <p class={result.matched ? 'ok' : 'warning'} data-matched={String(result.matched)}>
            {result.matched
              ? `Source and target match (${result.tables.length} tables)`
              : `${result.differences} difference(s) between source and target`}{' '}
            at commit seq {result.commit_seq}, {new Date(result.finished_at).toLocaleString()}
            {result.attempts > 1 ? ` (${result.attempts} attempts)` : ''}
            {result.unsettled ? `; ${result.unsettled} table(s) kept changing on the source` : ''}
          </p>
          <table class="verify-tables">
            <thead>
              <tr>
                <th>Table</th>
                <th>Match</th>
                <th>Source</th>
                <th>Target</th>
              </tr>
            </thead>
            <tbody>
              {result.tables.map((t) => (
                <>
                  <tr key={t.table} data-table={t.table} data-match={String(t.match)}>
                    <td>{t.table === t.dest_table ? t.table : `${t.table} → ${t.dest_table}`}</td>
                    <td>
                      {verdict(t)}
                      {t.skipped_columns?.length ? (
                        <small> (not compared: {t.skipped_columns.join(', ')})</small>
                      ) : null}
                    </td>
                    <td>{digest(t.src)}</td>
                    <td>{digest(t.dest)}</td>
                  </tr>
                  {(t.partitions ?? [])
                    .filter((p) => !p.match)
                    .map((p) => (
                      <tr key={`${t.table}/${p.partition}`} class="partition">
                        <td>└ partition {p.partition}</td>
                        <td>✗ differs</td>
                        <td>{digest(p.src)}</td>
                        <td>{digest(p.dest)}</td>
                      </tr>
                    ))}
                </>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
