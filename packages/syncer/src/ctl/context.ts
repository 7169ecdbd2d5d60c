// What every ccr command gets: the client for the syncer named by the global options, the output, and
// whether --json was asked for.
import { SyncerClient } from './client.js';
import { CtlError, USAGE_EXIT_CODE } from './errors.js';
import { type Output, terminalOutput } from './output.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:9190';

export interface GlobalOptions {
  readonly server?: string;
  readonly host?: string;
  readonly port?: string;
  readonly token?: string;
  readonly json?: boolean;
  readonly timeout?: string;
}

export interface Ctx {
  readonly client: SyncerClient;
  readonly o: Output;
  readonly json: boolean;
}

function serverOf(g: GlobalOptions): string {
  if (g.server && (g.host || g.port))
    throw new CtlError(
      '--server names the whole address: leave out --host/--port',
      undefined,
      USAGE_EXIT_CODE,
    );
  if (g.server) {
    const url = /^https?:\/\//.test(g.server) ? g.server : `http://${g.server}`;
    try {
      new URL(url);
    } catch {
      throw new CtlError(`--server is not an address: ${g.server}`, undefined, USAGE_EXIT_CODE);
    }
    return url;
  }
  const env = process.env.CCR_SERVER;
  if (!g.host && !g.port && env) return /^https?:\/\//.test(env) ? env : `http://${env}`;
  const host = g.host ?? '127.0.0.1';
  const port = g.port ?? '9190';
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    throw new CtlError(`--port is not a port number: ${port}`, undefined, USAGE_EXIT_CODE);
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function makeContext(g: GlobalOptions): Ctx {
  const token = g.token ?? process.env.CCR_API_TOKEN ?? process.env.CCR_SYNCER_API_TOKEN;
  const timeout = g.timeout === undefined ? undefined : Number(g.timeout);
  if (timeout !== undefined && !(timeout > 0))
    throw new CtlError(`--timeout must be a number of seconds: ${g.timeout}`, undefined, USAGE_EXIT_CODE);
  return {
    client: new SyncerClient({
      server: serverOf(g),
      ...(token ? { token } : {}),
      ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
    }),
    o: terminalOutput(),
    json: g.json === true,
  };
}
