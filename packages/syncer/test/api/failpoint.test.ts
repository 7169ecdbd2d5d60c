// /failpoint exists only with failpoints enabled, and then drives the shared registry like Go's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FailpointChange, FailpointRegistry } from '../../src/api/failpoints.js';
import { startHarness } from './api-harness.js';

describe('API /failpoint', () => {
  it('is a 404 by default, and the service is never involved', async () => {
    const h = await startHarness();
    try {
      for (const method of ['GET', 'POST'] as const) {
        const answer = await h.call(
          '/failpoint',
          method === 'POST' ? { name: 'job1', failpoint: 'x', value: 1 } : undefined,
          {
            method,
          },
        );
        assert.equal(answer.status, 404);
        assert.equal(answer.json?.success, false);
        assert.match(String(answer.json?.error_msg), /--enable_failpoints/);
      }
      assert.deepEqual(h.service.calls, []);
    } finally {
      await h.close();
    }
  });

  it('when enabled, injects, removes and clears failpoints in the shared registry', async () => {
    const failpoints = new FailpointRegistry();
    const changes: FailpointChange[] = [];
    failpoints.subscribe((change) => changes.push(change));
    const h = await startHarness({ failpointsEnabled: true, failpoints });
    try {
      const set = await h.call('/failpoint', {
        name: 'job1',
        failpoint: 'handle_binlog_failed',
        value: { times: 2 },
      });
      assert.deepEqual(set.json, { success: true });
      assert.deepEqual(failpoints.value('job1', 'handle_binlog_failed'), { times: 2n });
      await h.call('/failpoint', { name: 'job2', failpoint: 'other', value: true });
      assert.equal(failpoints.isActive('job2', 'other'), true);

      await h.call('/failpoint', { name: 'job1', failpoint: 'handle_binlog_failed', value: null });
      assert.equal(failpoints.isActive('job1', 'handle_binlog_failed'), false);
      assert.equal(failpoints.isActive('job2', 'other'), true);

      // An empty failpoint turns every failpoint off; no job name needed.
      await h.call('/failpoint', { failpoint: '' });
      assert.deepEqual(failpoints.list(), []);

      // An engine with its own failpoint table mirrors these.
      assert.deepEqual(changes, [
        { kind: 'set', job: 'job1', failpoint: 'handle_binlog_failed', value: { times: 2n } },
        { kind: 'set', job: 'job2', failpoint: 'other', value: true },
        { kind: 'removed', job: 'job1', failpoint: 'handle_binlog_failed' },
        { kind: 'cleared' },
      ]);

      const noName = await h.call('/failpoint', { failpoint: 'x', value: 1 });
      assert.equal(noName.status, 400);
      assert.equal(noName.json?.error_msg, 'name is empty');
      assert.deepEqual(h.service.calls, []);
    } finally {
      await h.close();
    }
  });
});
