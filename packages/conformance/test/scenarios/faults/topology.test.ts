// Topology changes under a running table job, as Doris operators make them: on the target a BE is added
// and another decommissioned (its tablets move to the others, then it leaves the cluster); on the source a
// BE is decommissioned, so the tablets whose binlogs the target BEs download move while rows flow. The
// syncer must follow the new placement (a transaction in flight is rolled back and retried against it):
// exact rows, no new full sync.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { until } from '../../../src/converge.js';
import { FaultFixture, FaultTable, type RowWriter } from '../../../src/faults/fault-fixture.js';
import { rows } from '../../../src/inspect.js';

const RECOVERY_BOUND_MS = 45_000;

interface BackendRow {
  BackendId: string;
  HeartbeatPort: string;
  TabletNum: string;
  SystemDecommissioned: string;
}

async function backends(conn: mysql.Connection): Promise<BackendRow[]> {
  return rows<BackendRow>(conn, 'SHOW BACKENDS');
}

/** Decommissions a BE and waits until its tablets have moved and it has left the cluster. */
async function decommission(conn: mysql.Connection, heartbeatPort: number): Promise<void> {
  await conn.query(`ALTER SYSTEM DECOMMISSION BACKEND "127.0.0.1:${heartbeatPort}"`);
  await until(
    `BE 127.0.0.1:${heartbeatPort} to be emptied and dropped`,
    async () => {
      const left = (await backends(conn)).filter((b) => Number(b.HeartbeatPort) === heartbeatPort);
      return left.length === 0 ? true : left;
    },
    90_000,
  );
}

/** After the move: the writer's rows all arrive exactly, without a new full sync; says how long it took. */
async function settledAfterMove(t: FaultTable, writer: RowWriter): Promise<string> {
  const moved = performance.now();
  await writer.done;
  const exact = await t.sameRows(RECOVERY_BOUND_MS + 30_000);
  await t.caughtUp(RECOVERY_BOUND_MS);
  assert.ok(exact.length >= 340, `${exact.length} rows`);
  assert.equal(await t.fullSyncs(), 1, 'a topology change must not cost a full sync');
  return `${exact.length} rows exact; caught up ${(performance.now() - moved).toFixed(0)} ms after the move`;
}

describe('fault: topology changes under a running job', () => {
  it('target: a BE added and another decommissioned while rows flow', async (ctx) => {
    const fx = await FaultFixture.start({ targetBackends: 2, targetArgs: ['--spare-backends', '1'] });
    const t = new FaultTable(fx, 'target_topology');
    try {
      await t.create(40);
      const writer = t.write(20, 300);
      const conn = await fx.connect('target');
      try {
        const ready = fx.target.ready as typeof fx.target.ready & {
          spareBackends: Array<{ heartbeatPort: number }>;
          backends: Array<{ heartbeatPort: number }>;
        };
        while (writer.written < 40) await new Promise((r) => setTimeout(r, 50));
        await conn.query(`ALTER SYSTEM ADD BACKEND "127.0.0.1:${ready.spareBackends[0]!.heartbeatPort}"`);
        assert.equal((await backends(conn)).length, 3);
        await decommission(conn, ready.backends[0]!.heartbeatPort);
        const after = await backends(conn);
        assert.equal(after.length, 2);
        assert.ok(
          after.some(
            (b) =>
              Number(b.HeartbeatPort) === ready.spareBackends[0]!.heartbeatPort && Number(b.TabletNum) > 0,
          ),
          `the added BE holds tablets now: ${JSON.stringify(after)}`,
        );
        ctx.diagnostic(await settledAfterMove(t, writer));
      } finally {
        await conn.end();
      }
    } catch (error) {
      (error as Error).message += `\n--- syncer log ---\n${t.log()}`;
      throw error;
    } finally {
      await fx.close();
    }
  });

  it('source: a BE decommissioned, its tablets moved while rows flow', async (ctx) => {
    const fx = await FaultFixture.start({ sourceBackends: 3 });
    const t = new FaultTable(fx, 'source_topology');
    try {
      await t.create(40);
      const writer = t.write(20, 300);
      const conn = await fx.connect('source');
      try {
        const ready = fx.source.ready as typeof fx.source.ready & {
          backends: Array<{ heartbeatPort: number }>;
        };
        while (writer.written < 40) await new Promise((r) => setTimeout(r, 50));
        const before = await backends(conn);
        const victim = before.find((b) => Number(b.HeartbeatPort) === ready.backends[0]!.heartbeatPort)!;
        assert.ok(Number(victim.TabletNum) > 0, 'the decommissioned BE held tablets of the table');
        await decommission(conn, ready.backends[0]!.heartbeatPort);
        ctx.diagnostic(await settledAfterMove(t, writer));
      } finally {
        await conn.end();
      }
    } catch (error) {
      (error as Error).message += `\n--- syncer log ---\n${t.log()}`;
      throw error;
    } finally {
      await fx.close();
    }
  });
});
