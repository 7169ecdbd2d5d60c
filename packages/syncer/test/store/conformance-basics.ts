// Conformance, part 1: what one store instance must do with jobs and progress.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobRecord } from '../../src/model/job-record.js';
import { JobExistsError, JobNotFoundError } from '../../src/model/meta-store.js';
import type { ConformanceContext } from './conformance.js';
import { sampleJob, sampleProgress } from './fixtures.js';

export function describeBasics(ctx: ConformanceContext): void {
  describe('jobs and progress', () => {
    it('starts empty, and init() can be repeated', async () => {
      const store = await ctx.open();
      await store.init();
      assert.deepEqual(await store.listJobs(), []);
      assert.equal(await store.getJob('nope'), undefined);
      assert.equal(await store.getProgress('nope'), undefined);
    });

    it('creates a job with its initial progress and reads both back', async () => {
      const store = await ctx.open();
      const job = sampleJob('j1', {
        sync_type: 'table_sync',
        extra: { reuse_binlog_label: true },
        src: { ...sampleJob('x').src, table: 't1', table_id: '18446744073709551615' },
      });
      const before = Date.now();
      await store.createJob(job, sampleProgress('j1', 7));
      const after = Date.now();
      assert.deepEqual(await store.getJob('j1'), job);
      const progress = await store.getProgress('j1');
      assert.equal(progress?.jobName, 'j1');
      assert.equal(progress?.progress, sampleProgress('j1', 7));
      assert.ok(
        progress.updatedAt >= before && progress.updatedAt <= after,
        `updatedAt ${progress.updatedAt}`,
      );
    });

    it('lists every job ordered by name', async () => {
      const store = await ctx.open();
      for (const name of ['c', 'a', 'b']) await store.createJob(sampleJob(name), sampleProgress(name, 0));
      const jobs = await store.listJobs();
      assert.deepEqual(
        jobs.map((job) => job.name),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(jobs[0], sampleJob('a'));
    });

    it('refuses a duplicate name with JobExistsError and keeps the first job and progress', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('dup'), sampleProgress('dup', 1));
      const other = sampleJob('dup', { state: 'paused', created_at: 1 });
      await assert.rejects(store.createJob(other, sampleProgress('dup', 99)), JobExistsError);
      assert.deepEqual(await store.getJob('dup'), sampleJob('dup'));
      assert.equal((await store.getProgress('dup'))?.progress, sampleProgress('dup', 1));
      assert.equal((await store.listJobs()).length, 1);
    });

    it('a create guard sees the stored jobs and refuses atomically; of racing guarded creators one wins', async () => {
      const a = await ctx.open();
      const b = await ctx.open();
      await a.createJob(sampleJob('first'), sampleProgress('first', 1));
      const seen: string[][] = [];
      await assert.rejects(
        b.createJob(sampleJob('second'), sampleProgress('second', 1), (stored) => {
          seen.push(stored.map((j) => j.name));
          throw new Error('target taken');
        }),
        /target taken/,
      );
      assert.deepEqual(seen, [['first']]);
      assert.equal(await a.getJob('second'), undefined, 'nothing written');
      assert.equal(await a.getProgress('second'), undefined);
      // Two instances (two syncers of a group) each create a job only if no other job is stored than
      // 'first': whichever goes second must see the other's job.
      const onlyFirst = (stored: readonly JobRecord[]) => {
        if (stored.some((j) => j.name !== 'first')) throw new Error('another job was created first');
      };
      const raced = await Promise.allSettled([
        a.createJob(sampleJob('race_a'), sampleProgress('race_a', 1), onlyFirst),
        b.createJob(sampleJob('race_b'), sampleProgress('race_b', 1), onlyFirst),
      ]);
      assert.equal(raced.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(raced));
      assert.equal((await a.listJobs()).length, 2);
    });

    it('updates a record without touching its progress', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('u'), sampleProgress('u', 3));
      const paused: JobRecord = {
        ...sampleJob('u'),
        state: 'paused',
        extra: { skip_binlog: true, skip_commit_seq: '9223372036854775807', skip_by: 'silence' },
        dest: { ...sampleJob('u').dest, host_mapping: { '192.168.0.1': '10.1.1.1' } },
      };
      await store.updateJob(paused);
      assert.deepEqual(await store.getJob('u'), paused);
      assert.equal((await store.getProgress('u'))?.progress, sampleProgress('u', 3));
    });

    it('fails updateJob of an unknown job with JobNotFoundError and creates nothing', async () => {
      const store = await ctx.open();
      await assert.rejects(store.updateJob(sampleJob('ghost')), JobNotFoundError);
      assert.equal(await store.getJob('ghost'), undefined);
      assert.equal(await store.getProgress('ghost'), undefined);
    });

    it('overwrites progress and advances updatedAt', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('p'), sampleProgress('p', 1));
      const first = await store.getProgress('p');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.putProgress('p', sampleProgress('p', 2));
      const second = await store.getProgress('p');
      assert.equal(second?.progress, sampleProgress('p', 2));
      assert.ok(second.updatedAt > first!.updatedAt, 'updatedAt moved forward');
      assert.deepEqual(await store.getJob('p'), sampleJob('p'));
    });

    it('fails putProgress of an unknown job with JobNotFoundError and stores nothing', async () => {
      const store = await ctx.open();
      await assert.rejects(store.putProgress('ghost', sampleProgress('ghost', 1)), JobNotFoundError);
      assert.equal(await store.getProgress('ghost'), undefined);
      assert.equal(await store.getJob('ghost'), undefined);
    });

    it('deletes a job together with its progress, and says whether it existed', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('d'), sampleProgress('d', 5));
      await store.createJob(sampleJob('keep'), sampleProgress('keep', 6));
      assert.equal(await store.deleteJob('d'), true);
      assert.equal(await store.getJob('d'), undefined);
      assert.equal(await store.getProgress('d'), undefined);
      assert.equal(await store.deleteJob('d'), false);
      assert.deepEqual(
        (await store.listJobs()).map((job) => job.name),
        ['keep'],
      );
      assert.equal((await store.getProgress('keep'))?.progress, sampleProgress('keep', 6));
    });

    it('does not let a step of a deleted job write progress that a recreated job would inherit', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('again'), sampleProgress('again', 100));
      await store.deleteJob('again');
      await assert.rejects(store.putProgress('again', sampleProgress('again', 101)), JobNotFoundError);
      await store.createJob(sampleJob('again'), sampleProgress('again', 0));
      assert.equal((await store.getProgress('again'))?.progress, sampleProgress('again', 0));
    });

    it('stores names and secrets with quotes, backslashes and non-ASCII text verbatim', async () => {
      const store = await ctx.open();
      const name = `it's "odd" \`name\`; DROP TABLE jobs; -- 数据-ジョブ-🚀 %_\\`;
      const job = sampleJob(name, {
        src: { ...sampleJob('x').src, password: `p'a"s\\s\n\t\u0000word` },
        dest: { ...sampleJob('x').dest, user: "o'brien" },
      });
      await store.createJob(job, `{"note":"it's \\"quoted\\" ✓"}`);
      assert.deepEqual(await store.getJob(name), job);
      assert.equal((await store.getProgress(name))?.progress, `{"note":"it's \\"quoted\\" ✓"}`);
      assert.deepEqual(
        (await store.listJobs()).map((listed) => listed.name),
        [name],
      );
      assert.equal(await store.deleteJob(name), true);
    });

    it('round-trips a large progress document', async () => {
      const store = await ctx.open();
      const big = JSON.stringify({
        table_mapping: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`${i}`, `${i + 1}`])),
      });
      assert.ok(big.length > 1_000_000);
      await store.createJob(sampleJob('big'), '{}');
      await store.putProgress('big', big);
      assert.equal((await store.getProgress('big'))?.progress, big);
    });

    it('rejects every call after close(), and close() can be repeated', async () => {
      const store = await ctx.open();
      await store.createJob(sampleJob('c'), '{}');
      await store.close();
      await store.close();
      await assert.rejects(store.getJob('c'));
      await assert.rejects(store.listJobs());
      await assert.rejects(store.putProgress('c', '{}'));
      await assert.rejects(store.createJob(sampleJob('c2'), '{}'));
    });
  });
}
