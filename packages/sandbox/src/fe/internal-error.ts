// What a client sees of an error that is not Doris's: a storage library's failure or a programming error
// must not reach it with its own text (a SQLite constraint name, a JavaScript TypeError), which no Doris
// would send and no client could act on. It gets Doris's shape for unexpected exceptions instead, and the
// real error goes to the sandbox's log (stderr) for whoever runs it.

const UNEXPECTED = new Set(['SqliteError', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']);

function isUnexpected(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return UNEXPECTED.has(error.name) || (typeof code === 'string' && code.startsWith('SQLITE_'));
}

/** The message to answer with: the error's own, or Doris's generic one for an unexpected error. */
export function publicMessage(error: unknown, log: (line: string) => void = defaultLog): string {
  if (isUnexpected(error)) {
    log(`doris-sandbox internal error: ${error.stack ?? error.message}`);
    return 'Unexpected exception: internal error of doris-sandbox, see its log';
  }
  return error instanceof Error ? error.message : String(error);
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}
