// binlog.* properties of a database or table, with Doris's defaults.
export interface BinlogConfig {
  readonly enable: boolean;
  readonly ttlSeconds: bigint;
  readonly maxBytes: bigint;
  readonly maxHistoryNums: bigint;
}

export const BINLOG_KEYS = [
  'binlog.enable',
  'binlog.ttl_seconds',
  'binlog.max_bytes',
  'binlog.max_history_nums',
];
const UNLIMITED = 9223372036854775807n;

export function binlogConfig(properties: ReadonlyMap<string, string>): BinlogConfig {
  return {
    enable: properties.get('binlog.enable') === 'true',
    ttlSeconds: BigInt(properties.get('binlog.ttl_seconds') ?? '86400'),
    maxBytes: BigInt(properties.get('binlog.max_bytes') ?? UNLIMITED.toString()),
    maxHistoryNums: BigInt(properties.get('binlog.max_history_nums') ?? UNLIMITED.toString()),
  };
}

/** Validates and normalises binlog.* values; returns an error message or undefined. */
export function checkBinlogProperty(key: string, value: string): string | undefined {
  if (key === 'binlog.enable') {
    return value === 'true' || value === 'false' ? undefined : `Invalid binlog.enable value: ${value}`;
  }
  if (BINLOG_KEYS.includes(key)) {
    if (!/^-?\d+$/.test(value)) return `Invalid ${key} value: ${value}`;
    const n = BigInt(value);
    if (n > UNLIMITED || n < -UNLIMITED) return `Invalid ${key} value: ${value}`;
    return undefined;
  }
  return `Unknown binlog property: ${key}`;
}
