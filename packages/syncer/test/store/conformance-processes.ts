// Conformance, part 2: what a store must guarantee across instances, processes and crashes — the
// properties crash-resume (behaviour §2.4) and a later multi-syncer deployment rely on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobExistsError } from '../../src/model/meta-store.js';
import { LineChild } from './child-process.js';
import type { ConformanceContext } from './conformance.js';
import { crashPayload, sampleJob, sampleProgress } from './fixtures.js';

const CHILD_SCRIPT = new URL('./store-child.js', import.meta.url);
/** Big enough to span many database pages, so a torn write could leave a mix of two versions. */
const CRASH_PAD_BYTES = 256 * 1024;
const CRASH_ROUNDS = 3;
const WRITES_PER_WRITER = 40;

function parseCrashProgress(text: string): { seq: number } {
  return JSON.parse(text) as { seq: number };
}

export function describeProcesses(ctx: ConformanceContext): void {
  describe('durability and concurrency', () => {
    it('keeps jobs and progress across close and reopen', async () => {
      const first = await ctx.open();
      await first.createJob(sampleJob('kept'), sampleProgress('kept', 1));
      await first.createJob(sampleJob('gone'), sampleProgress('gone', 1));
      await first.putProgress('kept', sampleProgress('kept', 2));
      await first.deleteJob('gone');
      await first.close();
      const second = await ctx.open();
      assert.deepEqual(await second.listJobs(), [sampleJob('kept')]);
      assert.equal((await second.getProgress('kept'))?.progress, sampleProgress('kept', 2));
      assert.equal(await second.getProgress('gone'), undefined);
    });

    it('serialises interleaved writes of two instances on the same store', async () => {
      const a = await ctx.open();
      const b = await ctx.open();
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        writes.push(a.createJob(sampleJob(`a-${i}`), sampleProgress(`a-${i}`, i)));
        writes.push(b.createJob(sampleJob(`b-${i}`), sampleProgress(`b-${i}`, i)));
      }
      await Promise.all(writes);
      const contested = await Promise.allSettled([
        a.createJob(sampleJob('both'), sampleProgress('both', 1)),
        b.createJob(sampleJob('both'), sampleProgress('both', 2)),
      ]);
      assert.equal(contested.filter((result) => result.status === 'fulfilled').length, 1);
      const loser = contested.find((result) => result.status === 'rejected');
      assert.ok(loser?.status === 'rejected' && loser.reason instanceof JobExistsError);
      assert.equal((await a.listJobs()).length, 41);
      assert.equal((await b.listJobs()).length, 41);
      assert.equal((await a.getProgress('b-7'))?.progress, sampleProgress('b-7', 7));
      await b.putProgress('a-3', sampleProgress('a-3', 300));
      assert.equal((await a.getProgress('a-3'))?.progress, sampleProgress('a-3', 300));
      assert.equal(await a.deleteJob('b-0'), true);
      assert.equal(await b.getJob('b-0'), undefined);
    });

    it('serialises two writer processes racing on the same store', async () => {
      const setup = await ctx.open();
      await setup.createJob(sampleJob('shared'), '{}');
      await setup.close();
      const writers = ['x', 'y'].map(
        (tag) =>
          new LineChild(CHILD_SCRIPT, [
            ctx.childModule.href,
            ctx.dir,
            'writer',
            tag,
            String(WRITES_PER_WRITER),
            'shared',
          ]),
      );
      // Both are started and waiting before either opens the store, so their writes really overlap.
      for (const writer of writers) await writer.waitForLine((line) => line === 'ready');
      for (const writer of writers) writer.send('go');
      const exits = await Promise.all(writers.map((writer) => writer.exited));
      for (const exit of exits) assert.equal(exit.code, 0, exit.stderr);
      const results = writers.map(
        (writer) => JSON.parse(writer.lines.at(-1) ?? '{}') as { tag: string; wonContested: boolean },
      );
      const winners = results.filter((result) => result.wonContested);
      assert.equal(winners.length, 1, 'exactly one process created the contested job');

      const store = await ctx.open();
      const names = (await store.listJobs()).map((job) => job.name);
      assert.equal(names.length, 2 + 2 * WRITES_PER_WRITER);
      for (const tag of ['x', 'y']) {
        for (let i = 0; i < WRITES_PER_WRITER; i++) {
          assert.equal((await store.getProgress(`${tag}-${i}`))?.progress, JSON.stringify({ tag, i }));
        }
      }
      assert.equal((await store.getProgress('contested'))?.progress, JSON.stringify({ by: winners[0]?.tag }));
      // Whichever writer committed last, its last write was seq count-1: no write was lost or reordered.
      const shared = JSON.parse((await store.getProgress('shared'))?.progress ?? '{}') as { seq: number };
      assert.equal(shared.seq, WRITES_PER_WRITER - 1);
    });

    it('keeps the last committed progress, whole, when a writer process is SIGKILLed', async () => {
      const setup = await ctx.open();
      const job = sampleJob('crashy');
      await setup.createJob(job, crashPayload(0, CRASH_PAD_BYTES));
      await setup.close();
      let seq = 0;
      for (let round = 0; round < CRASH_ROUNDS; round++) {
        const child = new LineChild(CHILD_SCRIPT, [
          ctx.childModule.href,
          ctx.dir,
          'progress-loop',
          'crashy',
          String(CRASH_PAD_BYTES),
        ]);
        const target = seq + 10 + round * 7;
        await child.waitForLine((line) => Number(line) >= target, 60_000);
        // Kill at an arbitrary moment, most likely in the middle of writing the next record.
        await new Promise((resolve) => setTimeout(resolve, 3 + round * 4));
        child.kill('SIGKILL');
        const exit = await child.exited;
        assert.equal(exit.signal, 'SIGKILL', exit.stderr);
        const acknowledged = Math.max(...child.lines.map(Number).filter(Number.isFinite));

        const store = await ctx.open();
        const stored = await store.getProgress('crashy');
        assert.ok(stored, 'progress survives');
        const progress = parseCrashProgress(stored.progress);
        // Every acknowledged write committed; at most the one in flight committed after it.
        assert.ok(
          progress.seq === acknowledged || progress.seq === acknowledged + 1,
          `stored seq ${progress.seq}, last acknowledged ${acknowledged}`,
        );
        assert.equal(stored.progress, crashPayload(progress.seq, CRASH_PAD_BYTES), 'no partial record');
        assert.deepEqual(await store.getJob('crashy'), job);
        assert.equal((await store.listJobs()).length, 1);
        await store.close();
        assert.ok(progress.seq > seq, 'each round resumed from the stored progress and moved on');
        seq = progress.seq;
      }
    });
  });
}
