// dynamic_partition.* table properties (DynamicPartitionProperty / DynamicPartitionUtil): parsing with
// Doris's defaults and validation messages, for ALTER TABLE SET, the scheduler and SHOW CREATE TABLE.
import { findColumn } from '../../catalog/column.js';
import { baseColumns, type OlapTable } from '../../catalog/table.js';
import { replicationNumber } from '../ddl/table-properties.js';
import { dorisError } from '../mysql/session-types.js';

export type DynamicTimeUnit = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';

export const DP_PREFIX = 'dynamic_partition.';
const MIN_START = -2147483648;

export interface DynamicPartitionConfig {
  readonly enable: boolean;
  readonly timeUnit: DynamicTimeUnit;
  readonly timeZone: string;
  readonly start: number;
  readonly end: number;
  readonly prefix: string;
  readonly buckets: number;
  readonly replicationNum: number;
  readonly createHistoryPartition: boolean;
  readonly historyPartitionNum: number;
  readonly hotPartitionNum: number;
  readonly reservedHistoryPeriods: string;
  readonly startDayOfWeek: number;
  readonly startDayOfMonth: number;
  readonly storageMedium?: string;
}

const KNOWN = new Set([
  'enable',
  'time_unit',
  'time_zone',
  'start',
  'end',
  'prefix',
  'buckets',
  'replication_num',
  'replication_allocation',
  'create_history_partition',
  'history_partition_num',
  'hot_partition_num',
  'reserved_history_periods',
  'start_day_of_week',
  'start_day_of_month',
  'storage_medium',
  'storage_policy',
]);

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function int(value: string, invalid: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw dorisError(invalid.replace('%s', value));
  const n = Number(value.trim());
  if (!Number.isSafeInteger(n) || n < MIN_START || n > 2147483647)
    throw dorisError(invalid.replace('%s', value));
  return n;
}

function bool(value: string, message: string): boolean {
  const v = value.toLowerCase();
  if (v !== 'true' && v !== 'false') throw dorisError(message.replace('%s', value));
  return v === 'true';
}

/** True when the table has dynamic partition properties (enabled or not). */
export function hasDynamicPartition(properties: ReadonlyMap<string, string>): boolean {
  return properties.has(`${DP_PREFIX}time_unit`) || properties.has(`${DP_PREFIX}enable`);
}

export function isDynamicPartitionEnabled(table: OlapTable): boolean {
  return (
    hasDynamicPartition(table.properties) &&
    table.properties.get(`${DP_PREFIX}enable`)?.toLowerCase() !== 'false'
  );
}

