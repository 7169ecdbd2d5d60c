// Partition definitions of CREATE TABLE / ADD PARTITION → partition items, with Doris's checks: values
// must fit the partition column types, ranges must not overlap, list values must be unique.
import type { Column } from '../../catalog/column.js';
import {
  compareKeys,
  type KeyPart,
  type ListItem,
  type PartitionItem,
  type RangeItem,
  rangesOverlap,
} from '../../catalog/partition-item.js';
import type { Partition } from '../../catalog/table.js';
import type { DorisType } from '../../types/doris-type.js';
import { coerceValue, ValueError } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import type { PartitionDefinition, PartitionValue } from '../sql/index.js';

function keyPart(column: Column, value: PartitionValue): KeyPart {
  switch (value.kind) {
    case 'PartitionMaxValue':
      return { kind: 'max' };
    case 'PartitionNullValue':
      return { kind: 'null' };
    case 'PartitionLiteral':
      try {
        return { kind: 'value', value: coerceValue(column.type, value.value, { column: column.name }) };
      } catch (error) {
        if (error instanceof ValueError)
          throw dorisError(`Invalid partition value: ${value.value}. ${error.message}`);
        throw error;
      }
  }
}

function fill(columns: readonly Column[], values: readonly PartitionValue[], filler: KeyPart): KeyPart[] {
  if (values.length > columns.length) {
    throw dorisError(`Partition values number is more than partition column number: ${values.length}`);
  }
  return columns.map((c, i) => (values[i] ? keyPart(c, values[i]) : filler));
}

/**
 * Builds the item of one partition. `LESS THAN` partitions take the previous partition's upper bound as
 * their lower bound (`previousUpper`), as Doris does when partitions are listed in order.
 */
export function buildItem(
  kind: 'RANGE' | 'LIST',
  columns: readonly Column[],
  def: PartitionDefinition,
  previousUpper: readonly KeyPart[] | undefined,
): PartitionItem {
  const values = def.values;
  if (!values) throw dorisError(`partition ${def.name} has no VALUES`);
  if (kind === 'RANGE') {
    if (values.kind === 'InValues')
      throw dorisError('List partition values should not be used in range partition');
    const upper = fill(columns, values.upper, { kind: 'min' });
    const lower =
      values.kind === 'FixedRangeValues'
        ? fill(columns, values.lower, { kind: 'min' })
        : (previousUpper ?? columns.map((): KeyPart => ({ kind: 'min' })));
    const types = columns.map((c) => c.type);
    if (compareKeys(types, lower, upper) >= 0) {
      throw dorisError(`Range of partition ${def.name} is empty: lower bound must be less than upper bound`);
    }
    return { kind: 'range', lower, upper } satisfies RangeItem;
  }
  if (values.kind !== 'InValues')
    throw dorisError('Range partition values should not be used in list partition');
  const keys = values.tuples.map((tuple) => {
    if (tuple.length !== columns.length) {
      throw dorisError(
        `partition key desc list size[${tuple.length}] is not equal to partition column size[${columns.length}]`,
      );
    }
    return columns.map((c, i) => keyPart(c, tuple[i]!));
  });
  return { kind: 'list', keys } satisfies ListItem;
}

/** Rejects an item that overlaps (range) or shares a value with (list) an existing partition. */
export function checkNoConflict(
  types: readonly DorisType[],
  item: PartitionItem,
  existing: readonly Partition[],
  name: string,
): void {
  for (const p of existing) {
    if (!p.item) continue;
    if (item.kind === 'range' && p.item.kind === 'range' && rangesOverlap(types, item, p.item)) {
      throw dorisError(`Range ${name} is intersected with range ${p.name}`);
    }
    if (item.kind === 'list' && p.item.kind === 'list') {
      for (const key of item.keys) {
        if (p.item.keys.some((k) => compareKeys(types, k, key) === 0)) {
          throw dorisError(
            `The partition key ${JSON.stringify(key.map((k) => (k.kind === 'value' ? k.value : k.kind)))} in partition item ${name} is conflict with current partitionKeys in ${p.name}`,
          );
        }
      }
    }
  }
}
