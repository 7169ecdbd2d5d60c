// runDaemon in-process: the shutdown order and hook, and that a failed start undoes what it did.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../src/cli/command-line.js';
import type { EngineStart } from '../../src/cli/engine.js';
import { createSyncerLogger } from '../../src/cli/logger.js';
import { runDaemon } from '../../src/cli/run-daemon.js';
import type { SyncerConfig } from '../../src/cli/syncer-config.js';
import { FakeJobService } from '../api/fake-job-service.js';
import { freePort, tempDir } from './process-helpers.js';

function configFor(port: number, dir: string, extra: string[] = []): SyncerConfig {
  const outcome = parseCommandLine(
    [`-port=${port}`, `-pid_dir=${dir}`, '-listen_host=127.0.0.1', ...extra],
    {},
  );
  if (outcome.kind !== 'run') assert.fail(JSON.stringify(outcome));
  return outcome.config;
}

function memoryLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: createSyncerLogger({ level: 'debug', sink: { write: (t) => lines.push(t) } }).logger,
  };
}

describe('runDaemon', () => {
  it('serves the engine, then closes the API, stops the engine and runs onShutdown, in that order', async () => {
    const dir = tempDir('ccr-run');
    const port = await freePort();
    const events: string[] = [];
    const start: EngineStart = async (config, _logger, context) => {
      events.push(`start ${config.port} failpoints=${context.failpoints !== undefined}`);
      return { service: new FakeJobService(), stop: async () => void events.push('engine stopped') };
    };
    const { logger, lines } = memoryLogger();
    const handle = await runDaemon(configFor(port, dir, ['-enable_failpoints']), start, {
      logger,
      handleSignals: false,
      version: 'v-test',
      onShutdown: () => void events.push('hook'),
    });
    assert.equal(handle.port, port);
    assert.ok(existsSync(join(dir, `127.0.0.1_${port}.pid`)));
    const version = await (await fetch(`http://127.0.0.1:${port}/version`)).json();
    assert.deepEqual(version, { version: 'v-test' });
    const failpoint = await fetch(`http://127.0.0.1:${port}/failpoint`, {
      method: 'POST',
      body: '{"failpoint":""}',
    });
    assert.equal(failpoint.status, 200);

    assert.equal(await handle.shutdown('test'), 0);
    assert.equal(await handle.exited, 0);
    assert.deepEqual(events, ['start ' + port + ' failpoints=true', 'engine stopped', 'hook']);
    assert.equal(existsSync(join(dir, `127.0.0.1_${port}.pid`)), false);
    const log = lines.join('');
    assert.match(log, /WARN failpoints are enabled/);
    assert.match(log, /INFO shutting down: test/);
    assert.ok(log.indexOf('shutting down') < log.indexOf('ccr-syncer stopped'));
  });

  it('resumes stored jobs only once the API port is bound, so no job connection can take that port', async () => {
    const dir = tempDir('ccr-run');
    const port = await freePort();
    let apiDuringResume: number | undefined;
    const start: EngineStart = async () => ({
      service: new FakeJobService(),
      resume: async () => {
        apiDuringResume = (await fetch(`http://127.0.0.1:${port}/version`)).status;
      },
      stop: async () => undefined,
    });
    const handle = await runDaemon(configFor(port, dir), start, {
      logger: memoryLogger().logger,
      handleSignals: false,
    });
    assert.equal(apiDuringResume, 200);
    assert.equal(await handle.shutdown('test'), 0);
  });

  it('reports a failing shutdown step with exit code 1 but still finishes the others', async () => {
    const dir = tempDir('ccr-run-fail');
    const port = await freePort();
    let hookRan = false;
    const { logger, lines } = memoryLogger();
    const handle = await runDaemon(
      configFor(port, dir),
      async () => ({
        service: new FakeJobService(),
        stop: async () => {
          throw new Error('engine would not stop');
        },
      }),
      {
        logger,
        handleSignals: false,
        onShutdown: () => {
          hookRan = true;
        },
      },
    );
    assert.equal(await handle.shutdown('test'), 1);
    assert.ok(hookRan);
    assert.equal(existsSync(join(dir, `127.0.0.1_${port}.pid`)), false);
    assert.match(
      lines.join(''),
      /ERROR shutdown: stopping the job engine failed err="engine would not stop"/,
    );
  });

  it('undoes a failed start: engine stopped and PID file removed when the port is taken', async () => {
    const dir = tempDir('ccr-run-busy');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    let stopped = false;
    const { logger, lines } = memoryLogger();
    try {
      await assert.rejects(
        runDaemon(
          configFor(port, dir),
          async () => ({
            service: new FakeJobService(),
            stop: async () => {
              stopped = true;
            },
          }),
          { logger, handleSignals: false },
        ),
        /EADDRINUSE/,
      );
    } finally {
      blocker.close();
    }
    assert.ok(stopped, 'the engine is stopped again');
    assert.equal(existsSync(join(dir, `127.0.0.1_${port}.pid`)), false);
    assert.match(lines.join(''), /FATAL ccr-syncer failed to start: .*EADDRINUSE/);
  });

  it('never logs secret flags', async () => {
    const dir = tempDir('ccr-run-secret');
    const port = await freePort();
    const { logger, lines } = memoryLogger();
    const handle = await runDaemon(
      configFor(port, dir, ['-api_token=tok-123', '-db_type=mysql', '-db_password=pw-456']),
      async () => ({ service: new FakeJobService(), stop: async () => undefined }),
      { logger, handleSignals: false },
    );
    await handle.shutdown('test');
    const log = lines.join('');
    assert.match(log, /flags changed from their defaults flags=\{.*"db_password":"\*\*\*\*\*\*"/);
    assert.doesNotMatch(log, /tok-123|pw-456/);
  });
});
