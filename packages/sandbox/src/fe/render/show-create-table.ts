// SHOW CREATE TABLE text, in Doris 2.1's layout. The `sql` of CREATE_TABLE binlogs is the same text in its
// "synced" variant (Env.getSyncedDdlStmt), which a database CCR job replays on the target: it marks the
// table is_being_synced and spells out its rollups. The syncer looks for exact substrings in it
// (`"binlog.enable" = "true"`), so spacing matters.
import {
  type Column,
  DELETE_SIGN_COLUMN,
  findColumn,
  SEQUENCE_COLUMN,
  VERSION_COLUMN,
} from '../../catalog/column.js';
import { itemValuesSql } from '../../catalog/partition-item.js';
import { baseColumns, type OlapTable, type View } from '../../catalog/table.js';
import { renderTypeSql } from '../../types/index.js';
import { replicationNumber } from '../ddl/table-properties.js';
import { dynamicPartitionDisplay } from '../dynamic-partition/dynamic-partition-config.js';

const KEY_WORDS = {
  DUP_KEYS: 'DUPLICATE KEY',
  UNIQUE_KEYS: 'UNIQUE KEY',
  AGG_KEYS: 'AGGREGATE KEY',
} as const;
const HIDDEN = new Set([DELETE_SIGN_COLUMN, SEQUENCE_COLUMN, VERSION_COLUMN]);

export function quoteIdent(name: string): string {
  return `\`${name}\``;
}

