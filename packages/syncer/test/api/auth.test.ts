// With an api token, every mutating endpoint needs `Authorization: Bearer <token>`; reads stay open.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, startHarness } from './api-harness.js';
import { spec } from './fake-job-service.js';

const TOKEN = 's3cret-token';
const MUTATING: Array<[string, unknown]> = [
  ['/create_ccr', { name: 'j', src: spec(), dest: spec() }],
  ['/pause', { name: 'job1' }],
  ['/resume', { name: 'job1' }],
  ['/delete', { name: 'j' }],
  ['/desync', { name: 'job1' }],
  ['/force_fullsync', { name: 'job1' }],
  ['/job_skip_binlog', { name: 'job1', skip_by: 'fullsync' }],
  ['/update_host_mapping', { name: 'job1', src_host_mapping: { a: 'b' } }],
  ['/failpoint', { name: 'job1', failpoint: 'handle_binlog_failed', value: true }],
];

describe('API bearer-token auth', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ apiToken: TOKEN, failpointsEnabled: true });
  });
  after(async () => {
    await h.close();
  });

  for (const [path, body] of MUTATING) {
    it(`${path} needs the token`, async () => {
      const calls = h.service.calls.length;
      const missing = await h.call(path, body);
      assert.equal(missing.status, 401);
      assert.equal(missing.json?.success, false);
      assert.match(String(missing.json?.error_msg), /bearer token/);
      const wrong = await h.call(path, body, { token: 'guess' });
      assert.equal(wrong.status, 401);
      // Auth comes before validation: an anonymous caller learns nothing about the request.
      const invalid = await h.call(path, {}, { token: 'guess' });
      assert.equal(invalid.status, 401);
      assert.equal(h.service.calls.length, calls, 'the service must not be called');
      const right = await h.call(path, body, { token: TOKEN });
      assert.equal(right.status, 200, JSON.stringify(right.json));
      assert.equal(right.json?.success, true);
    });
  }

  it('read-only endpoints need no token', async () => {
    for (const path of ['/version', '/list_jobs', '/features', '/metrics']) {
      assert.equal((await h.call(path, undefined, { method: 'GET' })).status, 200, path);
    }
    await h.call('/create_ccr', { name: 'job1', src: spec(), dest: spec() }, { token: TOKEN });
    for (const path of ['/get_lag', '/job_detail', '/job_status', '/job_progress']) {
      assert.equal((await h.call(path, { name: 'job1' })).status, 200, path);
    }
  });

  it('answers 401 with a WWW-Authenticate challenge', async () => {
    const response = await fetch(`${h.base}/pause`, { method: 'POST', body: '{"name":"job1"}' });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
  });
});

describe('API without a token', () => {
  it('mutating endpoints are open, as in the Go syncer', async () => {
    const h = await startHarness();
    try {
      const answer = await h.call('/pause', { name: 'job1' });
      assert.equal(answer.status, 200);
    } finally {
      await h.close();
    }
  });
});
