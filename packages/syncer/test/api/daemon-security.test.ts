// Security and ownership through the real daemon between two sandboxes: with --api_token every endpoint
// but /version refuses a caller without it (reads too; /metrics only with --metrics_token); create_ccr
// names the host:port and user of a cluster it cannot reach or that refuses the credentials; a second job
// into a target table or database another job owns is a 409 naming that job; the password is in no
// byte of the SQLite file or its WAL, which are private; a second syncer on the same file is refused,
// naming the first one's pid, and a dead syncer's lock is taken over; last_error clears once the job
// applies again.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { freePort, run, start, tempDir } from '../cli/process-helpers.js';
import { type Daemon, daemonArgs, startDaemon } from '../support/daemon.js';
import { clusterAccess, type SandboxCluster, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { until } from '../support/until.js';

const TOKEN = 'api-Tok-7f3a';
const PASSWORD = 'Cl3ar-Text-Never-Stored';
const USER = 'ccr_user';
const PROPS = `PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`;

describe('the daemon with --api_token, between two sandboxes', () => {
  let source: SandboxCluster;
  let target: SandboxCluster;
  let src: ClusterAccess;
  let dest: ClusterAccess;
  let dir: string;
  let daemon: Daemon;
  const call = (path: string, body?: unknown) => daemon.call(path, body, { token: TOKEN });
  const spec = (c: SandboxCluster, database: string, table: string) => ({
    ...specOf(c, database, table),
    user: USER,
    password: PASSWORD,
  });

  before(async () => {
    [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
    src = await clusterAccess(specOf(source, '', ''));
    dest = await clusterAccess(specOf(target, '', ''));
    for (const c of [src, dest]) {
      await c.sql.execute(`CREATE USER '${USER}'@'%' IDENTIFIED BY '${PASSWORD}'`);
      await c.sql.execute(
        `GRANT SELECT_PRIV, LOAD_PRIV, ALTER_PRIV, CREATE_PRIV, DROP_PRIV, ADMIN_PRIV ON *.* TO '${USER}'@'%'`,
      );
    }
    for (const db of ['app', 'other']) {
      await src.sql.execute(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
      for (const t of ['t1', 't2']) {
        await src.sql.execute(
          `CREATE TABLE ${db}.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 ${PROPS}`,
        );
        await src.sql.execute(`INSERT INTO ${db}.${t} VALUES (1, 1)`);
      }
    }
    dir = tempDir('ccr-daemon-security');
    daemon = await startDaemon(dir, [`--api_token=${TOKEN}`, '--enable_failpoints']);
  });

  after(async () => {
    await daemon?.kill('SIGKILL');
    await src?.close();
    await dest?.close();
    await Promise.all([source?.stop(), target?.stop()]);
  });

  it('refuses every endpoint but /version without the token, reads included; /metrics stays open', async () => {
    const created = await call('/create_ccr', {
      name: 'j1',
      src: spec(source, 'app', 't1'),
      dest: spec(target, 'app', 't1'),
    });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const bodies: Array<[string, unknown]> = [
      ['/create_ccr', { name: 'x', src: spec(source, 'app', 't2'), dest: spec(target, 'app', 't2') }],
      ['/get_lag', { name: 'j1' }],
      ['/job_detail', { name: 'j1' }],
      ['/job_status', { name: 'j1' }],
      ['/job_progress', { name: 'j1' }],
      ['/list_jobs', {}],
      ['/list_syncers', {}],
      ['/features', {}],
      ['/pause', { name: 'j1' }],
      ['/failpoint', { name: 'j1', failpoint: 'before_commit_txn', value: 'error' }],
    ];
    for (const [path, body] of bodies) {
      const anonymous = await daemon.call(path, body);
      assert.equal(anonymous.status, 401, path);
      assert.doesNotMatch(JSON.stringify(anonymous.json), /j1|app|ccr_user/, `${path} reveals nothing`);
      assert.equal((await daemon.call(path, body, { token: 'wrong' })).status, 401, path);
    }
    assert.equal((await daemon.call('/version')).status, 200);
    const metrics = await fetch(`http://127.0.0.1:${daemon.port}/metrics`);
    assert.equal(metrics.status, 200);
    assert.deepEqual((await call('/list_jobs')).json.jobs, ['j1'], 'nothing was created or paused');
    assert.equal((await call('/job_status', { name: 'j1' })).json.status !== undefined, true);
  });

  it('names host:port and user of a cluster it cannot reach or that refuses the credentials', async () => {
    const closed = await freePort();
    const unreachable = await call('/create_ccr', {
      name: 'nowhere',
      src: { ...spec(source, 'app', 't2'), port: String(closed) },
      dest: spec(target, 'app', 't2'),
    });
    assert.equal(unreachable.status, 400, JSON.stringify(unreachable.json));
    assert.match(
      String(unreachable.json.error_msg),
      new RegExp(`cannot reach src cluster 127\\.0\\.0\\.1:${closed} .*as user ${USER}`),
    );
    const denied = await call('/create_ccr', {
      name: 'denied',
      src: spec(source, 'app', 't2'),
      dest: { ...spec(target, 'app', 't2'), password: 'not-the-password' },
    });
    assert.equal(denied.status, 400, JSON.stringify(denied.json));
    const message = String(denied.json.error_msg);
    assert.match(
      message,
      new RegExp(
        `dest cluster 127\\.0\\.0\\.1:${target.queryPort} .*as user ${USER} refused the credentials`,
      ),
    );
    assert.doesNotMatch(message, /not-the-password|internal error/);
    assert.deepEqual((await call('/list_jobs')).json.jobs, ['j1'], 'nothing stored');
  });

  it('refuses a job into a target table or database another job owns, naming that job (409)', async () => {
    const conflicts: Array<[string, string, string, RegExp]> = [
      ['same_table', 't2', 't1', /dest table app\.t1 on 127\.0\.0\.1:\d+ is already the target of job j1/],
      ['whole_db', '', '', /dest database app on 127\.0\.0\.1:\d+ is already the target of job j1/],
    ];
    for (const [name, from, into, message] of conflicts) {
      const answer = await call('/create_ccr', {
        name,
        src: spec(source, 'app', from),
        dest: spec(target, 'app', into),
      });
      assert.equal(answer.status, 409, JSON.stringify(answer.json));
      assert.match(String(answer.json.error_msg), message);
    }
    // A database job owns its whole target database: a table job into it is refused too.
    const dbJob = await call('/create_ccr', {
      name: 'db_other',
      src: spec(source, 'other', ''),
      dest: spec(target, 'other', ''),
    });
    assert.equal(dbJob.status, 200, JSON.stringify(dbJob.json));
    const into = await call('/create_ccr', {
      name: 'into_db',
      src: spec(source, 'app', 't2'),
      dest: spec(target, 'other', 't9'),
    });
    assert.equal(into.status, 409, JSON.stringify(into.json));
    assert.match(String(into.json.error_msg), /is already the target of job db_other/);
    // Created together, two jobs into one new target: exactly one wins.
    const racing = await Promise.all(
      ['race_a', 'race_b'].map((name) =>
        call('/create_ccr', { name, src: spec(source, 'app', 't2'), dest: spec(target, 'app', 't2') }),
      ),
    );
    assert.deepEqual(
      racing.map((a) => a.status).sort(),
      [200, 409],
      JSON.stringify(racing.map((a) => a.json)),
    );
    assert.deepEqual(((await call('/list_jobs')).json.jobs as string[]).length, 3);
  });

  it('keeps the password out of every byte of the SQLite file and its WAL, all of them private', async () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('ccr.db'));
    assert.ok(files.includes('ccr.db-wal'), `the WAL is there while the daemon runs: ${files.join(' ')}`);
    for (const file of files) {
      const bytes = readFileSync(join(dir, file));
      assert.ok(!bytes.includes(PASSWORD), `${file} holds the password in clear text`);
      assert.equal(statSync(join(dir, file)).mode & 0o077, 0, `${file} is for its owner only`);
    }
    assert.ok(files.includes('ccr.db.key') && files.includes('ccr.db.lock'), files.join(' '));
    const detail = await call('/job_detail', { name: 'j1' });
    assert.ok(!JSON.stringify(detail.json).includes(PASSWORD), 'nor in job_detail');
  });

  it('clears last_error once the job applies again; the log keeps it', async () => {
    // Replaying, so that the row below is applied by a transaction (a full sync would copy it).
    await until(async () => {
      const status = (await call('/job_status', { name: 'j1' })).json.status as { progress_state: string };
      return status.progress_state === 'TableIncrementalSync';
    }, 'the full sync');
    const armed = await call('/failpoint', { name: 'j1', failpoint: 'before_commit_txn', value: 'error' });
    assert.equal(armed.status, 200, JSON.stringify(armed.json));
    await src.sql.execute('INSERT INTO app.t1 VALUES (2, 2)');
    await until(
      async () => String((await call('/get_lag', { name: 'j1' })).json.last_error).includes('failpoint'),
      'the failing commit recorded',
    );
    const failing = (await call('/get_lag', { name: 'j1' })).json;
    assert.ok(Number(failing.lag) >= 1);
    assert.equal(typeof failing.first_commit_seq, 'number', JSON.stringify(failing));
    assert.match(String(failing.first_binlog_timestamp), /^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.ok(
      Number(failing.time_interval) >= 0 && Number(failing.time_interval) < 3600,
      JSON.stringify(failing),
    );
    await call('/failpoint', { failpoint: '' });
    await until(
      async () => (await dest.sql.query('SELECT k FROM app.t1')).length === 2,
      'the row applied after the failpoint is gone',
    );
    await until(
      async () => (await call('/get_lag', { name: 'j1' })).json.last_error === '',
      'last_error cleared',
    );
    const status = (await call('/job_status', { name: 'j1' })).json.status as { last_error: string };
    assert.equal(status.last_error, '');
    const lag = (await call('/get_lag', { name: 'j1' })).json;
    assert.equal(lag.lag, 0);
    for (const key of ['first_commit_seq', 'first_binlog_timestamp', 'time_interval'])
      assert.equal(key in lag, false, `${key} absent when nothing is pending: ${JSON.stringify(lag)}`);
    const log = readFileSync(join(dir, `syncer-${daemon.port}.log`), 'utf8');
    assert.match(log, /failpoint before_commit_txn/);
    assert.match(log, /recovered: steps succeed again \(the last error was: failpoint before_commit_txn\)/);
  });

  it('refuses a second syncer on the same file naming the first one, and takes over a dead one', async () => {
    const port = await freePort();
    const second = await run(process.execPath, daemonArgs(dir, port, ['--log_also_to_stderr']));
    assert.notEqual(second.code, 0);
    assert.match(
      second.stderr,
      new RegExp(
        `metadata file .*ccr\\.db is in use by ccr-syncer process ${daemon.pid} \\(lock .*ccr\\.db\\.lock\\)`,
      ),
    );
    const jobs = (await call('/list_jobs')).json.jobs as string[];
    await daemon.kill('SIGKILL');
    daemon = await startDaemon(dir, [`--api_token=${TOKEN}`]);
    assert.deepEqual((await call('/list_jobs')).json.jobs, jobs, 'the same jobs, from the same file');
    const lock = JSON.parse(readFileSync(join(dir, 'ccr.db.lock'), 'utf8')) as { pid: number };
    assert.equal(lock.pid, daemon.pid, 'the lock names the new syncer');
  });

  it("answers get_lag and desync with a 502 naming host:port and user once a job's cluster is gone", async () => {
    await Promise.all([source.stop(), target.stop()]);
    const lag = await call('/get_lag', { name: 'j1' });
    assert.equal(lag.status, 502, JSON.stringify(lag.json));
    assert.match(
      String(lag.json.error_msg),
      new RegExp(
        `^cannot reach src cluster 127\\.0\\.0\\.1:${source.queryPort} \\(thrift ${source.rpcPort}\\) as user ${USER}: `,
      ),
    );
    const desync = await call('/desync', { name: 'j1' });
    assert.equal(desync.status, 502, JSON.stringify(desync.json));
    assert.match(
      String(desync.json.error_msg),
      new RegExp(`dest cluster 127\\.0\\.0\\.1:${target.queryPort} .*as user ${USER}`),
    );
  });
});

describe('the daemon without a token', () => {
  it('says in one line at start-up that an API on a non-loopback address is open to anyone', async () => {
    const dir = tempDir('ccr-open-api');
    const port = await freePort();
    const args = daemonArgs(dir, port).map((a) =>
      a === '--listen_host=127.0.0.1' ? '--listen_host=0.0.0.0' : a,
    );
    const running = start(process.execPath, args);
    try {
      await until(async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/version`)).ok;
        } catch {
          return false;
        }
      }, 'the API');
      const log = readFileSync(join(dir, `syncer-${port}.log`), 'utf8');
      const lines = log.split('\n').filter((l) => /without a token/.test(l));
      assert.equal(lines.length, 1, log);
      assert.match(
        lines[0]!,
        new RegExp(
          `WARN .*0\\.0\\.0\\.0:${port}.*anyone who reaches it can read, create and delete jobs \\(set --api_token`,
        ),
      );
    } finally {
      running.child.kill('SIGKILL');
      await running.finished;
    }
  });
});
