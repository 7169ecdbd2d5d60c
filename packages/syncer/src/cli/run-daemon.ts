// The daemon's life: PID file, job engine, HTTP API, then a graceful shutdown on SIGTERM/SIGINT/SIGQUIT
// (close the API, stop the engine, run the onShutdown hook, remove the PID file). A failure at any
// startup step undoes the previous ones and is reported — never a half-started syncer whose API answers
// while no job runs (syncer-behaviour.md §8 item 18).
import type { Logger } from 'pino';
import { FailpointRegistry } from '../api/failpoints.js';
import { type ApiServer, createApiServer } from '../api/server.js';
import { API_TOKEN_ENV } from './command-line.js';
import type { EngineStart, RunningEngine } from './engine.js';
import { featureFlagList } from './features.js';
import { FLAGS } from './flag-table.js';
import { createSyncerLogger, LOG_CENSOR } from './logger.js';
import { acquirePidFile, releasePidFile } from './pid-file.js';
import type { SyncerConfig } from './syncer-config.js';
import { syncerVersion } from './version.js';

export interface RunDaemonOptions {
  /** Runs during shutdown, after the API is closed and the engine stopped. */
  readonly onShutdown?: () => void | Promise<void>;
  /** Log here instead of creating a logger from `config.log`. */
  readonly logger?: Logger;
  /** Install signal and crash handlers (default true); in-process tests turn this off. */
  readonly handleSignals?: boolean;
  /** Longest wait for each shutdown step before giving up on it (default 60 s). */
  readonly shutdownTimeoutMs?: number;
  readonly version?: string;
  /** Startup warnings found while reading the command line. */
  readonly notices?: readonly string[];
}

export interface DaemonHandle {
  /** The port the API listens on (differs from config.port only when that was 0). */
  readonly port: number;
  readonly api: ApiServer;
  /** Starts a graceful shutdown (once; later calls share it) and resolves with the exit code. */
  shutdown(reason: string): Promise<number>;
  /** Resolves with the exit code once the daemon has shut down. */
  readonly exited: Promise<number>;
}

const SECRET_FLAG = /password|token/;
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 60_000;

/** Flags that differ from their defaults, secrets masked: what the operator changed, in one line. */
function changedFlags(config: SyncerConfig): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const spec of FLAGS) {
    const value = config.flags[spec.name];
    if (value === undefined || value === spec.defaultValue) continue;
    changed[spec.name] = SECRET_FLAG.test(spec.name) ? LOG_CENSOR : value;
  }
  return changed;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export async function runDaemon(
  config: SyncerConfig,
  start: EngineStart,
  options: RunDaemonOptions = {},
): Promise<DaemonHandle> {
  const ownLogger = options.logger ? undefined : createSyncerLogger(config.log);
  const logger = options.logger ?? (ownLogger?.logger as Logger);
  const version = options.version ?? syncerVersion();
  const timeoutMs = options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  logger.info(
    `ccr-syncer ${version} starting as process ${process.pid}, identity ${config.host}:${config.port}`,
  );
  logger.info({ flags: changedFlags(config) }, 'flags changed from their defaults');
  for (const notice of options.notices ?? []) logger.warn(notice);

  const pidFile = config.pidFile;
  let pidHeld = false;
  const failpoints = config.enableFailpoints ? new FailpointRegistry() : undefined;
  let engine: RunningEngine | undefined;
  let api: ApiServer | undefined;
  let port = config.port;
  try {
    if (pidFile !== undefined) {
      acquirePidFile(pidFile);
      pidHeld = true;
    }
    engine = await start(config, logger, { failpoints });
    api = createApiServer({
      service: engine.service,
      ...(config.apiToken === undefined ? {} : { apiToken: config.apiToken }),
      ...(config.metricsToken === undefined ? {} : { metricsToken: config.metricsToken }),
      failpointsEnabled: config.enableFailpoints,
      ...(failpoints === undefined ? {} : { failpoints }),
      version,
      features: featureFlagList(config.features),
      logger,
    });
    await api.listen({ host: config.listenHost, port: config.port });
    const address = api.server.address();
    if (address !== null && typeof address === 'object') port = address.port;
    await engine.resume?.();
  } catch (error) {
    logger.fatal({ err: error }, `ccr-syncer failed to start: ${(error as Error).message}`);
    await api?.close().catch(() => undefined);
    await engine
      ?.stop()
      .catch((stopError: unknown) => logger.error({ err: stopError }, 'stopping the job engine failed'));
    if (pidHeld && pidFile !== undefined) releasePidFile(pidFile);
    ownLogger?.close();
    throw error;
  }
  const running = { engine, api };

  if (config.apiToken === undefined && !isLoopback(config.listenHost)) {
    logger.warn(
      `the HTTP API listens on ${config.listenHost}:${port}, reachable from other machines, without a token: anyone who reaches it can read, create and delete jobs (set --api_token or ${API_TOKEN_ENV}, or --listen_host=127.0.0.1)`,
    );
  }
  if (config.enableFailpoints)
    logger.warn('failpoints are enabled: /failpoint can make jobs fail on purpose');
  logger.info(
    `ccr-syncer ${version} serving on ${config.listenHost}:${port} as ${config.host}:${config.port}`,
  );

  let resolveExited: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    resolveExited = resolve;
  });
  const removeHandlers = options.handleSignals === false ? () => undefined : installHandlers();
  let shuttingDown: Promise<number> | undefined;

  function shutdown(reason: string): Promise<number> {
    shuttingDown ??= (async () => {
      logger.info(`shutting down: ${reason}`);
      let code = 0;
      const step = async (what: string, work: () => Promise<void> | void) => {
        try {
          await withTimeout(Promise.resolve().then(work), timeoutMs, what);
        } catch (error) {
          code = 1;
          logger.error({ err: error }, `shutdown: ${what} failed`);
        }
      };
      // API first, so no request reaches an engine that is stopping.
      await step('closing the HTTP API', () => running.api.close());
      await step('stopping the job engine', () => running.engine.stop());
      if (options.onShutdown) await step('the shutdown hook', options.onShutdown);
      removeHandlers();
      if (pidHeld && pidFile !== undefined) releasePidFile(pidFile);
      logger.info({ code }, 'ccr-syncer stopped');
      ownLogger?.close();
      resolveExited(code);
      return code;
    })();
    return shuttingDown;
  }

  function installHandlers(): () => void {
    const onStopSignal = (signal: NodeJS.Signals) => {
      if (shuttingDown === undefined) {
        void shutdown(`received ${signal}`);
        return;
      }
      // A second signal is an operator who will not wait: leave now, but still tidy the PID file.
      logger.warn(`received ${signal} again while shutting down: exiting now`);
      if (pidHeld && pidFile !== undefined) releasePidFile(pidFile);
      process.exit(1);
    };
    const onHangup = () => logger.info('received SIGHUP: ignored');
    const onCrash = (error: unknown) => {
      logger.fatal(
        { err: error },
        `ccr-syncer crashed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (pidHeld && pidFile !== undefined) releasePidFile(pidFile);
      process.exit(1);
    };
    const stopSignals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGQUIT'];
    for (const signal of stopSignals) process.on(signal, onStopSignal);
    process.on('SIGHUP', onHangup);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    return () => {
      for (const signal of stopSignals) process.off(signal, onStopSignal);
      process.off('SIGHUP', onHangup);
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    };
  }

  return { port, api, shutdown, exited };
}
