// Listening on a port the data dir remembers: the port may still be held for a moment by the process that
// just stopped (or by a connection's local end), so EADDRINUSE is retried for a few seconds before the
// start fails with a message naming the port and how to choose another.

const RETRIES = 10;
const RETRY_MS = 300;

export async function listenKept<T>(
  port: number,
  what: string,
  override: string,
  listen: (port: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await listen(port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (port === 0 || code !== 'EADDRINUSE') throw error;
      if (attempt >= RETRIES) {
        throw new Error(
          `${what} cannot listen on port ${port}, kept in the data dir from the last start: address in use (${override} chooses new ports)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
