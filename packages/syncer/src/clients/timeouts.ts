// Timeouts of every connection the syncer opens to a Doris cluster. The defaults are the Go syncer's flags
// (`connect_timeout`, `rpc_timeout`, `commit_txn_timeout`) so a job behaves the same under either daemon.
export interface ClientTimeouts {
  /** TCP connect to an FE (thrift and MySQL protocol) or a BE. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** One thrift call, and one BE HTTP request. Default 30 s. */
  readonly rpcTimeoutMs?: number;
  /** commitTxn waits for publish on the FE side, so it gets a little longer than other calls. Default 33 s. */
  readonly commitTxnTimeoutMs?: number;
  /**
   * One SQL statement. The Go syncer has none; we cap statements so a hung FE cannot hold a job forever.
   * DDL such as CREATE TABLE waits for tablet creation on every BE, hence the generous default of 5 min.
   */
  readonly sqlTimeoutMs?: number;
}

export type ResolvedTimeouts = Required<ClientTimeouts>;

export const DEFAULT_TIMEOUTS: ResolvedTimeouts = Object.freeze({
  connectTimeoutMs: 10_000,
  rpcTimeoutMs: 30_000,
  commitTxnTimeoutMs: 33_000,
  sqlTimeoutMs: 300_000,
});

export function resolveTimeouts(options: ClientTimeouts = {}): ResolvedTimeouts {
  const pick = (value: number | undefined, fallback: number, name: string): number => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
    return value;
  };
  return {
    connectTimeoutMs: pick(options.connectTimeoutMs, DEFAULT_TIMEOUTS.connectTimeoutMs, 'connectTimeoutMs'),
    rpcTimeoutMs: pick(options.rpcTimeoutMs, DEFAULT_TIMEOUTS.rpcTimeoutMs, 'rpcTimeoutMs'),
    commitTxnTimeoutMs: pick(
      options.commitTxnTimeoutMs,
      DEFAULT_TIMEOUTS.commitTxnTimeoutMs,
      'commitTxnTimeoutMs',
    ),
    sqlTimeoutMs: pick(options.sqlTimeoutMs, DEFAULT_TIMEOUTS.sqlTimeoutMs, 'sqlTimeoutMs'),
  };
}
