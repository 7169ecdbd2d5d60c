// Group commit (the `group_commit` session variable or stream load header, `sync_mode` or `async_mode`):
// INSERT … VALUES statements and stream loads into one table are gathered into one transaction that commits when the table's
// group_commit_interval_ms has passed since the group opened, or sooner once group_commit_data_bytes of
// rows are waiting — so several small inserts make one transaction and one UPSERT binlog record, as in
// Doris. The group's transaction begins when the group opens; async_mode answers at once with its label,
// PREPARE status and txn id, sync_mode once the group is VISIBLE. (Doris also keeps a WAL so an async group
// survives a BE restart; the sandbox's open group is lost with the process, its transaction times out.)
import type { StoredRow } from '../../be/tablet-store.js';
import type { Database } from '../../catalog/database.js';
import type { OlapTable } from '../../catalog/table.js';
import type { ExecContext } from '../exec/exec-context.js';
import type { Frontend } from '../frontend.js';
import { dorisError, type OkResult } from '../mysql/session-types.js';
import type { Transaction } from '../txn/transaction.js';
import { newLabel } from './label.js';
import { planLoad } from './load-planner.js';
import { beginLoad, writeAndCommit } from './load-runner.js';

export type GroupCommitMode = 'sync_mode' | 'async_mode';

const DEFAULT_INTERVAL_MS = 10_000;
const DEFAULT_DATA_BYTES = 134_217_728;
const TIMEOUT_MS = 4 * 3600 * 1000;

interface Group {
  readonly db: Database;
  readonly table: OlapTable;
  readonly txn: Transaction;
  readonly rows: StoredRow[];
  bytes: number;
  readonly timer: NodeJS.Timeout;
  readonly waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

/** The session's group commit mode, or undefined for off_mode (the default). */
export function groupCommitMode(ctx: ExecContext): GroupCommitMode | undefined {
  const value = String(ctx.session.variables.get('group_commit') ?? 'off_mode').toLowerCase();
  if (value === 'sync_mode' || value === 'async_mode') return value;
  if (value === 'off_mode') return undefined;
  throw dorisError(`Invalid group_commit mode: ${value}, supported modes: off_mode, sync_mode, async_mode`);
}

const groupsByFe = new WeakMap<Frontend, Map<bigint, Group>>();

function groups(fe: Frontend): Map<bigint, Group> {
  let map = groupsByFe.get(fe);
  if (!map) {
    map = new Map();
    groupsByFe.set(fe, map);
  }
  return map;
}

function numberProperty(table: OlapTable, key: string, fallback: number): number {
  const value = Number(table.properties.get(key));
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function openGroup(fe: Frontend, db: Database, table: OlapTable): Group {
  const txn = fe.commit(() =>
    beginLoad(fe, {
      db,
      table,
      label: newLabel('group_commit'),
      sourceType: 'BACKEND_STREAMING',
      timeoutMs: TIMEOUT_MS,
    }),
  );
  const interval = numberProperty(table, 'group_commit_interval_ms', DEFAULT_INTERVAL_MS);
  const timer = setTimeout(() => flush(fe, table.id), interval);
  timer.unref();
  return { db, table, txn, rows: [], bytes: 0, timer, waiters: [] };
}

/** Commits the table's open group (its rows planned now, into the partitions as they are now). */
function flush(fe: Frontend, tableId: bigint): void {
  const group = groups(fe).get(tableId);
  if (!group) return;
  groups(fe).delete(tableId);
  clearTimeout(group.timer);
  if (!fe.sqlite.open) return;
  try {
    const planned = planLoad(group.table, group.rows);
    fe.commit(() =>
      writeAndCommit(
        fe,
        {
          db: group.db,
          table: group.table,
          label: group.txn.label,
          sourceType: 'BACKEND_STREAMING',
          timeoutMs: TIMEOUT_MS,
          planned,
        },
        group.txn,
      ),
    );
    for (const waiter of group.waiters) waiter.resolve();
  } catch (error) {
    for (const waiter of group.waiters) waiter.reject(error);
  }
}

export interface GroupCommitAnswer {
  readonly label: string;
  readonly txnId: bigint;
  /** PREPARE for async_mode (the group has not committed yet), VISIBLE for sync_mode. */
  readonly status: 'PREPARE' | 'VISIBLE';
}

/** Adds an INSERT's rows to the table's group; answers as the mode says. */
export async function groupCommitInsert(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  rows: readonly StoredRow[],
  mode: GroupCommitMode,
): Promise<OkResult> {
  const { label, txnId, status } = await groupCommit(ctx.fe, db, table, rows, mode);
  return {
    kind: 'ok',
    affectedRows: rows.length,
    info: `{'label':'${label}', 'status':'${status}', 'txnId':'${txnId}'}`,
  };
}

/** Adds rows (of an INSERT or a stream load) to the table's group; resolves as the mode says. */
export async function groupCommit(
  fe: Frontend,
  db: Database,
  table: OlapTable,
  rows: readonly StoredRow[],
  mode: GroupCommitMode,
): Promise<GroupCommitAnswer> {
  let group = groups(fe).get(table.id);
  if (!group) {
    group = openGroup(fe, db, table);
    groups(fe).set(table.id, group);
  }
  group.rows.push(...rows);
  for (const row of rows) group.bytes += JSON.stringify(row).length;
  const { txn } = group;
  const done = new Promise<void>((resolve, reject) => group.waiters.push({ resolve, reject }));
  if (group.bytes >= numberProperty(table, 'group_commit_data_bytes', DEFAULT_DATA_BYTES))
    flush(fe, table.id);
  if (mode === 'async_mode') {
    done.catch(() => undefined);
    return { label: txn.label, txnId: txn.id, status: 'PREPARE' };
  }
  await done;
  return { label: txn.label, txnId: txn.id, status: 'VISIBLE' };
}
