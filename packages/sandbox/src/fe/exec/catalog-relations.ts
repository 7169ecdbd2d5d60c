// The query engine's view of the catalog: tables scan the visible rows of their base index (one alive
// replica per tablet), views are expanded by the caller, and a few system relations answer what MySQL
// clients and the syncer ask (frontends(), backends(), information_schema.tables).
import { scanTablet } from '../../be/tablet-store.js';
import { tableByName } from '../../catalog/database.js';
import { baseColumns, flattensNested, type OlapTable, type Partition } from '../../catalog/table.js';
import { openPinnedReader, SLICE_MS } from '../../storage/pinned-reader.js';
import type { StoredValue } from '../../types/doris-type.js';
import { coerceValue, type DorisType } from '../../types/index.js';
import { partitionByName } from '../alter/partition-ops.js';
import type { Frontend } from '../frontend.js';
import { dorisError, SqlError } from '../mysql/session-types.js';
import {
  PAUSE,
  type PartitionSelection,
  type Relation,
  type RelationColumn,
  type RelationResolver,
} from '../query/relation.js';
import { readableBackend } from '../system/replica-state.js';
import { BACKEND_COLUMNS, backendRows, FRONTEND_COLUMNS, frontendRows } from './cluster-rows.js';
import type { ExecContext } from './exec-context.js';
import { checkPriv, requireDb } from './exec-context.js';
import { viewRelation } from './view/view-relation.js';

const VARCHAR = { kind: 'VARCHAR', length: 65533 } as const;

/** Below this many rows a scan is short enough to run in one turn without a pinned reader. */
const PAUSABLE_SCAN_ROWS = 50_000;

function textRelation(
  name: string,
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | null>>,
): Relation {
  return {
    name,
    columns: columns.map((c): RelationColumn => ({ name: c, type: VARCHAR, nullable: true })),
    rows: () => rows,
    count: () => rows.length,
  };
}

/** A VARIANT column of a table with `variant_enable_flatten_nested` reads its arrays of objects as nested. */
function queriedType(table: OlapTable, type: DorisType): DorisType {
  if (type.kind !== 'VARIANT' || !flattensNested(table)) return type;
  return { kind: 'VARIANT', flattenNested: true };
}

/** The partitions a PARTITION clause names, with Doris's errors for a view or an unknown name. */
function selectedPartitions(db: string, table: OlapTable, selection: PartitionSelection): Partition[] {
  const pool = selection.temporary ? table.tempPartitions : table.partitions;
  return selection.names.map((name) => {
    const partition = partitionByName(pool, name);
    if (!partition)
      throw dorisError(`Partition: ${name} is not exists on table internal.${db}.${table.name}`);
    return partition;
  });
}

/** `partitions`: only these partitions' rows (a PARTITION clause); absent: the whole table. */
export function tableRelation(
  fe: Frontend,
  table: OlapTable,
  alias?: string,
  partitions?: readonly Partition[],
): Relation {
  const columns = baseColumns(table).filter((c) => c.visible);
  const uids = columns.map((c) => String(c.uniqueId));
  // Rows written before a light ADD COLUMN lack the new column: they read as its default, as in Doris.
  const defaults = columns.map((c) => {
    if (c.defaultValue === undefined || c.defaultValue === null) return null;
    if (c.defaultValue === 'CURRENT_TIMESTAMP' || c.defaultValue === 'CURRENT_DATE') return null;
    try {
      return coerceValue(c.type, c.defaultValue);
    } catch {
      return null;
    }
  });
  const tablets = (partitions ?? [...table.partitions.values()]).flatMap(
    (p) => p.indexes.get(table.baseIndexId)?.tablets ?? [],
  );
  const replicaOf = (tablet: (typeof tablets)[number]) => {
    const backend = readableBackend(fe.backends, tablet);
    if (!backend)
      throw dorisError(`Failed to get scan range, no queryable replica found in tablet: ${tablet.id}`);
    return backend;
  };
  const count = () => tablets.reduce((n, t) => n + replicaOf(t).rowCount(t.id), 0);
  const values = (stored: Record<string, unknown>) =>
    uids.map((uid, i) => (uid in stored ? ((stored[uid] as StoredValue) ?? null) : defaults[i]!));
  return {
    name: alias ?? table.name,
    columns: columns.map((c) => ({ name: c.name, type: queriedType(table, c.type), nullable: c.nullable })),
    *rows() {
      for (const tablet of tablets) {
        for (const stored of replicaOf(tablet).rows(tablet.id)) yield values(stored);
      }
    },
    *pausableRows() {
      if (count() < PAUSABLE_SCAN_ROWS) {
        yield* this.rows();
        return;
      }
      const replicas = tablets.map((t) => [t.id, replicaOf(t).id] as const);
      const reader = openPinnedReader(fe.sqlite);
      try {
        let sliceStart = performance.now();
        let n = 0;
        for (const [tabletId, backendId] of replicas) {
          for (const stored of scanTablet(reader.db, backendId, tabletId)) {
            yield values(stored);
            if ((++n & 1023) === 0 && performance.now() - sliceStart > SLICE_MS) {
              yield PAUSE;
              sliceStart = performance.now();
            }
          }
        }
      } finally {
        reader.close();
      }
    },
    count,
  };
}

