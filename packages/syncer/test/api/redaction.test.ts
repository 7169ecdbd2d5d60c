// Passwords never leave the syncer: not in /job_detail or /job_progress answers, not in its logs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, startHarness } from './api-harness.js';
import { spec } from './fake-job-service.js';

const SECRETS = [
  'src-secret',
  'dest-secret',
  'nested-secret',
  'create-src-pw',
  'create-dest-pw',
  'api-tok-1',
];

describe('API password redaction', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ apiToken: 'api-tok-1' });
  });
  after(async () => {
    await h.close();
  });

  it('/job_detail masks both specs passwords', async () => {
    const answer = await h.call('/job_detail', { name: 'job1' }, { token: 'api-tok-1' });
    const detail = answer.json?.job_detail as {
      src: { password: string; user: string };
      dest: { password: string };
    };
    assert.equal(detail.src.password, '******');
    assert.equal(detail.dest.password, '******');
    assert.equal(detail.src.user, 'root');
    for (const secret of SECRETS) assert.ok(!answer.text.includes(secret), secret);
  });

  it('/job_detail shows an empty password as empty (nothing to hide)', async () => {
    await h.call(
      '/create_ccr',
      { name: 'nopw', src: spec({ password: '' }), dest: spec({ password: '' }) },
      { token: 'api-tok-1' },
    );
    const answer = await h.call('/job_detail', { name: 'nopw' }, { token: 'api-tok-1' });
    const detail = answer.json?.job_detail as { src: { password: string } };
    assert.equal(detail.src.password, '');
  });

  it('/job_progress masks passwords nested anywhere', async () => {
    const answer = await h.call('/job_progress', { name: 'job1' }, { token: 'api-tok-1' });
    assert.ok(!answer.text.includes('nested-secret'));
    assert.match(answer.text, /"password":"\*\*\*\*\*\*"/);
  });

  it('request logging never writes bodies, passwords or the token', async () => {
    const body = {
      name: 'logged_job',
      src: spec({ password: 'create-src-pw' }),
      dest: spec({ password: 'create-dest-pw' }),
    };
    const created = await h.call('/create_ccr', body, { token: 'api-tok-1' });
    assert.equal(created.status, 200);
    const refused = await h.call('/create_ccr', { ...body, name: '' }, { token: 'api-tok-1' });
    assert.equal(refused.status, 400);
    await h.call('/job_detail', { name: 'logged_job' });
    const log = h.logs.join('');
    assert.match(
      log,
      / INFO api request reqId=req-\d+ method=POST path=\/create_ccr status=200 ms=\d+ job=logged_job/,
    );
    assert.match(log, / WARN api request reqId=req-\d+ method=POST path=\/create_ccr status=400/);
    for (const secret of SECRETS) assert.ok(!log.includes(secret), `log leaks ${secret}`);
  });

  it('a service error message is returned but the request body is not logged with it', async () => {
    h.service.failure = new Error('connect failed');
    try {
      await h.call(
        '/create_ccr',
        { name: 'x', src: spec({ password: 'create-src-pw' }), dest: spec() },
        { token: 'api-tok-1' },
      );
    } finally {
      h.service.failure = undefined;
    }
    assert.ok(!h.logs.join('').includes('create-src-pw'));
  });
});