function escapeSingle(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

export function columnSql(c: Column, keysType: OlapTable['keysType']): string {
  let sql = `${quoteIdent(c.name)} ${renderTypeSql(c.type)}`;
  if (keysType === 'AGG_KEYS' && !c.isKey && c.aggregation !== 'NONE') sql += ` ${c.aggregation}`;
  if (c.generated) sql += ` AS (${c.generated.sql})`;
  sql += c.nullable ? ' NULL' : ' NOT NULL';
  if (c.autoIncrement) sql += ` AUTO_INCREMENT(${c.autoIncrementStart ?? '1'})`;
  if (c.defaultValue !== undefined) {
    if (c.defaultValue === null) sql += ' DEFAULT NULL';
    else if (c.defaultValue === 'CURRENT_TIMESTAMP' || c.defaultValue === 'CURRENT_DATE')
      sql += ` DEFAULT ${c.defaultValue}`;
    else sql += ` DEFAULT "${c.defaultValue.replace(/"/g, '\\"')}"`;
  }
  if (c.comment) sql += ` COMMENT '${escapeSingle(c.comment)}'`;
  return sql;
}

export interface DdlOptions {
  /** FE enable_feature_binlog: Doris then prints every table's binlog config, defaults included. */
  readonly binlogFeature: boolean;
  /** getDdlForSync: the text of a CREATE_TABLE binlog rather than of SHOW CREATE TABLE. */
  readonly forSync?: boolean;
}

/** The PROPERTIES Doris prints: its defaults in its order, then what the user set. */
export function displayedProperties(table: OlapTable, options: DdlOptions): Array<[string, string]> {
  const p = table.properties;
  const out: Array<[string, string]> = [];
  const add = (k: string, v: string | undefined) => {
    if (v !== undefined) out.push([k, v]);
  };
  add(
    'replication_allocation',
    p.get('replication_allocation') ?? `tag.location.default: ${replicationNumber(p)}`,
  );
  add('min_load_replica_num', p.get('min_load_replica_num') ?? '-1');
  // A table created from the synced text is a CCR target from the start; auto bucketing is kept as a mark.
  add('is_being_synced', options.forSync ? 'true' : (p.get('is_being_synced') ?? 'false'));
  if (options.forSync && table.distribution.autoBuckets) add('_auto_bucket', 'true');
  for (const [k, v] of dynamicPartitionDisplay(table)) add(k, v);
  add('storage_medium', (p.get('storage_medium') ?? 'hdd').toLowerCase());
  add('storage_format', 'V2');
  add('inverted_index_storage_format', p.get('inverted_index_storage_format') ?? 'V2');
  if (table.keysType === 'UNIQUE_KEYS')
    add('enable_unique_key_merge_on_write', p.get('enable_unique_key_merge_on_write'));
  add('light_schema_change', p.get('light_schema_change') ?? 'true');
  add('function_column.sequence_col', p.get('function_column.sequence_col'));
  add('function_column.sequence_type', p.get('function_column.sequence_type'));
  add('disable_auto_compaction', p.get('disable_auto_compaction') ?? 'false');
  if (options.binlogFeature) {
    add('binlog.enable', p.get('binlog.enable') ?? 'false');
    add('binlog.ttl_seconds', p.get('binlog.ttl_seconds') ?? '86400');
    add('binlog.max_bytes', p.get('binlog.max_bytes') ?? '9223372036854775807');
    add('binlog.max_history_nums', p.get('binlog.max_history_nums') ?? '9223372036854775807');
  }
  add('enable_single_replica_compaction', p.get('enable_single_replica_compaction') ?? 'false');
  add('group_commit_interval_ms', p.get('group_commit_interval_ms') ?? '10000');
  add('group_commit_data_bytes', p.get('group_commit_data_bytes') ?? '134217728');
  const shown = new Set(out.map(([k]) => k));
  for (const [k, v] of p)
    if (!shown.has(k) && k !== 'replication_num' && !k.startsWith('dynamic_partition.')) add(k, v);
  return out;
}

/** The synced text lists every rollup, so that the replayed CREATE TABLE has the source's indexes. */
function rollupClause(table: OlapTable): string {
  const rollups = [...table.indexes.values()].filter((ix) => ix.id !== table.baseIndexId);
  if (rollups.length === 0) return '';
  const defs = rollups.map(
    (ix) =>
      `${ix.name} (${ix.columns
        .filter((c) => !HIDDEN.has(c.name))
        .map((c) => c.name)
        .join(', ')})`,
  );
  return `ROLLUP (\n${defs.join(',\n')}\n)\n`;
}

export function showCreateTable(table: OlapTable, options: DdlOptions): string {
  const columns = baseColumns(table).filter((c) => !HIDDEN.has(c.name));
  const lines = columns.map((c) => `  ${columnSql(c, table.keysType)}`);
  for (const ix of table.invertedIndexes) {
    const props = ix.properties.size
      ? ` PROPERTIES(${[...ix.properties].map(([k, v]) => `"${k}" = "${v}"`).join(', ')})`
      : '';
    lines.push(
      `  INDEX ${ix.name} (${ix.columns.map(quoteIdent).join(',')}) USING ${ix.indexType}${props} COMMENT '${escapeSingle(ix.comment)}'`,
    );
  }
  let sql = `CREATE TABLE ${quoteIdent(table.name)} (\n${lines.join(',\n')}\n) ENGINE=OLAP\n`;
  const keys = columns.filter((c) => c.isKey).map((c) => quoteIdent(c.name));
  sql += `${KEY_WORDS[table.keysType]}(${keys.join(', ')})\n`;
  sql += `COMMENT '${escapeSingle(table.comment || 'OLAP')}'\n`;
  if (table.partitionType !== 'UNPARTITIONED') {
    const types = table.partitionColumns.map((n) => findColumn(baseColumns(table), n)!.type);
    const parts = [...table.partitions.values()].map(
      (p) => `PARTITION ${p.name} ${itemValuesSql(types, p.item!, 'show')}`,
    );
    sql += `PARTITION BY ${table.partitionType}(${table.partitionColumns.map(quoteIdent).join(', ')})\n(${parts.join(',\n')})\n`;
  }
  const buckets = table.distribution.autoBuckets ? 'AUTO' : String(table.distribution.buckets);
  sql +=
    table.distribution.type === 'HASH'
      ? `DISTRIBUTED BY HASH(${table.distribution.columns.map(quoteIdent).join(', ')}) BUCKETS ${buckets}\n`
      : `DISTRIBUTED BY RANDOM BUCKETS ${buckets}\n`;
  if (options.forSync) sql += rollupClause(table);
  sql += `PROPERTIES (\n${displayedProperties(table, options)
    .map(([k, v]) => `"${k}" = "${v}"`)
    .join(',\n')}\n);`;
  return sql;
}

export function showCreateView(view: View): string {
  const cols = view.columns.length
    ? ` (${view.columns.map((c) => `${quoteIdent(c.name)}${c.comment ? ` COMMENT '${escapeSingle(c.comment)}'` : ''}`).join(', ')})`
    : '';
  return `CREATE VIEW ${quoteIdent(view.name)}${cols} COMMENT '${escapeSingle(view.comment || 'VIEW')}' AS ${view.definition};`;
}
