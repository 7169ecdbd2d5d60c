// Time behind an interface, so that tests can move it (binlog TTL, txn timeouts, snapshot expiry).
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
