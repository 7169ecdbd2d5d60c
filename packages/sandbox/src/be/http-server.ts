// A BE's webserver port: /api/show_config, /api/update_config, and the source side of CCR data transfer,
// /api/_binlog/_download (per-version binlog rowsets, for ingest_binlog) with Doris's methods, status codes
// and headers (be-ingest.md §4).
import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { type HttpRoute, type ListeningHttpServer, listenHttp } from '../http/listen-http.js';
import type { Backend, BackendConfig } from './backend.js';
import { sendThrottled } from './rate-limited-send.js';

const CONFIG_TYPES: Record<keyof BackendConfig, string> = {
  enable_feature_binlog: 'bool',
  download_binlog_rate_limit_kbs: 'int64_t',
  enable_debug_points: 'bool',
};
const MUTABLE: ReadonlySet<string> = new Set(['download_binlog_rate_limit_kbs']);

export type BackendHttpServer = ListeningHttpServer;

/** Extra routes mounted by other parts of the BE (snapshot download for restore). */
export type ExtraRoute = HttpRoute;

/** `current` is the backend the process serves as at the time of each request (see BackendProcess). */
export async function startBackendHttp(
  current: () => Backend,
  port: number,
  host: string,
  extraRoutes: readonly ExtraRoute[] = [],
): Promise<BackendHttpServer> {
  const server = http.createServer((req, res) => {
    handle(current(), req, res, extraRoutes).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, (error as Error).message);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  return listenHttp(server, port, host);
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

async function handle(
  backend: Backend,
  req: IncomingMessage,
  res: ServerResponse,
  extra: readonly ExtraRoute[],
) {
  const url = new URL(req.url ?? '/', 'http://be');
  if (url.pathname === '/api/show_config' && req.method === 'GET') return showConfig(backend, res, url);
  if (url.pathname === '/api/update_config' && req.method === 'POST') return updateConfig(backend, res, url);
  if (url.pathname === '/api/_binlog/_download' && (req.method === 'GET' || req.method === 'HEAD')) {
    return downloadBinlog(backend, req, res, url);
  }
  for (const route of extra) if (await route(req, res, url)) return;
  send(res, 404, 'Not Found');
}

function configRows(backend: Backend): string[][] {
  return (Object.keys(CONFIG_TYPES) as Array<keyof BackendConfig>).map((key) => [
    key,
    CONFIG_TYPES[key],
    String(backend.config[key]),
    String(MUTABLE.has(key)),
  ]);
}

function showConfig(backend: Backend, res: ServerResponse, url: URL): void {
  const item = url.searchParams.get('conf_item');
  const rows = configRows(backend).filter((r) => !item || r[0] === item);
  send(res, 200, JSON.stringify(rows), { 'Content-Type': 'application/json' });
}

function updateConfig(backend: Backend, res: ServerResponse, url: URL): void {
  const results: Array<{ config_name: string; status: string; msg: string }> = [];
  for (const [key, value] of url.searchParams) {
    if (key === 'persist') continue;
    if (!MUTABLE.has(key)) {
      results.push({
        config_name: key,
        status: 'BAD',
        msg: `config ${key} is not mutable or does not exist`,
      });
      continue;
    }
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      results.push({ config_name: key, status: 'BAD', msg: `invalid value ${value}` });
      continue;
    }
    backend.config.download_binlog_rate_limit_kbs = n;
    results.push({ config_name: key, status: 'OK', msg: '' });
  }
  const ok = results.every((r) => r.status === 'OK');
  send(res, ok ? 200 : 400, JSON.stringify(results), { 'Content-Type': 'application/json' });
}

async function downloadBinlog(backend: Backend, req: IncomingMessage, res: ServerResponse, url: URL) {
  if (!backend.config.enable_feature_binlog) return send(res, 500, 'binlog feature is not enabled.');
  const q = url.searchParams;
  const param = (name: string): string | undefined => {
    const v = q.get(name);
    if (v === null || v === '') {
      send(res, 500, `parameter ${name} not specified in url.`);
      return undefined;
    }
    return v;
  };
  const method = param('method');
  if (!method) return;
  const tabletText = param('tablet_id');
  if (!tabletText) return;
  const tabletId = parseId(tabletText);
  if (tabletId === undefined) return send(res, 500, `invalid tablet_id ${tabletText}`);
  switch (method) {
    case 'get_binlog_info': {
      const versionText = param('binlog_version');
      if (!versionText) return;
      const version = parseId(versionText);
      if (version === undefined) return send(res, 500, `invalid binlog_version ${versionText}`);
      if (!backend.hasTablet(tabletId)) return send(res, 500, `tablet is not exist, tablet_id=${tabletId}`);
      const meta = backend.rowset(tabletId, version);
      if (!meta) return send(res, 404, `get binlog info failed, binlog_version=${version}`);
      return send(res, 200, `${meta.rowsetId}:${meta.numSegments}`);
    }
    case 'get_rowset_meta': {
      const rowsetId = param('rowset_id');
      const versionText = rowsetId && param('binlog_version');
      if (!rowsetId || !versionText) return;
      const version = parseId(versionText);
      const meta = version === undefined ? undefined : backend.rowset(tabletId, version);
      if (!meta || meta.rowsetId !== rowsetId)
        return send(res, 404, `get rowset meta failed, rowset_id=${rowsetId}`);
      return send(res, 200, JSON.stringify(meta));
    }
    case 'get_segment_file': {
      const rowsetId = param('rowset_id');
      const indexText = rowsetId && param('segment_index');
      if (!rowsetId || !indexText) return;
      const data = backend.segment(rowsetId, Number(indexText));
      if (!data || !/^\d+$/.test(indexText)) return send(res, 404, 'file not exist.');
      const headers: Record<string, string> = { 'Content-Length': String(data.length) };
      if (q.get('acquire_md5')) headers['Content-MD5'] = createHash('md5').update(data).digest('hex');
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      if (req.method === 'HEAD') return res.end();
      return sendThrottled(res, data, () => backend.config.download_binlog_rate_limit_kbs);
    }
    case 'get_segment_index_file':
      // The sandbox keeps inverted indexes in the catalog only; a rowset has no index files to serve.
      return send(res, 404, 'file not exist.');
    default:
      return send(res, 501, `invalid method: ${method}`);
  }
}

function parseId(text: string): bigint | undefined {
  return /^-?\d+$/.test(text) ? BigInt(text) : undefined;
}
