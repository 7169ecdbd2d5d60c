// Which partitions a delete job writes its predicate to when DELETE names none (DeleteJob's partition
// pruning): conditions on partition columns (=, IN, <, <=, >, >=, !=) select the partitions that can hold
// matching rows. Pruning is conservative: a partition is dropped only when no value it can hold satisfies a
// condition (only the first column of a multi-column range is used, as each condition is judged alone).
import { findColumn } from '../../../catalog/column.js';
import { compareKeyPart, type KeyPart } from '../../../catalog/partition-item.js';
import { baseColumns, type OlapTable, type Partition } from '../../../catalog/table.js';
import type { DorisType, StoredValue } from '../../../types/doris-type.js';
import { coerceValue } from '../../../types/index.js';
import type { Expression } from '../../sql/index.js';
import { DEFAULT_VALUE, literalInput } from '../literal-input.js';
import type { ColumnRange, DeleteCondition } from './delete-conditions.js';

/** The value a literal stands for in the column's type; undefined when it does not convert (no pruning). */
function keyPartOf(type: DorisType, e: Expression): KeyPart | undefined {
  try {
    const input = literalInput(e);
    if (input === DEFAULT_VALUE) return undefined;
    const v: StoredValue = coerceValue(type, input);
    return v === null ? { kind: 'null' } : { kind: 'value', value: v };
  } catch {
    return undefined;
  }
}

interface Span {
  readonly lower: KeyPart;
  readonly upper: KeyPart;
  /** Whether `upper` itself belongs to the span (a multi-column range's first column). */
  readonly upperInclusive: boolean;
}

function inSpan(type: DorisType, span: Span, v: KeyPart): boolean {
  const c = compareKeyPart(type, v, span.upper);
  return compareKeyPart(type, span.lower, v) <= 0 && (span.upperInclusive ? c <= 0 : c < 0);
}

/** Can some value of the span satisfy `range`? */
function spanMayMatch(type: DorisType, span: Span, range: ColumnRange): boolean {
  switch (range.kind) {
    case 'any':
      return true;
    case 'values':
      return range.values.some((e) => {
        const v = keyPartOf(type, e);
        return v === undefined || inSpan(type, span, v);
      });
    case 'bound': {
      const v = keyPartOf(type, range.value);
      if (v === undefined) return true;
      switch (range.op) {
        case '>':
        case '>=': {
          const c = compareKeyPart(type, v, span.upper);
          return span.upperInclusive ? c <= 0 : c < 0;
        }
        case '<':
          return compareKeyPart(type, span.lower, v) < 0;
        case '<=':
          return compareKeyPart(type, span.lower, v) <= 0;
        default: {
          const unreachable: never = range.op;
          return unreachable;
        }
      }
    }
    default: {
      const unreachable: never = range;
      return unreachable;
    }
  }
}

function keyMayMatch(type: DorisType, key: KeyPart, range: ColumnRange): boolean {
  return spanMayMatch(type, { lower: key, upper: key, upperInclusive: true }, range);
}

function mayHoldRows(
  table: OlapTable,
  partition: Partition,
  constraints: ReadonlyMap<number, ColumnRange[]>,
): boolean {
  const item = partition.item;
  if (!item) return true;
  const types = table.partitionColumns.map((n) => findColumn(baseColumns(table), n)!.type);
  if (item.kind === 'range') {
    const ranges = constraints.get(0);
    if (!ranges) return true;
    const span: Span = {
      lower: item.lower[0] ?? { kind: 'min' },
      upper: item.upper[0] ?? { kind: 'max' },
      upperInclusive: types.length > 1,
    };
    return ranges.every((r) => spanMayMatch(types[0]!, span, r));
  }
  return item.keys.some((key) =>
    [...constraints].every(([i, ranges]) =>
      ranges.every((r) => keyMayMatch(types[i]!, key[i] ?? { kind: 'null' }, r)),
    ),
  );
}

/**
 * The partitions a delete job with `conditions` must write to, or undefined when no condition restricts a
 * partition column (Doris then asks for a PARTITION clause unless `delete_without_partition` is set).
 */
export function prunedPartitions(
  table: OlapTable,
  conditions: readonly DeleteCondition[],
): Partition[] | undefined {
  const all = [...table.partitions.values()];
  if (table.partitionType === 'UNPARTITIONED') return all;
  const constraints = new Map<number, ColumnRange[]>();
  table.partitionColumns.forEach((name, i) => {
    const ranges = conditions
      .filter((c) => c.range !== undefined && c.column.name.toLowerCase() === name.toLowerCase())
      .map((c) => c.range!);
    if (ranges.length > 0) constraints.set(i, ranges);
  });
  if (constraints.size === 0) return undefined;
  return all.filter((p) => mayHoldRows(table, p, constraints));
}
