// Repeating a look until the user presses Ctrl-C (or the caller has what it waited for). The first Ctrl-C
// ends the loop cleanly — a progress bar is stopped and the cursor given back — instead of killing the
// process mid-line.
import { setTimeout as delay } from 'node:timers/promises';
import { CtlError, USAGE_EXIT_CODE } from './errors.js';

export function intervalMs(text: string | undefined, fallbackSeconds: number): number {
  if (text === undefined) return fallbackSeconds * 1000;
  const seconds = Number(text);
  if (!(seconds >= 0.1) || seconds > 3600)
    throw new CtlError(
      `--interval must be between 0.1 and 3600 seconds: ${text}`,
      undefined,
      USAGE_EXIT_CODE,
    );
  return seconds * 1000;
}

/** Calls `look` every `everyMs` until it returns true or Ctrl-C is pressed; true when Ctrl-C ended it. */
export async function repeat(everyMs: number, look: () => Promise<boolean>): Promise<boolean> {
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    while (!stop.signal.aborted) {
      if (await look()) return false;
      await delay(everyMs, undefined, { signal: stop.signal }).catch(() => {});
    }
    return true;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
