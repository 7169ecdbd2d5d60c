// The checks of what a job copies: binlog enabled on the source database or table, the target free for
// it, source and target versions compatible, and the runway — how long the source keeps the binlogs the
// job needs — against how long a full sync is expected to take (if the runway is shorter, a job that
// falls back to a full sync can never catch up).
import type { CheckItem, JobTimeHealth } from '../../model/job-service.js';
import type { ClusterAccess } from '../cluster-access.js';
import {
  databaseExists,
  databaseProperties,
  dbId,
  missingTableProperties,
  tableExists,
  tablesWithoutBinlog,
} from '../create-checks.js';
import type { TableFilter } from '../db-sync/table-filter.js';
import { readRetention } from '../health/binlog-retention.js';
import { runwayOf } from '../health/runway.js';
import { attempt, item } from './attempt.js';
import { compareVersions, type DorisVersion } from './versions.js';

/**
 * The copy rate a full sync is estimated at when the job has none finished yet: a conservative figure for
 * Doris's BACKUP + RESTORE through local snapshots (the sandbox copies faster; real clusters vary with
 * disks and network), so the estimate errs long.
 */
export const ASSUMED_COPY_BYTES_PER_SECOND = 20 * 1024 * 1024;

const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
  PB: 1024 ** 5,
};

/** `1.234 GB`, `0.000 ` (SHOW PROC '/dbs/' Size) → bytes; undefined when unreadable. */
export function parseDorisSize(text: unknown): number | undefined {
  const m = /^\s*([\d.]+)\s*([KMGTP]?B)?\s*$/i.exec(String(text ?? ''));
  if (!m) return undefined;
  return Number(m[1]) * (UNITS[(m[2] ?? '').toUpperCase()] ?? 1);
}

export function formatBytes(bytes: number): string {
  const [unit, size] = Object.entries(UNITS)
    .filter(([u]) => u !== '')
    .reverse()
    .find(([, size]) => bytes >= size) ?? ['B', 1];
  return `${Number((bytes / size).toFixed(1))} ${unit}`;
}

export function binlogEnabledCheck(
  src: ClusterAccess,
  filter: TableFilter | undefined,
): Promise<CheckItem[]> {
  const { database: db, table } = src.spec;
  return attempt('binlog_enabled', 'src', async () => {
    if (!(await databaseExists(src, db)))
      return item('binlog_enabled', 'src', false, `source database ${db} does not exist`);
    if (table) {
      if (!(await tableExists(src, db, table)))
        return item('binlog_enabled', 'src', false, `source table ${db}.${table} does not exist`);
      const missing = await missingTableProperties(src, db, table);
      return missing.length === 0
        ? item(
            'binlog_enabled',
            'src',
            true,
            `${db}.${table} has "binlog.enable" = "true" and light schema change`,
          )
        : item('binlog_enabled', 'src', false, `${db}.${table} lacks ${missing.join(', ')}`);
    }
    const props = await databaseProperties(src, db);
    if (props.get('binlog.enable') !== 'true')
      return item('binlog_enabled', 'src', false, `database ${db} has no "binlog.enable" = "true"`);
    const id = await dbId(src, db);
    if (!id) return item('binlog_enabled', 'src', false, `database ${db} has no id in SHOW PROC '/dbs/'`);
    const { copied, withoutBinlog } = await tablesWithoutBinlog(src, db, id, filter!);
    if (withoutBinlog.length > 0)
      return item(
        'binlog_enabled',
        'src',
        false,
        `tables of ${db} without binlog: ${withoutBinlog.slice(0, 20).join(', ')}${withoutBinlog.length > 20 ? ', …' : ''}`,
      );
    return item(
      'binlog_enabled',
      'src',
      true,
      `database ${db} and its ${copied} table(s) to copy have binlog enabled`,
    );
  });
}

