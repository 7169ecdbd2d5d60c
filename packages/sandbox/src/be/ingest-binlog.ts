// BackendService.ingest_binlog: the target BE pulls one version of a source tablet from a source BE's
// /api/_binlog/_download (binlog info → rowset meta → every segment, size and MD5 checked), converts the
// rows to its own tablet's schema and prepares them under the target transaction. Publishing happens when
// the target FE commits. A repeated call for the same txn and tablet is answered OK without downloading again.
import { createHash } from 'node:crypto';
import {
  StatusCode,
  type TIngestBinlogRequest,
  type TIngestBinlogResult,
  type TStatus,
} from '@doris-ccr/protocol';
import { toStoredRows } from './apply-rowset.js';
import { type Backend, BackendError } from './backend.js';
import { type HttpResult, httpRequest } from './http-fetch.js';
import { decodeSegment, type RowsetMeta } from './rowset.js';

/** Whether the FE still considers the transaction open (the FE tells BEs about aborts in Doris). */
export type TxnStateLookup = (txnId: bigint) => 'PREPARE' | 'COMMITTED' | 'VISIBLE' | 'ABORTED' | undefined;

const REQUIRED: Array<keyof TIngestBinlogRequest> = [
  'txn_id',
  'remote_tablet_id',
  'binlog_version',
  'remote_host',
  'remote_port',
  'partition_id',
  'local_tablet_id',
  'load_id',
];

class IngestError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const status = (code: number, ...msgs: string[]): TStatus => ({ status_code: code, error_msgs: msgs });

export async function ingestBinlog(
  backend: Backend,
  request: TIngestBinlogRequest,
  txnState: TxnStateLookup,
): Promise<TIngestBinlogResult> {
  if (!backend.config.enable_feature_binlog) {
    return { status: status(StatusCode.RUNTIME_ERROR, 'enable feature binlog is false') };
  }
  for (const field of REQUIRED) {
    if (request[field] === undefined)
      return { status: status(StatusCode.ANALYSIS_ERROR, `${field} is empty`) };
  }
  const txnId = request.txn_id!;
  const localTablet = request.local_tablet_id!;
  if (!backend.hasTablet(localTablet)) {
    return { status: status(StatusCode.TABLET_MISSING, `tablet ${localTablet} not found`) };
  }
  const state = txnState(txnId);
  if (state === 'ABORTED' || state === undefined) {
    return { status: status(StatusCode.ABORTED, `txn ${txnId} is aborted or does not exist`) };
  }
  const remotePort = Number(request.remote_port);
  if (!Number.isInteger(remotePort) || remotePort <= 0) {
    return { status: status(StatusCode.ANALYSIS_ERROR, `invalid remote_port ${request.remote_port}`) };
  }
  const base = `http://${request.remote_host}:${remotePort}/api/_binlog/_download`;
  const sourceKey = `${request.remote_host}:${remotePort}/${request.remote_tablet_id}/${request.binlog_version}`;
  if (backend.prepared(txnId, localTablet)?.sourceKey === sourceKey)
    return { status: status(StatusCode.OK), is_async: false };
  try {
    const tablet = request.remote_tablet_id!.toString();
    const version = request.binlog_version!.toString();
    const info = (
      await fetchText(
        `${base}?method=get_binlog_info&tablet_id=${tablet}&binlog_version=${version}`,
        'get binlog info',
      )
    ).trim();
    const match = /^([^:]+):(\d+)$/.exec(info);
    if (!match) throw new IngestError(StatusCode.INTERNAL_ERROR, `bad binlog info '${info}'`);
    const rowsetId = match[1]!;
    const segments = Number(match[2]);
    const metaText = await fetchText(
      `${base}?method=get_rowset_meta&tablet_id=${tablet}&rowset_id=${rowsetId}&binlog_version=${version}`,
      'get rowset meta',
    );
    const meta = JSON.parse(metaText) as RowsetMeta;
    const schema = backend.schemaOf(localTablet)!;
    const rows = [];
    for (let i = 0; i < segments; i++) {
      const url = `${base}?method=get_segment_file&tablet_id=${tablet}&rowset_id=${rowsetId}&segment_index=${i}`;
      const head = await fetchWithRetry(url, 'HEAD');
      const size = Number(head.headers['content-length']);
      const response = await fetchWithRetry(`${url}&acquire_md5=true`, 'GET');
      const data = response.body;
      if (data.length !== size) {
        throw new IngestError(
          StatusCode.IO_ERROR,
          `segment ${i} of rowset ${rowsetId}: got ${data.length} bytes, expected ${size}`,
        );
      }
      const md5 = response.headers['content-md5'];
      if (md5 && md5 !== createHash('md5').update(data).digest('hex')) {
        throw new IngestError(StatusCode.CORRUPTION, `segment ${i} of rowset ${rowsetId}: md5 mismatch`);
      }
      rows.push(...decodeSegment(data));
    }
    // The FE may have aborted the transaction while we downloaded.
    if (txnState(txnId) !== 'PREPARE') {
      return { status: status(StatusCode.ABORTED, `txn ${txnId} is not running any more`) };
    }
    backend.prepare(txnId, localTablet, request.partition_id!, toStoredRows(schema, meta.columns, rows), {
      sourceKey,
      ...(meta.deletePredicate ? { deletePredicate: meta.deletePredicate } : {}),
    });
    return { status: status(StatusCode.OK), is_async: false };
  } catch (error) {
    if (error instanceof IngestError) return { status: status(error.code, error.message) };
    // The replica left this BE while the rowset downloaded (a move finished): TABLET_MISSING, as up front.
    if (error instanceof BackendError) return { status: status(error.statusCode, error.message) };
    return {
      status: status(StatusCode.RUNTIME_ERROR, `failed to ingest binlog: ${(error as Error).message}`),
    };
  }
}

async function fetchWithRetry(url: string, method: 'GET' | 'HEAD'): Promise<HttpResult> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Metadata answers fast; a throttled segment may legitimately take minutes.
      const timeoutMs = url.includes('get_segment_file') && method === 'GET' ? 600_000 : 10_000;
      const response = await httpRequest(url, method, timeoutMs);
      if (response.status === 404) {
        throw new IngestError(
          StatusCode.HTTP_ERROR,
          `${response.body.toString('utf8')} (HTTP 404 from ${url})`,
        );
      }
      if (response.status !== 200)
        throw new Error(`HTTP ${response.status}: ${response.body.toString('utf8')}`);
      return response;
    } catch (error) {
      if (error instanceof IngestError) throw error;
      last = error;
    }
  }
  throw new IngestError(
    StatusCode.HTTP_ERROR,
    `download failed after 3 attempts: ${(last as Error).message}`,
  );
}

async function fetchText(url: string, what: string): Promise<string> {
  const response = await fetchWithRetry(url, 'GET');
  const text = response.body.toString('utf8');
  if (!text) throw new IngestError(StatusCode.HTTP_ERROR, `${what}: empty response`);
  return text;
}
