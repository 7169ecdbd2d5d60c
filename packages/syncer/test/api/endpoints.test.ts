// Every endpoint of syncer-operations.md §1.2 answers with the Go syncer's keys and awaits the service.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FEATURES, type Harness, startHarness } from './api-harness.js';
import { spec } from './fake-job-service.js';

describe('API endpoints', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  const lastCall = () => h.service.calls.at(-1);

  it('/version answers the bare version object, without success', async () => {
    const answer = await h.call('/version', undefined, { method: 'GET' });
    assert.equal(answer.status, 200);
    assert.match(answer.contentType, /^application\/json/);
    assert.deepEqual(answer.json, { version: 'v9.9.9:abc' });
  });

  it('/create_ccr passes a clean request to the service', async () => {
    const answer = await h.call('/create_ccr', {
      name: 'job2',
      src: { ...spec(), frontends: [{ host: 'x' }], db_id: '7' },
      dest: spec({ host: '10.0.0.2', port: 9031 as unknown as string }),
      skip_error: false,
      allow_table_exists: true,
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { success: true });
    const call = lastCall();
    assert.equal(call?.method, 'createJob');
    assert.deepEqual(call?.args[0], {
      name: 'job2',
      src: spec(),
      dest: spec({ host: '10.0.0.2', port: '9031' }),
      allow_table_exists: true,
      reuse_binlog_label: false,
    });
  });

  for (const [path, method] of [
    ['/pause', 'pauseJob'],
    ['/resume', 'resumeJob'],
    ['/desync', 'desyncJob'],
    ['/force_fullsync', 'forceFullSync'],
  ] as const) {
    it(`${path} calls ${method} and answers {success:true}`, async () => {
      const answer = await h.call(path, { name: 'job1' });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { success: true });
      assert.deepEqual(lastCall(), { method, args: ['job1'] });
    });
  }

  it('/delete calls deleteJob', async () => {
    await h.call('/create_ccr', { name: 'doomed', src: spec(), dest: spec() });
    const answer = await h.call('/delete', { name: 'doomed' });
    assert.deepEqual(answer.json, { success: true });
    assert.deepEqual(lastCall(), { method: 'deleteJob', args: ['doomed'] });
  });

  it('/job_skip_binlog reads skip_by case-insensitively and the seq without losing precision', async () => {
    const answer = await h.call('/job_skip_binlog', undefined, {
      rawBody: '{"name":"job1","skip_by":"Silence","skip_commit_seq":9007199254740993}',
    });
    assert.deepEqual(answer.json, { success: true });
    assert.deepEqual(lastCall(), { method: 'skipBinlog', args: ['job1', 'silence', 9007199254740993n] });
    await h.call('/job_skip_binlog', { name: 'job1', skip_by: 'fullsync' });
    assert.deepEqual(lastCall(), { method: 'skipBinlog', args: ['job1', 'fullsync', 0n] });
  });

  it('/update_host_mapping passes both maps, an empty value meaning delete', async () => {
    const answer = await h.call('/update_host_mapping', {
      name: 'job1',
      src_host_mapping: { '192.168.0.1': '10.1.1.1', '192.168.0.2': '' },
    });
    assert.deepEqual(answer.json, { success: true });
    assert.deepEqual(lastCall(), {
      method: 'updateHostMapping',
      args: ['job1', { '192.168.0.1': '10.1.1.1', '192.168.0.2': '' }, {}],
    });
  });

  it('/get_lag answers the Go keys plus delay_seconds and last_error, seqs as exact integers', async () => {
    const answer = await h.call('/get_lag', { name: 'job1' });
    assert.equal(answer.status, 200);
    assert.match(answer.text, /"first_commit_seq":9007199254740993,/);
    assert.match(answer.text, /"last_commit_seq":9007199254740999,/);
    const json = answer.json ?? {};
    assert.deepEqual(Object.keys(json), [
      'success',
      'lag',
      'first_commit_seq',
      'last_commit_seq',
      'first_binlog_timestamp',
      'last_binlog_timestamp',
      'time_interval',
      'delay_seconds',
      'last_error',
    ]);
    assert.equal(json.lag, 3);
    assert.equal(json.first_binlog_timestamp, '2025-01-01 00:00:00');
    assert.equal(json.time_interval, 60);
    assert.equal(json.delay_seconds, 12.5);
    assert.equal(json.last_error, '');
  });

  it('/list_jobs answers the job names (an empty list rather than no key)', async () => {
    const answer = await h.call('/list_jobs', undefined, { method: 'GET' });
    assert.equal(answer.json?.success, true);
    assert.ok(Array.isArray(answer.json?.jobs));
    assert.ok((answer.json?.jobs as string[] | undefined)?.includes('job1'));
  });

  it('/job_detail answers the job record', async () => {
    const answer = await h.call('/job_detail', { name: 'job1' });
    const detail = answer.json?.job_detail as Record<string, unknown>;
    assert.equal(answer.json?.success, true);
    assert.equal(detail.name, 'job1');
    assert.equal((detail.src as Record<string, unknown>).host, '10.0.0.1');
  });

  it('/job_status answers the service status as is', async () => {
    const answer = await h.call('/job_status', { name: 'job1' });
    assert.deepEqual(answer.json, {
      success: true,
      status: {
        name: 'job1',
        state: 'failing',
        progress_state: 'DBIncrementalSync',
        last_error: 'boom',
        last_error_at: 42,
      },
    });
  });

  it('/job_progress answers the progress document with 64-bit seqs intact', async () => {
    const answer = await h.call('/job_progress', { name: 'job1' });
    assert.equal(answer.json?.success, true);
    assert.match(answer.text, /"prev_commit_seq":9007199254740993/);
    assert.equal((answer.json?.job_progress as Record<string, unknown> | undefined)?.sync_state, 3);
  });

  it('/features answers the feature flags', async () => {
    const answer = await h.call('/features', undefined, { method: 'GET' });
    assert.deepEqual(answer.json, { success: true, flags: FEATURES });
  });

  it('/metrics answers Prometheus text', async () => {
    const answer = await h.call('/metrics', undefined, { method: 'GET' });
    assert.equal(answer.status, 200);
    assert.match(answer.contentType, /^text\/plain; version=0\.0\.4/);
    assert.equal(answer.text, h.service.metricsText);
  });

  it('accepts GET with a JSON body, as curl -X GET -d sends it', async () => {
    const answer = await h.getWithBody('/pause', '{"name":"job1"}');
    assert.deepEqual(answer.json, { success: true });
    assert.deepEqual(lastCall(), { method: 'pauseJob', args: ['job1'] });
  });

  it('reads the body as JSON whatever the content type (curl -d sends form encoding)', async () => {
    const answer = await h.call('/resume', undefined, {
      rawBody: '{"name":"job1"}',
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.deepEqual(answer.json, { success: true });
    assert.deepEqual(lastCall(), { method: 'resumeJob', args: ['job1'] });
  });

  it('reads query parameters on read-only GETs', async () => {
    const answer = await h.call('/job_status?name=job1', undefined, { method: 'GET' });
    assert.equal(answer.status, 200);
    assert.equal((answer.json?.status as Record<string, unknown> | undefined)?.name, 'job1');
  });

  it('refuses query-only GETs on mutating endpoints, so a link cannot pause a job', async () => {
    const before = h.service.calls.length;
    const answer = await h.call('/pause?name=job1', undefined, { method: 'GET' });
    assert.equal(answer.status, 400);
    assert.match(String(answer.json?.error_msg), /needs a JSON body/);
    assert.equal(h.service.calls.length, before);
  });

  it('answers unknown paths with 404 and a JSON error', async () => {
    const answer = await h.call('/update_job', { name: 'job1' });
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.json, { success: false, error_msg: 'unknown endpoint: POST /update_job' });
  });
});
