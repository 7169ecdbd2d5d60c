import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fatal, needsFullSync } from '../../src/jobs/job-errors.js';
import { JobRunner, type JobWork, type StepResult } from '../../src/jobs/job-runner.js';
import type { Sleeper } from '../../src/jobs/runtime.js';

/** A sleeper that returns at once but records the delays asked for. */
function recordingSleeper() {
  const delays: number[] = [];
  const sleeper: Sleeper = {
    sleep: async (ms) => {
      delays.push(ms);
      await new Promise((r) => setImmediate(r));
    },
  };
  return { delays, sleeper };
}

function scriptedWork(script: Array<StepResult | Error>) {
  const calls: string[] = [];
  let i = 0;
  const work: JobWork = {
    step: async () => {
      const next = script[Math.min(i++, script.length - 1)]!;
      calls.push(next instanceof Error ? `error:${next.message}` : next);
      if (next instanceof Error) throw next;
      return next;
    },
    escalate: async (action, reason) => {
      calls.push(`escalate:${action}:${reason}`);
    },
    recordError: async (message) => {
      calls.push(`record:${message}`);
    },
    clearError: async () => {
      calls.push('clear');
    },
    pause: async (reason) => {
      calls.push(`pause:${reason}`);
    },
  };
  return { calls, work };
}

async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(predicate(), 'condition not reached');
}

