// The shell scripts: syntax, stop_syncer.sh against real syncer processes (graceful stop, SIGKILL after
// a timeout, several at once, refusing strangers), start_syncer.sh --daemon, and the option checks.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import {
  apiAnswers,
  BIN_DIR,
  FAKE_ENGINE,
  fileExists,
  freePort,
  isAlive,
  type Running,
  run,
  SYNCER_BIN,
  start,
  tempDir,
  waitFor,
} from './process-helpers.js';

const SCRIPTS = ['start_syncer.sh', 'stop_syncer.sh', 'enable_db_binlog.sh'];
const STOP = join(BIN_DIR, 'stop_syncer.sh');
const START = join(BIN_DIR, 'start_syncer.sh');

const started: Running[] = [];
after(() => {
  for (const syncer of started) syncer.child.kill('SIGKILL');
});

async function startSyncer(dir: string, env: NodeJS.ProcessEnv = {}) {
  const port = await freePort();
  const pidFile = join(dir, `127.0.0.1_${port}.pid`);
  const syncer = start(
    process.execPath,
    [SYNCER_BIN, `-port=${port}`, `-pid_dir=${dir}`, '-log_filename=/dev/null'],
    {
      CCR_SYNCER_ENGINE_MODULE: FAKE_ENGINE,
      ...env,
    },
  );
  started.push(syncer);
  await waitFor('the PID file', fileExists(pidFile));
  await waitFor('the API', () => apiAnswers(port));
  return { port, pidFile, syncer, pid: syncer.child.pid as number };
}

describe('scripts', () => {
  for (const script of SCRIPTS) {
    it(`${script} passes bash -n and shellcheck and is executable`, () => {
      const path = join(BIN_DIR, script);
      const syntax = spawnSync('bash', ['-n', path], { encoding: 'utf8' });
      assert.equal(syntax.status, 0, syntax.stderr);
      // Not skipped when shellcheck is missing: .ci/run installs it (Debian's shellcheck).
      const lint = spawnSync('shellcheck', [path], { encoding: 'utf8' });
      assert.ok(!lint.error, `shellcheck could not run (apt-get install shellcheck): ${lint.error?.message}`);
      assert.equal(lint.status, 0, lint.stdout);
      assert.ok((statSync(path).mode & 0o111) !== 0, 'executable');
    });
  }

  for (const script of ['ccr-syncer.js', 'enable-db-binlog.mjs']) {
    it(`${script} passes node --check and is executable`, () => {
      const path = join(BIN_DIR, script);
      const syntax = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
      assert.equal(syntax.status, 0, syntax.stderr);
      assert.ok((statSync(path).mode & 0o111) !== 0, 'executable');
    });
  }

  it('every script answers --help with exit 0', async () => {
    for (const script of SCRIPTS) {
      const result = await run('bash', [join(BIN_DIR, script), '--help']);
      assert.equal(result.code, 0, script);
      assert.match(result.stdout, /^Usage: /, script);
    }
  });
});

