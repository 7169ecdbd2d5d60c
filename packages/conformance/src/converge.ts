// Polling helpers: scenarios wait for a condition by asking again every few hundred milliseconds, never by
// sleeping a fixed time, and a timeout reports what was last seen so a failure says what differed.
import { isDeepStrictEqual } from 'node:util';

export const DEFAULT_TIMEOUT_MS = 90_000;
const INTERVAL_MS = 200;

export class ConvergeTimeout extends Error {
  override readonly name = 'ConvergeTimeout';
}

/**
 * Polls `check` until it returns true. Any other answer (a string or an object) describes why not yet, and
 * the last one is part of the timeout error; a thrown error counts as "not yet" too (a table that does not
 * exist yet on the target is normal while a restore runs).
 */
export async function until(
  what: string,
  check: () => Promise<true | string | object>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  intervalMs = INTERVAL_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'never checked';
  for (;;) {
    try {
      const answer = await check();
      if (answer === true) return;
      last = answer;
    } catch (error) {
      last = `error: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) {
      const seen = typeof last === 'string' ? last : JSON.stringify(last, null, 1);
      throw new ConvergeTimeout(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Waits until `read` gives deep-equal answers for the source and the target (read again every time, so a
 * source that is still changing is followed). Returns the agreed value.
 */
export async function converge<T>(
  what: string,
  readSource: () => Promise<T>,
  readTarget: () => Promise<T>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  let agreed: T | undefined;
  await until(
    what,
    async () => {
      const [source, target] = await Promise.all([readSource(), readTarget()]);
      if (isDeepStrictEqual(source, target)) {
        agreed = source;
        return true;
      }
      return { source, target };
    },
    timeoutMs,
  );
  return agreed as T;
}
