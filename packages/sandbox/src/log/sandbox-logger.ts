// The sandbox's log: pino records written as the syncer's text lines (formatLogRecord) to stderr, so one
// grep works on both daemons' logs. Modules log through `sandboxLog()`; the CLI installs the real logger at
// start-up, and an embedded sandbox (tests) stays silent unless its host installs one.
import { formatLogRecord } from '@doris-ccr/protocol';
import { type DestinationStream, type Logger, pino } from 'pino';

export type SandboxLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export const SANDBOX_LOG_LEVELS: readonly SandboxLogLevel[] = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'silent',
];

/** Receives pino's JSON lines and writes them as text lines. */
class TextDestination implements DestinationStream {
  constructor(private readonly write_: (text: string) => void) {}

  write(json: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(json) as Record<string, unknown>;
    } catch {
      record = { level: 30, time: Date.now(), msg: json.trimEnd() };
    }
    this.write_(formatLogRecord(record));
  }
}

export function createSandboxLogger(
  level: SandboxLogLevel,
  write: (text: string) => void = (text) => process.stderr.write(text),
): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.epochTime,
      // The cluster token rides in download URLs and job infos; it never reaches the log.
      redact: { paths: ['token', '*.token', 'url'], censor: '******' },
      serializers: { err: pino.stdSerializers.err },
    },
    new TextDestination(write),
  );
}

let current: Logger = pino({ level: 'silent' });

/** The process's sandbox logger. */
export function sandboxLog(): Logger {
  return current;
}

export function setSandboxLog(logger: Logger): void {
  current = logger;
}
