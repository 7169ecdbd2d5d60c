// A TCP proxy in front of a real BE that counts thrift calls in flight and holds every answer back for a
// while, so that concurrent calls overlap long enough for a limit to matter. A BE connection carries one
// call at a time: a connection is "in a call" from its first request byte until its answer is passed on.
import net from 'node:net';

export interface CountingProxy {
  readonly port: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly calls: number;
  /** Starts a new high-water mark. */
  resetPeak(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(
  targetHost: string,
  targetPort: number,
  replyDelayMs: number,
): Promise<CountingProxy> {
  let inFlight = 0;
  let maxInFlight = 0;
  let calls = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    let busy = false;
    client.on('data', (chunk) => {
      if (!busy) {
        busy = true;
        calls++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      setTimeout(() => {
        if (busy) {
          busy = false;
          inFlight--;
        }
        if (!client.destroyed) client.write(chunk);
      }, replyDelayMs);
    });
    const drop = () => {
      if (busy) {
        busy = false;
        inFlight--;
      }
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', drop).on('error', drop);
    upstream.on('close', drop).on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get calls() {
      return calls;
    },
    resetPeak() {
      maxInFlight = inFlight;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
