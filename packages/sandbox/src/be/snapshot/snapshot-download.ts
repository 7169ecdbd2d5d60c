// The target BE's side of a restore download (Doris's DownloadTask for a local snapshot): list the remote
// tablet snapshot directory on the source BE, then fetch its header and data file over HTTP with the
// source cluster's token. The data stays as text until the commit applies it to the local tablet.
import { type SnapshotHeader, snapshotFileNames } from './snapshot-store.js';

export interface RemoteBackend {
  readonly ip: string;
  readonly port: number;
}

export interface DownloadedTablet {
  readonly header: SnapshotHeader;
  /** The data file: `<row key>\t<row JSON>` lines. */
  readonly data: string;
  readonly bytes: number;
}

export class SnapshotDownloadError extends Error {
  override readonly name = 'SnapshotDownloadError';
}

const TIMEOUT_MS = 120_000;

async function fetchText(be: RemoteBackend, token: string, file: string): Promise<string> {
  const url = new URL(`http://${be.ip}:${be.port}/api/_tablet/_download`);
  url.searchParams.set('token', token);
  url.searchParams.set('file', file);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new SnapshotDownloadError(
      `failed to download ${file} from ${be.ip}:${be.port}: ${(error as Error).message}`,
    );
  }
  const body = await response.text();
  if (!response.ok) {
    throw new SnapshotDownloadError(
      `failed to download ${file} from ${be.ip}:${be.port}: HTTP ${response.status} ${body.trim()}`,
    );
  }
  return body;
}

/** Downloads one tablet snapshot directory (`<root>/<tabletId>/<schemaHash>`) from a source BE. */
export async function downloadTabletSnapshot(
  be: RemoteBackend,
  token: string,
  dir: string,
): Promise<DownloadedTablet> {
  const listing = (await fetchText(be, token, dir)).split('\n').filter((n) => n !== '');
  const headerName = listing.find((n) => n.endsWith('.hdr'));
  if (!headerName) throw new SnapshotDownloadError(`snapshot directory ${dir} has no header file`);
  const header = JSON.parse(await fetchText(be, token, `${dir}/${headerName}`)) as SnapshotHeader;
  const [, dataName] = snapshotFileNames(header.tabletId);
  if (!listing.includes(dataName))
    throw new SnapshotDownloadError(`snapshot directory ${dir} has no data file`);
  const data = await fetchText(be, token, `${dir}/${dataName}`);
  return { header, data, bytes: Buffer.byteLength(data) };
}
