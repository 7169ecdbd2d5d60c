// The error FeRpc raises when no FE answered a call as master within the attempt budget.

/** What happened on one attempt of a call: which FE, and why it did not count as an answer. */
export interface FeAttempt {
  readonly address: string;
  readonly outcome: string;
}

export class FeUnavailableError extends Error {
  override readonly name = 'FeUnavailableError';
  constructor(
    readonly method: string,
    readonly attempts: readonly FeAttempt[],
    options?: ErrorOptions,
  ) {
    const trail = attempts.map((a) => `${a.address}: ${a.outcome}`).join('; ');
    super(`${method}: no master FE answered after ${attempts.length} attempt(s): ${trail}`, options);
  }
}
