// A running full or partial sync: its phase, how much is done, the estimate, and what Doris reports of
// the backup or restore (job_status's sync_progress).
import { bytes, duration } from './format';
import type { SyncProgress } from './types';

export function SyncProgressView({ progress }: { progress: SyncProgress }) {
  const bytesKnown = progress.bytes_total !== undefined;
  return (
    <section class="sync-progress" data-phase={progress.phase}>
      <h2>
        {progress.kind === 'full' ? 'Full' : 'Partial'} sync: {progress.phase}
      </h2>
      <p>
        Why: {progress.reason}. Running for {duration((Date.now() - progress.started_at) / 1000)}
        {progress.eta_seconds === undefined ? '' : `, about ${duration(progress.eta_seconds)} left`}.
      </p>
      <progress max={100} value={progress.percent} /> {progress.percent.toFixed(0)} %
      <p>
        Tables {progress.tables_done}/{progress.tables_total}
        {bytesKnown ? ` · ${bytes(progress.bytes_done)} of ${bytes(progress.bytes_total)}` : ''}
      </p>
      {progress.doris ? (
        <dl class="doris">
          {Object.entries(progress.doris).map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v || '–'}</dd>
            </>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
