// How long a table job waits for others before its full sync starts: jobs created together share one
// snapshot, and a job created alone does not wait for company that is not coming.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreatesInFlight } from '../../../src/jobs/snapshot/creates-in-flight.js';
import {
  type BatchEntry,
  databasePairKey,
  FullSyncBatches,
} from '../../../src/jobs/snapshot/full-sync-batches.js';
import type { Spec } from '../../../src/model/spec.js';

/** A clock that moves only when someone sleeps. */
function fakeTime() {
  let now = 1_000_000;
  return {
    clock: { now: () => now },
    sleeper: {
      sleep: async (ms: number) => {
        now += ms;
        await Promise.resolve();
      },
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const spec = (database: string, table: string): Spec =>
  ({
    host: '127.0.0.1',
    port: '9030',
    thrift_port: '9020',
    user: 'root',
    password: '',
    database,
    table,
  }) as Spec;

function entry(job: string, requestedAt?: number): BatchEntry {
  return {
    member: { job, srcTable: job, srcTableId: 1n, destTable: job },
    src: spec('s', job),
    dest: spec('d', job),
    ...(requestedAt === undefined ? {} : { requestedAt }),
  };
}

const PAIR = databasePairKey(spec('s', 'a'), spec('d', 'a'));

function batches(time: ReturnType<typeof fakeTime>, creates?: CreatesInFlight) {
  const woken: Array<{ job: string; at: number }> = [];
  const b = new FullSyncBatches({
    connect: async () => {
      throw new Error('a shared sync was not expected here');
    },
    clock: time.clock,
    sleeper: time.sleeper,
    wake: (job) => woken.push({ job, at: time.clock.now() }),
    log: () => {},
    ...(creates ? { creates: (key: string) => creates.of(key) } : {}),
  });
  return { b, woken };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('full-sync gathering', () => {
  it('a job created alone starts its own full sync once its create_ccr has settled, not a whole pause later', async () => {
    const time = fakeTime();
    const creates = new CreatesInFlight(time.clock);
    const createdAt = time.clock.now();
    const ended = creates.begin(PAIR);
    time.advance(90); // the create checks
    ended();
    time.advance(8); // the job starts
    const { b, woken } = batches(time, creates);
    const takenAt = time.clock.now();
    assert.equal(b.take(entry('a', createdAt)).kind, 'queued');
    await settle();
    assert.equal(woken.length, 1);
    assert.ok(woken[0]!.at - takenAt <= 25, `started ${woken[0]!.at - takenAt} ms after asking`);
    assert.equal(b.take(entry('a', createdAt)).kind, 'alone');
  });

  it('without the create_ccr signal, a new job waits what is left of the pause after its create began', async () => {
    const time = fakeTime();
    const createdAt = time.clock.now();
    time.advance(100);
    const { b, woken } = batches(time);
    b.take(entry('a', createdAt));
    await settle();
    assert.equal(woken[0]!.at - createdAt, 150);
  });

  it('a job resumed (not new) waits the whole pause for others', async () => {
    const time = fakeTime();
    const creates = new CreatesInFlight(time.clock);
    const { b, woken } = batches(time, creates);
    const takenAt = time.clock.now();
    b.take(entry('a', takenAt - 60_000));
    await settle();
    assert.equal(woken[0]!.at - takenAt, 150);
  });

  it('while another create_ccr for the pair runs, a new job keeps waiting for it', async () => {
    const time = fakeTime();
    const creates = new CreatesInFlight(time.clock);
    const { b, woken } = batches(time, creates);
    const createdAt = time.clock.now();
    const first = creates.begin(PAIR);
    time.advance(90);
    first();
    const second = creates.begin(PAIR); // the script's next create_ccr, still checking
    time.advance(8);
    b.take(entry('a', createdAt));
    await settle();
    // Never alone while the other create runs: the pause (counted from a's create) runs out first.
    assert.equal(woken.length, 1);
    assert.ok(woken[0]!.at - createdAt >= 150, `a left after ${woken[0]!.at - createdAt} ms`);
    second();
  });
});
