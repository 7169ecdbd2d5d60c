// Runs the real `ccr` command (packages/syncer/bin/ccr.js) as a child process: to completion, in a
// pseudo-terminal (util-linux `script`, so it sees a TTY and draws its progress bar), or in the
// background for the watching commands, stopped with Ctrl-C (SIGINT) like a person would.
import { type ChildProcess, spawn } from 'node:child_process';

const CCR = new URL('../../../syncer/bin/ccr.js', import.meta.url).pathname;
const SYNCER = new URL('../../../syncer/bin/ccr-syncer.js', import.meta.url).pathname;

export interface CcrResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface CcrOptions {
  /** Added to (or, with undefined, removed from) the test's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
}

function environment(extra: CcrOptions['env'] = {}): NodeJS.ProcessEnv {
  // Nothing of the caller's shell may decide the output: no token, server or colour setting leaks in.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['CCR_API_TOKEN', 'CCR_SYNCER_API_TOKEN', 'CCR_SERVER', 'NO_COLOR', 'FORCE_COLOR'])
    delete env[key];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** A ccr process running in the background; `stop()` sends SIGINT and waits for it to end. */
export interface RunningCcr {
  readonly child: ChildProcess;
  /** What it printed so far. */
  output(): string;
  stop(): Promise<CcrResult>;
  /** Waits for it to end by itself. */
  done(): Promise<CcrResult>;
}

function start(command: string, args: readonly string[], options: CcrOptions): RunningCcr {
  const started = performance.now();
  const child = spawn(command, args, { env: environment(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  const ended = new Promise<CcrResult>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms: performance.now() - started });
    });
  });
  return {
    child,
    output: () => stdout,
    stop: () => {
      child.kill('SIGINT');
      return ended;
    },
    done: () => ended,
  };
}

export function ccr(args: readonly string[], options: CcrOptions = {}): Promise<CcrResult> {
  return start(process.execPath, [CCR, ...args], options).done();
}

/** The same commands as `ccr-syncer ctl …`. */
export function ccrSyncerCtl(args: readonly string[], options: CcrOptions = {}): Promise<CcrResult> {
  return start(process.execPath, [SYNCER, 'ctl', ...args], options).done();
}

export function ccrInBackground(args: readonly string[], options: CcrOptions = {}): RunningCcr {
  return start(process.execPath, [CCR, ...args], options);
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Runs ccr under a pseudo-terminal: `script -qfec CMD /dev/null` copies what the terminal showed to stdout. */
export function ccrInPty(args: readonly string[], options: CcrOptions = {}): Promise<CcrResult> {
  const command = [process.execPath, CCR, ...args].map(shellQuote).join(' ');
  return start('script', ['-qfec', command, '/dev/null'], {
    ...options,
    env: { TERM: 'xterm-256color', COLUMNS: '160', LINES: '40', ...options.env },
  }).done();
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what this removes
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;

/** The text without colour and cursor escape sequences. */
export function plain(text: string): string {
  return text.replace(ANSI, '');
}
