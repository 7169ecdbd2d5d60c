// The `line=<file>:<line>` field of the Go syncer's log lines: where the log call was made. Taken from
// V8's structured call sites (cheaper than formatting a stack string), skipping frames of pino, Fastify
// and this logging code. With --enable-source-maps the TypeScript position is reported.
import { findSourceMap } from 'node:module';
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallSite {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

/** packages/syncer: positions are shown relative to it, like Go's package paths. */
const packageRoot = [dirname(fileURLToPath(import.meta.url)), '..', '..', '..'].join(sep);
const LOGGING_FILES = /[\\/]cli[\\/](caller-line|logger|log-format|rotating-file)\.[jt]s$/;
const MAX_CACHED = 2000;
/** Source-map lookups and path shortening, per call position; log calls come from few places. */
const shownPositions = new Map<string, string>();

function toPath(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

function show(file: string, line: number, column: number): string {
  const key = `${file}:${line}:${column}`;
  const cached = shownPositions.get(key);
  if (cached !== undefined) return cached;
  let path = toPath(file);
  let shownLine = line;
  // Only available under --enable-source-maps; then it maps dist/*.js back to src/*.ts.
  const entry = (findSourceMap(file) ?? findSourceMap(path))?.findEntry(line - 1, column - 1);
  if (entry && 'originalSource' in entry && typeof entry.originalSource === 'string') {
    path = toPath(entry.originalSource);
    shownLine = entry.originalLine + 1;
  }
  const rel = relative(packageRoot, path);
  const shown = `${rel.startsWith('..') ? path : rel}:${shownLine}`;
  if (shownPositions.size < MAX_CACHED) shownPositions.set(key, shown);
  return shown;
}

function callSites(): CallSite[] {
  const previous = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = 20;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, callSites);
    return Array.isArray(holder.stack) ? (holder.stack as CallSite[]) : [];
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = limit;
  }
}

export function callerLine(): string | undefined {
  for (const site of callSites()) {
    const file = site.getFileName();
    if (!file || file.startsWith('node:') || file.includes('/node_modules/') || LOGGING_FILES.test(file))
      continue;
    return show(file, site.getLineNumber() ?? 0, site.getColumnNumber() ?? 0);
  }
  return undefined;
}
