// The shell scripts, run by dash (Debian's sh; the scripts are POSIX sh): syntax and shellcheck,
// stop_syncer.sh against real syncer processes (graceful stop, SIGKILL after a timeout, several at once,
// --host alone falling back to the whole PID directory, refusing strangers), start_syncer.sh --daemon,
// the manual's exact `sh start_syncer.sh --daemon` / `sh stop_syncer.sh` from an installed layout,
// enable_db_binlog.sh with short and long options, and the option checks.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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
/** POSIX sh as Debian has it: the scripts must not need bash. */
const SH = 'dash';
/** Its absolute path, for runs with a PATH that does not lead to it. */
const SH_PATH = ['/usr/bin/dash', '/bin/dash'].find((p) => existsSync(p)) ?? SH;
const STOP = join(BIN_DIR, 'stop_syncer.sh');
const START = join(BIN_DIR, 'start_syncer.sh');

const started: Running[] = [];

/** Runs a command in a directory (the scripts as an operator runs them, from bin/). */
function runIn(
  options: { cwd: string },
  command: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
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
    it(`${script} passes dash -n and shellcheck (as POSIX sh) and is executable`, () => {
      const path = join(BIN_DIR, script);
      assert.match(readFileSync(path, 'utf8'), /^#!\/bin\/sh\n/, 'a POSIX sh script');
      const syntax = spawnSync(SH, ['-n', path], { encoding: 'utf8' });
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
      const result = await run(SH, [join(BIN_DIR, script), '--help']);
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
    const result = await run(SH, [STOP, '--pid_dir', dir, '--host', '127.0.0.1', '--port', String(port)]);
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
    const result = await run(SH, [STOP, `--pid_dir=${dir}`, `--port=${port}`, '--timeout=1']);
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
    const listed = await run(SH, [STOP, '--pid_dir', dir, '--files', `127.0.0.1_${a.port}.pid ${b.pidFile}`]);
    assert.equal(listed.code, 0, listed.stderr);
    await Promise.all([a.syncer.finished, b.syncer.finished]);
    assert.ok(isAlive(c.pid), 'the unlisted syncer keeps running');
    const all = await run(SH, [STOP, '--pid_dir', dir]);
    assert.equal(all.code, 0, all.stderr);
    await c.syncer.finished;
    assert.deepEqual(readdirSync(dir), []);
  });

  it('--host without --port falls back to every syncer of --pid_dir, as the Go script does', async () => {
    const dir = tempDir('ccr-stop-host');
    const a = await startSyncer(dir);
    const b = await startSyncer(dir);
    const result = await run(SH, [STOP, '--pid_dir', dir, '--host', '127.0.0.1']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /--host without --port names no single syncer: stopping every syncer of /);
    await Promise.all([a.syncer.finished, b.syncer.finished]);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('refuses to signal a process that is not a ccr-syncer', async () => {
    const dir = tempDir('ccr-stop-stranger');
    const stranger = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, '127.0.0.1_9999.pid'), `${stranger.pid}\n`);
      const result = await run(SH, [STOP, '--pid_dir', dir, '--port', '9999']);
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
    const stale = await run(SH, [STOP, '--pid_dir', dir, '--port', '9191']);
    assert.equal(stale.code, 0);
    assert.match(stale.stdout, /is not running; removing the stale PID file/);
    assert.deepEqual(readdirSync(dir), []);
    const missing = await run(SH, [STOP, '--pid_dir', dir, '--port', '9192']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /127\.0\.0\.1_9192\.pid does not exist/);
    const bad = await run(SH, [STOP, '--timeout', 'soon']);
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
      SH,
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
      const again = await run(SH, [START, '--daemon', '--port', String(port), '--pid_dir', dir]);
      assert.equal(again.code, 1);
      assert.match(again.stderr, new RegExp(`Syncer running as process ${pid}\\. Stop it first\\.`));
      const stopped = await run(SH, [STOP, '--pid_dir', dir, '--port', String(port)]);
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
      SH,
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

  it('runs as the manual writes it: `sh start_syncer.sh --daemon`, then `sh stop_syncer.sh`, from bin/', async () => {
    // An installed layout (bin/ with the scripts, dist/ beside it), so the defaults — PID file in bin/,
    // log in log/, metadata in db/ — land in a directory of the test's.
    const home = tempDir('ccr-installed');
    const bin = join(home, 'bin');
    mkdirSync(bin);
    for (const file of [...SCRIPTS, 'ccr-syncer.js', 'enable-db-binlog.mjs']) {
      copyFileSync(join(BIN_DIR, file), join(bin, file));
    }
    symlinkSync(join(BIN_DIR, '..', 'dist'), join(home, 'dist'));
    const port = await freePort();
    const inBin = { cwd: bin };
    // The manual's command plus --port (9190 may be taken on a shared machine).
    const started = await runIn(inBin, 'sh', ['start_syncer.sh', '--daemon', '--port', String(port)]);
    assert.equal(started.code, 0, started.stderr);
    assert.doesNotMatch(started.stderr, /Illegal option|not found/);
    const pidFile = join(bin, `127.0.0.1_${port}.pid`);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    try {
      assert.equal(await apiAnswers(port), true);
      assert.ok(existsSync(join(home, 'db', 'ccr.db')), 'metadata in db/');
      assert.match(readFileSync(join(home, 'log', `127.0.0.1_${port}.log`), 'utf8'), /^start time: /);
      const stopped = await runIn(inBin, 'sh', ['stop_syncer.sh']);
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.match(stopped.stdout, new RegExp(`syncer process ${pid} stopped`));
      assert.equal(isAlive(pid), false);
      assert.equal(existsSync(pidFile), false);
    } finally {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('refuses a db user with sqlite3 and unknown options', async () => {
    const sqliteUser = await run(SH, [START, '--db_user', 'root']);
    assert.equal(sqliteUser.code, 1);
    assert.match(sqliteUser.stderr, /--db_user is for --db_type=mysql/);
    const unknown = await run(SH, [START, '--no_such_option', 'x']);
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
        'CREATE DATABASE `src-db2`',
        "CREATE TABLE `src-db`.t1 (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num'='1')",
        "CREATE TABLE `src-db`.`t-2` (k INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num'='1', 'binlog.enable'='true')",
        'CREATE VIEW `src-db`.v1 AS SELECT k FROM `src-db`.t1',
      ]) {
        await connection.query(sql);
      }
      const script = join(BIN_DIR, 'enable_db_binlog.sh');
      const args = [script, '-h', '127.0.0.1', '-p', String(sandbox.queryPort), '-u', 'root', '-d', 'src-db'];
      const first = await run(SH, args);
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
      const second = await run(SH, args);
      assert.equal(second.code, 0, second.stderr);
      assert.match(second.stdout, /binlog is already enabled on database src-db/);
      // The long options (and --name=value) do the same as the short ones.
      await connection.query(
        "CREATE TABLE `src-db2`.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num'='1')",
      );
      const long = await run(SH, [
        script,
        '--host',
        '127.0.0.1',
        `--port=${sandbox.queryPort}`,
        '--user',
        'root',
        '--password',
        '',
        '--db',
        'src-db2',
      ]);
      assert.equal(long.code, 0, long.stderr);
      assert.match(long.stdout, /enabled binlog on table src-db2\.t\n/);
      assert.match(long.stdout, /enabled binlog on database src-db2\n/);
      // Without the mysql client (a PATH of only what the fallback needs), node does the same steps.
      await connection.query('CREATE DATABASE `src-db3`');
      await connection.query(
        "CREATE TABLE `src-db3`.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num'='1')",
      );
      const path = tempDir('ccr-no-mysql');
      for (const tool of ['dirname', 'basename']) symlinkSync(`/usr/bin/${tool}`, join(path, tool));
      symlinkSync(process.execPath, join(path, 'node'));
      const viaNode = await run(
        SH_PATH,
        [script, '-h', '127.0.0.1', '--port', String(sandbox.queryPort), '--db=src-db3'],
        { PATH: path },
      );
      assert.equal(viaNode.code, 0, viaNode.stderr);
      assert.match(viaNode.stdout, /enabled binlog on table src-db3\.t\n/);
      assert.match(viaNode.stdout, /enabled binlog on database src-db3\n/);
      const missing = await run(SH, [...args.slice(0, -1), 'no_such_db']);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /no_such_db/);
    } finally {
      await connection.end();
      await sandbox.stop();
    }
  });

  it('requires -d and rejects unknown options', async () => {
    const script = join(BIN_DIR, 'enable_db_binlog.sh');
    const noDb = await run(SH, [script, '-h', '127.0.0.1']);
    assert.equal(noDb.code, 2);
    assert.match(noDb.stderr, /-d DATABASE is required/);
    const unknown = await run(SH, [script, '-x', '1', '-d', 'db']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option -x/);
    const badTtl = await run(SH, [script, '-d', 'db', '-t', 'day']);
    assert.equal(badTtl.code, 2);
  });
});
