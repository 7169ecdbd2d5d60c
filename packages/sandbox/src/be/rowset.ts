// A rowset: the data one load (or one ingest) wrote into one tablet, published at one version. Its segment
// bytes are what `/api/_binlog/_download` serves and what a target BE ingests, so they name their columns
// (a target tablet may have other column unique ids than the source tablet).
import type { StoredValue } from '../types/doris-type.js';

export interface RowsetMeta {
  readonly rowsetId: string;
  readonly tabletId: string;
  readonly version: string;
  readonly txnId: string;
  readonly numRows: number;
  readonly numSegments: number;
  /** Column names in the order values appear in each segment row. */
  readonly columns: readonly string[];
  /** DELETE … WHERE on a non-unique table: a predicate rowset with no rows. SQL text of the condition. */
  readonly deletePredicate?: string;
  readonly creationTime: number;
  readonly dataSize: number;
}

export type SegmentRow = StoredValue[];

export const ROWS_PER_SEGMENT = 65_536;
/**
 * Rows per stored chunk of a DUPLICATE KEY tablet (tablet-store.ts): a scan parses one chunk at a time,
 * so a chunk must parse well inside the 20 ms slice a long scan runs between event-loop turns.
 */
export const ROWS_PER_CHUNK = 4_096;

export interface SegmentText {
  /** The segment's JSON array of rows. */
  readonly text: string;
  readonly rows: number;
  /** The same rows as ROWS_PER_CHUNK-row JSON arrays, which DUPLICATE tablets store as they are. */
  readonly chunks: ReadonlyArray<{ readonly text: string; readonly rows: number }>;
}

/** Segment texts (JSON arrays of rows), ROWS_PER_SEGMENT rows each, serialised once as their chunks. */
export function segmentTexts(rows: readonly SegmentRow[]): SegmentText[] {
  const out: SegmentText[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_SEGMENT) {
    const end = Math.min(rows.length, start + ROWS_PER_SEGMENT);
    const chunks: Array<{ text: string; rows: number }> = [];
    for (let from = start; from < end; from += ROWS_PER_CHUNK) {
      const slice = rows.slice(from, Math.min(end, from + ROWS_PER_CHUNK));
      chunks.push({ text: JSON.stringify(slice), rows: slice.length });
    }
    const text =
      chunks.length === 1 ? chunks[0]!.text : `[${chunks.map((c) => c.text.slice(1, -1)).join(',')}]`;
    out.push({ text, rows: end - start, chunks });
  }
  return out;
}

export function encodeSegments(rows: readonly SegmentRow[]): Buffer[] {
  return segmentTexts(rows).map((s) => Buffer.from(s.text, 'utf8'));
}

export function decodeSegment(bytes: Buffer): SegmentRow[] {
  const rows: unknown = JSON.parse(bytes.toString('utf8'));
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw new Error('segment is not a list of rows');
  return rows as SegmentRow[];
}

let rowsetCounter = 0;

/** Doris rowset ids are 128-bit hex strings that start with a version digit; uniqueness is what matters. */
export function newRowsetId(backendId: bigint): string {
  rowsetCounter = (rowsetCounter + 1) % 0x1000000;
  const time = Date.now().toString(16).padStart(12, '0');
  const counter = rowsetCounter.toString(16).padStart(6, '0');
  const backend = backendId.toString(16).padStart(8, '0').slice(-8);
  return `02${time}${counter}${backend}${Math.floor(Math.random() * 0xffffff)
    .toString(16)
    .padStart(6, '0')}`;
}