describe('job runner', () => {
  it('looks again soon after work and backs off to the poll interval while nothing arrives', async () => {
    const { delays, sleeper } = recordingSleeper();
    const script: Array<'progressed' | 'idle'> = [
      'progressed',
      ...Array<'idle'>(8).fill('idle'),
      'progressed',
      'idle',
    ];
    const { calls, work } = scriptedWork(script);
    const runner = new JobRunner('j', work, { now: () => 1 }, sleeper, { pollIntervalMs: 1000 }, false);
    runner.start();
    await until(() => calls.filter((c) => c === 'idle').length === 9);
    await runner.stop();
    assert.deepEqual(delays.slice(0, 9), [25, 50, 100, 200, 400, 800, 1000, 1000, 25]);
  });

  it('backs off on transient errors and recovers, forgetting the error once a step succeeds', async () => {
    const { delays, sleeper } = recordingSleeper();
    const reset = () => Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    const { calls, work } = scriptedWork([reset(), reset(), reset(), 'progressed', 'idle']);
    const runner = new JobRunner(
      'j',
      work,
      { now: () => 1 },
      sleeper,
      {
        pollIntervalMs: 3000,
        retry: { initialMs: 100, maxMs: 1000, multiplier: 2, jitter: 0, maxAttempts: 10 },
      },
      false,
    );
    runner.start();
    await until(() => calls.includes('idle'));
    await runner.stop();
    assert.deepEqual(delays.slice(0, 4), [100, 200, 400, 25]);
    assert.equal(runner.lastError, undefined);
    const recorded = calls.lastIndexOf('record:reset');
    assert.ok(recorded >= 0);
    assert.equal(
      calls.indexOf('clear', recorded),
      calls.indexOf('progressed') + 1,
      'cleared right after the first success',
    );
    assert.equal(calls.filter((c) => c === 'clear').length, 1, 'once, not on every step');
  });

  it('pauses itself after N attempts of an error it does not know, with the message as the reason', async () => {
    const { delays, sleeper } = recordingSleeper();
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const { calls, work } = scriptedWork([bug]);
    const retry = { initialMs: 10, maxMs: 100, multiplier: 2, jitter: 0, maxAttempts: 4 };
    const runner = new JobRunner('j', work, { now: () => 1 }, sleeper, { pollIntervalMs: 10, retry }, false);
    runner.start();
    await until(() => runner.status === 'paused');
    await runner.stop();
    assert.equal(calls.filter((c) => c.startsWith('error:')).length, 4, 'four attempts, then no more');
    assert.deepEqual(delays.slice(0, 3), [10, 20, 40], 'backed off between the attempts');
    assert.equal(delays[3], 3_600_000, 'then waits, paused, for a resume');
    const pause = calls.find((c) => c.startsWith('pause:'));
    assert.equal(pause, `pause:gave up after 4 attempts: ${bug.message}`);
    assert.ok(
      calls.includes(`record:gave up after 4 attempts: ${bug.message}`),
      'the reason is the last error',
    );
  });

  it('never gives up on a transient error (a cluster that is down), backing off to the cap', async () => {
    const { delays, sleeper } = recordingSleeper();
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9030'), { code: 'ECONNREFUSED' });
    const { calls, work } = scriptedWork([...Array<Error>(30).fill(down), 'idle']);
    const retry = { initialMs: 10, maxMs: 80, multiplier: 2, jitter: 0, maxAttempts: 3 };
    const runner = new JobRunner('j', work, { now: () => 1 }, sleeper, { pollIntervalMs: 10, retry }, false);
    runner.start();
    await until(() => calls.includes('idle'));
    await runner.stop();
    assert.ok(!calls.some((c) => c.startsWith('pause:')), 'still running after 30 failures');
    assert.deepEqual(delays.slice(0, 6), [10, 20, 40, 80, 80, 80]);
  });

  it('escalates to a full sync when replay cannot continue', async () => {
    const { sleeper } = recordingSleeper();
    const { calls, work } = scriptedWork([needsFullSync('binlog collected'), 'idle']);
    const runner = new JobRunner('j', work, { now: () => 1 }, sleeper, { pollIntervalMs: 10 }, false);
    runner.start();
    await until(() => calls.includes('idle'));
    await runner.stop();
    assert.ok(calls.includes('escalate:needs_full_sync:binlog collected'));
  });

  it('pauses itself with the reason on a fatal error, and runs again after resume', async () => {
    const { sleeper } = recordingSleeper();
    const { calls, work } = scriptedWork([fatal('source table dropped'), 'idle']);
    const runner = new JobRunner('j', work, { now: () => 1 }, sleeper, { pollIntervalMs: 10 }, false);
    runner.start();
    await until(() => runner.status === 'paused');
    assert.ok(calls.includes('pause:source table dropped'));
    const before = calls.length;
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls.length, before, 'a paused job runs no step');
    runner.resume();
    await until(() => calls.includes('idle'));
    await runner.stop();
  });

  it('answers pause at once even while a step is running', async () => {
    const { sleeper } = recordingSleeper();
    let release: () => void = () => {};
    const work: JobWork = {
      step: () =>
        new Promise<StepResult>((resolve) => {
          release = () => resolve('progressed');
        }),
      escalate: async () => {},
      recordError: async () => {},
      clearError: async () => {},
      pause: async () => {},
    };
    const runner = new JobRunner('j', work, { now: () => 1 }, sleeper, { pollIntervalMs: 10 }, false);
    runner.start();
    await new Promise((r) => setImmediate(r));
    runner.pause();
    assert.equal(runner.status, 'paused');
    const stopped = runner.stop();
    release();
    await stopped;
    assert.equal(runner.status, 'stopped');
  });
});

describe('job runner pokes', () => {
  it('a poke that arrives while a step runs ends the next idle wait at once', async () => {
    // A sleeper that never ends by itself: only a poke (or stop) can wake the runner.
    const sleeper: Sleeper = { sleep: () => new Promise(() => {}) };
    let steps = 0;
    let runner!: JobRunner;
    const work: JobWork = {
      step: async () => {
        steps++;
        if (steps === 1) runner.poke(); // the outcome the job waits for lands while it is still stepping
        return 'idle';
      },
      escalate: async () => {},
      recordError: async () => {},
      clearError: async () => {},
      pause: async () => {},
    };
    runner = new JobRunner('j', work, { now: () => 1 }, sleeper, { pollIntervalMs: 60_000 }, false);
    runner.start();
    await until(() => steps >= 2);
    assert.equal(steps, 2, 'one extra look, then it sleeps');
    await runner.stop();
  });
});
