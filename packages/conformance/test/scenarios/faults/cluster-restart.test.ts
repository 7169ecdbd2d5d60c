// A cluster restarted under a running table job (SIGTERM, same data directory and FE ports, as an
// operator restarts one): the job keeps replicating while rows flow, and the target ends with exactly the
// source's rows — none lost, none doubled — without a new full sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FaultFixture, FaultTable } from '../../../src/faults/fault-fixture.js';

/** How long a job may take to be caught up again once the restarted cluster answers. */
const RECOVERY_BOUND_MS = 45_000;

describe('fault: cluster restart mid-stream', () => {
  let fx: FaultFixture;
  before(async () => {
    fx = await FaultFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  for (const side of ['target', 'source'] as const) {
    it(`the ${side} cluster restarted while 150 single-row inserts flow`, async (ctx) => {
      const t = new FaultTable(fx, `${side}_restart`);
      await t.create();
      const writer = t.write(25, 150);
      while (writer.written < 40) await new Promise((r) => setTimeout(r, 50));
      // The cluster stays down for 12 s: the job waits and says why, it never gives up or pauses.
      let whileDown: { status?: { state: string; last_error: string } } | undefined;
      await fx.restart(side, {
        whileDown: async () => {
          await new Promise((r) => setTimeout(r, 12_000));
          whileDown = await fx.syncer.call('job_status', { name: t.job });
        },
      });
      const restartedAt = performance.now();
      await writer.done;
      try {
        const rows = await t.sameRows(RECOVERY_BOUND_MS + 30_000);
        await t.caughtUp(RECOVERY_BOUND_MS);
        const recoveredMs = performance.now() - restartedAt;
        assert.equal(rows.filter((r) => r.includes('seed')).length, 10);
        assert.ok(rows.length >= 160, `${rows.length} rows`);
        assert.equal(await t.fullSyncs(), 1, 'the restart must not cost a full sync');
        const job = whileDown?.status;
        assert.equal(job?.state, 'failing', JSON.stringify(whileDown));
        assert.match(job?.last_error ?? '', /ECONNREFUSED|no master FE|connect/, JSON.stringify(whileDown));
        const now = await fx.syncer.call<{ status?: { state: string } }>('job_status', { name: t.job });
        assert.equal(now.status?.state, 'running');
        assert.ok(recoveredMs < RECOVERY_BOUND_MS + 8_000, `caught up ${recoveredMs.toFixed(0)} ms after`);
        ctx.diagnostic(`${rows.length} rows exact; caught up ${recoveredMs.toFixed(0)} ms after the restart`);
      } catch (error) {
        (error as Error).message += `\n--- syncer log ---\n${t.log()}`;
        throw error;
      }
    });
  }
});
