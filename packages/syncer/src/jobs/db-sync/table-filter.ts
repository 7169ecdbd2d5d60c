// Which tables of the source database a database job copies: `include_tables` / `exclude_tables` of
// create_ccr, names or globs (`*` any run, `?` one character), compared case-sensitively as Doris compares
// table names. A table created later that matches is picked up; one that does not is ignored on both the
// data and the DDL path. Bad patterns are the caller's mistake: a 400 that names them.
import { JobServiceError } from '../../model/job-service.js';

export interface TableFilter {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  matches(name: string): boolean;
  /** Every table matches (no include list, nothing excluded). */
  readonly all: boolean;
}

function globRegex(pattern: string): RegExp {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 's');
}

function checked(what: string, patterns: readonly unknown[] | undefined): string[] {
  if (patterns === undefined) return [];
  if (!Array.isArray(patterns))
    throw new JobServiceError(`${what} must be a list of table names or patterns`);
  return patterns.map((p, i) => {
    if (typeof p !== 'string' || p.trim() === '')
      throw new JobServiceError(`${what}[${i}] must be a non-empty table name or pattern`);
    if (p.length > 256) throw new JobServiceError(`${what}[${i}] is longer than 256 characters`);
    return p;
  });
}

export function tableFilter(include?: readonly unknown[], exclude?: readonly unknown[]): TableFilter {
  const inc = checked('include_tables', include);
  const exc = checked('exclude_tables', exclude);
  const incRe = inc.map(globRegex);
  const excRe = exc.map(globRegex);
  return {
    include: inc,
    exclude: exc,
    all: inc.length === 0 && exc.length === 0,
    matches: (name) =>
      (incRe.length === 0 || incRe.some((r) => r.test(name))) && !excRe.some((r) => r.test(name)),
  };
}
