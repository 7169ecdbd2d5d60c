// Whether a TCP port answers a connection from here: the pre-flight's "can the syncer reach every FE and
// BE" (a cluster may list nodes by private addresses the syncer cannot reach without a host mapping).
import { connect } from 'node:net';

export type ProbeResult =
  | { readonly kind: 'open'; readonly ms: number }
  | { readonly kind: 'failed'; readonly reason: string };

export function probeTcp(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: host.startsWith('[') ? host.slice(1, -1) : host, port });
    const finish = (result: ProbeResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      finish({ kind: 'failed', reason: `no answer within ${timeoutMs} ms` }),
    );
    socket.once('connect', () => finish({ kind: 'open', ms: Math.round(performance.now() - started) }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({ kind: 'failed', reason: error.code ?? error.message }),
    );
  });
}
