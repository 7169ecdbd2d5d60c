// Bad requests get a 4xx, success:false and an error_msg naming the field, and never reach the service.
// Service failures keep their status; anything unexpected is a 500 without a stack.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { JobServiceError } from '../../src/model/job-service.js';
import { type Harness, startHarness } from './api-harness.js';
import { spec } from './fake-job-service.js';

const validCreate = { name: 'new_job', src: spec(), dest: spec({ host: '10.0.0.2' }) };

describe('API request validation', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.service.calls.length = 0;
    h.service.failure = undefined;
  });

  const cases: Array<{
    path: string;
    body?: unknown;
    raw?: string;
    message: RegExp | string;
    status?: number;
  }> = [
    { path: '/create_ccr', body: { ...validCreate, name: '' }, message: 'name is empty' },
    { path: '/create_ccr', body: { src: spec(), dest: spec() }, message: 'name is empty' },
    { path: '/create_ccr', body: { ...validCreate, name: 7 }, message: 'name must be a string' },
    {
      path: '/create_ccr',
      body: { ...validCreate, name: 'a\nb' },
      message: 'name contains control characters',
    },
    {
      path: '/create_ccr',
      body: { ...validCreate, name: 'x'.repeat(513) },
      message: /^name is longer than 512/,
    },
    {
      path: '/create_ccr',
      body: { ...validCreate, src: spec({ thrift_port: 'abc' }) },
      message: 'src.thrift_port is invalid: abc',
    },
    {
      path: '/create_ccr',
      body: { ...validCreate, dest: spec({ port: '70000' }) },
      message: 'dest.port is invalid: 70000',
    },
    { path: '/create_ccr', body: { ...validCreate, src: spec({ host: '' }) }, message: 'src.host is empty' },
    {
      path: '/create_ccr',
      body: { ...validCreate, dest: spec({ user: '' }) },
      message: 'dest.user is empty',
    },
    {
      path: '/create_ccr',
      body: { ...validCreate, src: spec({ database: '' }) },
      message: 'src.database is empty',
    },
    {
      path: '/create_ccr',
      body: { ...validCreate, src: { ...spec(), port: true } },
      message: 'src.port is invalid: true',
    },
    {
      path: '/create_ccr',
      body: { ...validCreate, src: { ...spec(), user: 5 } },
      message: 'src.user must be a string',
    },
    { path: '/create_ccr', body: { name: 'j', dest: spec() }, message: 'src is missing' },
    { path: '/create_ccr', body: { name: 'j', src: spec(), dest: 'x' }, message: 'dest must be an object' },
    {
      path: '/create_ccr',
      body: { ...validCreate, src: { ...spec(), host_mapping: { a: 1 } } },
      message: 'src.host_mapping.a must be a string',
    },
    {
      path: '/create_ccr',
      body: { ...validCreate, src: spec({ table: 't1' }) },
      message: /^src\.table and dest\.table must both be set/,
    },
    {
      path: '/create_ccr',
      body: { ...validCreate, allow_table_exists: 'yes' },
      message: 'allow_table_exists must be a boolean',
    },
    { path: '/create_ccr', raw: '{"name": "x", ', message: /^request body is not valid JSON/ },
    { path: '/create_ccr', raw: '[1,2]', message: 'request body must be a JSON object' },
    { path: '/pause', body: {}, message: 'name is empty' },
    { path: '/resume', body: { name: '' }, message: 'name is empty' },
    { path: '/delete', body: { name: null }, message: 'name is empty' },
    { path: '/desync', body: { name: ['job1'] }, message: 'name must be a string' },
    { path: '/force_fullsync', body: {}, message: 'name is empty' },
    { path: '/get_lag', body: {}, message: 'name is empty' },
    { path: '/job_detail', body: {}, message: 'name is empty' },
    { path: '/job_status', body: {}, message: 'name is empty' },
    { path: '/job_progress', body: {}, message: 'name is empty' },
    { path: '/check', body: {}, message: 'name (an existing job) or src and dest are required' },
    { path: '/check', body: { src: spec() }, message: 'dest is missing' },
    { path: '/check', body: { src: spec({ port: 'x' }), dest: spec() }, message: 'src.port is invalid: x' },
    {
      path: '/check',
      body: { src: spec({ table: 't' }), dest: spec() },
      message: 'src.table and dest.table must both be set (table sync) or both be empty (db sync)',
    },
    {
      path: '/job_skip_binlog',
      body: { name: 'job1' },
      message: 'skip_by must be silence or fullsync, got: ',
    },
    {
      path: '/job_skip_binlog',
      body: { name: 'job1', skip_by: 'later' },
      message: 'skip_by must be silence or fullsync, got: later',
    },
    {
      path: '/job_skip_binlog',
      body: { name: 'job1', skip_by: 'silence' },
      message: 'skip_commit_seq must be a positive commit seq for skip_by silence, got: 0',
    },
    {
      path: '/job_skip_binlog',
      body: { name: 'job1', skip_by: 'silence', skip_commit_seq: 'abc' },
      message: 'skip_commit_seq is invalid: abc',
    },
    {
      path: '/job_skip_binlog',
      body: { name: 'job1', skip_by: 'silence', skip_commit_seq: 1.5 },
      message: 'skip_commit_seq is invalid: 1.5',
    },
    {
      path: '/update_host_mapping',
      body: { name: 'job1' },
      message: 'src_host_mapping and dest_host_mapping are both empty',
    },
    {
      path: '/update_host_mapping',
      body: { name: 'job1', dest_host_mapping: { '1.1.1.1': 2 } },
      message: 'dest_host_mapping.1.1.1.1 must be a string',
    },
    {
      path: '/update_host_mapping',
      body: { name: 'job1', src_host_mapping: [] },
      message: /^src_host_mapping must be an object/,
    },
  ];

  for (const c of cases) {
    it(`${c.path} ${c.raw ?? JSON.stringify(c.body).slice(0, 70)} → ${c.message}`, async () => {
      const answer = await h.call(c.path, c.body, c.raw === undefined ? {} : { rawBody: c.raw });
      assert.equal(answer.status, c.status ?? 400);
      assert.equal(answer.json?.success, false);
      if (typeof c.message === 'string') assert.equal(answer.json?.error_msg, c.message);
      else assert.match(String(answer.json?.error_msg), c.message);
      assert.deepEqual(h.service.calls, [], 'the service must not be called');
    });
  }

  it('an unknown job is a 404 with "job <name> not exist"', async () => {
    for (const path of [
      '/pause',
      '/resume',
      '/delete',
      '/desync',
      '/force_fullsync',
      '/job_detail',
      '/job_status',
    ]) {
      const answer = await h.call(path, { name: 'ghost' });
      assert.equal(answer.status, 404, path);
      assert.equal(answer.json?.success, false);
      assert.equal(answer.json?.error_msg, 'job ghost not exist');
    }
  });

  it('a failed get_lag still carries the zero-valued lag keys, like Go', async () => {
    const answer = await h.call('/get_lag', { name: 'ghost' });
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.json, {
      success: false,
      error_msg: 'job ghost not exist',
      lag: 0,
      first_commit_seq: 0,
      last_commit_seq: 0,
      first_binlog_timestamp: '',
      last_binlog_timestamp: '',
      time_interval: 0,
    });
  });

  it('a failed job_detail answers job_detail: null, like Go', async () => {
    const answer = await h.call('/job_detail', { name: 'ghost' });
    assert.deepEqual(answer.json, { success: false, error_msg: 'job ghost not exist', job_detail: null });
  });

  it('JobServiceError keeps its HTTP status and message', async () => {
    const exists = await h.call('/create_ccr', { ...validCreate, name: 'job1' });
    assert.equal(exists.status, 409);
    assert.equal(exists.json?.error_msg, 'job job1 already exist');
    h.service.failure = new JobServiceError('src database db1 not enable binlog');
    const refused = await h.call('/create_ccr', validCreate);
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.json, { success: false, error_msg: 'src database db1 not enable binlog' });
  });

  it("a cluster's error the engine let through is a 502 with its message, not an internal error", async () => {
    const sqlError = new Error('10.0.0.1:9030: Access denied for user root (errno 1045)');
    Object.defineProperty(sqlError, 'name', { value: 'DorisSqlError' });
    h.service.failure = sqlError;
    const answer = await h.call('/pause', { name: 'job1' });
    assert.equal(answer.status, 502);
    assert.equal(
      answer.json?.error_msg,
      'a cluster answered with an error: 10.0.0.1:9030: Access denied for user root (errno 1045)',
    );
  });

  it('an unexpected error is a 500 with its message and no stack', async () => {
    h.service.failure = new TypeError('cannot read properties of undefined');
    const answer = await h.call('/pause', { name: 'job1' });
    assert.equal(answer.status, 500);
    assert.deepEqual(answer.json, {
      success: false,
      error_msg: 'internal error: cannot read properties of undefined',
    });
    assert.doesNotMatch(answer.text, /\bat .*\.js/);
    const metrics = await h.call('/metrics', undefined, { method: 'GET' });
    assert.equal(metrics.status, 500);
    assert.equal(metrics.json?.success, false);
    // The log has the stack, for whoever debugs it.
    assert.ok(h.logs.some((line) => line.includes('ERROR api request failed') && /\n\tat /.test(line)));
  });

  it('a body over the limit is a 413', async () => {
    const answer = await h.call('/pause', undefined, { rawBody: `{"name":"${'x'.repeat(1024 * 1024)}"}` });
    assert.equal(answer.status, 413);
    assert.equal(answer.json?.success, false);
    assert.equal(answer.json?.error_msg, 'request body is larger than the limit of 1048576 bytes');
    // A GET with a body (curl -X GET -d) is read by the server itself: the same limit, the same answer.
    const get = await h.getWithBody('/job_status', `{"name":"${'x'.repeat(1024 * 1024)}"}`);
    assert.equal(get.status, 413);
    assert.equal(get.json?.error_msg, 'request body is larger than the limit of 1048576 bytes');
    assert.deepEqual(h.service.calls, []);
  });

  it('an unreadable Content-Type is a 415 that says what to send; another method a 405', async () => {
    const media = await h.call('/pause', { name: 'job1' }, { contentType: ';;;' });
    assert.equal(media.status, 415);
    assert.equal(media.json?.error_msg, 'unreadable Content-Type ";;;": send the body as application/json');
    const response = await fetch(`${h.base}/job_status`, { method: 'PUT', body: '{"name":"job1"}' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, POST');
    assert.deepEqual(await response.json(), {
      success: false,
      error_msg: 'PUT /job_status is not served: use GET or POST',
    });
    assert.deepEqual(h.service.calls, []);
  });

  it('every endpoint refuses a body that is not a JSON object, the same way', async () => {
    for (const path of ['/pause', '/list_jobs', '/list_syncers', '/features', '/get_lag', '/create_ccr']) {
      for (const raw of ['[1,2]', '"text"', '42', 'true']) {
        const answer = await h.call(path, undefined, { rawBody: raw });
        assert.equal(answer.status, 400, `${path} ${raw}`);
        assert.equal(answer.json?.error_msg, 'request body must be a JSON object', `${path} ${raw}`);
      }
    }
    assert.deepEqual(h.service.calls, []);
  });
});
