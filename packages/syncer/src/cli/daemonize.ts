// --daemon: start a detached copy of this process and return once its API answers (exit 0) or its start
// failed (exit 1, with the reason). The Go syncer leaves this to start_syncer.sh's nohup, which reports
// success even when the syncer dies a second later; waiting for a "ready" message does not.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SyncerConfig } from './syncer-config.js';

export const DAEMON_CHILD_ENV = 'CCR_SYNCER_DAEMON_CHILD';
const DEFAULT_READY_TIMEOUT_MS = 120_000;

export type DaemonMessage =
  | { readonly type: 'ready'; readonly pid: number; readonly address: string }
  | { readonly type: 'failed'; readonly message: string };

export function isDaemonChild(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[DAEMON_CHILD_ENV] === '1';
}

/** In the detached child: tells the waiting parent how the start went, then lets it go. */
export async function notifyDaemonParent(message: DaemonMessage): Promise<void> {
  const send = process.send?.bind(process);
  if (!send || !isDaemonChild()) return;
  await new Promise<void>((resolve) => {
    send(message, undefined, {}, () => resolve());
  });
  if (process.connected) process.disconnect();
}

export function daemonize(
  config: SyncerConfig,
  argv: readonly string[],
  readyTimeoutMs = DEFAULT_READY_TIMEOUT_MS,
): Promise<number> {
  const logFile = config.log.file;
  let output: number | 'ignore' = 'ignore';
  if (logFile === undefined) {
    process.stderr.write('ccr-syncer: --daemon without --log_dir or --log_filename: its log is discarded\n');
  } else {
    mkdirSync(dirname(logFile), { recursive: true });
    // Crash output that bypasses the logger (a native abort, say) still lands in the log file.
    output = openSync(logFile, 'a');
  }
  const script = process.argv[1] as string;
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv], {
    detached: true,
    stdio: ['ignore', output, output, 'ipc'],
    env: { ...process.env, [DAEMON_CHILD_ENV]: '1' },
  });
  if (typeof output === 'number') closeSync(output);
  const seeLog = logFile === undefined ? '' : `; see ${logFile}`;

  return new Promise((resolve) => {
    let failure: string | undefined;
    let done = false;
    const finish = (code: number, message: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      (code === 0 ? process.stdout : process.stderr).write(`${message}\n`);
      child.removeAllListeners();
      if (child.connected) child.disconnect();
      child.unref();
      resolve(code);
    };
    const timer = setTimeout(
      () =>
        finish(1, `ccr-syncer (process ${child.pid}) is not ready after ${readyTimeoutMs / 1000} s${seeLog}`),
      readyTimeoutMs,
    );
    child.on('message', (message: DaemonMessage) => {
      if (message.type === 'ready')
        finish(0, `ccr-syncer started as process ${message.pid}, API on ${message.address}`);
      else failure = message.message;
    });
    child.on('exit', (code, signal) => {
      const why = failure ?? (signal ? `killed by ${signal}` : `exit code ${code}`);
      finish(1, `ccr-syncer failed to start: ${why}${seeLog}`);
    });
    child.on('error', (error) => finish(1, `cannot start ccr-syncer: ${error.message}`));
  });
}
