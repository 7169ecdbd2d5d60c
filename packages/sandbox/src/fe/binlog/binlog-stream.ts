// One binlog stream (a database's, or one table's): a dummy head whose seq is the largest collected seq,
// then records in commit-seq order. Lookup by seq is a binary search.
import type { StoredBinlog } from '../../storage/meta-store.js';

export interface DummyHead {
  commitSeq: bigint;
  timestamp: bigint;
}

export class BinlogStream {
  readonly dummy: DummyHead = { commitSeq: -1n, timestamp: -1n };
  readonly entries: StoredBinlog[] = [];
  /** Approximate memory size of the records, for binlog.max_bytes. */
  bytes = 0;

  constructor(readonly belong: bigint) {}

  append(entry: StoredBinlog): void {
    this.entries.push(entry);
    this.bytes += entrySize(entry);
  }

  /** Index of the first record with commit seq > `seq`, or entries.length. */
  firstAfter(seq: bigint): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.commitSeq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Removes records with seq ≤ `seq` and raises the dummy to the last removed one. */
  cutThrough(seq: bigint): StoredBinlog[] {
    const n = this.firstAfter(seq);
    return this.removeFront(n);
  }

  removeFront(n: number): StoredBinlog[] {
    if (n <= 0) return [];
    const removed = this.entries.splice(0, n);
    for (const e of removed) this.bytes -= entrySize(e);
    const last = removed[removed.length - 1]!;
    this.dummy.commitSeq = last.commitSeq;
    this.dummy.timestamp = last.timestamp;
    return removed;
  }

  get last(): StoredBinlog | undefined {
    return this.entries[this.entries.length - 1];
  }
}

export function entrySize(entry: StoredBinlog): number {
  return 64 + (entry.data?.length ?? 0) + entry.tableIds.length * 8;
}