describe('stop_syncer.sh', () => {
  it('stops one syncer by --host/--port gracefully and the PID file goes', async () => {
    const dir = tempDir('ccr-stop');
    const marker = join(dir, 'engine-stopped');
    const { port, pidFile, syncer } = await startSyncer(dir, { FAKE_ENGINE_STOP_MARKER: marker });
    const result = await run('bash', [STOP, '--pid_dir', dir, '--host', '127.0.0.1', '--port', String(port)]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /stopping syncer process \d+/);
    assert.match(result.stdout, /syncer process \d+ stopped/);
    const finished = await syncer.finished;
    assert.equal(finished.code, 0, 'a graceful exit, not a kill');
    assert.equal(existsSync(pidFile), false);
    assert.equal(existsSync(marker), true, 'the engine was stopped');
  });

  it('sends SIGKILL when the syncer does not stop within --timeout, and removes the PID file', async () => {
    const dir = tempDir('ccr-stop-kill');
    const { port, pidFile, syncer } = await startSyncer(dir, { FAKE_ENGINE_HANG_STOP: '1' });
    const result = await run('bash', [STOP, `--pid_dir=${dir}`, `--port=${port}`, '--timeout=1']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /did not stop within 1 s; sending SIGKILL/);
    const finished = await syncer.finished;
    assert.equal(finished.signal, 'SIGKILL');
    assert.equal(existsSync(pidFile), false);
  });

  it('stops every syncer of --pid_dir without options, and the listed ones with --files', async () => {
    const dir = tempDir('ccr-stop-all');
    const a = await startSyncer(dir);
    const b = await startSyncer(dir);
    const c = await startSyncer(dir);
    const listed = await run('bash', [
      STOP,
      '--pid_dir',
      dir,
      '--files',
      `127.0.0.1_${a.port}.pid ${b.pidFile}`,
    ]);
    assert.equal(listed.code, 0, listed.stderr);
    await Promise.all([a.syncer.finished, b.syncer.finished]);
    assert.ok(isAlive(c.pid), 'the unlisted syncer keeps running');
    const all = await run('bash', [STOP, '--pid_dir', dir]);
    assert.equal(all.code, 0, all.stderr);
    await c.syncer.finished;
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses to signal a process that is not a ccr-syncer', async () => {
    const dir = tempDir('ccr-stop-stranger');
    const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, '127.0.0.1_9999.pid'), `${stranger.pid}\n`);
      const result = await run('bash', [STOP, '--pid_dir', dir, '--port', '9999']);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /is not a ccr-syncer/);
      assert.ok(isAlive(stranger.pid as number));
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  it('removes a stale PID file and reports a missing one', async () => {
    const dir = tempDir('ccr-stop-stale');
    writeFileSync(join(dir, '127.0.0.1_9191.pid'), '999999999\n');
    const stale = await run('bash', [STOP, '--pid_dir', dir, '--port', '9191']);
    assert.equal(stale.code, 0);
    assert.match(stale.stdout, /is not running; removing the stale PID file/);
    assert.deepEqual(readdirSync(dir), []);
    const missing = await run('bash', [STOP, '--pid_dir', dir, '--port', '9192']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /127\.0\.0\.1_9192\.pid does not exist/);
    const bad = await run('bash', [STOP, '--timeout', 'soon']);
    assert.equal(bad.code, 2);
  });
});

