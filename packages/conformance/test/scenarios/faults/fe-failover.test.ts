// The master FE of a three-FE cluster killed under a running table job, the followers alive: the job
// names the killed FE in its spec, so the syncer must move its SQL and its thrift calls to the FEs it
// learned (SHOW FRONTENDS / frontends()) and follow the new master. Exact rows, no new full sync.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultFixture, FaultTable } from '../../../src/faults/fault-fixture.js';
import { rows } from '../../../src/inspect.js';

const RECOVERY_BOUND_MS = 30_000;

describe('fault: master FE killed, followers alive', () => {
  for (const side of ['target', 'source'] as const) {
    it(`the ${side}'s master FE killed while rows flow`, async (ctx) => {
      // A fixture each: the killed FE stays dead.
      const fx = await FaultFixture.start({ sourceFrontends: 3, targetFrontends: 3 });
      const t = new FaultTable(fx, `${side}_fe_kill`);
      await t.create();
      const writer = t.write(25, 120);
      while (writer.written < 30) await new Promise((r) => setTimeout(r, 50));
      // The writer uses the first FE too: on the source it reconnects to a follower.
      if (side === 'source') writer.useFrontend(1);
      await fx.killFrontend(side, 0);
      const killedAt = performance.now();
      await writer.done;
      try {
        const exact = await t.sameRows(RECOVERY_BOUND_MS + 30_000);
        await t.caughtUp(RECOVERY_BOUND_MS);
        const ms = performance.now() - killedAt;
        assert.ok(exact.length >= 130, `${exact.length} rows`);
        assert.equal(await t.fullSyncs(), 1, 'an FE failover must not cost a full sync');
        const conn = await fx.connect(side, 1);
        try {
          const fes = await rows<{ IsMaster: string; Alive: string }>(conn, 'SHOW FRONTENDS');
          assert.equal(
            fes.filter((f) => String(f.IsMaster) === 'true' && String(f.Alive) === 'true').length,
            1,
          );
        } finally {
          await conn.end();
        }
        assert.ok(
          fx.syncer.output.some((l) => /moved from FE|FE failover|FE redirect/.test(l)),
          'the syncer logs the failover',
        );
        ctx.diagnostic(`${exact.length} rows exact; caught up ${ms.toFixed(0)} ms after the kill`);
      } catch (error) {
        (error as Error).message += `\n--- syncer log ---\n${t.log()}`;
        throw error;
      } finally {
        await fx.close();
      }
    });
  }
});
