// The partitions a dynamic partition table should have (DynamicPartitionUtil.getPartitionRangeString and
// getFormattedPartitionName): borders of each time unit in the table's time zone, rendered in the partition
// column's format (yyyy-MM-dd, yyyy-MM-dd HH:mm:ss, or yyyyMMdd for integer columns), and the names
// prefix + yyyyMMdd / yyyyMMddHH / yyyy_ww / yyyyMM / yyyy.
import type { Column } from '../../catalog/column.js';
import type { KeyPart, RangeItem } from '../../catalog/partition-item.js';
import { coerceValue } from '../../types/index.js';
import type { DynamicPartitionConfig } from './dynamic-partition-config.js';

/** A wall-clock time of the table's time zone, held in a UTC Date so calendar arithmetic is exact. */
type Wall = Date;

function wallNow(nowMs: number, timeZone: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
  }).formatToParts(new Date(nowMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour')));
}

function addDays(d: Wall, days: number): Wall {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, d.getUTCHours()));
}

function startOfDay(d: Wall): Wall {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** The start of the period `offset` units away from the one holding `now`. */
export function periodStart(config: DynamicPartitionConfig, now: Wall, offset: number): Wall {
  switch (config.timeUnit) {
    case 'HOUR':
      return new Date(now.getTime() + offset * 3_600_000);
    case 'DAY':
      return addDays(startOfDay(now), offset);
    case 'WEEK': {
      const week = addDays(startOfDay(now), offset * 7);
      const isoDay = ((week.getUTCDay() + 6) % 7) + 1;
      return addDays(week, config.startDayOfWeek - isoDay);
    }
    case 'MONTH': {
      // A month partition starts on start_day_of_month; before that day `now` belongs to the previous one.
      const back = now.getUTCDate() < config.startDayOfMonth ? 1 : 0;
      return new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset - back, config.startDayOfMonth),
      );
    }
    case 'YEAR':
      return new Date(Date.UTC(now.getUTCFullYear() + offset, 0, 1));
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function dateText(d: Wall): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Border text in the partition column's format. */
export function borderText(column: Column, d: Wall): string {
  if (column.type.kind === 'DATE') return dateText(d);
  if (column.type.kind === 'DATETIME') return `${dateText(d)} ${pad(d.getUTCHours())}:00:00`;
  return dateText(d).replace(/-/g, '');
}

/** Week of year as java.util.Calendar counts it (weeks start on Sunday; week 1 holds January 1st). */
function weekOfYear(d: Wall): number {
  const jan1 = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const dayOfYear = Math.round((startOfDay(d).getTime() - jan1.getTime()) / 86_400_000);
  return Math.floor((dayOfYear + jan1.getUTCDay()) / 7) + 1;
}

export function partitionName(config: DynamicPartitionConfig, start: Wall): string {
  const ymd = dateText(start).replace(/-/g, '');
  switch (config.timeUnit) {
    case 'HOUR':
      return `${config.prefix}${ymd}${pad(start.getUTCHours())}`;
    case 'DAY':
      return `${config.prefix}${ymd}`;
    case 'WEEK':
      return `${config.prefix}${start.getUTCFullYear()}_${pad(weekOfYear(start))}`;
    case 'MONTH':
      return `${config.prefix}${ymd.slice(0, 6)}`;
    case 'YEAR':
      return `${config.prefix}${ymd.slice(0, 4)}`;
  }
}

function keyPart(column: Column, d: Wall): KeyPart {
  return { kind: 'value', value: coerceValue(column.type, borderText(column, d), { column: column.name }) };
}

export interface PlannedPartition {
  readonly name: string;
  readonly item: RangeItem;
}

/** The partition `offset` periods away from now. */
export function plannedPartition(
  config: DynamicPartitionConfig,
  column: Column,
  nowMs: number,
  offset: number,
): PlannedPartition {
  const now = wallNow(nowMs, config.timeZone);
  const lower = periodStart(config, now, offset);
  const upper = periodStart(config, now, offset + 1);
  return {
    name: partitionName(config, lower),
    item: { kind: 'range', lower: [keyPart(column, lower)], upper: [keyPart(column, upper)] },
  };
}

/** The first border kept when old partitions are dropped (dynamic_partition.start periods ago). */
export function retentionBorder(
  config: DynamicPartitionConfig,
  column: Column,
  nowMs: number,
): readonly KeyPart[] {
  return [keyPart(column, periodStart(config, wallNow(nowMs, config.timeZone), config.start))];
}
