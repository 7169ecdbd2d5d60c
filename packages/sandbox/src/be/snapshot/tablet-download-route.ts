// The source BE's `GET|HEAD /api/_tablet/_download?token=…&file=…` (be-ingest.md §8): target BEs pull
// snapshot files through it during a restore. `file` naming a directory answers the names of its entries,
// one per line; naming a file answers its bytes. The token must be the BE's own cluster token. Doris's BE
// hands the binlog download and this download one rate limit group, so download_binlog_rate_limit_kbs
// throttles a restore's snapshot files as it throttles ingest_binlog's segments.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sandboxLog } from '../../log/sandbox-logger.js';
import type { DebugPoints } from '../debug-points.js';
import type { ExtraRoute } from '../http-server.js';
import { streamThrottled } from '../rate-limited-send.js';
import { type SnapshotStore, snapshotFileNames } from './snapshot-store.js';

export interface TabletDownloadDeps {
  readonly backendId: bigint;
  readonly snapshots: SnapshotStore;
  /** The cluster token (getMasterToken) this BE accepts. */
  readonly token: () => string;
  /** download_binlog_rate_limit_kbs of this BE (0 = unlimited), read for every download. */
  readonly rateLimitKbs?: () => number;
  /** The BE's debug points (TabletDownload.fail). */
  readonly debugPoints?: DebugPoints;
}

function reply(res: ServerResponse, status: number, body: string, head = false): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  res.end(head ? undefined : body);
}

/** Names directly below `path` among the stored tablet directories (a root lists tablet ids, and so on). */
function childNames(dirs: readonly string[], path: string): string[] {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const names = new Set<string>();
  for (const dir of dirs) {
    const rest = dir.slice(prefix.length);
    const name = rest.split('/')[0];
    if (name) names.add(name);
  }
  return [...names].sort();
}

export function tabletDownloadRoute(deps: TabletDownloadDeps): ExtraRoute {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (url.pathname !== '/api/_tablet/_download') return false;
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      reply(res, 405, 'Method Not Allowed');
      return true;
    }
    const token = url.searchParams.get('token') ?? '';
    if (token === '') {
      reply(res, 401, 'token is not specified.', head);
      return true;
    }
    if (token !== deps.token()) {
      reply(res, 401, 'invalid token.', head);
      return true;
    }
    const file = (url.searchParams.get('file') ?? '').replace(/\/+$/, '');
    if (file === '') {
      reply(res, 400, 'parameter file not specified in url.', head);
      return true;
    }
    const { backendId, snapshots } = deps;
    const own = snapshots.header(backendId, file);
    if (own) {
      reply(res, 200, `${snapshotFileNames(own.tabletId).join('\n')}\n`, head);
      return true;
    }
    const slash = file.lastIndexOf('/');
    const dir = file.slice(0, slash);
    const name = file.slice(slash + 1);
    const header = slash > 0 ? snapshots.header(backendId, dir) : undefined;
    if (header) {
      const [headerFile, dataFile] = snapshotFileNames(header.tabletId);
      if (name === headerFile) {
        reply(res, 200, JSON.stringify(header), head);
        return true;
      }
      if (name === dataFile) {
        if (deps.debugPoints?.hit('TabletDownload.fail')) {
          reply(res, 500, 'debug point TabletDownload.fail', head);
          return true;
        }
        const size = snapshots.dataSize(backendId, dir, header.tabletId);
        if (size === undefined) {
          sandboxLog().error(
            { backendId: String(backendId), file },
            'snapshot data file is missing on disk although its header exists',
          );
          reply(res, 404, 'file not exist.', head);
          return true;
        }
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) });
        if (head) {
          res.end();
          return true;
        }
        // Disk to socket with back-pressure: a large tablet never sits in memory.
        const body = createReadStream(snapshots.dataPath(backendId, dir, header.tabletId));
        try {
          await streamThrottled(res, body, () => deps.rateLimitKbs?.() ?? 0);
        } catch (error) {
          sandboxLog().warn(
            { backendId: String(backendId), file, err: error },
            `sending snapshot file failed: ${(error as Error).message}`,
          );
          res.destroy();
        }
        return true;
      }
    }
    const below = childNames(snapshots.dirs(backendId, file), file);
    if (below.length > 0) {
      reply(res, 200, `${below.join('\n')}\n`, head);
      return true;
    }
    reply(res, 404, 'file not exist.', head);
    return true;
  };
}
