// Splitting a stream-load body into records: CSV with configurable separators (`\x01`-style escapes),
// `\N` for NULL, and JSON (one object, an outer array with strip_outer_array, or one object per line).
import type { ValueInput } from '../../types/index.js';

export interface StreamLoadFormat {
  readonly format: 'csv' | 'json';
  readonly columnSeparator: string;
  readonly lineDelimiter: string;
  readonly stripOuterArray: boolean;
  readonly readJsonByLine: boolean;
  readonly skipLines: number;
}

export class LoadFormatError extends Error {
  override readonly name = 'LoadFormatError';
}

/** Doris accepts separators written as `\t`, `\n` or hex `\x01`. */
export function unescapeSeparator(text: string): string {
  if (/^\\x[0-9a-fA-F]{2}/.test(text)) {
    return text.replace(/\\x([0-9a-fA-F]{2})/g, (_m, h: string) =>
      String.fromCharCode(Number.parseInt(h, 16)),
    );
  }
  return text.replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\r/g, '\r');
}

const NULL_INPUT: ValueInput = { kind: 'null' };

/**
 * CSV records, produced lazily: each line's fields live only until the caller has built its row, so a
 * 100k-line load never holds every field string at once (what the garbage collector would copy around).
 * `\N` is NULL; an empty trailing line is ignored; `\r\n` line ends are accepted with `\n`.
 */
export function* csvRecords(body: string, fmt: StreamLoadFormat): IterableIterator<ValueInput[]> {
  const delimiter = fmt.lineDelimiter;
  const stripCr = delimiter === '\n';
  let skip = fmt.skipLines;
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf(delimiter, start);
    const next = end < 0 ? body.length : end + delimiter.length;
    if (end < 0) end = body.length;
    if (stripCr && end > start && body.charCodeAt(end - 1) === 13) end--;
    if (skip > 0) skip--;
    else {
      const fields: ValueInput[] = body.slice(start, end).split(fmt.columnSeparator);
      for (let i = 0; i < fields.length; i++) if (fields[i] === '\\N') fields[i] = NULL_INPUT;
      yield fields;
    }
    start = next;
  }
}

/** JSON: an array of objects (keys are column names, matched case-insensitively by the caller). */
export function parseJsonRecords(body: string, fmt: StreamLoadFormat): Array<Record<string, unknown>> {
  const parseOne = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new LoadFormatError(`Parse json data failed: ${(error as Error).message}`);
    }
  };
  const records: unknown[] = [];
  if (fmt.readJsonByLine) {
    for (const line of body.split(fmt.lineDelimiter)) if (line.trim() !== '') records.push(parseOne(line));
  } else {
    const value = parseOne(body);
    if (Array.isArray(value)) {
      if (!fmt.stripOuterArray) {
        throw new LoadFormatError('JSON data is an array, strip_outer_array must be set true');
      }
      records.push(...value);
    } else {
      records.push(value);
    }
  }
  return records.map((r) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r))
      throw new LoadFormatError('JSON record is not an object');
    return r as Record<string, unknown>;
  });
}
