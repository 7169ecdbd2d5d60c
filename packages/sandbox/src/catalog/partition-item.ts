// Partition keys and the items (ranges or value lists) that define which rows a partition holds, with the
// canonical text Doris prints for them. The syncer matches source and target partitions by that text, so it
// follows Doris's rendering exactly: a RANGE partition prints as Guava's Range of two PartitionKeys,
// `[types: [INT]; keys: [1]; ..types: [INT]; keys: [10]; )`, a LIST partition as the Java list of its keys.
import type { DorisType, StoredValue } from '../types/doris-type.js';
import { compareValues, typeBinlogName } from '../types/index.js';

export type KeyPart =
  | { readonly kind: 'value'; readonly value: StoredValue }
  | { readonly kind: 'min' }
  | { readonly kind: 'max' }
  | { readonly kind: 'null' };

export interface RangeItem {
  readonly kind: 'range';
  readonly lower: readonly KeyPart[];
  readonly upper: readonly KeyPart[];
}

export interface ListItem {
  readonly kind: 'list';
  readonly keys: ReadonlyArray<readonly KeyPart[]>;
}

export type PartitionItem = RangeItem | ListItem;

export function compareKeyPart(type: DorisType, a: KeyPart, b: KeyPart): number {
  const rank = (p: KeyPart) => (p.kind === 'min' ? 0 : p.kind === 'null' ? 1 : p.kind === 'value' ? 2 : 3);
  if (a.kind === 'value' && b.kind === 'value') return compareValues(type, a.value, b.value);
  return rank(a) - rank(b);
}

export function compareKeys(
  types: readonly DorisType[],
  a: readonly KeyPart[],
  b: readonly KeyPart[],
): number {
  for (let i = 0; i < types.length; i++) {
    const c = compareKeyPart(types[i]!, a[i] ?? { kind: 'min' }, b[i] ?? { kind: 'min' });
    if (c !== 0) return c;
  }
  return 0;
}

/** Does a row whose partition columns hold `values` belong to `item`? */
export function itemContains(
  types: readonly DorisType[],
  item: PartitionItem,
  values: readonly StoredValue[],
): boolean {
  const key: KeyPart[] = values.map((v) => (v === null ? { kind: 'null' } : { kind: 'value', value: v }));
  if (item.kind === 'range') {
    return compareKeys(types, item.lower, key) <= 0 && compareKeys(types, key, item.upper) < 0;
  }
  return item.keys.some((k) => compareKeys(types, k, key) === 0);
}

export function rangesOverlap(types: readonly DorisType[], a: RangeItem, b: RangeItem): boolean {
  return compareKeys(types, a.lower, b.upper) < 0 && compareKeys(types, b.lower, a.upper) < 0;
}

// Lower bounds of the first partition and unspecified trailing columns are the type's minimum value.
const MIN_TEXT: Partial<Record<DorisType['kind'], string>> = {
  TINYINT: '-128',
  SMALLINT: '-32768',
  INT: '-2147483648',
  BIGINT: '-9223372036854775808',
  LARGEINT: '-170141183460469231731687303715884105728',
  DATE: '0000-01-01',
  DATETIME: '0000-01-01 00:00:00',
  BOOLEAN: 'false',
};

function keyPartText(type: DorisType, part: KeyPart): string {
  switch (part.kind) {
    case 'max':
      return 'MAXVALUE';
    case 'null':
      return 'NULL';
    case 'min':
      return MIN_TEXT[type.kind] ?? '';
    case 'value':
      return type.kind === 'BOOLEAN' ? (part.value === 1 ? 'true' : 'false') : String(part.value);
  }
}

function partitionKeyText(types: readonly DorisType[], key: readonly KeyPart[]): string {
  const typeNames = types.map((t) => typeBinlogName(t)).join(', ');
  const keys = types.map((t, i) => keyPartText(t, key[i] ?? { kind: 'min' })).join(', ');
  return `types: [${typeNames}]; keys: [${keys}]; `;
}

/** The canonical string of a partition: `Range` in SHOW PARTITIONS, `range` in getMeta and UPSERT binlogs. */
export function itemCanonicalText(types: readonly DorisType[], item: PartitionItem | undefined): string {
  if (!item) return '';
  if (item.kind === 'range') {
    return `[${partitionKeyText(types, item.lower)}..${partitionKeyText(types, item.upper)})`;
  }
  return `[${item.keys.map((k) => partitionKeyText(types, k)).join(', ')}]`;
}

/**
 * How a bound prints in SQL. `show` is SHOW CREATE TABLE's style (Doris's PartitionKey.toSql: dates in
 * single quotes, other values in double quotes); `clause` is the ADD PARTITION clause a binlog carries
 * (every value double-quoted).
 */
export type ValuesStyle = 'show' | 'clause';

function keyPartSql(type: DorisType, part: KeyPart, style: ValuesStyle): string {
  switch (part.kind) {
    case 'max':
      return 'MAXVALUE';
    case 'null':
      return 'NULL';
    case 'min':
    case 'value': {
      const text = keyPartText(type, part);
      const dateLike = type.kind === 'DATE' || type.kind === 'DATETIME';
      return style === 'show' && dateLike ? `'${text}'` : JSON.stringify(text);
    }
  }
}

/** The VALUES clause of a partition, e.g. `VALUES [('2024-01-01'), ('2024-02-01'))` or `VALUES IN (("1"),("2"))`. */
export function itemValuesSql(types: readonly DorisType[], item: PartitionItem, style: ValuesStyle): string {
  const tuple = (k: readonly KeyPart[]) => `(${k.map((p, i) => keyPartSql(types[i]!, p, style)).join(', ')})`;
  if (item.kind === 'range') return `VALUES [${tuple(item.lower)}, ${tuple(item.upper)})`;
  return `VALUES IN (${item.keys.map(tuple).join(',')})`;
}
