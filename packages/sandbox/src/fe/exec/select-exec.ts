// SELECT through the query engine over the catalog's relations (pausing during large scans).
import { executeSelectAsync } from '../query/index.js';
import type { SelectStatement } from '../sql/index.js';
import { catalogResolver } from './catalog-relations.js';
import { evalEnvironment } from './eval-environment.js';
import type { ExecContext } from './exec-context.js';

export function select(ctx: ExecContext, stmt: SelectStatement) {
  return executeSelectAsync(stmt, catalogResolver(ctx), evalEnvironment(ctx));
}