/** Parses and validates the table's dynamic partition settings (throws Doris's analysis errors). */
export function dynamicPartitionConfig(
  table: OlapTable,
  properties: ReadonlyMap<string, string> = table.properties,
): DynamicPartitionConfig {
  const get = (k: string) => properties.get(`${DP_PREFIX}${k}`);
  for (const key of properties.keys()) {
    if (key.startsWith(DP_PREFIX) && !KNOWN.has(key.slice(DP_PREFIX.length)))
      throw dorisError(`Invalid dynamic partition properties: ${key}`);
  }
  if (table.partitionType !== 'RANGE')
    throw dorisError('Only support dynamic partition properties on range partition table');
  if (table.partitionColumns.length !== 1)
    throw dorisError('Dynamic partition only support single-column range partition');
  const column = findColumn(baseColumns(table), table.partitionColumns[0]!);
  const kind = column?.type.kind;
  if (!kind || !['DATE', 'DATETIME', 'TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'LARGEINT'].includes(kind)) {
    throw dorisError('Dynamic Partition Only Support DATE, DATETIME and INTEGER Type Now.');
  }
  const unitText = get('time_unit');
  if (unitText === undefined) throw dorisError('Must assign dynamic_partition.time_unit properties');
  const timeUnit = unitText.toUpperCase() as DynamicTimeUnit;
  if (!['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'].includes(timeUnit)) {
    throw dorisError(`Unsupported time unit ${unitText}. Expect HOUR/DAY/WEEK/MONTH/YEAR.`);
  }
  if (timeUnit === 'HOUR' && kind !== 'DATETIME') {
    throw dorisError(
      `dynamic_partition.time_unit could not be HOUR when type of partition column ${column!.name} is ${kind === 'DATE' ? 'DATEV2' : 'Integer'}`,
    );
  }
  const endText = get('end');
  if (endText === undefined || endText === '') throw dorisError('Dynamic partition end is empty');
  const end = int(endText, 'Invalid dynamic partition end %s');
  if (end <= 0) throw dorisError('Dynamic partition end must greater than 0');
  const start = int(get('start') ?? String(MIN_START), 'Invalid dynamic partition start %s');
  if (start >= 0) throw dorisError('Dynamic partition start must less than 0');
  const prefix = get('prefix') ?? 'p';
  if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(prefix))
    throw dorisError(`Invalid dynamic partition prefix: ${prefix}.`);
  const buckets = int(
    get('buckets') ?? String(table.distribution.buckets),
    'Invalid dynamic partition buckets %s',
  );
  if (buckets <= 0) throw dorisError('Dynamic partition buckets must greater than 0');
  const replication = get('replication_allocation') ?? get('replication_num');
  const replicationNum =
    replication === undefined
      ? replicationNumber(table.properties)
      : replicationNumber(
          new Map([
            [get('replication_allocation') ? 'replication_allocation' : 'replication_num', replication],
          ]),
        );
  const historyPartitionNum = int(
    get('history_partition_num') ?? '-1',
    'Invalid properties: dynamic_partition.history_partition_num',
  );
  const startDayOfWeek = int(
    get('start_day_of_week') ?? '1',
    'Invalid properties: dynamic_partition.start_day_of_week',
  );
  if (startDayOfWeek < 1 || startDayOfWeek > 7)
    throw dorisError('dynamic_partition.start_day_of_week should between 1 and 7');
  const startDayOfMonth = int(
    get('start_day_of_month') ?? '1',
    'Invalid properties: dynamic_partition.start_day_of_month',
  );
  if (startDayOfMonth < 1 || startDayOfMonth > 28)
    throw dorisError('dynamic_partition.start_day_of_month should between 1 and 28');
  const timeZone = get('time_zone') ?? systemTimeZone();
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw dorisError(`Unknown or incorrect time zone: '${timeZone}'`);
  }
  const createHistoryPartition = bool(
    get('create_history_partition') ?? 'false',
    'Invalid dynamic partition create_history_partition: %s. Expected true or false',
  );
  if (createHistoryPartition && start === MIN_START && historyPartitionNum === -1) {
    throw dorisError('Provide start or history_partition_num property when creating history partition');
  }
  return {
    enable: bool(get('enable') ?? 'true', 'Invalid dynamic partition enable: %s. Expected true or false'),
    timeUnit,
    timeZone,
    start,
    end,
    prefix,
    buckets,
    replicationNum,
    createHistoryPartition,
    historyPartitionNum,
    hotPartitionNum: int(
      get('hot_partition_num') ?? '0',
      'Invalid dynamic_partition.hot_partition_num value',
    ),
    reservedHistoryPeriods: get('reserved_history_periods') ?? 'NULL',
    startDayOfWeek,
    startDayOfMonth,
    ...(get('storage_medium') === undefined ? {} : { storageMedium: get('storage_medium')!.toUpperCase() }),
  };
}

/** The dynamic_partition.* lines of SHOW CREATE TABLE, in Doris 2.1's order with its defaults filled in. */
export function dynamicPartitionDisplay(table: OlapTable): Array<[string, string]> {
  if (!hasDynamicPartition(table.properties)) return [];
  let c: DynamicPartitionConfig;
  try {
    c = dynamicPartitionConfig(table);
  } catch {
    return [...table.properties].filter(([k]) => k.startsWith(DP_PREFIX));
  }
  const out: Array<[string, string]> = [
    ['dynamic_partition.enable', String(c.enable)],
    ['dynamic_partition.time_unit', c.timeUnit],
    ['dynamic_partition.time_zone', c.timeZone],
    ['dynamic_partition.start', String(c.start)],
    ['dynamic_partition.end', String(c.end)],
    ['dynamic_partition.prefix', c.prefix],
    ['dynamic_partition.replication_allocation', `tag.location.default: ${c.replicationNum}`],
    ['dynamic_partition.buckets', String(c.buckets)],
    ['dynamic_partition.create_history_partition', String(c.createHistoryPartition)],
    ['dynamic_partition.history_partition_num', String(c.historyPartitionNum)],
    ['dynamic_partition.hot_partition_num', String(c.hotPartitionNum)],
    ['dynamic_partition.reserved_history_periods', c.reservedHistoryPeriods],
  ];
  // Doris prints `"dynamic_partition.storage_policy" = ""` too; it is left out while CREATE TABLE (which
  // replays this text) does not accept the key.
  const policy = table.properties.get('dynamic_partition.storage_policy');
  if (policy !== undefined) out.push(['dynamic_partition.storage_policy', policy]);
  if (c.storageMedium) out.push(['dynamic_partition.storage_medium', c.storageMedium]);
  if (c.timeUnit === 'WEEK') out.push(['dynamic_partition.start_day_of_week', String(c.startDayOfWeek)]);
  if (c.timeUnit === 'MONTH') out.push(['dynamic_partition.start_day_of_month', String(c.startDayOfMonth)]);
  return out;
}
