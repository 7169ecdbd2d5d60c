// ALTER TABLE … MODIFY COMMENT '…' and MODIFY COLUMN c COMMENT '…' (Alter.processModifyTableComment /
// processModifyColumnComment): metadata only, recorded as a barrier-wrapped MODIFY_COMMENT in 2.1.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../../catalog/database.js';
import type { OlapTable } from '../../../catalog/table.js';
import { baseIndex } from '../../../catalog/table.js';
import { dorisError } from '../../mysql/session-types.js';
import type { ModifyColumnCommentClause, ModifyTableCommentClause } from '../../sql/index.js';
import { barrierPayload, logDdl } from '../ddl-log.js';
import type { ExecContext } from '../exec-context.js';

function logComment(ctx: ExecContext, db: Database, table: OlapTable, inner: object): void {
  logDdl(ctx.fe, BinlogType.BARRIER, db.id, [table.id], () =>
    barrierPayload(db.id, table.id, BinlogType.MODIFY_COMMENT, inner),
  );
}

export function modifyTableComment(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clause: ModifyTableCommentClause,
): void {
  ctx.fe.commit(() => {
    table.comment = clause.comment;
    ctx.fe.catalog.saveTable(db, table);
    logComment(ctx, db, table, { type: 'TABLE', dbId: db.id, tblId: table.id, tblComment: clause.comment });
  });
}

export function modifyColumnComments(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  clauses: readonly ModifyColumnCommentClause[],
): void {
  const colToComment = new Map<string, string>();
  const base = baseIndex(table).columns;
  for (const clause of clauses) {
    const column = base.find((c) => c.visible && c.name.toLowerCase() === clause.column.toLowerCase());
    if (!column) throw dorisError(`Unknown column: ${clause.column}`);
    if ([...colToComment.keys()].some((k) => k.toLowerCase() === clause.column.toLowerCase())) {
      throw dorisError(`Duplicate column: ${clause.column}`);
    }
    colToComment.set(clause.column, clause.comment);
  }
  ctx.fe.commit(() => {
    for (const meta of table.indexes.values()) {
      meta.columns = meta.columns.map((c) => {
        const entry = [...colToComment].find(([k]) => k.toLowerCase() === c.name.toLowerCase());
        return entry ? { ...c, comment: entry[1] } : c;
      });
    }
    ctx.fe.catalog.saveTable(db, table);
    logComment(ctx, db, table, {
      type: 'COLUMN',
      dbId: db.id,
      tblId: table.id,
      colToComment: Object.fromEntries(colToComment),
    });
  });
}
