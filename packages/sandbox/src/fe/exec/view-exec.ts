// CREATE [OR REPLACE] VIEW, ALTER VIEW, DROP VIEW. A view is stored with the definition Doris keeps (the
// query with every name fully qualified, view/view-sites.ts) and its output schema. CREATE records
// CREATE_TABLE (table type VIEW); ALTER — and CREATE OR REPLACE of an existing view, which Doris runs as an
// ALTER VIEW — records MODIFY_VIEW_DEF wrapped in a BARRIER; DROP VIEW is DROP TABLE's path (DROP_TABLE with
// isView, recycle bin).

import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../catalog/database.js';
import { tableByName } from '../../catalog/database.js';
import type { View } from '../../catalog/table.js';
import { renderTypeSql } from '../../types/index.js';
import { checkTableName } from '../ddl/name-format.js';
import { dorisError, SqlError } from '../mysql/session-types.js';
import type { AlterViewStatement, CreateViewStatement, DropViewStatement } from '../sql/index.js';
import { barrierPayload, logDdl } from './ddl-log.js';
import { checkPriv, type ExecContext, findTable, requireDb } from './exec-context.js';
import { ok } from './result-helpers.js';
import { dropTable } from './table-exec.js';
import { alterViewInfo, createViewRecord } from './view/view-ddl.js';
import { type ViewQuery, type ViewShape, viewShape } from './view/view-shape.js';

function schemaOf(shape: ViewShape): View['columns'] {
  return shape.columns.map((c) => ({ name: c.name, typeSql: renderTypeSql(c.type), comment: c.comment }));
}

function checkInternalCatalog(catalog: string | undefined): void {
  if (catalog !== undefined && catalog !== 'internal') {
    throw dorisError(`External catalog '${catalog}' is not allowed in 'CreateViewStmt'`);
  }
}

export function createView(ctx: ExecContext, stmt: CreateViewStatement) {
  checkInternalCatalog(stmt.view.catalog);
  const db = requireDb(ctx, stmt.view.database);
  const name = stmt.view.table;
  checkTableName(name);
  checkPriv(ctx, 'CREATE', db.name, name);
  if (stmt.orReplace && stmt.ifNotExists) {
    throw dorisError('[OR REPLACE] and [IF NOT EXISTS] cannot used at the same time');
  }
  const existing = tableByName(db, name);
  if (existing) {
    if (stmt.ifNotExists) return ok();
    if (!stmt.orReplace) {
      throw new SqlError(`errCode = 2, detailMessage = Table '${name}' already exists`, 1050, '42S01');
    }
    if (existing.kind !== 'VIEW') {
      throw dorisError(`failed to replace view[${name}], reason='${db.name}.${name}' is not VIEW`);
    }
    return replaceDefinition(ctx, db, existing, stmt);
  }
  const shape = viewShape(ctx, stmt);
  ctx.fe.commit(() => {
    const view: View = {
      kind: 'VIEW',
      id: ctx.fe.sequences.allocId(),
      name,
      definition: shape.definition,
      columns: schemaOf(shape),
      comment: stmt.comment ?? '',
      createTime: ctx.fe.clock.now(),
    };
    ctx.fe.catalog.saveTable(db, view);
    logDdl(ctx.fe, BinlogType.CREATE_TABLE, db.id, [view.id], (seq) =>
      createViewRecord(seq, db.id, db.name, view),
    );
  });
  return ok();
}

export function alterView(ctx: ExecContext, stmt: AlterViewStatement) {
  checkInternalCatalog(stmt.view.catalog);
  const { db, table } = findTable(ctx, stmt.view);
  if (table.kind !== 'VIEW') throw dorisError(`ALTER VIEW not allowed on a table:${db.name}.${table.name}`);
  checkPriv(ctx, 'ALTER', db.name, table.name);
  return replaceDefinition(ctx, db, table, stmt);
}

/** Alter.modifyViewDef: new definition and schema, same id, name and comment. */
function replaceDefinition(ctx: ExecContext, db: Database, view: View, query: ViewQuery) {
  const shape = viewShape(ctx, query);
  ctx.fe.commit(() => {
    view.definition = shape.definition;
    view.columns = schemaOf(shape);
    ctx.fe.catalog.saveTable(db, view);
    logDdl(ctx.fe, BinlogType.BARRIER, db.id, [view.id], () =>
      barrierPayload(
        db.id,
        view.id,
        BinlogType.MODIFY_VIEW_DEF,
        alterViewInfo(db.id, view.id, shape.definition, shape.columns),
      ),
    );
  });
  return ok();
}

export function dropView(ctx: ExecContext, stmt: DropViewStatement) {
  return dropTable(
    ctx,
    { kind: 'DropTableStatement', ifExists: stmt.ifExists, table: stmt.view, force: false },
    true,
  );
}
