// Conformance, part 3: who runs a job. Leases with fencing epochs and syncer heartbeats behave the same in
// every engine: one owner at a time, a new owner gets a higher epoch, and a fenced write of a syncer that
// lost the job fails without changing anything.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LeaseLostError } from '../../src/model/meta-store.js';
import type { ConformanceContext } from './conformance.js';
import { sampleJob, sampleProgress } from './fixtures.js';

const LEASE_MS = 10_000;

export function describeLeases(ctx: ConformanceContext): void {
  describe('leases and heartbeats', () => {
    it('one owner at a time; a takeover after expiry gets a higher epoch and fences the old owner out', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('j'), sampleProgress('j', 1));
      const a = await store.acquireLease('j', 'a:1', 1_000, LEASE_MS);
      assert.equal(a?.epoch, 1);
      assert.equal(await store.acquireLease('j', 'b:2', 5_000, LEASE_MS), undefined, 'held by a');
      await store.putProgress('j', sampleProgress('j', 2), { syncerId: 'a:1', epoch: 1 });
      const b = await store.acquireLease('j', 'b:2', 1_000 + LEASE_MS + 1, LEASE_MS);
      assert.equal(b?.epoch, 2, 'the next owner has a higher epoch');
      await assert.rejects(
        store.putProgress('j', sampleProgress('j', 99), { syncerId: 'a:1', epoch: 1 }),
        LeaseLostError,
      );
      assert.equal(
        (await store.getProgress('j'))?.progress,
        sampleProgress('j', 2),
        'the fenced write changed nothing',
      );
      await store.putProgress('j', sampleProgress('j', 3), { syncerId: 'b:2', epoch: 2 });
      // The owner's own record writes (pausing itself) are fenced the same way; admin writes are not.
      await assert.rejects(
        store.updateJob({ ...sampleJob('j'), state: 'paused' }, { syncerId: 'a:1', epoch: 1 }),
        LeaseLostError,
      );
      assert.equal(
        (await store.getJob('j'))?.state,
        sampleJob('j').state,
        'the fenced record write changed nothing',
      );
      await store.updateJob({ ...sampleJob('j'), state: 'paused' }, { syncerId: 'b:2', epoch: 2 });
      assert.equal((await store.getJob('j'))?.state, 'paused');
      assert.deepEqual(
        (await store.renewLeases('a:1', 20_000, LEASE_MS)).map((l) => l.job),
        [],
        'a holds nothing any more',
      );
    });

    it('renewal keeps a lease; release keeps its epoch for the next owner; a dead owner can be stolen from', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('k'), sampleProgress('k', 1));
      await store.acquireLease('k', 'a:1', 0, LEASE_MS);
      const renewed = await store.renewLeases('a:1', 9_000, LEASE_MS);
      assert.deepEqual(
        renewed.map((l) => [l.job, l.epoch, l.expiresAt]),
        [['k', 1, 19_000]],
      );
      assert.equal(await store.acquireLease('k', 'b:2', 15_000, LEASE_MS), undefined, 'renewed past 10 s');
      await store.releaseLease('k', { syncerId: 'a:1', epoch: 1 });
      assert.equal((await store.acquireLease('k', 'b:2', 15_000, LEASE_MS))?.epoch, 2);
      assert.equal(
        (await store.acquireLease('k', 'c:3', 16_000, LEASE_MS, 'b:2'))?.epoch,
        3,
        'stolen from b',
      );
      assert.equal(await store.acquireLease('missing', 'c:3', 16_000, LEASE_MS), undefined, 'no such job');
    });

    it('two stores racing for one lease: exactly one wins', async () => {
      const one = await ctx.open();
      const two = await ctx.open();
      await one.createJob(sampleJob('race'), sampleProgress('race', 1));
      for (let round = 0; round < 5; round++) {
        const at = round * (LEASE_MS + 1);
        const won = await Promise.all([
          one.acquireLease('race', `one:${round}`, at, LEASE_MS),
          two.acquireLease('race', `two:${round}`, at, LEASE_MS),
        ]);
        assert.equal(won.filter(Boolean).length, 1, `round ${round}: ${JSON.stringify(won)}`);
      }
    });

    it('heartbeats list the syncers; a syncer that leaves releases its leases', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('h'), sampleProgress('h', 1));
      await store.heartbeat({ id: 'a:1', hostname: 'host-a', pid: 11 }, 100);
      await store.heartbeat({ id: 'b:2', hostname: 'host-b', pid: 22 }, 200);
      await store.heartbeat({ id: 'a:1', hostname: 'host-a', pid: 11 }, 300);
      assert.deepEqual(await store.listSyncers(), [
        { id: 'a:1', hostname: 'host-a', pid: 11, heartbeatAt: 300 },
        { id: 'b:2', hostname: 'host-b', pid: 22, heartbeatAt: 200 },
      ]);
      await store.acquireLease('h', 'a:1', 300, LEASE_MS);
      await store.removeSyncer('a:1');
      assert.deepEqual(
        (await store.listSyncers()).map((s) => s.id),
        ['b:2'],
      );
      assert.equal((await store.listLeases())[0]?.syncerId, '');
      assert.equal((await store.acquireLease('h', 'b:2', 400, LEASE_MS))?.epoch, 2);
      await store.deleteJob('h');
      assert.deepEqual(await store.listLeases(), [], 'a deleted job has no owner');
    });
  });
}
