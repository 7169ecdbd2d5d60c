// LOAD DATA LOCAL INFILE (Doris's MySQL load): the client sends a CSV file over the MySQL connection and it
// is loaded as a stream load would load it — same CSV reading, row building, partition planning and one
// transaction with its UPSERT binlog record — answered with the OK info Doris gives
// (`Records: n  Deleted: 0  Skipped: m  Warnings: 0`). Loading a file from the FE's own disk (no LOCAL) is
// refused as by a Doris FE without mysql_load_server_secure_path.
import type { StoredRow } from '../../be/tablet-store.js';
import { autoIncrementValues } from '../exec/auto-increment.js';
import { checkPriv, type ExecContext, findOlapTable } from '../exec/exec-context.js';
import { buildRow, RowError, rowShape } from '../exec/row-builder.js';
import { csvRecords, LoadFormatError, unescapeSeparator } from '../http/stream-load-parse.js';
import { dorisError, type LocalInfileRequest, type OkResult } from '../mysql/session-types.js';
import type { LoadDataStatement } from '../sql/index.js';
import { newLabel } from './label.js';
import { NoPartitionError, planLoad } from './load-planner.js';
import { runLoad } from './load-runner.js';

const TIMEOUT_MS = 4 * 3600 * 1000;

export function loadData(ctx: ExecContext, stmt: LoadDataStatement): LocalInfileRequest {
  if (!stmt.local) {
    throw dorisError(
      'Load local data from fe local is not enabled. If you want to use it, plz set the `mysql_load_server_secure_path` for FE to be a right path.',
    );
  }
  const { db, table } = findOlapTable(ctx, stmt.table);
  checkPriv(ctx, 'LOAD', db.name, table.name);
  const partitions = stmt.partitions?.map((name) => {
    const found = [...table.partitions.values()].find((p) => p.name === name);
    if (!found) throw dorisError(`Partition ${name} does not exist in table ${table.name}`);
    return found;
  });
  const shape = rowShape(table, stmt.columns, { autoIncrement: autoIncrementValues(ctx.fe, table) });
  const format = {
    format: 'csv' as const,
    columnSeparator: unescapeSeparator(stmt.columnSeparator ?? '\t'),
    lineDelimiter: unescapeSeparator(stmt.lineDelimiter ?? '\n'),
    stripOuterArray: false,
    readJsonByLine: false,
    skipLines: stmt.ignoreLines,
  };
  return {
    kind: 'localInfile',
    fileName: stmt.file,
    complete(data: Buffer): OkResult {
      const now = ctx.fe.clock.now();
      const rows: StoredRow[] = [];
      const errors: string[] = [];
      try {
        for (const record of csvRecords(data.toString('utf8'), format)) {
          try {
            rows.push(buildRow(shape, record, now));
          } catch (error) {
            if (!(error instanceof RowError)) throw error;
            errors.push(error.message);
          }
        }
      } catch (error) {
        if (error instanceof LoadFormatError) throw dorisError(error.message);
        throw error;
      }
      // max_filter_ratio is 0 unless the statement's PROPERTIES say otherwise
      const ratio = Number(stmt.properties.find((p) => p.key === 'max_filter_ratio')?.value ?? '0');
      if (errors.length > 0 && errors.length / (rows.length + errors.length) > ratio) {
        throw dorisError(`[DATA_QUALITY_ERROR]too many filtered rows. ${errors[0]}`);
      }
      let planned: ReturnType<typeof planLoad>;
      try {
        planned = planLoad(table, rows, partitions ? { partitions } : {});
      } catch (error) {
        if (error instanceof NoPartitionError) {
          throw dorisError('[DATA_QUALITY_ERROR]too many filtered rows. no partition for this tuple');
        }
        throw error;
      }
      const outcome = runLoad(ctx.fe, {
        db,
        table,
        label: newLabel('mysql_load'),
        sourceType: 'BACKEND_STREAMING',
        timeoutMs: TIMEOUT_MS,
        planned,
      });
      return {
        kind: 'ok',
        affectedRows: outcome.rowCount,
        info: `Records: ${outcome.rowCount}  Deleted: 0  Skipped: ${errors.length}  Warnings: 0`,
      };
    },
  };
}
