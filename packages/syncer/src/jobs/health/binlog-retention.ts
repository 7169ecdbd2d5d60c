// How long the source keeps the binlogs a job reads, as Doris exposes it: SHOW PROC '/binlog' lists each
// stream with its length, size, first/last commit times and the limits that govern its GC (the
// database's own stream when database binlog is on, else each table's). An FE without that proc path (or
// a user without the ADMIN privilege it needs) still shows the limits in SHOW CREATE DATABASE/TABLE.
import type { SqlAccess } from '../cluster-access.js';

/** Doris's "no limit" is Long.MAX_VALUE; anything this large never binds. */
const UNLIMITED = 2 ** 62;

export interface BinlogRetention {
  /** Limits that bind (absent: unlimited). */
  readonly ttlSeconds?: number;
  readonly maxBytes?: number;
  readonly maxHistoryNums?: number;
  /** The stream as SHOW PROC '/binlog' saw it (absent when read from the properties). */
  readonly stream?: {
    /** Records, the dummy head included. */
    readonly length: number;
    readonly bytes: number;
    /** Commit times (unix ms) of the oldest and newest record that has one. */
    readonly firstAt?: number;
    readonly lastAt?: number;
  };
  /** Where the limits were read. */
  readonly from: 'show_proc_binlog' | 'properties';
}

function limit(text: unknown): number | undefined {
  if (text === null || text === undefined || !/^-?\d+$/.test(String(text))) return undefined;
  const value = Number(text);
  return value > 0 && value < UNLIMITED ? value : undefined;
}

/** Doris 2.0 names databases `default_cluster:db`; later versions plain. */
function plainName(name: unknown): string {
  return String(name ?? '').replace(/^default_cluster:/, '');
}

function fromProcRow(row: Record<string, unknown>): BinlogRetention {
  const firstAt = limit(row.FirstBinlogCommittedTime);
  const lastAt = limit(row.LastBinlogCommittedTime);
  const ttlSeconds = limit(row.BinlogTtlSeconds);
  const maxBytes = limit(row.BinlogMaxBytes);
  const maxHistoryNums = limit(row.BinlogMaxHistoryNums);
  return {
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(maxHistoryNums === undefined ? {} : { maxHistoryNums }),
    stream: {
      length: Number(row.BinlogLength ?? 0),
      bytes: Number(row.BinlogSize ?? 0),
      ...(firstAt === undefined ? {} : { firstAt }),
      ...(lastAt === undefined ? {} : { lastAt }),
    },
    from: 'show_proc_binlog',
  };
}

/** The `"key" = "value"` lines of a SHOW CREATE DATABASE/TABLE text. */
export function propertiesOf(createText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of createText.matchAll(/"([^"]+)"\s*=\s*"([^"]*)"/g)) out.set(m[1]!, m[2]!);
  return out;
}

function fromProperties(props: Map<string, string>): BinlogRetention {
  // Doris's defaults: one day of TTL (since 2.0.5), no size or count limit.
  const ttlSeconds = limit(props.get('binlog.ttl_seconds') ?? '86400');
  const maxBytes = limit(props.get('binlog.max_bytes'));
  const maxHistoryNums = limit(props.get('binlog.max_history_nums'));
  return {
    ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(maxHistoryNums === undefined ? {} : { maxHistoryNums }),
    from: 'properties',
  };
}

const q = (name: string) => `\`${name.replaceAll('`', '``')}\``;

/**
 * The retention of the stream a job reads: the database's when database binlog is on (its config governs
 * the GC of every table stream too), else the table's. `table` is empty for a database job.
 */
export async function readRetention(sql: SqlAccess, db: string, table: string): Promise<BinlogRetention> {
  try {
    const rows = await sql.query(`SHOW PROC '/binlog'`);
    const dbRow = rows.find((r) => r.Type === 'db' && plainName(r.Name) === db);
    if (dbRow && 'BinlogTtlSeconds' in dbRow) return fromProcRow(dbRow);
    const tableRow = table
      ? rows.find((r) => r.Type === 'table' && plainName(r.Name) === `${db}.${table}`)
      : undefined;
    if (tableRow && 'BinlogTtlSeconds' in tableRow) return fromProcRow(tableRow);
    // No stream yet (nothing recorded since binlog was enabled) or an FE listing fewer columns.
  } catch {
    // An FE without the proc path, or a user without ADMIN: the properties say the same limits.
  }
  const dbText = String((await sql.query(`SHOW CREATE DATABASE ${q(db)}`))[0]?.['Create Database'] ?? '');
  const dbProps = propertiesOf(dbText);
  if (dbProps.get('binlog.enable') === 'true' || !table) return fromProperties(dbProps);
  const tableText = String(
    (await sql.query(`SHOW CREATE TABLE ${q(db)}.${q(table)}`))[0]?.['Create Table'] ?? '',
  );
  return fromProperties(propertiesOf(tableText));
}
