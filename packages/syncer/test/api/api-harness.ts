// Starts the API on a loopback port with a fake service and an in-memory log, and calls it with fetch.
import { request } from 'node:http';
import type { FailpointRegistry } from '../../src/api/failpoints.js';
import { type ApiServer, createApiServer } from '../../src/api/server.js';
import { createSyncerLogger } from '../../src/cli/logger.js';
import { FakeJobService } from './fake-job-service.js';

export interface Harness {
  readonly service: FakeJobService;
  readonly app: ApiServer;
  readonly base: string;
  /** Formatted log lines written so far. */
  readonly logs: string[];
  call(path: string, body?: unknown, init?: CallOptions): Promise<Answer>;
  /** A GET with a body, as `curl -X GET -d` sends it (fetch cannot). */
  getWithBody(path: string, body: string): Promise<Answer>;
  close(): Promise<void>;
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST';
  readonly token?: string;
  /** Sent verbatim instead of JSON.stringify(body). */
  readonly rawBody?: string;
  readonly contentType?: string;
}

export interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  /** The body parsed as JSON (undefined for non-JSON answers). */
  readonly json: Record<string, unknown> | undefined;
}

export const FEATURES = [{ feature: 'feature_txn_insert', value: true, default: 'false' }];

export async function startHarness(
  options: {
    apiToken?: string;
    metricsToken?: string;
    failpointsEnabled?: boolean;
    failpoints?: FailpointRegistry;
    bodyLimit?: number;
  } = {},
): Promise<Harness> {
  const logs: string[] = [];
  const { logger } = createSyncerLogger({ level: 'trace', sink: { write: (text) => logs.push(text) } });
  const service = new FakeJobService();
  const app = createApiServer({ service, version: 'v9.9.9:abc', features: FEATURES, logger, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address !== 'object') throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;
  return {
    service,
    app,
    base,
    logs,
    async call(path, body, init = {}) {
      const method = init.method ?? 'POST';
      const headers: Record<string, string> = {};
      if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
      const payload = init.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      if (payload !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
      const response = await fetch(`${base}${path}`, {
        method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
      });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      let json: Record<string, unknown> | undefined;
      if (contentType.startsWith('application/json')) json = JSON.parse(text) as Record<string, unknown>;
      return { status: response.status, contentType, text, json };
    },
    getWithBody: (path, body) => getWithBody(`${base}${path}`, body),
    close: () => app.close(),
  };
}

function getWithBody(url: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'GET', headers: { 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = String(res.headers['content-type'] ?? '');
          const json = contentType.startsWith('application/json')
            ? (JSON.parse(text) as Record<string, unknown>)
            : undefined;
          resolve({ status: res.statusCode ?? 0, contentType, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
