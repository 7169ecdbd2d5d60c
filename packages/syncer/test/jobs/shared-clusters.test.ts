// Jobs on the same cluster, user and database share one set of connections; the last one closes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { sharedClusters } from '../../src/jobs/shared-clusters.js';
import type { Spec } from '../../src/model/spec.js';

const spec = (table: string, overrides: { user?: string } = {}): Spec => ({
  host: '10.0.0.1',
  port: '9030',
  thrift_port: '9020',
  user: 'ccr',
  password: 'pw',
  database: 'shop',
  table,
  cluster: '',
  ...overrides,
});

describe('sharedClusters', () => {
  it('opens one connection set per cluster identity and closes it with its last user', async () => {
    const opened: string[] = [];
    const closed: string[] = [];
    const connect = sharedClusters(async (s) => {
      opened.push(`${s.host}/${s.user}`);
      return {
        spec: s,
        close: async () => void closed.push(`${s.host}/${s.user}`),
      } as unknown as ClusterAccess;
    });
    const a = await connect(spec('orders'));
    const b = await connect(spec('items'));
    const c = await connect(spec('orders', { user: 'other' }));
    assert.deepEqual(opened, ['10.0.0.1/ccr', '10.0.0.1/other']);
    assert.equal(b.spec.table, 'items', 'each job keeps its own spec');
    await a.close();
    await a.close(); // a second close of the same handle does not release twice
    assert.deepEqual(closed, []);
    await b.close();
    assert.deepEqual(closed, ['10.0.0.1/ccr']);
    await c.close();
    assert.deepEqual(closed, ['10.0.0.1/ccr', '10.0.0.1/other']);
    await connect(spec('orders'));
    assert.equal(opened.length, 3, 'a closed set is opened again when needed');
  });

  it('does not keep a failed connection attempt', async () => {
    let attempts = 0;
    const connect = sharedClusters(async () => {
      attempts++;
      throw new Error('refused');
    });
    await assert.rejects(connect(spec('t')), /refused/);
    await assert.rejects(connect(spec('t')), /refused/);
    assert.equal(attempts, 2);
  });
});
