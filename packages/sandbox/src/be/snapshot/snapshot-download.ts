// The target BE's side of a restore download (Doris's DownloadTask for a local snapshot): list the remote
// tablet snapshot directory on the source BE, then fetch its header and stream its data file to a local
// file with the source cluster's token; the commit applies the file later (snapshot-apply.ts). As in
// Doris's BE, each file is retried with a pause that doubles before the task fails, and a data file's
// timeout scales with its size (download_low_speed_limit_kbps, at least download_low_speed_time).
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sandboxLog } from '../../log/sandbox-logger.js';
import { httpAgent } from '../http-fetch.js';
import { type SnapshotHeader, snapshotFileNames } from './snapshot-store.js';

export interface RemoteBackend {
  readonly ip: string;
  readonly port: number;
}

export interface DownloadedTablet {
  readonly header: SnapshotHeader;
  /** The local copy of the data file: `<row key>\t<rows>\t<stored data>` lines (snapshot-writer.ts). */
  readonly path: string;
  readonly bytes: number;
}

export class SnapshotDownloadError extends Error {
  override readonly name = 'SnapshotDownloadError';
  constructor(
    message: string,
    /** A refusal (4xx) that another try would get again. */
    readonly permanent = false,
  ) {
    super(message);
  }
}

export interface DownloadPolicy {
  /** Tries per file, the first included (Doris: DOWNLOAD_FILE_MAX_RETRY). */
  readonly attempts: number;
  /** Pause before the first retry; doubles for each further one. */
  readonly backoffMs: number;
  /** download_low_speed_time: the least time a file may take, and how long a transfer may stall. */
  readonly lowSpeedTimeMs: number;
  /** download_low_speed_limit_kbps: a file of N KB may take N / this many seconds. */
  readonly lowSpeedLimitKbps: number;
}

export const DEFAULT_DOWNLOAD_POLICY: DownloadPolicy = {
  attempts: 4,
  backoffMs: 1_000,
  lowSpeedTimeMs: 300_000,
  lowSpeedLimitKbps: 50,
};

/** How long a file of `bytes` may take, as Doris's BE estimates it. */
export function downloadTimeoutMs(bytes: number, policy: DownloadPolicy): number {
  return Math.max(policy.lowSpeedTimeMs, Math.ceil((bytes / 1024 / policy.lowSpeedLimitKbps) * 1000));
}

function fileUrl(be: RemoteBackend, token: string, file: string): string {
  const url = new URL(`http://${be.ip}:${be.port}/api/_tablet/_download`);
  url.searchParams.set('token', token);
  url.searchParams.set('file', file);
  return url.toString();
}

function readSmall(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/**
 * One GET of `file`: the body goes to `dest` when given (streamed), else it is returned as text (listings
 * and headers are small). Rejects on a non-200 answer, a stalled transfer or a short body.
 */
function getOnce(
  be: RemoteBackend,
  token: string,
  file: string,
  policy: DownloadPolicy,
  dest?: string,
): Promise<{ text: string; bytes: number }> {
  const where = `${file} from ${be.ip}:${be.port}`;
  return new Promise((resolve, reject) => {
    let deadline: NodeJS.Timeout | undefined;
    const fail = (message: string, permanent = false) => {
      if (deadline) clearTimeout(deadline);
      reject(new SnapshotDownloadError(`failed to download ${where}: ${message}`, permanent));
    };
    const req = http.get(fileUrl(be, token, file), { agent: httpAgent }, (res) => {
      if (res.statusCode !== 200) {
        readSmall(res).then(
          (body) => fail(`HTTP ${res.statusCode} ${body.trim()}`, (res.statusCode ?? 500) < 500),
          (error: Error) => fail(error.message),
        );
        return;
      }
      if (dest === undefined) {
        readSmall(res).then(
          (text) => {
            resolve({ text, bytes: Buffer.byteLength(text) });
          },
          (error: Error) => fail(error.message),
        );
        return;
      }
      const expected = Number(res.headers['content-length'] ?? Number.NaN);
      deadline = setTimeout(
        () => req.destroy(new Error(`timed out after ${downloadTimeoutMs(expected || 0, policy)} ms`)),
        downloadTimeoutMs(expected || 0, policy),
      );
      mkdirSync(dirname(dest), { recursive: true });
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      pipeline(res, createWriteStream(dest)).then(
        () => {
          if (deadline) clearTimeout(deadline);
          if (Number.isFinite(expected) && bytes !== expected) fail(`got ${bytes} of ${expected} bytes`);
          else resolve({ text: '', bytes });
        },
        (error: Error) => fail(error.message),
      );
    });
    // No byte for download_low_speed_time: the peer is gone or stuck.
    req.setTimeout(policy.lowSpeedTimeMs, () =>
      req.destroy(new Error(`no data for ${policy.lowSpeedTimeMs} ms`)),
    );
    req.on('error', (error) => fail(error.message));
  });
}

/** getOnce with Doris's retries: a failed try is logged and repeated after a doubling pause. */
async function get(
  be: RemoteBackend,
  token: string,
  file: string,
  policy: DownloadPolicy,
  dest?: string,
): Promise<{ text: string; bytes: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await getOnce(be, token, file, policy, dest);
    } catch (error) {
      const failure = error as SnapshotDownloadError;
      if (dest) rmSync(dest, { force: true });
      const last = attempt >= policy.attempts || failure.permanent;
      const pause = policy.backoffMs * 2 ** (attempt - 1);
      sandboxLog().warn(
        { file, source: `${be.ip}:${be.port}`, attempt, attempts: policy.attempts },
        last
          ? `snapshot download failed, giving up: ${failure.message}`
          : `snapshot download failed, retrying in ${pause} ms: ${failure.message}`,
      );
      if (last) throw failure;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Downloads one tablet snapshot directory (`<root>/<tabletId>/<schemaHash>`) from a source BE to `dest`. */
export async function downloadTabletSnapshot(
  be: RemoteBackend,
  token: string,
  dir: string,
  dest: string,
  policy: DownloadPolicy = DEFAULT_DOWNLOAD_POLICY,
): Promise<DownloadedTablet> {
  const listing = (await get(be, token, dir, policy)).text.split('\n').filter((n) => n !== '');
  const headerName = listing.find((n) => n.endsWith('.hdr'));
  if (!headerName) throw new SnapshotDownloadError(`snapshot directory ${dir} has no header file`);
  const header = JSON.parse((await get(be, token, `${dir}/${headerName}`, policy)).text) as SnapshotHeader;
  const [, dataName] = snapshotFileNames(header.tabletId);
  if (!listing.includes(dataName))
    throw new SnapshotDownloadError(`snapshot directory ${dir} has no data file`);
  const { bytes } = await get(be, token, `${dir}/${dataName}`, policy, dest);
  return { header, path: dest, bytes };
}
