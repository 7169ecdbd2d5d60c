// Listening on a port the data dir remembers, or on a new one that can be remembered.
// - A kept port may still be held for a moment (by the process that just stopped, or as the local end of
//   an outgoing connection), so EADDRINUSE is retried for a few seconds before the start fails with a
//   message naming the port and how to choose another.
// - A new port is picked below the kernel's ephemeral range (ip_local_port_range), where outgoing
//   connections never take one: on a busy machine a port from the ephemeral range is often in use by some
//   client socket by the time the sandbox restarts, which would make kept ports unusable.
import { readFileSync } from 'node:fs';

const RETRIES = 10;
const RETRY_MS = 300;
const LOWEST_NEW_PORT = 10000;
const NEW_PORT_ATTEMPTS = 30;

function ephemeralStart(): number {
  try {
    const first = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    return Number.isInteger(first) && first > 0 ? first : 32768;
  } catch {
    return 32768;
  }
}

const inUse = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EADDRINUSE';

/** Listens on a free port below the ephemeral range (port 0, any free port, if that range is too small). */
async function listenNew<T>(listen: (port: number) => Promise<T>): Promise<T> {
  const top = ephemeralStart();
  if (top - LOWEST_NEW_PORT >= 1000) {
    for (let attempt = 0; attempt < NEW_PORT_ATTEMPTS; attempt++) {
      const port = LOWEST_NEW_PORT + Math.floor(Math.random() * (top - LOWEST_NEW_PORT));
      try {
        return await listen(port);
      } catch (error) {
        if (!inUse(error)) throw error;
      }
    }
  }
  return listen(0);
}

/** Listens on `port` (0: a new one) and returns what `listen` returns. */
export async function listenKept<T>(
  port: number,
  what: string,
  override: string,
  listen: (port: number) => Promise<T>,
): Promise<T> {
  if (port === 0) return listenNew(listen);
  for (let attempt = 0; ; attempt++) {
    try {
      return await listen(port);
    } catch (error) {
      if (!inUse(error)) throw error;
      if (attempt >= RETRIES) {
        throw new Error(
          `${what} cannot listen on port ${port}, kept in the data dir from the last start: address in use (${override} chooses new ports)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
