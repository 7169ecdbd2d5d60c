// The BE side of an alter job: rebuilds a new tablet (shadow index or rollup) from the visible rows of the
// tablet it was derived from, on the same backend, merging by the new index's key model. Rows are stored by
// column unique id, so a column keeps its data across the rewrite; only modified types need converting.
import { applyRowset } from '../../be/apply-rowset.js';
import type { RowsetMeta } from '../../be/rowset.js';
import type { StoredRow } from '../../be/tablet-store.js';
import type { Column } from '../../catalog/column.js';
import type { DorisType, StoredValue } from '../../types/doris-type.js';
import { coerceValue, renderValue } from '../../types/index.js';
import type { Frontend } from '../frontend.js';
import type { JobPartition } from './alter-job.js';

export class ConversionError extends Error {
  override readonly name = 'ConversionError';
}

function sameType(a: DorisType, b: DorisType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function convertValue(from: DorisType, to: DorisType, value: StoredValue, column: string): StoredValue {
  if (value === null || sameType(from, to)) return value;
  const text = renderValue(from, value);
  if (text === null) return null;
  try {
    return coerceValue(to, text, { column });
  } catch (error) {
    throw new ConversionError(
      `Fail to convert value '${text}' of column ${column}: ${(error as Error).message}`,
    );
  }
}

function defaultOf(column: Column): StoredValue {
  const d = column.defaultValue;
  if (d === undefined || d === null || d === 'CURRENT_TIMESTAMP' || d === 'CURRENT_DATE') return null;
  return coerceValue(column.type, d, { column: column.name });
}

/**
 * Maps a row of the source index to the target index: columns present in the source (same unique id) are
 * converted to the target type, new columns take their default.
 */
export function rowConverter(
  source: readonly Column[],
  target: readonly Column[],
): (row: StoredRow) => StoredRow {
  const byUid = new Map(source.map((c) => [c.uniqueId, c]));
  const plan = target.map((c) => ({
    column: c,
    from: byUid.get(c.uniqueId),
    fallback: byUid.has(c.uniqueId) ? null : defaultOf(c),
  }));
  return (row) => {
    const out: StoredRow = {};
    for (const { column, from, fallback } of plan) {
      const uid = String(column.uniqueId);
      out[uid] = from ? convertValue(from.type, column.type, row[uid] ?? null, column.name) : fallback;
    }
    return out;
  };
}

const NO_PREDICATES = () => () => false;

/** Replaces the rows of every new tablet with the converted rows of its origin tablet (replica by replica). */
export function fillTablets(
  fe: Frontend,
  partitions: readonly JobPartition[],
  convert: (row: StoredRow) => StoredRow,
): number {
  let rows = 0;
  for (const partition of partitions) {
    for (const tablet of partition.tablets) {
      for (const replica of tablet.replicas) {
        const backend = fe.backends.get(replica.backendId);
        if (!backend) continue;
        const schema = fe.tabletSchema(replica.backendId, tablet.id);
        if (!schema) throw new ConversionError(`tablet ${tablet.id} is not in the catalog`);
        fe.tablets.deleteWhere(replica.backendId, tablet.id, () => true);
        const converted = [...fe.tablets.rows(replica.backendId, tablet.originTabletId)].map((row) =>
          convert(row),
        );
        const meta: RowsetMeta = {
          rowsetId: `alter-${tablet.id}`,
          tabletId: tablet.id.toString(),
          version: '0',
          txnId: '0',
          numRows: converted.length,
          numSegments: 0,
          columns: schema.columns.map((c) => c.name),
          creationTime: Math.floor(fe.clock.now() / 1000),
          dataSize: 0,
        };
        applyRowset(
          {
            store: fe.tablets,
            backendId: replica.backendId,
            tabletId: tablet.id,
            schema,
            compilePredicate: NO_PREDICATES,
          },
          meta,
          converted,
        );
        rows += converted.length;
      }
    }
  }
  return rows;
}

/** Rows the job has to rewrite (one replica per tablet), which sets how long the job runs. */
export function rowsToConvert(fe: Frontend, partitions: readonly JobPartition[]): number {
  let rows = 0;
  for (const partition of partitions) {
    for (const tablet of partition.tablets) {
      const replica = tablet.replicas[0];
      if (replica) rows += fe.tablets.count(replica.backendId, tablet.originTabletId);
    }
  }
  return rows;
}
