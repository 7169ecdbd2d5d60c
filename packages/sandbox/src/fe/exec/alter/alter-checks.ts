// Checks shared by ALTER statements: the table must be NORMAL (no schema change, rollup or restore running)
// and must have no temporary partitions for schema changes and rollups.
import type { OlapTable } from '../../../catalog/table.js';
import { IN_ATOMIC_RESTORE } from '../../backup/job-types.js';
import { dorisError } from '../../mysql/session-types.js';

/** OlapTable.checkNormalStateForAlter. */
export function checkNormalState(table: OlapTable): void {
  if (table.state !== 'NORMAL') {
    throw dorisError(
      `Table[${table.name}]'s state(${table.state}) is not NORMAL. Do not allow doing ALTER ops`,
    );
  }
  // An atomic restore leaves the table NORMAL (readers and loads go on) but marks it, so that no ALTER
  // changes a table that the restore is about to replace.
  if (table.properties.get(IN_ATOMIC_RESTORE) === 'true') {
    throw dorisError(`Table[${table.name}] is in atomic restore state. Do not allow doing ALTER ops`);
  }
}

export function checkNoTempPartitions(table: OlapTable): void {
  if (table.tempPartitions.size > 0)
    throw dorisError('Can not alter table when there are temp partitions in table');
}
