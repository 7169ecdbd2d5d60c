// A bounded HTTP GET for BE web endpoints. Every request has a deadline and its body is always consumed
// and its socket closed (behaviour §8.23: the Go check used a client without timeout and leaked bodies).
import http from 'node:http';

const MAX_BODY_BYTES = 1 << 20;

export interface HttpText {
  readonly status: number;
  readonly body: string;
}

export function httpGetText(url: string, timeoutMs: number): Promise<HttpText> {
  return new Promise((resolve, reject) => {
    // agent:false + Connection: close: one socket per request, gone when the answer is read, so nothing
    // lingers after the check (a keep-alive pool would outlive ClusterSql.close()).
    const request = http.get(url, { agent: false, headers: { Connection: 'close' } }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          request.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}