describe('start_syncer.sh', () => {
  it('--daemon starts a syncer that stop_syncer.sh stops', async () => {
    const dir = tempDir('ccr-start');
    const port = await freePort();
    const logDir = join(dir, 'log');
    const pidFile = join(dir, `127.0.0.1_${port}.pid`);
    const result = await run(
      'bash',
      [
        START,
        '--daemon',
        '--port',
        String(port),
        '--pid_dir',
        dir,
        `--log_dir=${logDir}`,
        '--db_dir',
        join(dir, 'db', 'ccr.db'),
      ],
      { CCR_SYNCER_ENGINE_MODULE: FAKE_ENGINE },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ccr-syncer started as process \d+/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    try {
      assert.equal(await apiAnswers(port), true);
      const log = readFileSync(join(logDir, `127.0.0.1_${port}.log`), 'utf8');
      assert.match(log, /^start time: /);
      assert.match(log, /INFO ccr-syncer v\S+ starting as process \d+/);
      // The daemon runs with the node flags of the entry file's first line (a small young generation).
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      assert.ok(cmdline.includes('--max-semi-space-size=4'), cmdline.join(' '));
      const again = await run('bash', [START, '--daemon', '--port', String(port), '--pid_dir', dir]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, new RegExp(`Syncer running as process ${pid}\\. Stop it first\\.`));
      const stopped = await run('bash', [STOP, '--pid_dir', dir, '--port', String(port)]);
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.equal(isAlive(pid), false);
      assert.equal(existsSync(pidFile), false);
    } finally {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('runs in the foreground with every option, logging to the file and to stderr', async () => {
    const dir = tempDir('ccr-start-fg');
    const port = await freePort();
    const logFile = join(dir, 'syncer.log');
    const syncer = start(
      'bash',
      [
        START,
        '--port',
        String(port),
        '--pid_dir',
        dir,
        '--log_dir',
        logFile,
        '--db_dir',
        join(dir, 'ccr.db'),
      ],
      { CCR_SYNCER_ENGINE_MODULE: FAKE_ENGINE },
    );
    started.push(syncer);
    await waitFor('the API', () => apiAnswers(port));
    // exec: the script became the syncer, so its PID file names the process we started.
    assert.equal(readFileSync(join(dir, `127.0.0.1_${port}.pid`), 'utf8').trim(), String(syncer.child.pid));
    syncer.child.kill('SIGTERM');
    const result = await syncer.finished;
    assert.equal(result.code, 0);
    assert.match(result.stderr, /INFO ccr-syncer stopped code=0/);
    assert.match(readFileSync(logFile, 'utf8'), /INFO ccr-syncer stopped code=0/);
  });

  it('refuses a db user with sqlite3 and unknown options', async () => {
    const sqliteUser = await run('bash', [START, '--db_user', 'root']);
    assert.equal(sqliteUser.code, 1);
    assert.match(sqliteUser.stderr, /--db_user is for --db_type=mysql/);
    const unknown = await run('bash', [START, '--no_such_option', 'x']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option --no_such_option/);
  });
});

const SANDBOX_BIN = join(BIN_DIR, '..', '..', 'sandbox', 'bin', 'doris-sandbox.js');
const SANDBOX_BUILT = existsSync(join(BIN_DIR, '..', '..', 'sandbox', 'dist', 'src', 'cli.js'));

/** A doris-sandbox cluster with binlog allowed, run as its own process (the syncer never imports it). */
async function startSandbox(): Promise<{ queryPort: number; stop(): Promise<void> }> {
  const sandbox = start(process.execPath, [
    SANDBOX_BIN,
    '--data-dir',
    tempDir('ccr-sandbox'),
    '--fe-config',
    'enable_feature_binlog=true',
  ]);
  started.push(sandbox);
  let ports: { queryPort: number } | undefined;
  await waitFor(
    'the sandbox',
    () => {
      const match = /doris-sandbox ready (\{.*\})/.exec(sandbox.output().stdout);
      if (match?.[1]) ports = JSON.parse(match[1]) as { queryPort: number };
      return ports !== undefined;
    },
    30_000,
  );
  return {
    queryPort: ports?.queryPort ?? 0,
    async stop() {
      sandbox.child.kill('SIGTERM');
      await sandbox.finished;
    },
  };
}

describe('enable_db_binlog.sh', () => {
  it('enables binlog on every OLAP table (not views) and then on the database', {
    skip: SANDBOX_BUILT ? false : 'doris-sandbox is not built',
  }, async () => {
    const sandbox = await startSandbox();
    const connection = await mysql.createConnection({
      host: '127.0.0.1',
      port: sandbox.queryPort,
      user: 'root',
    });
    try {
      for (const sql of [
        'CREATE DATABASE `src-db`',
        "CREATE TABLE `src-db`.t1 (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num'='1')",
        "CREATE TABLE `src-db`.`t-2` (k INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num'='1', 'binlog.enable'='true')",
        'CREATE VIEW `src-db`.v1 AS SELECT k FROM `src-db`.t1',
      ]) {
        await connection.query(sql);
      }
      const script = join(BIN_DIR, 'enable_db_binlog.sh');
      const args = [script, '-h', '127.0.0.1', '-p', String(sandbox.queryPort), '-u', 'root', '-d', 'src-db'];
      const first = await run('bash', args);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /enabled binlog on table src-db\.t1\n/);
      assert.match(first.stdout, /binlog already enabled on table src-db\.t-2\n/);
      assert.doesNotMatch(first.stdout, /v1/);
      assert.match(first.stdout, /enabled binlog on database src-db\n/);
      const [rows] = await connection.query('SHOW CREATE TABLE `src-db`.t1');
      assert.match(
        String((rows as Array<Record<string, unknown>>)[0]?.['Create Table']),
        /"binlog.enable" = "true"/,
      );
      const second = await run('bash', args);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /binlog is already enabled on database src-db/);
      const missing = await run('bash', [...args.slice(0, -1), 'no_such_db']);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /no_such_db/);
    } finally {
      await connection.end();
      await sandbox.stop();
    }
  });

  it('requires -d and rejects unknown options', async () => {
    const script = join(BIN_DIR, 'enable_db_binlog.sh');
    const noDb = await run('bash', [script, '-h', '127.0.0.1']);
    assert.equal(noDb.code, 2);
    assert.match(noDb.stderr, /-d DATABASE is required/);
    const unknown = await run('bash', [script, '-x', '1', '-d', 'db']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option -x/);
    const badTtl = await run('bash', [script, '-d', 'db', '-t', 'day']);
    assert.equal(badTtl.code, 2);
  });
});
