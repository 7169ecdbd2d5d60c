// The real ccr-syncer binary with a stand-in engine: PID file written at start, graceful shutdown on
// SIGTERM (API closed, engine stopped, PID file removed, exit 0), refusal to start twice, --daemon.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  apiAnswers,
  FAKE_ENGINE,
  fileExists,
  freePort,
  isAlive,
  runSyncer,
  SYNCER_BIN,
  start,
  tempDir,
  waitFor,
} from './process-helpers.js';

describe('ccr-syncer daemon life cycle', () => {
  it('writes the PID file, serves the API, and on SIGTERM shuts down cleanly', async () => {
    const dir = tempDir('ccr-life');
    const port = await freePort();
    const pidFile = join(dir, `127.0.0.1_${port}.pid`);
    const marker = join(dir, 'engine-stopped');
    const logFile = join(dir, 'log', 'syncer.log');
    const syncer = start(
      process.execPath,
      [SYNCER_BIN, `-port=${port}`, '--pid_dir', dir, `--log_filename=${logFile}`, '-api_token=tok'],
      { CCR_SYNCER_ENGINE_MODULE: FAKE_ENGINE, FAKE_ENGINE_STOP_MARKER: marker },
    );
    try {
      await waitFor('the PID file', fileExists(pidFile));
      assert.equal(readFileSync(pidFile, 'utf8').trim(), String(syncer.child.pid));
      await waitFor('the API', () => apiAnswers(port));
      const auth = { headers: { authorization: 'Bearer tok' } };
      assert.equal((await fetch(`http://127.0.0.1:${port}/list_jobs`)).status, 401, 'reads need the token');
      const jobs = await (await fetch(`http://127.0.0.1:${port}/list_jobs`, auth)).json();
      assert.deepEqual(jobs, { success: true, jobs: ['fake_job'] });
      const unauthorised = await fetch(`http://127.0.0.1:${port}/pause`, {
        method: 'POST',
        body: '{"name":"x"}',
      });
      assert.equal(unauthorised.status, 401);
      const features = (await (await fetch(`http://127.0.0.1:${port}/features`, auth)).json()) as {
        flags: unknown[];
      };
      assert.equal(features.flags.length, 11);

      syncer.child.kill('SIGTERM');
      const result = await syncer.finished;
      assert.equal(result.code, 0, result.stderr);
      assert.equal(existsSync(pidFile), false, 'PID file removed');
      assert.equal(readFileSync(marker, 'utf8'), 'stopped\n', 'engine stopped');
      const log = readFileSync(logFile, 'utf8');
      assert.match(log, /\] {2}INFO fake engine started for 127\.0\.0\.1:\d+ job=fake_job line=/);
      assert.match(log, /INFO shutting down: received SIGTERM/);
      assert.match(log, /INFO ccr-syncer stopped code=0/);
      assert.doesNotMatch(log, /\btok\b/, 'the api token is not logged');
      assert.equal(await apiAnswers(port), false);
    } finally {
      syncer.child.kill('SIGKILL');
    }
  });

  it('SIGINT works the same, and a second syncer on the same identity is refused', async () => {
    const dir = tempDir('ccr-life2');
    const port = await freePort();
    const pidFile = join(dir, `127.0.0.1_${port}.pid`);
    const env = { CCR_SYNCER_ENGINE_MODULE: FAKE_ENGINE };
    const first = start(process.execPath, [SYNCER_BIN, `-port=${port}`, `-pid_dir=${dir}`], env);
    try {
      await waitFor('the API', () => apiAnswers(port));
      const second = await runSyncer([`-port=${port}`, `-pid_dir=${dir}`], env);
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`Syncer running as process ${first.child.pid} .*Stop it first`));
      assert.equal(
        readFileSync(pidFile, 'utf8').trim(),
        String(first.child.pid),
        'first owner keeps its file',
      );
      first.child.kill('SIGINT');
      const result = await first.finished;
      assert.equal(result.code, 0);
      assert.equal(existsSync(pidFile), false);
    } finally {
      first.child.kill('SIGKILL');
    }
  });

  it('--daemon returns once the API answers, leaving the syncer running in the background', async () => {
    const dir = tempDir('ccr-daemon');
    const port = await freePort();
    const pidFile = join(dir, `127.0.0.1_${port}.pid`);
    const logFile = join(dir, 'syncer.log');
    const result = await runSyncer(
      ['-daemon', `-port=${port}`, `-pid_dir=${dir}`, `-log_filename=${logFile}`],
      {
        CCR_SYNCER_ENGINE_MODULE: FAKE_ENGINE,
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ccr-syncer started as process \d+, API on 0\.0\.0\.0:\d+/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    try {
      assert.ok(isAlive(pid));
      assert.equal(await apiAnswers(port), true);
      process.kill(pid, 'SIGTERM');
      await waitFor('the daemon to exit', () => !isAlive(pid));
      await waitFor('the PID file to go', () => !existsSync(pidFile));
      assert.match(readFileSync(logFile, 'utf8'), /ccr-syncer stopped code=0/);
    } finally {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('--daemon reports a failed start with its reason and exit 1', async () => {
    const dir = tempDir('ccr-daemon-fail');
    const port = await freePort();
    const result = await runSyncer(['-daemon', `-port=${port}`, `-pid_dir=${dir}`, `-log_dir=${dir}`], {
      CCR_SYNCER_ENGINE_MODULE: join(dir, 'nope.js'),
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /ccr-syncer failed to start: job engine not available: .*nope\.js does not exist; see /,
    );
    assert.equal(existsSync(join(dir, `127.0.0.1_${port}.pid`)), false);
  });
});
