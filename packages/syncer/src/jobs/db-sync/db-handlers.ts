// One handler per binlog record kind for a database job. Records that create, drop, rename, replace or
// recover tables, views and the database itself are the database scope's own; every other record belongs
// to one table and is passed down to the table handlers (table-sync/table-handlers.ts) under that table's
// names, after the per-table filters: tables the job does not copy (include/exclude), tables it does not
// know, and binlogs the table's own snapshot already holds (DBTablesIncrementalSync). A mapped type over
// every record kind, so a binlog type without a handler fails the build.
import {
  type BinlogRecord,
  type BinlogRecordKind,
  type BinlogRecordOfKind,
  unwrapBarrier,
} from '@doris-ccr/protocol';
import { quoteIdent as q } from '../../clients/sql-quote.js';
import type { TableProgress } from '../progress.js';
import type { BinlogAction, TableChange } from '../replay/binlog-action.js';
import { planTableBinlog } from '../table-sync/table-handlers.js';
import type { TableFilter } from './table-filter.js';

/** What the database handlers may read: the job's databases, tables and filter (never written here). */
export interface DbPlanView {
  readonly srcDb: string;
  readonly destDb: string;
  readonly seq: bigint;
  readonly tables: Readonly<Record<string, TableProgress>>;
  readonly filter: TableFilter;
}

type Handler<K extends BinlogRecordKind> = (record: BinlogRecordOfKind<K>, view: DbPlanView) => BinlogAction;
export type DbJobHandlers = { readonly [K in BinlogRecordKind]: Handler<K> };

const ignore = (reason: string): BinlogAction => ({ kind: 'ignore', reason });

function known(view: DbPlanView, id: bigint): TableProgress | undefined {
  return view.tables[id.toString()];
}

/** Views are created in the target database: qualifiers of the source database point there instead. */
function retargetDb(sql: string, view: DbPlanView): string {
  const db = view.srcDb.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return sql
    .replace(new RegExp(`\`(?:internal\`\\.\`)?(?:default_cluster:)?${db}\`\\.`, 'g'), `${q(view.destDb)}.`)
    .replace(new RegExp(`(?<![\\w\`.])(?:internal\\.)?${db}\\.(?=\`|\\w)`, 'g'), `${q(view.destDb)}.`);
}

/**
 * The CREATE statement of the record, for the target: qualified with the target database, views pointing
 * at it, without storage medium (target-local), and tables marked as being synced like restored ones.
 */
