// With an api token, every endpoint but /version needs `Authorization: Bearer <token>`, reads included;
// /metrics needs a token only when a metrics token is configured, and then that one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, startHarness } from './api-harness.js';
import { spec } from './fake-job-service.js';

const TOKEN = 's3cret-token';
const ENDPOINTS: Array<[string, unknown]> = [
  ['/create_ccr', { name: 'j', src: spec(), dest: spec() }],
  ['/pause', { name: 'job1' }],
  ['/resume', { name: 'job1' }],
  ['/delete', { name: 'j' }],
  ['/desync', { name: 'job1' }],
  ['/force_fullsync', { name: 'job1' }],
  ['/job_skip_binlog', { name: 'job1', skip_by: 'fullsync' }],
  ['/update_host_mapping', { name: 'job1', src_host_mapping: { a: 'b' } }],
  ['/failpoint', { name: 'job1', failpoint: 'handle_binlog_failed', value: true }],
  ['/get_lag', { name: 'job1' }],
  ['/job_detail', { name: 'job1' }],
  ['/job_status', { name: 'job1' }],
  ['/job_progress', { name: 'job1' }],
  ['/list_jobs', {}],
  ['/list_syncers', {}],
  ['/features', {}],
];

describe('API bearer-token auth', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ apiToken: TOKEN, failpointsEnabled: true });
  });
  after(async () => {
    await h.close();
  });

  for (const [path, body] of ENDPOINTS) {
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

  it('reads need it too, by GET with a query as well; /version and /metrics need none', async () => {
    for (const path of ['/list_jobs', '/list_syncers', '/features', '/job_status?name=job1']) {
      assert.equal((await h.call(path, undefined, { method: 'GET' })).status, 401, path);
      const right = await h.call(path, undefined, { method: 'GET', token: TOKEN });
      assert.equal(right.status, 200, path);
    }
    assert.equal((await h.call('/version', undefined, { method: 'GET' })).status, 200);
    const metrics = await h.call('/metrics', undefined, { method: 'GET' });
    assert.equal(metrics.status, 200, 'no --metrics_token: /metrics is open');
  });

  it('refuses before reading the body: broken or oversized bodies of an anonymous caller get a 401', async () => {
    for (const rawBody of ['{"name": ', `{"name":"${'x'.repeat(2 * 1024 * 1024)}"}`]) {
      const answer = await h.call('/job_status', undefined, { rawBody });
      assert.equal(answer.status, 401, rawBody.slice(0, 20));
    }
  });

  it('answers 401 with a WWW-Authenticate challenge', async () => {
    const response = await fetch(`${h.base}/pause`, { method: 'POST', body: '{"name":"job1"}' });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
  });
});

describe('API with a metrics token', () => {
  it('/metrics needs that token (not the api token); the rest needs the api token', async () => {
    const h = await startHarness({ apiToken: TOKEN, metricsToken: 'scrape-tok' });
    try {
      const open = await h.call('/metrics', undefined, { method: 'GET' });
      assert.equal(open.status, 401);
      assert.match(String(open.json?.error_msg), /metrics_token/);
      assert.equal((await h.call('/metrics', undefined, { method: 'GET', token: TOKEN })).status, 401);
      const scraped = await h.call('/metrics', undefined, { method: 'GET', token: 'scrape-tok' });
      assert.equal(scraped.status, 200);
      assert.equal((await h.call('/list_jobs', {}, { token: 'scrape-tok' })).status, 401);
      assert.equal((await h.call('/version', undefined, { method: 'GET' })).status, 200);
    } finally {
      await h.close();
    }
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
