import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConcurrencyLimiter } from '../../src/clients/index.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyLimiter', () => {
  test('runs at most `limit` tasks and starts waiters in arrival order', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const gates = Array.from({ length: 6 }, deferred);
    const started: number[] = [];
    let active = 0;
    let peak = 0;
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        active++;
        peak = Math.max(peak, active);
        await gate.promise;
        active--;
        return i;
      }),
    );
    await tick();
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual(limiter.stats, { active: 2, queued: 4 });
    // Finishing out of order still hands slots to the oldest waiters.
    gates[1]!.resolve();
    await tick();
    assert.deepEqual(started, [0, 1, 2]);
    // A newcomer queues behind the waiters even while a slot is being handed over.
    const late = limiter.run(async () => {
      started.push(99);
      return 99;
    });
    for (const gate of gates) gate.resolve();
    assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3, 4, 5]);
    await late;
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 99]);
    assert.equal(peak, 2);
    assert.deepEqual(limiter.stats, { active: 0, queued: 0 });
  });

  test('a failing task frees its slot', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await assert.rejects(
      limiter.run(async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await limiter.run(async () => 7), 7);
  });

  test('an aborted waiter leaves the queue', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const controller = new AbortController();
    const second = limiter.run(async () => 'ran', controller.signal);
    const third = limiter.run(async () => 'third');
    await tick();
    controller.abort(new Error('job cancelled'));
    await assert.rejects(second, /job cancelled/);
    assert.deepEqual(limiter.stats, { active: 1, queued: 1 });
    gate.resolve();
    await first;
    assert.equal(await third, 'third');
  });

  test('close() fails waiters and refuses new work', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const gate = deferred();
    const first = limiter.run(() => gate.promise);
    const waiting = limiter.run(async () => 'never');
    limiter.close(new Error('shutting down'));
    await assert.rejects(waiting, /shutting down/);
    await assert.rejects(
      limiter.run(async () => 1),
      /shutting down/,
    );
    gate.resolve();
    await first;
  });

  test('rejects a non-positive limit', () => {
    assert.throws(() => new ConcurrencyLimiter(0), RangeError);
  });
});
