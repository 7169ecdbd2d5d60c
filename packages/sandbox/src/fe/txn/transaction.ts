// A load transaction as the FE tracks it (SHOW TRANSACTION columns come from here).
export type TxnStatus = 'PREPARE' | 'COMMITTED' | 'VISIBLE' | 'ABORTED';

/** Who started the transaction (Doris LoadJobSourceType names). */
export type TxnSourceType = 'FRONTEND' | 'BACKEND_STREAMING' | 'INSERT_STREAMING';

export interface Transaction {
  readonly id: bigint;
  readonly dbId: bigint;
  readonly label: string;
  readonly tableIds: bigint[];
  readonly sourceType: TxnSourceType;
  readonly coordinator: string;
  readonly timeoutMs: number;
  readonly requestId?: string;
  status: TxnStatus;
  readonly prepareTime: number;
  commitTime: number;
  publishTime: number;
  finishTime: number;
  reason: string;
  errMsg: string;
}

export const TXN_FINAL: ReadonlySet<TxnStatus> = new Set(['VISIBLE', 'ABORTED']);
