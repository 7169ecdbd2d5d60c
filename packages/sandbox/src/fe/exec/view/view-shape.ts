// What CREATE / ALTER VIEW derive from the query: it is analyzed by the query engine (unknown tables and
// columns fail as they would in a SELECT, with the caller's SELECT privileges checked), the output columns
// give the view's schema, and the text is rewritten into the definition Doris keeps (view-sites.ts).
import { tableByName } from '../../../catalog/database.js';
import { baseColumns } from '../../../catalog/table.js';
import type { DorisType } from '../../../types/doris-type.js';
import { dorisError } from '../../mysql/session-types.js';
import { runSelect } from '../../query/index.js';
import type { SelectStatement, ViewColumn } from '../../sql/index.js';
import { catalogResolver } from '../catalog-relations.js';
import { evalEnvironment } from '../eval-environment.js';
import type { ExecContext } from '../exec-context.js';
import { applyColumnNames } from './apply-column-names.js';
import { applySites } from './apply-sites.js';
import { SiteCollector } from './view-sites.js';

export interface ViewShape {
  /** The SELECT as Doris stores it (inlineViewDef). */
  readonly definition: string;
  readonly columns: ReadonlyArray<{
    readonly name: string;
    readonly type: DorisType;
    readonly comment: string;
  }>;
}

export interface ViewQuery {
  readonly query: SelectStatement;
  readonly queryText: string;
  readonly columns?: readonly ViewColumn[];
}

// A column computed only from NULLs has no column type; Doris's view schema would say NULL_TYPE.
const NULL_COLUMN_TYPE: DorisType = { kind: 'TINYINT' };

function plan(ctx: ExecContext, query: SelectStatement) {
  // LIMIT 0 compiles the whole query (and checks privileges) without producing rows.
  return runSelect({ ...query, limit: { count: 0n } }, catalogResolver(ctx), evalEnvironment(ctx));
}

export function viewShape(ctx: ExecContext, input: ViewQuery): ViewShape {
  const planned = plan(ctx, input.query);
  const names = input.columns ? input.columns.map((c) => c.name) : planned.names;
  if (input.columns && input.columns.length !== planned.names.length) {
    throw dorisError("View's SELECT and view's field list have different column counts", 1353);
  }
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) throw dorisError(`Duplicate column name '${name}'`, 1060);
    seen.add(key);
  }
  const columns = names.map((name, i) => {
    const type = planned.types[i];
    return {
      name,
      type: type === undefined || type.kind === 'NULL' ? NULL_COLUMN_TYPE : type,
      comment: input.columns?.[i]?.comment ?? '',
    };
  });
  return { definition: definitionOf(ctx, input, names), columns };
}

function definitionOf(ctx: ExecContext, input: ViewQuery, names: readonly string[]): string {
  const collector = new SiteCollector({
    columnsOf(database, table) {
      const dbName = database ?? ctx.session.currentDb;
      const db = dbName === undefined ? undefined : ctx.fe.catalog.databaseByName(dbName);
      const found = db ? tableByName(db, table) : undefined;
      if (!db || !found) return undefined;
      const columns =
        found.kind === 'VIEW'
          ? found.columns.map((c) => c.name)
          : baseColumns(found)
              .filter((c) => c.visible)
              .map((c) => c.name);
      return { db: db.name, columns };
    },
    outputNames: (query) => plan(ctx, query).names,
  });
  // If the text and the AST ever disagree, the query is kept as written: still a valid definition.
  const qualified = applySites(input.queryText, collector.select(input.query, []).sites) ?? input.queryText;
  if (!input.columns) return qualified;
  return applyColumnNames(qualified, names) ?? qualified;
}
