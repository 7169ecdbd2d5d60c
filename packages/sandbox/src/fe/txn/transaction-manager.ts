// Transactions of every database: labels unique per database among transactions that did not abort, a
// timeout after which a PREPARE transaction aborts, and durable state changes. Commit and publish are done
// by the publisher (fe/load/publisher.ts), which owns the data side.
import type { Clock } from '../../clock.js';
import { decodeJson, encodeJson } from '../../storage/json-codec.js';
import type { MetaStore } from '../../storage/meta-store.js';
import type { Transaction, TxnSourceType, TxnStatus } from './transaction.js';

export class TxnError extends Error {
  override readonly name = 'TxnError';
  constructor(
    message: string,
    readonly reason: 'LABEL_EXISTS' | 'NOT_FOUND' | 'ABORTED' | 'ILLEGAL_STATE' | 'INVALID',
    readonly existing?: Transaction,
  ) {
    super(message);
  }
}

/** Doris's label charset and default maximum length (label_regex_length). */
const LABEL_PATTERN = /^[-_A-Za-z0-9:]{1,128}$/;

export interface BeginOptions {
  readonly dbId: bigint;
  readonly label: string;
  readonly tableIds: bigint[];
  readonly sourceType: TxnSourceType;
  readonly coordinator: string;
  readonly timeoutMs: number;
  readonly requestId?: string;
}

export class TransactionManager {
  private readonly txns = new Map<bigint, Transaction>();
  /** dbId → label → txn ids using it (an aborted label may be reused). */
  private readonly labels = new Map<bigint, Map<string, bigint[]>>();

  constructor(
    private readonly store: MetaStore,
    private readonly clock: Clock,
    private readonly allocId: () => bigint,
  ) {}

  /** Start-up: reload transactions; those still PREPARE lost their BE data with the process, so abort them. */
  load(): void {
    for (const body of this.store.txns()) {
      const txn = decodeJson<Transaction>(body);
      this.index(txn);
      if (txn.status === 'PREPARE' || txn.status === 'COMMITTED') {
        this.setStatus(txn, 'ABORTED', 'sandbox restarted before the transaction finished');
      }
    }
  }

  begin(options: BeginOptions): Transaction {
    if (!LABEL_PATTERN.test(options.label)) {
      throw new TxnError(
        `Label format error. regex: ^[-_A-Za-z0-9:]{1,128}$, label: '${options.label}'`,
        'INVALID',
      );
    }
    if (options.requestId) {
      for (const txn of this.txns.values()) {
        if (txn.requestId === options.requestId && txn.dbId === options.dbId && txn.label === options.label)
          return txn;
      }
    }
    const existing = this.byLabel(options.dbId, options.label);
    if (existing) {
      throw new TxnError(
        `Label [${options.label}] has already been used, relate to txn [${existing.id}], status [${existing.status}].`,
        'LABEL_EXISTS',
        existing,
      );
    }
    const txn: Transaction = {
      id: this.allocId(),
      ...options,
      status: 'PREPARE',
      prepareTime: this.clock.now(),
      commitTime: -1,
      publishTime: -1,
      finishTime: -1,
      reason: '',
      errMsg: '',
    };
    this.index(txn);
    this.persist(txn);
    return txn;
  }

  get(txnId: bigint): Transaction | undefined {
    return this.txns.get(txnId);
  }

  /** The live (non-aborted) transaction holding a label, else the newest one that used it. */
  byLabel(dbId: bigint, label: string, includeAborted = false): Transaction | undefined {
    const ids = this.labels.get(dbId)?.get(label) ?? [];
    let newest: Transaction | undefined;
    for (const id of ids) {
      const txn = this.txns.get(id);
      if (!txn) continue;
      if (txn.status !== 'ABORTED') return txn;
      newest = txn;
    }
    return includeAborted ? newest : undefined;
  }

  list(dbId: bigint): Transaction[] {
    return [...this.txns.values()].filter((t) => t.dbId === dbId);
  }

  running(dbId: bigint): Transaction[] {
    return this.list(dbId).filter((t) => t.status === 'PREPARE' || t.status === 'COMMITTED');
  }

  setStatus(txn: Transaction, status: TxnStatus, reason = ''): void {
    const now = this.clock.now();
    txn.status = status;
    if (status === 'COMMITTED') txn.commitTime = now;
    if (status === 'VISIBLE') {
      if (txn.commitTime < 0) txn.commitTime = now;
      txn.publishTime = now;
      txn.finishTime = now;
    }
    if (status === 'ABORTED') {
      txn.finishTime = now;
      txn.reason = reason;
    }
    this.persist(txn);
  }

  /** PREPARE transactions older than their timeout; the caller aborts them (and frees BE data). */
  expired(): Transaction[] {
    const now = this.clock.now();
    return [...this.txns.values()].filter((t) => t.status === 'PREPARE' && now - t.prepareTime > t.timeoutMs);
  }

  private index(txn: Transaction): void {
    this.txns.set(txn.id, txn);
    let byLabel = this.labels.get(txn.dbId);
    if (!byLabel) {
      byLabel = new Map();
      this.labels.set(txn.dbId, byLabel);
    }
    const ids = byLabel.get(txn.label) ?? [];
    if (!ids.includes(txn.id)) ids.push(txn.id);
    byLabel.set(txn.label, ids);
  }

  private persist(txn: Transaction): void {
    this.store.putTxn(txn.id, txn.dbId, txn.label, txn.status, encodeJson(txn));
  }
}
