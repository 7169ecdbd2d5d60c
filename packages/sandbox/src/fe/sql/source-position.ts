/** A place in the SQL text: `offset` is 0-based, `line` and `column` are 1-based (UTF-16 code units). */
export interface SourcePosition {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Resolves an offset into a line/column position. Only used on the error path, so it scans. */
export function positionAt(source: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: clamped, line, column: clamped - lineStart + 1 };
}

/** The text of the line holding `offset`, without its line break. */
export function lineTextAt(source: string, offset: number): string {
  const clamped = Math.max(0, Math.min(offset, source.length));
  const start = source.lastIndexOf('\n', clamped - 1) + 1;
  let end = source.indexOf('\n', clamped);
  if (end < 0) end = source.length;
  if (end > start && source.charCodeAt(end - 1) === 13) end--;
  return source.slice(start, end);
}