/** A new job's target must not exist yet (a table job) — an existing job's is its own. */
export function targetCheck(dest: ClusterAccess, existingJob: boolean): Promise<CheckItem[]> {
  const { database: db, table } = dest.spec;
  return attempt('target', 'dest', async () => {
    const hasDb = await databaseExists(dest, db);
    if (existingJob)
      return item(
        'target',
        'dest',
        hasDb,
        hasDb ? `target database ${db} exists` : `target database ${db} is gone`,
      );
    if (!hasDb) return item('target', 'dest', true, `target database ${db} will be created`);
    if (table && (await tableExists(dest, db, table)))
      return item(
        'target',
        'dest',
        false,
        `target table ${db}.${table} already exists (create with allow_table_exists to reuse it)`,
      );
    return item(
      'target',
      'dest',
      true,
      table ? `target table ${db}.${table} is free` : `target database ${db} exists`,
    );
  });
}

export function versionsCompatible(
  src: DorisVersion | undefined,
  dest: DorisVersion | undefined,
): CheckItem[] {
  if (!src || !dest) return [];
  const order = compareVersions(dest, src);
  if (order === undefined) return [];
  return [
    order >= 0
      ? item('versions_compatible', 'dest', true, `target ${dest.text} is not older than source ${src.text}`)
      : item(
          'versions_compatible',
          'dest',
          false,
          `target ${dest.text} is older than source ${src.text}: a restore of its snapshots may fail`,
        ),
  ];
}

/** Size of the source database (an upper bound for a table job), as SHOW PROC '/dbs/' reports it. */
async function sourceBytes(src: ClusterAccess): Promise<number | undefined> {
  const rows = await src.sql.query(`show proc '/dbs/'`);
  const db = src.spec.database;
  const row = rows.find((r) => r.DbName === db || r.DbName === `default_cluster:${db}`);
  return row ? parseDorisSize(row.Size) : undefined;
}

/** The runway as found: of a running job (with its lag and last full sync), or of a new one (lag 0). */
export type RunwayBasis = { readonly kind: 'new' } | { readonly kind: 'job'; readonly health: JobTimeHealth };

export function runwayCheck(src: ClusterAccess, basis: RunwayBasis, now: number): Promise<CheckItem[]> {
  return attempt('runway', 'src', async () => {
    let runway: number | undefined;
    let limit: string;
    let lastFull: number | undefined;
    if (basis.kind === 'job') {
      runway = basis.health.runway_seconds;
      limit = basis.health.runway_limit ?? 'none';
      lastFull = basis.health.last_full_sync_seconds;
    } else {
      const retention = await readRetention(src.sql, src.spec.database, src.spec.table);
      const r = runwayOf({ now, lag: 0, retention, history: [] });
      runway = r?.seconds;
      limit = r?.limit ?? 'none';
    }
    let expected: number;
    let basisText: string;
    if (lastFull !== undefined) {
      expected = lastFull;
      basisText = `the job's last full sync took ${lastFull.toFixed(1)} s`;
    } else {
      const bytes = await sourceBytes(src);
      if (bytes === undefined)
        return item('runway', 'src', true, `runway ${describeRunway(runway, limit)}; source size unknown`);
      expected = bytes / ASSUMED_COPY_BYTES_PER_SECOND;
      const what = src.spec.table ? 'source database (the table is part of it)' : 'source database';
      basisText = `expected full sync ~${Math.ceil(expected)} s: ${what} ${formatBytes(bytes)} at an assumed ${formatBytes(ASSUMED_COPY_BYTES_PER_SECOND)}/s`;
    }
    const ok = runway === undefined || runway > expected;
    return item(
      'runway',
      'src',
      ok,
      `runway ${describeRunway(runway, limit)}; ${basisText}${ok ? '' : ': a full sync would outlast the binlog it resumes from'}`,
    );
  });
}

function describeRunway(seconds: number | undefined, limit: string): string {
  if (seconds === undefined) return 'unlimited (no binlog retention limit binds)';
  return `${Math.floor(seconds)} s (binlog.${limit})`;
}
