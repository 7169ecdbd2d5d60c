// job_status's sync_progress during a full sync, through the real daemon: the source BEs' download rate
// limit stretches the copy of a table over a few seconds, and polling job_status meanwhile shows the
// phases moving forward (backup → … → restore), the restore's own task fields as SHOW RESTORE reports
// them, a percentage that never goes back, and ccr_sync_progress_percent; once the sync is done, both are gone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFrontendClient } from '@doris-ccr/protocol';
import { type ApiAnswer, type Scenario, ScenarioFixture, TABLE_PROPS, until } from '../../src/index.js';

interface SyncProgress {
  kind: string;
  reason: string;
  phase: string;
  started_at: number;
  phase_started_at: number;
  tables_total: number;
  tables_done: number;
  percent: number;
  eta_seconds?: number;
  doris?: { State: string; Progress: string; UnfinishedTasks: string; TaskErrMsg: string };
}

async function setSourceRateLimit(s: Scenario, kbs: number): Promise<void> {
  const cluster = s.fixture.clusters.source;
  const fe = createFrontendClient({ host: cluster.host, port: cluster.thriftPort });
  try {
    const meta = await fe.getBackendMeta({ user: cluster.user, passwd: cluster.password });
    for (const be of meta.backends ?? []) {
      const url = `http://${be.host}:${be.http_port}/api/update_config?download_binlog_rate_limit_kbs=${kbs}`;
      const r = await fetch(url, { method: 'POST' });
      assert.equal(r.status, 200, await r.text());
    }
  } finally {
    fe.close();
  }
}

const PHASES = ['backup', 'snapshot', 'restore', 'swap', 'done'];

describe('full sync progress in job_status', () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('shows the phases, Doris’s restore task fields and a rising percentage while a table is copied', async (t) => {
    if (!fx.sandbox) return t.skip('the rate limit is set through the sandbox BEs’ config endpoint');
    await fx.run('sync_progress', async (s) => {
      const rows = Array.from({ length: 3000 }, (_, i) => `(${i}, '${'x'.repeat(40)}')`).join(',');
      await s.source(
        `CREATE TABLE $db.big (k INT, v VARCHAR(64)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 4
         PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.big VALUES ${rows}`,
      );
      await setSourceRateLimit(s, 40);
      const body = s.createBody('big');
      const samples: SyncProgress[] = [];
      const metrics: number[] = [];
      try {
        const created = await s.syncer.call<ApiAnswer>('create_ccr', body);
        assert.ok(created.success, created.error_msg);
        await until(
          'the full sync to finish',
          async () => {
            const r = await s.syncer.call<
              ApiAnswer & { status: { sync_progress?: SyncProgress; progress_state: string } }
            >('job_status', { name: body.name });
            assert.ok(r.success, r.error_msg);
            const sync = r.status.sync_progress;
            if (sync) {
              samples.push(sync);
              const text = await (await fetch(`http://127.0.0.1:${s.syncer.port}/metrics`)).text();
              const line = text
                .split('\n')
                .find((l) => l.startsWith(`ccr_sync_progress_percent{job="${body.name}"}`));
              if (line) metrics.push(Number(line.slice(line.lastIndexOf(' ') + 1)));
              return { phase: sync.phase, percent: sync.percent };
            }
            return /IncrementalSync$/.test(r.status.progress_state) ? true : r.status.progress_state;
          },
          60_000,
          50,
        );
      } finally {
        await setSourceRateLimit(s, 0);
      }
      assert.ok(samples.length >= 5, `${samples.length} samples`);
      const phases = samples.map((p) => p.phase);
      assert.ok(new Set(phases).size >= 2, `phases seen: ${phases.join(' ')}`);
      for (let i = 1; i < samples.length; i++) {
        assert.ok(
          PHASES.indexOf(phases[i]!) >= PHASES.indexOf(phases[i - 1]!),
          `phases in order: ${phases.join(' ')}`,
        );
        assert.ok(
          samples[i]!.percent >= samples[i - 1]!.percent,
          `percent never falls: ${samples.map((p) => p.percent)}`,
        );
      }
      for (const p of samples) {
        assert.equal(p.kind, 'full');
        assert.equal(p.reason, 'new job');
        assert.equal(p.tables_total, 1);
        assert.ok(p.percent >= 0 && p.percent <= 100);
        assert.ok(p.phase_started_at >= p.started_at);
      }
      // The throttled download, as SHOW RESTORE reports it: its task (`signature=backend`) and its progress.
      // (Once every task has finished, the job shows DOWNLOADING without tasks until it commits, as Doris does.)
      const downloading = samples.filter((p) => p.doris?.State === 'DOWNLOADING' && p.doris.UnfinishedTasks);
      assert.ok(downloading.length > 0, `restore rows seen: ${JSON.stringify(samples.map((p) => p.doris))}`);
      for (const p of downloading) {
        assert.equal(p.phase, 'restore');
        assert.match(p.doris!.UnfinishedTasks, /^\d+=\d+(, \d+=\d+)*$/);
        assert.match(p.doris!.Progress, /^\[\d+: \d+\/\d+\](, \[\d+: \d+\/\d+\])*$/);
        assert.ok(p.percent >= 30 && p.percent < 95, `${p.percent}`);
      }
      assert.ok(
        samples.some((p) => p.eta_seconds !== undefined),
        'an estimate once there is a pace',
      );
      assert.ok(metrics.length > 0, 'ccr_sync_progress_percent was exported during the sync');
      // Done: neither the view nor the series remains.
      const done = await s.syncer.call<ApiAnswer & { status: { sync_progress?: unknown } }>('job_status', {
        name: body.name,
      });
      assert.equal(done.status.sync_progress, undefined);
      const text = await (await fetch(`http://127.0.0.1:${s.syncer.port}/metrics`)).text();
      assert.ok(!text.includes(`ccr_sync_progress_percent{job="${body.name}"}`));
      console.log(
        `sync progress: ${samples.length} samples over ${((Date.now() - samples[0]!.started_at) / 1000).toFixed(1)} s; phases ${[...new Set(phases)].join(' → ')}; percent ${samples[0]!.percent} → ${samples.at(-1)!.percent}; downloading: ${JSON.stringify(downloading.at(-1))}`,
      );
    });
  });
});
