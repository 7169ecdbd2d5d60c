// Parsing date/datetime text the way Doris accepts it for DATEV2/DATETIMEV2, and the canonical stored form.

/** A calendar date and time of day; `fraction` holds the fraction-of-second digits as written. */
export interface DateTimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly fraction: string;
}

/** `2024-01-05`, `2024/1/5`, with an optional ` 12:30[:45[.123]]` or `T12:30...` time part. */
const DELIMITED =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T| +)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?$/;
/** `20240105`, `20240105123045`, `20240105T123045.5`. */
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})(?:\.(\d*))?)?$/;

export const MAX_YEAR = 9999;

/**
 * Doris's leap-year rule excludes year 0 (a real Doris rejects `0000-02-29` as out of range), unlike the
 * proleptic Gregorian calendar.
 */
export function isLeapYear(year: number): boolean {
  return year !== 0 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

function valid(p: DateTimeParts): boolean {
  return (
    p.year >= 0 &&
    p.year <= MAX_YEAR &&
    p.month >= 1 &&
    p.month <= 12 &&
    p.day >= 1 &&
    p.day <= daysInMonth(p.year, p.month) &&
    p.hour <= 23 &&
    p.minute <= 59 &&
    p.second <= 59
  );
}

/** Parses date or datetime text; undefined if the text is not a valid date/time (e.g. `2024-02-30`). */
export function parseDateTimeText(text: string): DateTimeParts | undefined {
  const trimmed = text.trim();
  const match = DELIMITED.exec(trimmed) ?? COMPACT.exec(trimmed);
  if (match === null) return undefined;
  const num = (i: number): number => (match[i] === undefined ? 0 : Number(match[i]));
  const parts: DateTimeParts = {
    year: num(1),
    month: num(2),
    day: num(3),
    hour: num(4),
    minute: num(5),
    second: num(6),
    fraction: match[7] ?? '',
  };
  return valid(parts) ? parts : undefined;
}

/** Adds one second, carrying into minutes, hours, days, months and years. */
function nextSecond(p: DateTimeParts): DateTimeParts {
  let { year, month, day, hour, minute, second } = p;
  second++;
  if (second === 60) {
    second = 0;
    minute++;
  }
  if (minute === 60) {
    minute = 0;
    hour++;
  }
  if (hour === 24) {
    hour = 0;
    day++;
  }
  if (day > daysInMonth(year, month)) {
    day = 1;
    month++;
  }
  if (month === 13) {
    month = 1;
    year++;
  }
  return { year, month, day, hour, minute, second, fraction: '' };
}

/**
 * Rounds the fraction to `scale` digits, half up on the first dropped digit (Doris rounds rather than
 * truncates when a DATETIME(s) receives more digits than s). A carry can roll the value into the next
 * second, day or year; undefined if that passes 9999-12-31.
 */
export function roundFraction(p: DateTimeParts, scale: number): DateTimeParts | undefined {
  if (p.fraction.length <= scale) return { ...p, fraction: p.fraction.padEnd(scale, '0') };
  const kept = p.fraction.slice(0, scale);
  if ((p.fraction[scale] ?? '0') < '5') return { ...p, fraction: kept };
  if (scale > 0) {
    const bumped = BigInt(kept) + 1n;
    if (bumped < 10n ** BigInt(scale)) return { ...p, fraction: bumped.toString().padStart(scale, '0') };
  }
  const carried = nextSecond(p);
  if (carried.year > MAX_YEAR) return undefined;
  return { ...carried, fraction: '0'.repeat(scale) };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD`. */
export function formatDate(p: Pick<DateTimeParts, 'year' | 'month' | 'day'>): string {
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

/** `YYYY-MM-DD HH:MM:SS` plus `.` and the fraction digits when there are any. */
export function formatDateTime(p: DateTimeParts): string {
  const time = `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
  return `${formatDate(p)} ${time}${p.fraction === '' ? '' : `.${p.fraction}`}`;
}

/** Reads a stored `YYYY-MM-DD[ HH:MM:SS[.ffffff]]` back into parts (no validation: stored values are valid). */
export function storedDateTimeParts(stored: string): DateTimeParts {
  const n = (from: number, to: number): number => Number(stored.slice(from, to) || '0');
  return {
    year: n(0, 4),
    month: n(5, 7),
    day: n(8, 10),
    hour: n(11, 13),
    minute: n(14, 16),
    second: n(17, 19),
    fraction: stored.slice(20),
  };
}
