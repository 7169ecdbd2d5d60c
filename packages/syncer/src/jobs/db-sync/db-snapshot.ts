// A database job's snapshot plans: the whole database (DBFullSync: one backup of the database, one
// restore, id mappings for every table, replay from the lowest table commit seq with per-table filtering),
// and one table inside the job (DBPartialSync of some partitions or the whole table, DBSpecificTableFullSync
// of the whole table): that table only, never the whole database again.
import { quoteIdent as q } from '../../clients/sql-quote.js';
import { cred } from '../job-context.js';
import { JobError, retryable } from '../job-errors.js';
import { moveTo } from '../job-state.js';
import { markReplayedTo, type TableProgress, tableOf } from '../progress.js';
import { readSnapshotInfo, snapshotObjects } from '../snapshot/snapshot-info.js';
import type { SnapshotScope } from '../snapshot/snapshot-ops.js';
import { notVisibleYet, type SnapshotPlan } from '../snapshot/snapshot-steps.js';
import type { DbJobContext } from './db-job-context.js';

/** The table of a one-table sync is gone on the source (dropped, or renamed away): give the sync up. */
export class TableGone extends JobError {
  constructor(message: string) {
    super(message, 'retryable');
  }
}

const SCHEMA_MISMATCH = /(Table|View) (?:\[)?`?([^`\]\s]+)`?(?:\])? already exist but with different schema/;

async function dropMismatched(ctx: DbJobContext, status: string): Promise<'retry'> {
  const m = SCHEMA_MISMATCH.exec(status);
  if (!m) throw retryable(`restore failed and the mismatched object is not named: ${status}`);
  const [, kind, name] = m;
  ctx.log(
    'warn',
    `target ${kind!.toLowerCase()} ${name} differs from the snapshot; dropping it and restoring again`,
  );
  await ctx.dest.sql.execute(
    kind === 'View'
      ? `DROP VIEW IF EXISTS ${q(ctx.destDb)}.${q(name!)}`
      : `DROP TABLE IF EXISTS ${q(ctx.destDb)}.${q(name!)} FORCE`,
  );
  return 'retry';
}

/** Target table ids by name, in one getMeta. */
async function destIds(ctx: DbJobContext, names: readonly string[]): Promise<Map<string, bigint>> {
  if (names.length === 0) return new Map();
  const meta = await ctx.dest.fe.getMeta({
    ...cred(ctx.dest),
    db: { name: ctx.destDb, tables: names.map((name) => ({ name })) },
  });
  return new Map(
    (meta.db_meta?.tables ?? []).flatMap((t) => (t.id && t.name ? [[t.name, t.id] as const] : [])),
  );
}

export function dbFullPlan(ctx: DbJobContext): SnapshotPlan {
  return {
    kind: 'full',
    snapshotTable: '',
    atomic: true,
    scope(): SnapshotScope {
      // The backup takes the whole database; with a filter, only the copied objects are restored.
      const restoring = ctx.filter.all ? undefined : ctx.restoring;
      return {
        srcDb: ctx.srcDb,
        destDb: ctx.destDb,
        tables: (restoring ?? []).map((o) => ({ src: o.name, dest: o.name })),
      };
    },
    backupFailed(message, error): never {
      throw retryable(`BACKUP of database ${ctx.srcDb} failed: ${message}`, error);
    },
    accept(blobs) {
      const objects = snapshotObjects(blobs.jobInfo).filter((o) => ctx.filter.matches(o.name));
      if (!ctx.filter.all && objects.length === 0)
        throw retryable(`source database ${ctx.srcDb} has no table the job copies yet`);
      ctx.restoring = objects;
      const p = ctx.progress;
      const now = ctx.clock.now();
      const reason = p.history[p.history.length - 1]?.reason ?? 'full sync';
      p.tables = {};
      let resume: bigint | undefined;
      for (const o of objects) {
        const t: TableProgress = {
          name: o.name,
          shadowIndexes: {},
          ...(o.isView ? { isView: true } : {}),
          ...(o.commitSeq !== undefined ? { commitSeq: o.commitSeq.toString() } : {}),
          lastSync: { kind: 'full', reason, at: now },
        };
        p.tables[o.id.toString()] = t;
        if (o.commitSeq !== undefined && o.commitSeq > 0n && (resume === undefined || o.commitSeq < resume))
          resume = o.commitSeq;
      }
      // Replay starts at the oldest table's snapshot; newer tables skip what their snapshot holds.
      const overall = blobs.commitSeq > 0n ? blobs.commitSeq : undefined;
      p.commitSeq = (resume ?? overall ?? 0n).toString();
    },
    schemaMismatch: (status) => dropMismatched(ctx, status),
    async finish() {
      const p = ctx.progress;
      const entries = Object.values(p.tables);
      const ids = await destIds(
        ctx,
        entries.map((t) => t.name),
      );
      for (const t of entries) {
        const id = ids.get(t.name);
        if (!id && !t.isView) throw notVisibleYet(ctx.destDb, t.name);
        if (id) t.destId = id.toString();
      }
      delete ctx.restoring;
      p.prevCommitSeq = p.commitSeq;
      moveTo(p, { state: 'DBTablesIncrementalSync', step: 'idle' });
      markReplayedTo(p, BigInt(p.commitSeq));
    },
  };
}

/** Where a whole-table sync restores before the swap; derived from the sync id (found again). */
function aliasOf(ctx: DbJobContext, name: string): string | undefined {
  return ctx.progress.partial?.partitions ? undefined : `__ccr_${name}_${ctx.progress.syncId}`;
}

export function dbTablePlan(ctx: DbJobContext): SnapshotPlan {
  const partial = ctx.progress.partial!;
  const entry = () => tableOf(ctx.progress, partial.tableId);
  const name = () => entry().name;
  return {
    kind: 'partial',
    snapshotTable: name(),
    atomic: false,
    scope(): SnapshotScope {
      return {
        srcDb: ctx.srcDb,
        destDb: ctx.destDb,
        tables: [{ src: name(), dest: aliasOf(ctx, name()) ?? name() }],
        ...(partial.partitions ? { partitions: partial.partitions } : {}),
      };
    },
    backupFailed(message, error): never {
      if (/Unknown table|does not exist/i.test(message))
        throw new TableGone(`table ${name()} is gone from the source (${message})`);
      if (partial.partitions && /Unknown partition/i.test(message))
        throw new JobError(
          `partitions ${partial.partitions.join(', ')} are gone: ${message}`,
          'needs_partial_sync',
          error,
          {
            tableId: BigInt(partial.tableId),
            tableName: name(),
          },
        );
      throw retryable(`BACKUP of ${name()} failed: ${message}`, error);
    },
    accept(blobs) {
      const backedUp = snapshotObjects(blobs.jobInfo).find((o) => o.name === name() && !o.isView);
      if (!backedUp) throw new TableGone(`the snapshot holds no table ${name()}`);
      if (backedUp.id.toString() !== partial.tableId) {
        // The name belongs to another table now (dropped and re-created): the job copies the new one.
        const t = entry();
        delete ctx.progress.tables[partial.tableId];
        ctx.progress.tables[backedUp.id.toString()] = { ...t, shadowIndexes: {} };
        ctx.progress.partial = { ...partial, tableId: backedUp.id.toString() };
      }
      const info = readSnapshotInfo(blobs.jobInfo, { name: name(), id: backedUp.id });
      ctx.progress.commitSeq = (info.commitSeq ?? blobs.commitSeq).toString();
      if (partial.partitions)
        ctx.progress.snapshotVersions = Object.fromEntries(
          [...info.partitionVersions].map(([id, v]) => [id, v.toString()]),
        );
    },
    async schemaMismatch(status) {
      if (partial.partitions)
        throw new JobError(
          `restore of partitions of ${name()} failed: ${status}`,
          'needs_partial_sync',
          undefined,
          {
            tableId: BigInt(ctx.progress.partial!.tableId),
            tableName: name(),
          },
        );
      return dropMismatched(ctx, status);
    },
    async finish() {
      const p = ctx.progress;
      const current = p.partial!;
      const t = tableOf(p, current.tableId);
      const alias = aliasOf(ctx, t.name);
      if (alias) {
        const present = await destIds(ctx, [alias, t.name]);
        const db = q(ctx.destDb);
        if (present.has(alias))
          await ctx.dest.sql.execute(
            present.has(t.name)
              ? `ALTER TABLE ${db}.${q(t.name)} REPLACE WITH TABLE ${q(alias)} PROPERTIES ("swap" = "false")`
              : `ALTER TABLE ${db}.${q(alias)} RENAME ${q(t.name)}`,
          );
      }
      const id = (await destIds(ctx, [t.name])).get(t.name);
      if (!id) throw notVisibleYet(ctx.destDb, t.name);
      t.destId = id.toString();
      const last = p.history[p.history.length - 1];
      t.lastSync = { kind: 'partial', reason: last?.reason ?? 'partial sync', at: ctx.clock.now() };
      if (current.partitions) {
        const earlier = t.restored;
        const untilSeq =
          earlier && BigInt(earlier.untilSeq) > BigInt(p.commitSeq) ? earlier.untilSeq : p.commitSeq;
        t.restored = { untilSeq, versions: { ...earlier?.versions, ...p.snapshotVersions } };
      } else {
        t.commitSeq = p.commitSeq;
        t.shadowIndexes = {};
        delete t.restored;
      }
      // Replay resumes after the binlog that asked for this sync; the table skips what its snapshot holds.
      p.prevCommitSeq = current.fromSeq;
      p.commitSeq = current.fromSeq;
      moveTo(p, { state: 'DBTablesIncrementalSync', step: 'idle' });
      markReplayedTo(p, BigInt(current.fromSeq));
    },
  };
}
