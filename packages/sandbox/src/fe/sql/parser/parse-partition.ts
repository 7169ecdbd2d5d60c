import type {
  BucketCount,
  Distribution,
  PartitionDefinition,
  PartitionScheme,
  PartitionValue,
  PartitionValues,
  RollupDefinition,
} from '../ast/partition.js';
import type { TokenCursor } from './cursor.js';
import {
  parseIdentifier,
  parseIdentifierList,
  parseIfNotExists,
  parseOptionalProperties,
  parsePropertyList,
  parseSmallInteger,
} from './parse-common.js';

/** `RANGE(cols) (…)` or `LIST(cols) (…)`, after `PARTITION BY`. */
export function parsePartitionScheme(c: TokenCursor): PartitionScheme {
  let kind: PartitionScheme['kind'];
  if (c.acceptWord('RANGE')) kind = 'RangePartitionScheme';
  else if (c.acceptWord('LIST')) kind = 'ListPartitionScheme';
  else throw c.fail('RANGE or LIST');
  if (c.isOp('(') && c.peek(1).type === 'word' && c.isOp('(', 2)) {
    throw c.unsupported('partition expression (only AUTO PARTITION uses one)', c.peek(1));
  }
  const columns = parseIdentifierList(c);
  c.expectOp('(');
  const partitions: PartitionDefinition[] = [];
  if (!c.acceptOp(')')) {
    do {
      if (c.isWord('FROM')) throw c.unsupported('batch partitions (FROM … TO … INTERVAL)');
      c.expectWord('PARTITION');
      const partition = parsePartitionDefinition(c);
      checkValuesMatchScheme(c, kind, partition);
      partitions.push(partition);
    } while (c.acceptOp(','));
    c.expectOp(')');
  }
  return { kind, columns, partitions };
}

function checkValuesMatchScheme(
  c: TokenCursor,
  kind: PartitionScheme['kind'],
  partition: PartitionDefinition,
): void {
  const values = partition.values;
  if (values === undefined) throw c.fail(`VALUES for partition ${partition.name}`, c.previous());
  const isList = values.kind === 'InValues';
  if (isList !== (kind === 'ListPartitionScheme')) {
    throw c.fail(
      isList ? 'VALUES LESS THAN or VALUES [ … ) for a RANGE partition' : 'VALUES IN for a LIST partition',
      c.previous(),
    );
  }
}

/** `[IF NOT EXISTS] name [VALUES …] [("k" = "v", …)]`, after the PARTITION keyword. */
export function parsePartitionDefinition(c: TokenCursor): PartitionDefinition {
  const ifNotExists = parseIfNotExists(c);
  const name = parseIdentifier(c, 'partition name');
  const values = c.acceptWord('VALUES') ? parsePartitionValues(c) : undefined;
  const properties = c.isOp('(') ? parsePropertyList(c) : [];
  return values === undefined ? { name, ifNotExists, properties } : { name, ifNotExists, values, properties };
}

/** What follows VALUES: `LESS THAN …`, `[(…), (…))` or `IN (…)`. */
export function parsePartitionValues(c: TokenCursor): PartitionValues {
  if (c.acceptWords('LESS', 'THAN')) {
    if (c.acceptWord('MAXVALUE')) return { kind: 'LessThanValues', upper: [{ kind: 'PartitionMaxValue' }] };
    return { kind: 'LessThanValues', upper: parseValueTuple(c, 'range') };
  }
  if (c.acceptOp('[')) {
    const lower = parseValueTuple(c, 'range');
    c.expectOp(',');
    const upper = parseValueTuple(c, 'range');
    c.expectOp(')');
    return { kind: 'FixedRangeValues', lower, upper };
  }
  if (c.acceptWord('IN')) {
    c.expectOp('(');
    const tuples: PartitionValue[][] = [];
    do {
      tuples.push(c.isOp('(') ? parseValueTuple(c, 'list') : [parsePartitionValue(c, 'list')]);
    } while (c.acceptOp(','));
    c.expectOp(')');
    return { kind: 'InValues', tuples };
  }
  throw c.fail('LESS THAN, [ or IN');
}

function parseValueTuple(c: TokenCursor, context: 'range' | 'list'): PartitionValue[] {
  c.expectOp('(');
  const values = [parsePartitionValue(c, context)];
  while (c.acceptOp(',')) values.push(parsePartitionValue(c, context));
  c.expectOp(')');
  return values;
}

function parsePartitionValue(c: TokenCursor, context: 'range' | 'list'): PartitionValue {
  const token = c.peek();
  if (token.type === 'string' || token.type === 'integer') {
    c.next();
    return { kind: 'PartitionLiteral', value: token.value };
  }
  if (token.type === 'op' && token.value === '-' && c.peek(1).type === 'integer') {
    c.next();
    return { kind: 'PartitionLiteral', value: `-${c.next().value}` };
  }
  if (context === 'range' && c.acceptWord('MAXVALUE')) return { kind: 'PartitionMaxValue' };
  if (context === 'list' && c.acceptWord('NULL')) return { kind: 'PartitionNullValue' };
  throw c.fail(
    context === 'range'
      ? 'partition value (string, integer or MAXVALUE)'
      : 'partition value (string, integer or NULL)',
  );
}

/** `HASH(cols) [BUCKETS n|AUTO]` or `RANDOM [BUCKETS n|AUTO]`, after `DISTRIBUTED BY`. */
export function parseDistribution(c: TokenCursor): Distribution {
  if (c.acceptWord('HASH')) {
    const columns = parseIdentifierList(c);
    const buckets = parseOptionalBuckets(c);
    return buckets === undefined
      ? { kind: 'HashDistribution', columns }
      : { kind: 'HashDistribution', columns, buckets };
  }
  if (c.acceptWord('RANDOM')) {
    const buckets = parseOptionalBuckets(c);
    return buckets === undefined ? { kind: 'RandomDistribution' } : { kind: 'RandomDistribution', buckets };
  }
  throw c.fail('HASH or RANDOM');
}

/** Optional `DISTRIBUTED BY …`. */
export function parseOptionalDistribution(c: TokenCursor): Distribution | undefined {
  if (!c.acceptWords('DISTRIBUTED', 'BY')) return undefined;
  return parseDistribution(c);
}

function parseOptionalBuckets(c: TokenCursor): BucketCount | undefined {
  if (!c.acceptWord('BUCKETS')) return undefined;
  if (c.acceptWord('AUTO')) return 'AUTO';
  const token = c.peek();
  const buckets = parseSmallInteger(c, 'bucket number or AUTO');
  if (buckets < 1) throw c.fail('bucket number of at least 1', token);
  return buckets;
}

/** `name (cols) [DUPLICATE KEY (cols)] [FROM base] [PROPERTIES (…)]`. */
export function parseRollupDefinition(c: TokenCursor): RollupDefinition {
  const name = parseIdentifier(c, 'rollup name');
  const columns = parseIdentifierList(c);
  const duplicateKeys = c.acceptWords('DUPLICATE', 'KEY') ? parseIdentifierList(c) : undefined;
  const fromIndex = c.acceptWord('FROM') ? parseIdentifier(c, 'base index name') : undefined;
  const properties = parseOptionalProperties(c);
  return {
    name,
    columns,
    ...(duplicateKeys ? { duplicateKeys } : {}),
    ...(fromIndex === undefined ? {} : { fromIndex }),
    properties,
  };
}
