// Date-time helpers for NOW(), DATE_FORMAT() and the date part functions. Stored dates are fixed-width text
// (`YYYY-MM-DD[ HH:MM:SS[.ffffff]]`), so parts are read by position instead of through Date objects.
import { formatDate, storedDateTimeParts } from '../../types/datetime-text.js';
import { coerceValue, type DorisType, ValueError } from '../../types/index.js';
import type { EvalEnvironment } from './relation.js';

export interface DateTimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Microseconds. */
  readonly micro: number;
}

const DATETIME6: DorisType = { kind: 'DATETIME', scale: 6 };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Parts of canonical date or datetime text, the fraction as microseconds. */
export function partsOf(text: string): DateTimeParts {
  const { fraction, ...parts } = storedDateTimeParts(text);
  return { ...parts, micro: Number((fraction || '0').padEnd(6, '0').slice(0, 6)) };
}

/** Parts of any text Doris accepts as a date or datetime, or undefined when it is none. */
export function parseDateTime(text: string): DateTimeParts | undefined {
  try {
    return partsOf(String(coerceValue(DATETIME6, text)));
  } catch (error) {
    if (error instanceof ValueError) return undefined;
    throw error;
  }
}

export { formatDate };

/** `YYYY-MM-DD HH:MM:SS` plus `scale` fraction digits. */
export function formatDateTime(p: DateTimeParts, scale = 0): string {
  const base = `${formatDate(p)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  return scale === 0 ? base : `${base}.${pad(p.micro, 6).slice(0, scale)}`;
}

/** Offset from UTC in minutes of a `time_zone` value Doris accepts as an offset (`+08:00`, `UTC`). */
function fixedOffsetMinutes(zone: string): number | undefined {
  const upper = zone.trim().toUpperCase();
  if (upper === 'UTC' || upper === 'GMT' || upper === 'Z') return 0;
  const match = /^([+-])(\d{1,2}):(\d{2})$/.exec(upper);
  if (match === null) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function zoneParts(ms: number, zone: string): DateTimeParts | undefined {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const get = (type: string): number =>
      Number(format.formatToParts(ms).find((part) => part.type === type)?.value ?? '0');
    const micro = (((ms % 1000) + 1000) % 1000) * 1000;
    return {
      year: get('year'),
      month: get('month'),
      day: get('day'),
      hour: get('hour'),
      minute: get('minute'),
      second: get('second'),
      micro,
    };
  } catch {
    return undefined;
  }
}

/**
 * The session's current date-time. Doris uses the session `time_zone` (the FE host's zone by default); the
 * sandbox honours a fixed offset or a zone name in that variable and otherwise uses the process's zone.
 */
export function nowParts(env: EvalEnvironment): DateTimeParts {
  const ms = env.nowMs;
  const zone = env.variable('SESSION', 'time_zone');
  if (typeof zone === 'string' && zone !== '') {
    const offset = fixedOffsetMinutes(zone);
    if (offset !== undefined) return utcParts(ms + offset * 60_000);
    const named = zoneParts(ms, zone);
    if (named !== undefined) return named;
  }
  const d = new Date(ms);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    micro: d.getMilliseconds() * 1000,
  };
}

function utcParts(ms: number): DateTimeParts {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    micro: d.getUTCMilliseconds() * 1000,
  };
}

/** Days since 1970-01-01 (proleptic Gregorian), valid for years 0..9999. */
export function dayNumber(p: DateTimeParts): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  return Math.floor(d.getTime() / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(p: DateTimeParts): number {
  return (((dayNumber(p) + 4) % 7) + 7) % 7;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function ordinalSuffix(day: number): string {
  if (day >= 11 && day <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

function hour12(hour: number): number {
  return hour % 12 === 0 ? 12 : hour % 12;
}

/** One `%x` specifier of DATE_FORMAT (MySQL's set, without the week-number ones). */
function specifier(ch: string, p: DateTimeParts): string {
  switch (ch) {
    case 'Y':
      return pad(p.year, 4);
    case 'y':
      return pad(p.year % 100);
    case 'm':
      return pad(p.month);
    case 'c':
      return String(p.month);
    case 'M':
      return MONTHS[p.month - 1] ?? '';
    case 'b':
      return (MONTHS[p.month - 1] ?? '').slice(0, 3);
    case 'd':
      return pad(p.day);
    case 'e':
      return String(p.day);
    case 'D':
      return `${p.day}${ordinalSuffix(p.day)}`;
    case 'j':
      return pad(dayNumber(p) - dayNumber({ ...p, month: 1, day: 1 }) + 1, 3);
    case 'H':
      return pad(p.hour);
    case 'k':
      return String(p.hour);
    case 'h':
    case 'I':
      return pad(hour12(p.hour));
    case 'l':
      return String(hour12(p.hour));
    case 'i':
      return pad(p.minute);
    case 's':
    case 'S':
      return pad(p.second);
    case 'f':
      return pad(p.micro, 6);
    case 'p':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'r':
      return `${pad(hour12(p.hour))}:${pad(p.minute)}:${pad(p.second)} ${p.hour < 12 ? 'AM' : 'PM'}`;
    case 'T':
      return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
    case 'W':
      return DAYS[weekday(p)] ?? '';
    case 'a':
      return (DAYS[weekday(p)] ?? '').slice(0, 3);
    case 'w':
      return String(weekday(p));
    default:
      // `%%` is a percent sign; an unknown specifier prints its character, as in MySQL
      return ch;
  }
}

export function dateFormat(p: DateTimeParts, format: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] ?? '';
    if (ch === '%' && i + 1 < format.length) out += specifier(format[++i] ?? '', p);
    else out += ch;
  }
  return out;
}
