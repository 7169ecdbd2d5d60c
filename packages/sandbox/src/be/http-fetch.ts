// A small HTTP client for BE-to-BE downloads over node:http with a keep-alive agent: a target BE makes two
// to four requests per ingested tablet, so connection reuse and low per-request overhead matter (node:http
// costs about half of what fetch does per request on loopback).
import http from 'node:http';

/** Shared by BE-to-BE downloads (binlog segments, snapshot files). */
export const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64, keepAliveMsecs: 5_000 });

export interface HttpResult {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

export function httpRequest(url: string, method: 'GET' | 'HEAD', timeoutMs: number): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent: httpAgent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
