// SELECT through the query engine over the catalog's relations.
import { executeSelect } from '../query/index.js';
import type { SelectStatement } from '../sql/index.js';
import { catalogResolver } from './catalog-relations.js';
import { evalEnvironment } from './eval-environment.js';
import type { ExecContext } from './exec-context.js';

export function select(ctx: ExecContext, stmt: SelectStatement) {
  return executeSelect(stmt, catalogResolver(ctx), evalEnvironment(ctx));
}
