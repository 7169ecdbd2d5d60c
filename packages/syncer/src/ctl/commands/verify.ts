// `ccr verify NAME [--table T]…`: compares source and target per table and partition (row count and an
// order-independent checksum at one commit point, POST /verify); exit 1 when they differ.
import type { VerifySide, VerifyTable, VerifyView } from '../api-types.js';
import type { Ctx } from '../context.js';
import { FOUND_PROBLEMS_EXIT_CODE } from '../errors.js';
import { mark, type Output, table } from '../output.js';

function rowsText(o: Output, src: VerifySide, dest: VerifySide): string {
  if (src.missing || dest.missing)
    return o.c.red(`${src.missing ? 'missing' : src.rows} ≠ ${dest.missing ? 'missing' : dest.rows}`);
  return src.rows === dest.rows ? String(src.rows) : o.c.red(`${src.rows} ≠ ${dest.rows}`);
}

function checksumText(o: Output, src: VerifySide, dest: VerifySide): string {
  return src.checksum === dest.checksum ? src.checksum : o.c.red(`${src.checksum} ≠ ${dest.checksum}`);
}

/** Why a table's figures may not be the whole story. */
function tableNote(o: Output, t: VerifyTable): string {
  const notes = [
    t.error ? o.c.red(t.error) : '',
    t.settled === false ? o.c.yellow('unsettled: the source kept changing') : '',
    t.skipped_columns?.length ? o.c.dim(`not in the checksum: ${t.skipped_columns.join(', ')}`) : '',
  ].filter(Boolean);
  return notes.join('; ');
}

export function verifyReport(o: Output, v: VerifyView): string {
  const rows: string[][] = [];
  for (const t of v.tables) {
    rows.push([
      mark(o, t.match),
      t.table === t.dest_table ? t.table : `${t.table} → ${t.dest_table}`,
      '',
      rowsText(o, t.src, t.dest),
      checksumText(o, t.src, t.dest),
      tableNote(o, t),
    ]);
    // Partitions are listed for a table that differs: they say where to look.
    if (!t.match)
      for (const p of t.partitions ?? [])
        if (!p.match)
          rows.push([
            mark(o, p.match),
            '',
            p.partition,
            rowsText(o, p.src, p.dest),
            checksumText(o, p.src, p.dest),
            '',
          ]);
  }
  const verdict = v.matched
    ? o.c.green(
        `✓ ${v.job}: source and target match (${v.tables.length} table${v.tables.length === 1 ? '' : 's'})`,
      )
    : o.c.red(
        `✗ ${v.job}: ${v.differences} table${v.differences === 1 ? '' : 's'} differ${v.differences === 1 ? 's' : ''}${v.unsettled ? `, ${v.unsettled} unsettled` : ''}`,
      );
  const took = (Date.parse(v.finished_at) - Date.parse(v.started_at)) / 1000;
  return [
    table(o, ['', 'TABLE', 'PARTITION', 'ROWS', 'CHECKSUM', 'NOTE'], rows),
    `${verdict} at source commit seq ${v.commit_seq}, ${v.attempts} attempt${v.attempts === 1 ? '' : 's'}, ${Number.isFinite(took) ? `${took.toFixed(1)} s` : ''}`,
  ].join('\n');
}

export async function verifyCommand(ctx: Ctx, name: string, options: { table?: string[] }): Promise<number> {
  const body = { name, ...(options.table?.length ? { tables: options.table } : {}) };
  // Checksumming every row of both clusters takes minutes on large tables (1M rows: about 40 s on a sandbox).
  const answer = await ctx.client.call<{ verify: VerifyView }>('verify', body, { timeoutMs: 3_600_000 });
  const v = answer.body.verify;
  ctx.o.out(ctx.json ? answer.text : verifyReport(ctx.o, v));
  return v.matched ? 0 : FOUND_PROBLEMS_EXIT_CODE;
}
