// Writes a body at no more than `kbPerSecond` KB/s (0 = as fast as the socket takes it), in 100 ms slices,
// so a throttled download measurably takes size / rate seconds, as BE download_binlog_rate_limit_kbs does.
import type { ServerResponse } from 'node:http';

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
