// ALTER TABLE … SET ("bloom_filter_columns" | "bloom_filter_fpp" | "colocate_with"). Bloom filters are
// written into every segment, so Doris changes them with a schema change job that rewrites each index
// (ALTER_JOB records, the property set when the job finishes). A colocation group is catalog metadata
// only (Env.modifyTableColocate): the property changes at once and no binlog record is written, so a
// CCR target never hears of it.
import type { Database } from '../../../catalog/database.js';
import { baseColumns, type OlapTable } from '../../../catalog/table.js';
import { dorisError } from '../../mysql/session-types.js';
import type { ExecContext } from '../exec-context.js';
import { schemaChange } from './schema-change-exec.js';

const NO_BLOOM_FILTER_TYPES = new Set(['TINYINT', 'FLOAT', 'DOUBLE', 'BOOLEAN']);
const MIN_FPP = 0.0001;
const MAX_FPP = 0.05;

/** The bloom filter columns named by `value`, checked and spelled as the table spells them. */
function bloomFilterColumns(table: OlapTable, value: string): string[] {
  const columns = baseColumns(table).filter((c) => c.visible);
  const out: string[] = [];
  for (const name of value.split(',').map((s) => s.trim())) {
    if (name === '') continue;
    const column = columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!column) throw dorisError(`Bloom filter column does not exist in table. invalid column: ${name}`);
    if (out.some((n) => n.toLowerCase() === name.toLowerCase())) {
      throw dorisError(`Reduplicated bloom filter column: ${name}`);
    }
    if (
      NO_BLOOM_FILTER_TYPES.has(column.type.kind) ||
      ['ARRAY', 'MAP', 'STRUCT', 'JSON', 'VARIANT'].includes(column.type.kind)
    ) {
      throw dorisError(`${column.type.kind} is not supported in bloom filter index. invalid column: ${name}`);
    }
    if (table.keysType === 'AGG_KEYS' && !column.isKey) {
      throw dorisError(
        `Bloom filter index should only be used in columns of UNIQUE_KEYS/DUP_KEYS table or key columns of AGG_KEYS table. invalid column: ${name}`,
      );
    }
    out.push(column.name);
  }
  return out;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  const lower = (l: readonly string[]) => new Set(l.map((n) => n.toLowerCase()));
  const x = lower(a);
  const y = lower(b);
  return x.size === y.size && [...x].every((n) => y.has(n));
}

/** `bloom_filter_columns` or `bloom_filter_fpp`: a schema change job that sets the property when done. */
export function setBloomFilter(
  ctx: ExecContext,
  db: Database,
  table: OlapTable,
  key: 'bloom_filter_columns' | 'bloom_filter_fpp',
  value: string,
): void {
  const current = (table.properties.get('bloom_filter_columns') ?? '').split(',').map((s) => s.trim());
  const oldColumns = current.filter((s) => s !== '');
  const oldFpp = table.properties.get('bloom_filter_fpp');
  let newProperties: Record<string, string | null>;
  if (key === 'bloom_filter_columns') {
    const columns = bloomFilterColumns(table, value);
    if (sameColumns(columns, oldColumns))
      throw dorisError('Nothing is changed. please check your alter stmt.');
    newProperties = { bloom_filter_columns: columns.length === 0 ? null : columns.join(', ') };
  } else {
    const fpp = Number(value);
    if (!Number.isFinite(fpp)) throw dorisError(`Invalid bloom filter fpp value: ${value}`);
    if (fpp < MIN_FPP || fpp > MAX_FPP) {
      throw dorisError(`Bloom filter fpp should in [${MIN_FPP}, ${MAX_FPP}]`);
    }
    if (oldColumns.length === 0) throw dorisError('Bloom filter columns is empty, can not set fpp');
    if (oldFpp !== undefined && Number(oldFpp) === fpp) {
      throw dorisError('Nothing is changed. please check your alter stmt.');
    }
    newProperties = { bloom_filter_fpp: value };
  }
  schemaChange(ctx, db, table, [], {
    rawSql: `ALTER TABLE \`${db.name}\`.\`${table.name}\` SET ("${key}" = "${value}")`,
    tableProperties: newProperties,
  });
}

/** `colocate_with`: joins (or with "" leaves) a colocation group of the database; no binlog record. */
export function setColocateGroup(ctx: ExecContext, db: Database, table: OlapTable, group: string): void {
  const name = group.trim();
  if (name !== '') {
    for (const other of db.tables.values()) {
      if (other.kind !== 'OLAP' || other.id === table.id) continue;
      if (other.properties.get('colocate_with') !== name) continue;
      if (other.distribution.buckets !== table.distribution.buckets) {
        throw dorisError(
          `Colocate tables must have same bucket num: ${other.distribution.buckets} with group ${name}`,
        );
      }
      if (other.distribution.columns.length !== table.distribution.columns.length) {
        throw dorisError(
          `Colocate tables distribution columns size must be same: ${other.distribution.columns.length} with group ${name}`,
        );
      }
    }
  }
  ctx.fe.commit(() => {
    if (name === '') table.properties.delete('colocate_with');
    else table.properties.set('colocate_with', name);
    ctx.fe.catalog.saveTable(db, table);
  });
}