export function createStatement(sql: string, name: string, isView: boolean, view: DbPlanView): string {
  let out = sql.trim().replace(/;\s*$/, '');
  const head = new RegExp(
    `^CREATE\\s+(TABLE|VIEW)\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(?:\`[^\`]*\`\\.)?\`?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`?`,
    'i',
  );
  out = out.replace(
    head,
    (_m, kind: string, ine: string | undefined) =>
      `CREATE ${kind.toUpperCase()} ${ine ?? ''}${q(view.destDb)}.${q(name)}`,
  );
  if (isView) return retargetDb(out, view);
  out = out.replace(/"storage_medium"\s*=\s*"[^"]*"\s*,?\s*/gi, '').replace(/,\s*\)\s*$/, ')');
  if (/\bPROPERTIES\s*\(/i.test(out) && !/"is_being_synced"/.test(out))
    out = out.replace(/\bPROPERTIES\s*\(/i, 'PROPERTIES ("is_being_synced" = "true", ');
  return out;
}

/** Passes a table-scoped record to the table handlers, or filters it out. */
function tableScoped(record: BinlogRecord, tableId: bigint, view: DbPlanView): BinlogAction {
  const t = known(view, tableId);
  if (!t) return ignore(`table ${tableId} is not copied by this job`);
  if (t.isView) return ignore(`${t.name} is a view`);
  if (t.commitSeq !== undefined && view.seq <= BigInt(t.commitSeq))
    return ignore(`the snapshot of ${t.name} already holds seq ${view.seq}`);
  const action = planTableBinlog(record, {
    srcDb: view.srcDb,
    destDb: view.destDb,
    srcTable: t.name,
    destTable: t.destName ?? t.name,
    srcTableId: tableId,
  });
  // A table's full or partial sync copies that table only, never the whole database again.
  if (action.kind === 'partial_sync') return { ...action, tableId, tableName: t.name };
  if (action.kind === 'full_sync' || action.kind === 'repoint')
    return { kind: 'partial_sync', reason: action.reason, tableId, tableName: t.name };
  return action;
}

/** A table the job does not know yet (created while its binlog was off, recovered, renamed in): copy it. */
function copyTable(tableId: bigint, name: string, reason: string): BinlogAction {
  return { kind: 'partial_sync', reason, tableId, tableName: name };
}

export const dbJobHandlers: DbJobHandlers = {
  upsert: (record, view) => {
    const tables = new Map<bigint, NonNullable<ReturnType<typeof record.tableRecords.get>>>();
    for (const [id, tr] of record.tableRecords) {
      const t = known(view, id);
      if (t && !t.isView) tables.set(id, tr);
    }
    return { kind: 'upsert', record, tables };
  },
  createTable: (r, view) => {
    if (!view.filter.matches(r.tableName)) return ignore(`${r.tableName} is not copied by this job`);
    if (/MATERIALIZED_VIEW/i.test(r.tableType) || /ENGINE\s*=\s*MATERIALIZED_VIEW/i.test(r.sql))
      return ignore('asynchronous materialized view');
    const isView = /^VIEW$/i.test(r.tableType) || /^\s*CREATE\s+VIEW/i.test(r.sql);
    const created: TableChange = { kind: 'created', srcTableId: r.tableId, name: r.tableName, isView };
    // Index ids must match the source's for inverted indexes: such a table is copied by a snapshot.
    if (!isView && /USING\s+INVERTED/i.test(r.sql))
      return copyTable(r.tableId, r.tableName, `${r.tableName} created with an inverted index`);
    const create = createStatement(r.sql, r.tableName, isView, view);
    return {
      kind: 'sql',
      statements: isView ? [`DROP VIEW IF EXISTS ${q(view.destDb)}.${q(r.tableName)}`, create] : [create],
      alreadyApplied: /already exists|Table '.*' already exists/i,
      tableChange: created,
      partialOn: /set enable_.+=.+|Incorrect column name .* Column regex is|not supported by doris-sandbox/i,
      skipOn: /Can not found function|Can not find resource/i,
    };
  },
  dropTable: (r, view) => {
    const t = known(view, r.tableId);
    if (!t) return ignore(`${r.tableName} is not copied by this job`);
    const name = t.destName ?? t.name;
    const isView = r.isView || t.isView === true;
    return {
      kind: 'sql',
      statements: [
        isView
          ? `DROP VIEW IF EXISTS ${q(view.destDb)}.${q(name)}`
          : `DROP TABLE IF EXISTS ${q(view.destDb)}.${q(name)} FORCE`,
      ],
      tableChange: { kind: 'dropped', srcTableId: r.tableId },
    };
  },
  renameTable: (r, view) => {
    if (r.oR || r.oP || r.nR || r.nP) return tableScoped(r, r.tb, view); // a rollup or partition rename
    const t = known(view, r.tb);
    const included = view.filter.matches(r.nT);
    if (!t)
      return included
        ? copyTable(r.tb, r.nT, `${r.nT} renamed into the copied tables`)
        : ignore('rename of a table not copied');
    if (!included)
      return {
        kind: 'sql',
        statements: [`DROP TABLE IF EXISTS ${q(view.destDb)}.${q(t.name)} FORCE`],
        tableChange: { kind: 'dropped', srcTableId: r.tb },
      };
    return {
      kind: 'sql',
      statements: [`ALTER TABLE ${q(view.destDb)}.${q(r.oT || t.name)} RENAME ${q(r.nT)}`],
      alreadyApplied: /Unknown table|does not exist|already exist/i,
      tableChange: { kind: 'renamed', srcTableId: r.tb, name: r.nT },
    };
  },
  replaceTable: (r, view) => {
    const origin = known(view, r.origTblId);
    const replacing = known(view, r.newTblName);
    const newName = r.actualNewTblName || replacing?.name || '';
    if (origin && replacing) {
      return {
        kind: 'sql',
        statements: [
          `ALTER TABLE ${q(view.destDb)}.${q(origin.name)} REPLACE WITH TABLE ${q(replacing.name)} PROPERTIES ("swap" = "${r.swapTable}")`,
        ],
        tableChange: {
          kind: 'replaced',
          originId: r.origTblId,
          newId: r.newTblName,
          originName: origin.name,
          newName: replacing.name,
          swap: r.swapTable,
        },
      };
    }
    // One side is not copied by the job: copy the table that now carries the copied name.
    if (view.filter.matches(r.origTblName))
      return copyTable(
        r.newTblName,
        r.origTblName,
        `${r.origTblName} replaced by a table the job did not copy`,
      );
    if (r.swapTable && newName && view.filter.matches(newName))
      return copyTable(r.origTblId, newName, `${newName} swapped with a table the job did not copy`);
    return ignore('REPLACE TABLE of tables not copied');
  },
  recoverInfo: (r, view) => {
    if (r.partitionId > 0n || r.partitionName) return tableScoped(r, r.tableId, view);
    const name = r.newTableName || r.tableName;
    if (!view.filter.matches(name)) return ignore(`${name} is not copied by this job`);
    return copyTable(r.tableId, name, `${name} recovered from the recycle bin`);
  },
  modifyViewDef: (r, view) => {
    const t = known(view, r.tableId);
    if (!t) return ignore('view not copied by this job');
    return {
      kind: 'sql',
      statements: [`ALTER VIEW ${q(view.destDb)}.${q(t.name)} AS ${retargetDb(r.inlineViewDef, view)}`],
    };
  },
  alterDatabaseProperty: () => ignore('database property'),
  dummy: () => ({ kind: 'full_sync', reason: 'binlog position was garbage-collected (dummy binlog)' }),
  barrier: (r, view) => {
    const inner = unwrapBarrier(r);
    if (inner.kind === 'barrier') return ignore('plain barrier');
    return planDbBinlog(inner, view);
  },
  addPartition: (r, view) => tableScoped(r, r.tableId, view),
  dropPartition: (r, view) => tableScoped(r, r.tableId, view),
  alterJob: (r, view) => tableScoped(r, r.tableId, view),
  modifyTableAddOrDropColumns: (r, view) => tableScoped(r, r.tableId, view),
  modifyTableProperty: (r, view) => tableScoped(r, r.tableId, view),
  modifyPartitions: (r, view) => tableScoped(r, r.tableId, view),
  replacePartitions: (r, view) => tableScoped(r, r.tblId, view),
  truncateTable: (r, view) => tableScoped(r, r.tblId, view),
  renameColumn: (r, view) => tableScoped(r, r.tableId, view),
  modifyComment: (r, view) => tableScoped(r, r.tblId, view),
  modifyTableAddOrDropInvertedIndices: (r, view) => tableScoped(r, r.tableId, view),
  indexChangeJob: (r, view) => tableScoped(r, r.tableId, view),
  renameRollup: (r, view) => tableScoped(r, r.tb, view),
  renamePartition: (r, view) => tableScoped(r, r.tb, view),
  dropRollup: (r, view) => tableScoped(r, r.tableId, view),
  modifyDistributionBucketNum: (r, view) => tableScoped(r, r.tableId, view),
  modifyDistributionType: (r, view) => tableScoped(r, r.tableId, view),
};

export function planDbBinlog(record: BinlogRecord, view: DbPlanView): BinlogAction {
  const handler = dbJobHandlers[record.kind] as (r: BinlogRecord, v: DbPlanView) => BinlogAction;
  return handler(record, view);
}
