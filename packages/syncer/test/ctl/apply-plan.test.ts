// What `ccr apply` decides from a file and the syncer's jobs: create, update the host mapping in place,
// leave a job whose spec changed otherwise alone unless --replace, delete only with --prune.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobDetailView } from '../../src/ctl/api-types.js';
import { effective, planApply } from '../../src/ctl/apply-plan.js';
import type { FileJob, FileSpec } from '../../src/ctl/job-file.js';

const side = (database: string, table: string, extra: Partial<FileSpec> = {}): FileSpec => ({
  host: '10.0.0.1',
  port: '9030',
  thrift_port: '9020',
  user: 'ccr',
  password: 'pw',
  database,
  table,
  ...extra,
});
const fileJob = (name: string, src: FileSpec, dest: FileSpec, extra: Partial<FileJob> = {}): FileJob => ({
  name,
  src,
  dest,
  ...extra,
});
/** A job as job_detail answers it: password redacted, ids and frontends filled in by the syncer. */
const stored = (job: FileJob): JobDetailView => ({
  name: job.name,
  sync_type: job.src.table ? 'table_sync' : 'db_sync',
  src: { ...job.src, password: '******', db_id: '10001', frontends: [] },
  dest: { ...job.dest, password: '******', db_id: '20001' },
  state: 'running',
  extra: {
    ...(job.include_tables ? { include_tables: job.include_tables } : {}),
    ...(job.exclude_tables ? { exclude_tables: job.exclude_tables } : {}),
  },
});

describe('ccr apply plan', () => {
  const a = fileJob('a', side('s', 't'), side('d', 't'));
  const b = fileJob('b', side('s', ''), side('d2', ''), { include_tables: ['x', 'y*'] });

  it('creates what is missing and leaves what matches (passwords are not compared)', () => {
    const current = new Map([['a', stored({ ...a, src: { ...a.src, password: 'other' } })]]);
    const plan = planApply([a, b], current, { prune: false, replace: false });
    assert.deepEqual(
      plan.map((p) => [p.kind, p.name]),
      [
        ['unchanged', 'a'],
        ['create', 'b'],
      ],
    );
    assert.equal(effective(plan).length, 1);
  });

  it('updates a host mapping in place, removing keys the file dropped', () => {
    const before = fileJob('a', side('s', 't', { host_mapping: { p1: 'q1', p2: 'q2' } }), side('d', 't'));
    const after = fileJob(
      'a',
      side('s', 't', { host_mapping: { p1: 'q9' } }),
      side('d', 't', { host_mapping: { r: 's' } }),
    );
    const [action] = planApply([after], new Map([['a', stored(before)]]), { prune: false, replace: false });
    assert.equal(action?.kind, 'update_host_mapping');
    if (action?.kind !== 'update_host_mapping') return;
    assert.deepEqual(action.src, { p1: 'q9', p2: '' });
    assert.deepEqual(action.dest, { r: 's' });
  });

  it('reports a change the API cannot make in place, and replaces only with --replace', () => {
    const changed = fileJob('b', side('s', ''), side('d2', ''), { include_tables: ['x'] });
    const current = new Map([['b', stored(b)]]);
    const [held] = planApply([changed], current, { prune: false, replace: false });
    assert.equal(held?.kind, 'replace');
    assert.deepEqual(held?.kind === 'replace' && held.changes, ['include_tables: ["x","y*"] → ["x"]']);
    assert.equal(effective([held!]).length, 0);
    const [replaced] = planApply([changed], current, { prune: false, replace: true });
    assert.equal(effective([replaced!]).length, 1);
    const moved = fileJob('a', side('s', 't'), side('d', 't2'));
    const [m] = planApply([moved], new Map([['a', stored(a)]]), { prune: false, replace: false });
    assert.deepEqual(m?.kind === 'replace' && m.changes, ['dest.table: t → t2']);
  });

  it('deletes jobs the file does not list only with --prune', () => {
    const current = new Map([
      ['a', stored(a)],
      ['old', stored(fileJob('old', side('s', 'o'), side('d', 'o')))],
    ]);
    const kept = planApply([a], current, { prune: false, replace: false });
    assert.deepEqual(
      kept.map((p) => [p.kind, p.name, 'allowed' in p ? p.allowed : undefined]),
      [
        ['unchanged', 'a', undefined],
        ['delete', 'old', false],
      ],
    );
    assert.equal(effective(kept).length, 0);
    assert.equal(effective(planApply([a], current, { prune: true, replace: false })).length, 1);
  });
});
