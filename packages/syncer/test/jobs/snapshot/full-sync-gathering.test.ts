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

/** A clock moved only by the test; sleeps end when it has moved past them. */
function manualTime() {
  let now = 1_000_000;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  return {
    clock: { now: () => now },
    sleeper: {
      sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
    },
    advance: async (ms: number) => {
      const until = now + ms;
      for (;;) {
        await settle();
        timers.sort((x, y) => x.at - y.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        now = Math.max(now, next.at);
        next.resolve();
      }
      now = until;
      await settle();
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
    ...(creates ? { creates } : {}),
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
    const create = creates.begin(PAIR, 'a');
    time.advance(90); // the create checks
    create.ended(true);
    time.advance(8); // the job starts
    const { b, woken } = batches(time, creates);
    const takenAt = time.clock.now();
    assert.equal(b.take(entry('a', createdAt)).kind, 'queued');
    await settle();
    assert.equal(woken.length, 1);
    assert.ok(woken[0]!.at - takenAt <= 25, `started ${woken[0]!.at - takenAt} ms after asking`);
    assert.equal(b.take(entry('a', createdAt)).kind, 'alone');
  });

  it('without the create_ccr signal, a new job waits the whole pause after it asks', async () => {
    const time = fakeTime();
    const createdAt = time.clock.now();
    time.advance(100);
    const { b, woken } = batches(time);
    const takenAt = time.clock.now();
    b.take(entry('a', createdAt));
    await settle();
    assert.equal(woken[0]!.at - takenAt, 150);
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
    const first = creates.begin(PAIR, 'a');
    time.advance(90);
    first.ended(true);
    const second = creates.begin(PAIR, 'b'); // the script's next create_ccr, still checking
    time.advance(8);
    b.take(entry('a', createdAt));
    await settle();
    // Never alone while the other create runs: the pause (counted from a's create) runs out first.
    assert.equal(woken.length, 1);
    assert.ok(woken[0]!.at - createdAt >= 150, `a left after ${woken[0]!.at - createdAt} ms`);
    second.ended(true);
  });

  it('a job created but not started yet is waited for: jobs created together share one full sync', async () => {
    const time = manualTime();
    const creates = new CreatesInFlight(time.clock);
    const { b, woken } = batches(time, creates);
    const createdAt = time.clock.now();
    const [ca, cb] = [creates.begin(PAIR, 'a'), creates.begin(PAIR, 'b')];
    await time.advance(90);
    ca.ended(true);
    cb.ended(true);
    await time.advance(8);
    b.take(entry('a', createdAt));
    // b connects to its clusters slowly (a loaded machine): a waits for it rather than going alone.
    await time.advance(40);
    assert.equal(woken.length, 0, 'a did not start while b was on its way');
    b.take(entry('b', createdAt));
    await time.advance(30);
    // Both in one shared sync: it needs clusters this test has none of, so it fails, and both are told
    // to go on alone, saying why.
    for (let i = 0; i < 20 && woken.length < 2; i++) await time.advance(10);
    assert.deepEqual(woken.map((w) => w.job).sort(), ['a', 'b']);
    const outcome = b.take(entry('a', createdAt));
    assert.equal(outcome.kind, 'alone');
    // The one shared sync for both (its name, its failure), not two syncs alone.
    assert.match((outcome as { reason: string }).reason, /^shared full sync \S+ could not connect/);
  });

  it('jobs a script creates one by one after the first wait the whole pause for the next, and share', async () => {
    const time = manualTime();
    const creates = new CreatesInFlight(time.clock);
    const { b, woken } = batches(time, creates);
    const createdAt: Record<string, number> = {};
    // a came alone and left alone; b is created 200 ms later, then c after a slow client's 60 ms gap.
    for (const job of ['a', 'b']) {
      createdAt[job] = time.clock.now();
      const create = creates.begin(PAIR, job);
      await time.advance(90);
      create.ended(true);
      await time.advance(8);
      b.take(entry(job, createdAt[job]));
      await time.advance(job === 'a' ? 200 : 60);
    }
    assert.deepEqual(
      woken.map((w) => w.job),
      ['a'],
      'b, created soon after a, still waits for more',
    );
    createdAt.c = time.clock.now();
    const create = creates.begin(PAIR, 'c');
    await time.advance(90);
    create.ended(true);
    await time.advance(8);
    b.take(entry('c', createdAt.c));
    for (let i = 0; i < 30 && woken.length < 3; i++) await time.advance(10);
    assert.deepEqual(woken.map((w) => w.job).sort(), ['a', 'b', 'c']);
    assert.match(
      (b.take(entry('b', createdAt.b!)) as { reason: string }).reason,
      /^shared full sync/,
      'b and c shared one sync',
    );
  });

  it('a created job that fails to create is not waited for', async () => {
    const time = fakeTime();
    const creates = new CreatesInFlight(time.clock);
    const { b, woken } = batches(time, creates);
    const createdAt = time.clock.now();
    const [ca, cb] = [creates.begin(PAIR, 'a'), creates.begin(PAIR, 'b')];
    time.advance(90);
    ca.ended(true);
    cb.ended(false); // its checks refused it
    time.advance(8);
    const takenAt = time.clock.now();
    b.take(entry('a', createdAt));
    await settle();
    assert.ok(woken[0]!.at - takenAt <= 25, `a started ${woken[0]!.at - takenAt} ms after asking`);
  });
});