/** `checkPrivileges` false: the tables inside a view's definition (only the view's privilege is checked). */
export function catalogResolver(ctx: ExecContext, checkPrivileges = true): RelationResolver {
  const fe = ctx.fe;
  return {
    table(database, name, partitions) {
      if (database?.toLowerCase() === 'information_schema') return informationSchema(ctx, name);
      const db = requireDb(ctx, database);
      const table = tableByName(db, name);
      if (!table)
        throw new SqlError(
          `errCode = 2, detailMessage = Table [${name}] does not exist in database [${db.name}].`,
          1146,
          '42S02',
        );
      if (checkPrivileges) checkPriv(ctx, 'SELECT', db.name, table.name);
      if (table.kind === 'VIEW') {
        if (partitions)
          throw dorisError(
            `Only OLAP table is support select by partition for now,Table: ${table.name} is not OLAP table`,
          );
        return viewRelation(ctx, table, catalogResolver(ctx, false));
      }
      return tableRelation(
        fe,
        table,
        undefined,
        partitions && selectedPartitions(db.name, table, partitions),
      );
    },
    tableFunction(name) {
      switch (name.toLowerCase()) {
        case 'frontends':
          checkPriv(ctx, 'ADMIN');
          return textRelation('frontends', FRONTEND_COLUMNS, frontendRows(fe, ctx.session.frontendIndex));
        case 'backends':
          checkPriv(ctx, 'ADMIN');
          return textRelation('backends', BACKEND_COLUMNS, backendRows(fe));
        default:
          throw dorisError(`Can not find table function '${name}'`);
      }
    },
  };
}

const TABLES_COLUMNS = [
  'TABLE_CATALOG',
  'TABLE_SCHEMA',
  'TABLE_NAME',
  'TABLE_TYPE',
  'ENGINE',
  'VERSION',
  'ROW_FORMAT',
  'TABLE_ROWS',
  'AVG_ROW_LENGTH',
  'DATA_LENGTH',
  'MAX_DATA_LENGTH',
  'INDEX_LENGTH',
  'DATA_FREE',
  'AUTO_INCREMENT',
  'CREATE_TIME',
  'UPDATE_TIME',
  'CHECK_TIME',
  'TABLE_COLLATION',
  'CHECKSUM',
  'CREATE_OPTIONS',
  'TABLE_COMMENT',
];

function informationSchema(ctx: ExecContext, name: string): Relation {
  if (name.toLowerCase() === 'tables') {
    const rows: Array<Array<string | null>> = [];
    for (const db of ctx.fe.catalog.databases()) {
      if (!ctx.fe.auth.hasAnyInDb(ctx.session.user, 'SELECT', db.name)) continue;
      for (const t of db.tables.values()) {
        rows.push([
          'internal',
          db.name,
          t.name,
          t.kind === 'VIEW' ? 'VIEW' : 'BASE TABLE',
          t.kind === 'VIEW' ? null : 'Doris',
          null,
          null,
          '0',
          '0',
          '0',
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          'utf-8',
          null,
          null,
          t.comment,
        ]);
      }
    }
    // Lower-case aliases: MySQL clients (and the syncer) read `table_name`.
    const rel = textRelation('tables', TABLES_COLUMNS, rows);
    return { ...rel, columns: rel.columns.map((c) => ({ ...c, name: c.name.toLowerCase() })) };
  }
  throw dorisError(`Unknown table 'information_schema.${name}'`);
}
