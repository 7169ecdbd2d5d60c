// The daemon's logger: pino for the API (child loggers, levels, redaction), writing the Go syncer's text
// format to stdout or to a rotating file. Secrets never reach the output: password and token members are
// censored by pino's redaction before formatting.

import { formatLogRecord } from '@doris-ccr/protocol';
import { type DestinationStream, type Logger, pino } from 'pino';
import { callerLine } from './caller-line.js';
import type { LogLevelName } from './flag-table.js';
import { RotatingFile } from './rotating-file.js';

/** Where formatted lines go; tests pass an in-memory one. */
export interface LogSink {
  write(text: string): void;
  close?(): void;
}

export interface SyncerLoggerOptions {
  readonly level: LogLevelName;
  /** Undefined: stdout. */
  readonly file?: string | undefined;
  readonly alsoToStderr?: boolean;
  readonly maxSizeBytes?: number;
  readonly retainNum?: number;
  readonly retainDays?: number;
  /** Adds `line=file:N`; costs a stack trace per line written. Default true. */
  readonly callerInfo?: boolean;
  /** Overrides file and stdout. */
  readonly sink?: LogSink;
}

export interface SyncerLogger {
  readonly logger: Logger;
  /** Flushes and closes the file; later log calls are dropped. */
  close(): void;
}

const SECRET_KEYS = [
  'password',
  'db_password',
  'dbPassword',
  'api_token',
  'apiToken',
  'metrics_token',
  'metricsToken',
  'authorization',
  'token',
];
/** pino's redaction has no "any depth" wildcard; four levels cover requests, specs and job records. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);
export const LOG_CENSOR = '******';

/** logrus has a panic level above fatal; pino does not, and nothing here logs at "panic". */
function pinoLevel(level: LogLevelName): string {
  return level === 'panic' ? 'fatal' : level;
}

class StdoutSink implements LogSink {
  constructor() {
    // A closed stdout pipe (`ccr-syncer | head`) must not crash the daemon with an unhandled EPIPE.
    if (process.stdout.listenerCount('error') === 0) process.stdout.on('error', () => {});
  }

  write(text: string): void {
    process.stdout.write(text);
  }
}

function fileSink(options: SyncerLoggerOptions, file: string): LogSink {
  const rotating = new RotatingFile(file, {
    maxBytes: options.maxSizeBytes ?? 1024 * 1024 * 1024,
    retainNum: options.retainNum ?? 30,
    retainDays: options.retainDays ?? 7,
  });
  if (!options.alsoToStderr) return rotating;
  return {
    write(text) {
      rotating.write(text);
      process.stderr.write(text);
    },
    close: () => rotating.close(),
  };
}

/** Receives pino's JSON lines and writes them as text lines. */
class TextDestination implements DestinationStream {
  #closed = false;
  constructor(readonly sink: LogSink) {}

  write(json: string): void {
    if (this.#closed) return;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(json) as Record<string, unknown>;
    } catch {
      record = { level: 30, time: Date.now(), msg: json.trimEnd() };
    }
    this.sink.write(formatLogRecord(record));
  }

  close(): void {
    this.#closed = true;
    this.sink.close?.();
  }
}

export function createSyncerLogger(options: SyncerLoggerOptions): SyncerLogger {
  const sink = options.sink ?? (options.file ? fileSink(options, options.file) : new StdoutSink());
  const destination = new TextDestination(sink);
  const withCaller = options.callerInfo ?? true;
  const logger = pino(
    {
      level: pinoLevel(options.level),
      base: undefined,
      timestamp: pino.stdTimeFunctions.epochTime,
      redact: { paths: REDACT_PATHS, censor: LOG_CENSOR },
      serializers: { err: pino.stdSerializers.err },
      ...(withCaller
        ? {
            mixin() {
              const line = callerLine();
              return line === undefined ? {} : { line };
            },
          }
        : {}),
    },
    destination,
  );
  return { logger, close: () => destination.close() };
}
