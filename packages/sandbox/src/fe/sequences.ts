// The FE's two counters. Object ids (databases, tables, partitions, indexes, tablets, replicas, txns, jobs)
// come from one cluster-wide generator, as in Doris. Commit seqs are journal ids: every logged operation
// takes the next one, so the seqs a database sees are increasing but sparse.
import type { MetaStore } from '../storage/meta-store.js';

export class Sequences {
  private nextId: bigint;
  private nextJournalId: bigint;
  private dirty = false;

  constructor(
    private readonly store: MetaStore,
    idBase: bigint,
  ) {
    this.nextId = BigInt(store.getKv('next_id') ?? idBase.toString());
    this.nextJournalId = BigInt(store.getKv('next_journal_id') ?? '1');
  }

  allocId(): bigint {
    this.dirty = true;
    return this.nextId++;
  }

  allocJournalId(): bigint {
    this.dirty = true;
    return this.nextJournalId++;
  }

  /** The journal id most recently handed out (the FE's replayed journal id). */
  get lastJournalId(): bigint {
    return this.nextJournalId - 1n;
  }

  /** Persists the counters; called inside every store transaction that used them. */
  flush(): void {
    if (!this.dirty) return;
    this.store.setKv('next_id', this.nextId.toString());
    this.store.setKv('next_journal_id', this.nextJournalId.toString());
    this.dirty = false;
  }
}
