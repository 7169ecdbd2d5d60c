// download_binlog_rate_limit_kbs on the source BEs throttles a job's full sync too (the seed: the limit
// covers binlog and snapshot downloads): the same table takes measurably longer to copy with the limit
// set, and arrives complete.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFrontendClient } from '@doris-ccr/protocol';
import { type Scenario, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

/** Sets the limit on every source BE through its HTTP config endpoint. */
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

describe('table sync: download rate limit', () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('a rate-limited full sync is measurably slower and complete', async () => {
    await fx.run('rate_limit', async (s) => {
      const rows = Array.from({ length: 3000 }, (_, i) => `(${i}, '${'x'.repeat(40)}')`).join(',');
      for (const t of ['fast', 'slow']) {
        await s.source(
          `CREATE TABLE $db.${t} (k INT, v VARCHAR(64)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
           PROPERTIES (${TABLE_PROPS})`,
          `INSERT INTO $db.${t} VALUES ${rows}`,
        );
      }
      let started = performance.now();
      await (await s.createJob('fast')).sameRows();
      const fastMs = performance.now() - started;
      await setSourceRateLimit(s, 40);
      try {
        started = performance.now();
        await (await s.createJob('slow')).sameRows();
      } finally {
        await setSourceRateLimit(s, 0);
      }
      const slowMs = performance.now() - started;
      assert.ok(slowMs > fastMs + 1000, `throttled ${slowMs.toFixed(0)} ms vs ${fastMs.toFixed(0)} ms`);
    });
  });
});
