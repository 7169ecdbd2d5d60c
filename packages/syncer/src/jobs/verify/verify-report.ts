// Turns the figures of both sides into the answer's per-table entries: partitions matched by name (one
// side's partition missing on the other is a difference), table totals as the sums of their partitions
// (a checksum that is a sum adds up across partitions).
import type { VerifyPartition, VerifySide, VerifyTable } from '../../model/verify-result.js';
import type { PartitionFigures, TableFigures } from './table-measure.js';
import type { VerifyTarget } from './verify-targets.js';

const NOTHING: VerifySide = { rows: 0, checksum: '0', missing: true };

function side(figures: PartitionFigures | undefined): VerifySide {
  return figures ? { rows: figures.rows, checksum: figures.checksum } : NOTHING;
}

function same(a: VerifySide, b: VerifySide): boolean {
  return !a.missing && !b.missing && a.rows === b.rows && a.checksum === b.checksum;
}

function total(figures: TableFigures): VerifySide {
  if (figures.kind !== 'measured') return NOTHING;
  let rows = 0;
  let checksum = 0n;
  for (const p of figures.partitions.values()) {
    rows += p.rows;
    checksum += BigInt(p.checksum);
  }
  return { rows, checksum: checksum.toString() };
}

function partitionsOf(src: TableFigures, dest: TableFigures): VerifyPartition[] {
  const srcParts = src.kind === 'measured' ? src.partitions : new Map<string, PartitionFigures>();
  const destParts = dest.kind === 'measured' ? dest.partitions : new Map<string, PartitionFigures>();
  const names = [...srcParts.keys(), ...[...destParts.keys()].filter((n) => !srcParts.has(n))];
  return names.map((partition) => {
    const s = side(srcParts.get(partition));
    const d = side(destParts.get(partition));
    return { partition, match: same(s, d), src: s, dest: d };
  });
}

function errorOf(src: TableFigures, dest: TableFigures): string | undefined {
  if (src.kind === 'failed') return `source: ${src.error}`;
  if (dest.kind === 'failed') return `target: ${dest.error}`;
  if (src.kind === 'missing') return `source: ${src.reason}`;
  if (dest.kind === 'missing') return `target: ${dest.reason}`;
  return undefined;
}

export function compareTable(
  target: VerifyTarget,
  src: TableFigures,
  dest: TableFigures,
  settled: boolean,
  commitSeq: bigint,
): VerifyTable {
  const partitions = partitionsOf(src, dest);
  const srcTotal = total(src);
  const destTotal = total(dest);
  const error = errorOf(src, dest);
  const skipped = src.kind === 'measured' ? src.skippedColumns : [];
  return {
    table: target.srcTable,
    dest_table: target.destTable,
    match: error === undefined && same(srcTotal, destTotal) && partitions.every((p) => p.match),
    settled,
    commit_seq: commitSeq.toString(),
    src: srcTotal,
    dest: destTotal,
    partitions,
    ...(skipped.length ? { skipped_columns: skipped } : {}),
    ...(error === undefined ? {} : { error }),
  };
}
