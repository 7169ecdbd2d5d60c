// Value parsers of the daemon's flags. Each throws an Error whose message says what was expected; the
// caller adds which flag it was.
import { parseGoDuration } from './go-duration.js';

export type FlagValue = string | number | boolean;

/** Go's strconv.ParseBool spellings. */
const TRUE_TEXTS = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE_TEXTS = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export function parseGoBool(text: string): boolean {
  if (TRUE_TEXTS.has(text)) return true;
  if (FALSE_TEXTS.has(text)) return false;
  throw new Error('must be true or false');
}

export function integerParser(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = /^[-+]?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new Error(`must be an integer from ${min} to ${max}`);
    }
    return value;
  };
}

export const parsePort = (text: string): number => {
  try {
    return integerParser(1, 65535)(text);
  } catch {
    throw new Error('must be a port number from 1 to 65535');
  }
};

/** Durations in milliseconds; `allowZero` for limits where 0 means "none". */
export function durationParser(allowZero: boolean): (text: string) => number {
  return (text) => {
    let ms: number;
    try {
      ms = parseGoDuration(text.trim());
    } catch (error) {
      throw new Error(`${(error as Error).message}`);
    }
    if (ms < 0 || (!allowZero && ms === 0)) {
      throw new Error(allowZero ? 'must not be negative' : 'must be a positive duration such as 10s');
    }
    return ms;
  };
}

export function choiceParser<T extends string>(choices: readonly T[], aliases: Record<string, T> = {}) {
  return (text: string): T => {
    const lower = text.trim().toLowerCase();
    const found = choices.find((choice) => choice === lower) ?? aliases[lower];
    if (found === undefined) throw new Error(`must be one of ${choices.join(', ')}`);
    return found;
  };
}

export const parseString = (text: string): string => text;
