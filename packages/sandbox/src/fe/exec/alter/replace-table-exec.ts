// ALTER TABLE a REPLACE WITH TABLE b [PROPERTIES ("swap" = "true|false")] [FORCE] (Alter.processReplaceTable):
// swap exchanges the two names; without swap `a` is dropped (recycle bin unless FORCE) and `b` takes its
// name. Recorded as a barrier-wrapped REPLACE_TABLE in 2.1.
import { BinlogType } from '@doris-ccr/protocol';
import type { Database } from '../../../catalog/database.js';
import { tableByName } from '../../../catalog/database.js';
import { baseIndex, type OlapTable } from '../../../catalog/table.js';
import { dorisError, SqlError } from '../../mysql/session-types.js';
import { recycleTable } from '../../recycle/recycle-bin.js';
import type { ReplaceWithTableClause } from '../../sql/index.js';
import { tabletsOf } from '../database-exec.js';
import { barrierPayload, logDdl } from '../ddl-log.js';
import { checkPriv, type ExecContext } from '../exec-context.js';
import { checkNormalState } from './alter-checks.js';

function swapFlag(clause: ReplaceWithTableClause): boolean {
  let swap = true;
  for (const p of clause.properties) {
    if (p.key !== 'swap') throw dorisError(`Unknown properties: {${p.key}=${p.value}}`);
    const v = p.value.toLowerCase();
    if (v !== 'true' && v !== 'false') throw dorisError(`Invalid value for swap: ${p.value}`);
    swap = v === 'true';
  }
  return swap;
}

export function replaceWithTable(
  ctx: ExecContext,
  db: Database,
  orig: OlapTable,
  clause: ReplaceWithTableClause,
): void {
  const swap = swapFlag(clause);
  const other = tableByName(db, clause.table);
  if (!other)
    throw new SqlError(`errCode = 2, detailMessage = Unknown table '${clause.table}'`, 1051, '42S02');
  if (other.kind !== 'OLAP') throw dorisError(`${db.name}.${other.name} is not OLAP table`, 1347);
  checkPriv(ctx, 'ALTER', db.name, other.name);
  if (other.id === orig.id) throw dorisError('Same table name');
  checkNormalState(other);
  const origName = orig.name;
  const otherName = other.name;
  ctx.fe.commit(() => {
    // Logged first: once `a` is gone its table-level binlog setting can no longer be looked up.
    const inner = {
      dbId: db.id,
      origTblId: orig.id,
      origTblName: origName,
      newTblName: other.id,
      actualNewTblName: otherName,
      swapTable: swap,
      isForce: clause.force,
    };
    logDdl(ctx.fe, BinlogType.BARRIER, db.id, [orig.id], () =>
      barrierPayload(db.id, orig.id, BinlogType.REPLACE_TABLE, inner),
    );
    other.name = origName;
    baseIndex(other).name = origName;
    ctx.fe.catalog.saveTable(db, other);
    if (swap) {
      orig.name = otherName;
      baseIndex(orig).name = otherName;
      ctx.fe.catalog.saveTable(db, orig);
    } else {
      const tablets = tabletsOf(orig);
      ctx.fe.catalog.dropTable(db, orig);
      if (clause.force) {
        for (const backend of ctx.fe.backends.values()) for (const id of tablets) backend.dropTablet(id);
      } else {
        recycleTable(ctx.fe, db, orig);
      }
    }
  });
}
