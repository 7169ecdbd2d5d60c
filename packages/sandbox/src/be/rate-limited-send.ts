// Writes a body at no more than `kbPerSecond` KB/s (0 = as fast as the socket takes it), in 100 ms slices,
// so a throttled download measurably takes size / rate seconds, as BE download_binlog_rate_limit_kbs does.
// A body is a buffer (binlog segments) or a file stream (snapshot data files, never read whole).
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function sendThrottled(
  res: ServerResponse,
  body: Buffer,
  kbPerSecond: () => number,
): Promise<void> {
  let offset = 0;
  while (offset < body.length) {
    const rate = kbPerSecond();
    if (rate <= 0) {
      res.end(body.subarray(offset));
      return;
    }
    const slice = Math.max(1, Math.floor((rate * 1024) / 10));
    const chunk = body.subarray(offset, offset + slice);
    offset += chunk.length;
    const flushed = res.write(chunk);
    if (!flushed) await new Promise((resolve) => res.once('drain', resolve));
    if (offset < body.length) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  res.end();
}

/** Streams `body` to `res` with back-pressure, throttled like sendThrottled while a rate is set. */
export async function streamThrottled(
  res: ServerResponse,
  body: Readable,
  kbPerSecond: () => number,
): Promise<void> {
  if (kbPerSecond() <= 0) {
    await pipeline(body, res);
    return;
  }
  for await (const chunk of body as AsyncIterable<Buffer>) {
    let offset = 0;
    while (offset < chunk.length) {
      const rate = kbPerSecond();
      const slice = rate <= 0 ? chunk.length : Math.max(1, Math.floor((rate * 1024) / 10));
      const part = chunk.subarray(offset, offset + slice);
      offset += part.length;
      if (!res.write(part)) await new Promise((resolve) => res.once('drain', resolve));
      if (rate > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  res.end();
}
