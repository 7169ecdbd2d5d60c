// Checks shared by ALTER statements: the table must be NORMAL (no schema change, rollup or restore running)
// and must have no temporary partitions for schema changes and rollups.
import type { OlapTable } from '../../../catalog/table.js';
import { dorisError } from '../../mysql/session-types.js';

/** OlapTable.checkNormalStateForAlter. */
export function checkNormalState(table: OlapTable): void {
  if (table.state !== 'NORMAL') {
    throw dorisError(
      `Table[${table.name}]'s state(${table.state}) is not NORMAL. Do not allow doing ALTER ops`,
    );
  }
}

export function checkNoTempPartitions(table: OlapTable): void {
  if (table.tempPartitions.size > 0)
    throw dorisError('Can not alter table when there are temp partitions in table');
}
