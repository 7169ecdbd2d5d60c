// The Go syncer's text log line (syncer-operations.md §5.1), so existing greps and log shippers keep
// working: `[2024-12-24 06:29:32.923]  WARN message key=value … line=file:123`. The syncer and the sandbox
// both format their pino records with it.
const LEVEL_LABELS: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: ' INFO',
  40: ' WARN',
  50: 'ERROR',
  60: 'FATAL',
};
/** Pino's own members, printed in fixed places or not at all. */
const FRAME_KEYS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'line', 'err']);
const PLAIN_VALUE = /^[\w.\-/@^+:,[\]]+$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Local time with milliseconds, as the Go syncer prints it. */
export function formatLogTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return PLAIN_VALUE.test(value) ? value : JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

interface SerialisedError {
  readonly message?: unknown;
  readonly stack?: unknown;
}

/** One record as pino produced it (already JSON-decoded) → one text line, newline-terminated. */
export function formatLogRecord(record: Readonly<Record<string, unknown>>): string {
  const level = typeof record.level === 'number' ? record.level : 30;
  const time = typeof record.time === 'number' ? record.time : Date.now();
  const label = LEVEL_LABELS[level] ?? String(level).padStart(5);
  let line = `[${formatLogTime(time)}] ${label} ${typeof record.msg === 'string' ? record.msg : ''}`;
  for (const [key, value] of Object.entries(record)) {
    if (FRAME_KEYS.has(key) || value === undefined) continue;
    line += ` ${key}=${formatValue(value)}`;
  }
  const err = record.err as SerialisedError | undefined;
  if (err && typeof err === 'object') {
    const message = String(err.message ?? '');
    // `logger.error({ err }, \`x failed: ${err.message}\`)` is common; say it once.
    if (message !== '' && !(typeof record.msg === 'string' && record.msg.includes(message))) {
      line += ` err=${formatValue(message)}`;
    }
  }
  if (typeof record.line === 'string') line += ` line=${record.line}`;
  // Stacks only for errors: they are what an operator needs then, and noise anywhere else.
  if (level >= 50 && err && typeof err.stack === 'string') {
    const frames = err.stack
      .split('\n')
      .slice(1)
      .map((frame) => frame.trim());
    if (frames.length > 0) line += `\n\t${frames.join('\n\t')}`;
  }
  return `${line}\n`;
}
