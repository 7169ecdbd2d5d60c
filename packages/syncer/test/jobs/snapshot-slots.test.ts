// The per-database bound on concurrent snapshots: holders keep their slot across steps, the next job is
// woken as soon as one frees up, and a slot is per source database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SnapshotSlots } from '../../src/jobs/snapshot-slots.js';

describe('SnapshotSlots', () => {
  it('admits up to the capacity per database, wakes waiters on release, and keeps databases apart', () => {
    const woken: string[] = [];
    const slots = new SnapshotSlots((job) => woken.push(job), 2);
    assert.equal(slots.acquire('db1', 'a'), true);
    assert.equal(slots.acquire('db1', 'b'), true);
    assert.equal(slots.acquire('db1', 'a'), true, 'a holder keeps its slot on every step');
    assert.equal(slots.acquire('db1', 'c'), false);
    assert.equal(slots.acquire('db2', 'c'), true, 'another database has its own slots');
    slots.release('db1', 'c'); // not a holder of db1: nothing happens
    assert.deepEqual(woken, []);
    slots.release('db1', 'a');
    assert.deepEqual(woken, ['c']);
    assert.equal(slots.acquire('db1', 'c'), true);
    assert.deepEqual(slots.holdersOf('db1').sort(), ['b', 'c']);
  });
});
