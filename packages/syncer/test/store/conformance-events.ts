// Conformance, part 4: each job's event log — appended in order, listed by id or time or the newest,
// bounded per job, gone with its job, and refused for a job that does not exist.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEvent, type JobEventBody } from '../../src/model/job-events.js';
import { JobNotFoundError } from '../../src/model/meta-store.js';
import type { ConformanceContext } from './conformance.js';
import { sampleJob, sampleProgress } from './fixtures.js';

const event = (body: JobEventBody) => ({ ...body, message: describeEvent(body) });

export function describeEvents(ctx: ConformanceContext): void {
  describe('job events', () => {
    it('keeps events in order with their fields, and lists after an id, from a time, or the newest', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('ev'), sampleProgress('ev', 0));
      await store.createJob(sampleJob('other'), sampleProgress('other', 0));
      const bodies: JobEventBody[] = [
        { kind: 'job_created', sync_type: 'db_sync' },
        { kind: 'sync_started', sync: 'full', reason: 'new job', tables: ['t1'] },
        { kind: 'sync_finished', sync: 'full', reason: 'new job', duration_ms: 1234, rows: 7 },
        { kind: 'paused', by: 'operator (api 127.0.0.1)', reason: 'requested' },
        {
          kind: 'ddl_applied',
          commit_seq: '18446744073709551615',
          statements: ['ALTER TABLE `t` ADD COLUMN c INT'],
        },
      ];
      for (const [i, body] of bodies.entries()) await store.appendEvent('ev', 1_000 + i, event(body), 100);
      await store.appendEvent('other', 5_000, event({ kind: 'resumed', by: 'x' }), 100);
      const all = await store.listEvents('ev', { limit: 100 });
      assert.deepEqual(
        all.map(({ id: _id, ...rest }) => rest),
        bodies.map((b, i) => ({ ...b, message: describeEvent(b), at: 1_000 + i })),
      );
      assert.ok(
        all.every((e, i) => i === 0 || e.id > all[i - 1]!.id),
        'ids increase',
      );
      assert.deepEqual(
        (await store.listEvents('ev', { afterId: all[2]!.id, limit: 100 })).map((e) => e.kind),
        ['paused', 'ddl_applied'],
      );
      assert.deepEqual(
        (await store.listEvents('ev', { fromAt: 1_001, limit: 2 })).map((e) => e.kind),
        ['sync_started', 'sync_finished'],
        'from a time: the oldest first, up to the limit',
      );
      assert.deepEqual(
        (await store.listEvents('ev', { limit: 2 })).map((e) => e.kind),
        ['paused', 'ddl_applied'],
        'neither: the newest, in order',
      );
    });

    it('keeps only the newest `keep` events of a job, and others of other jobs', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('a'), sampleProgress('a', 0));
      await store.createJob(sampleJob('b'), sampleProgress('b', 0));
      await store.appendEvent('b', 1, event({ kind: 'resumed', by: 'b' }), 3);
      for (let i = 0; i < 8; i++)
        await store.appendEvent('a', i, event({ kind: 'retry', action: 'transient', error: `e${i}` }), 3);
      const kept = await store.listEvents('a', { limit: 100 });
      assert.deepEqual(
        kept.map((e) => (e.kind === 'retry' ? e.error : '')),
        ['e5', 'e6', 'e7'],
      );
      assert.equal((await store.listEvents('b', { limit: 100 })).length, 1);
    });

    it('refuses events of an unknown job, and deletes a job’s events with it', async () => {
      const store = await ctx.open();
      await assert.rejects(
        store.appendEvent('ghost', 1, event({ kind: 'resumed', by: 'x' }), 10),
        JobNotFoundError,
      );
      await store.createJob(sampleJob('gone'), sampleProgress('gone', 0));
      await store.appendEvent('gone', 1, event({ kind: 'resumed', by: 'x' }), 10);
      await store.deleteJob('gone');
      await store.createJob(sampleJob('gone'), sampleProgress('gone', 0));
      assert.deepEqual(
        await store.listEvents('gone', { limit: 10 }),
        [],
        'a new job of the same name starts empty',
      );
    });

    it('another store on the same data sees the events', async () => {
      const first = await ctx.open();
      await first.createJob(sampleJob('shared'), sampleProgress('shared', 0));
      await first.appendEvent(
        'shared',
        42,
        event({ kind: 'takeover', syncer: 's2', from: 's1', epoch: 2 }),
        10,
      );
      const second = await ctx.open();
      const [seen] = await second.listEvents('shared', { limit: 10 });
      assert.equal(seen?.kind, 'takeover');
      assert.equal(seen?.message, 'taken over by syncer s2 from s1 (epoch 2)');
    });
  });
}
