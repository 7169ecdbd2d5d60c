// Network faults between the syncer and every FE/BE port (and between the target BEs and the source BEs),
// injected by the fault proxy while rows flow. Each ends with exactly the source's rows on the target
// (DUPLICATE KEY: a doubled apply would show as a doubled row), the job back in incremental sync within a
// stated time after the fault ends, and no new full sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FaultFixture, FaultTable } from '../../../src/faults/fault-fixture.js';

/** After the fault ends, the job is caught up within this. */
const RECOVERY_BOUND_MS = 45_000;

async function settle(t: FaultTable, minRows: number, faultEnded: number): Promise<string> {
  try {
    const rows = await t.sameRows(RECOVERY_BOUND_MS + 30_000);
    await t.caughtUp(RECOVERY_BOUND_MS);
    const ms = performance.now() - faultEnded;
    assert.ok(rows.length >= minRows, `${rows.length} rows`);
    assert.equal(await t.fullSyncs(), 1, 'a network fault must not cost a full sync');
    assert.ok(ms < RECOVERY_BOUND_MS + 10_000, `caught up ${ms.toFixed(0)} ms after the fault ended`);
    return `${rows.length} rows exact; caught up ${ms.toFixed(0)} ms after the fault ended`;
  } catch (error) {
    (error as Error).message += `\n--- syncer log ---\n${t.log()}`;
    throw error;
  }
}

describe('fault: network faults through the proxy', () => {
  let fx: FaultFixture;
  before(async () => {
    // Short client timeouts so a black hole is noticed in seconds, as an operator would configure them.
    fx = await FaultFixture.start({
      proxy: true,
      syncerArgs: ['--rpc_timeout', '5s', '--connect_timeout', '3s'],
    });
  });
  after(async () => {
    await fx?.close();
  });

  it('every connection cut every 3 s for a minute', async (ctx) => {
    const t = new FaultTable(fx, 'cuts');
    await t.create();
    const writer = t.write(10);
    let cuts = 0;
    let connections = 0;
    const until = performance.now() + 60_000;
    while (performance.now() < until) {
      await new Promise((r) => setTimeout(r, 3_000));
      connections += fx.proxy!.cut();
      cuts++;
    }
    await writer.stop();
    const ended = performance.now();
    const line = await settle(t, 500, ended);
    ctx.diagnostic(`${cuts} cuts of ${connections} connections; ${writer.written} rows written; ${line}`);
  });

  it('500 ms of round-trip latency on every link', async (ctx) => {
    const t = new FaultTable(fx, 'latency');
    await t.create();
    // 250 ms each way: every request the syncer (or a target BE) makes waits 500 ms for its answer.
    fx.proxy!.setFault({ kind: 'latency', ms: 250 });
    const started = performance.now();
    const writer = t.write(2, 60);
    try {
      // Under the latency the job keeps replicating (slower, not stuck): it converges with the fault on.
      await writer.done;
      await t.sameRows(120_000);
    } finally {
      fx.proxy!.heal();
    }
    const underFault = performance.now() - started;
    const line = await settle(t, 70, performance.now());
    ctx.diagnostic(
      `60 single-row transactions replicated under the latency in ${(underFault / 1000).toFixed(1)} s; ${line}`,
    );
  });

  it('one target BE black-holed for 30 s', async (ctx) => {
    const t = new FaultTable(fx, 'blackhole');
    await t.create();
    const writer = t.write(10);
    await new Promise((r) => setTimeout(r, 2_000));
    const be = fx.target.ready.backends[0]!.id;
    fx.proxy!.setFault({ kind: 'blackhole' }, new RegExp(`^target BE ${be} `));
    await new Promise((r) => setTimeout(r, 30_000));
    fx.proxy!.heal();
    const ended = performance.now();
    await writer.stop();
    const line = await settle(t, 300, ended);
    ctx.diagnostic(`${writer.written} rows written; ${line}`);
  });
});
