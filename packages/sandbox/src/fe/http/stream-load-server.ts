// The FE's HTTP port: stream load (`PUT /api/{db}/{table}/_stream_load`), answered with Doris's JSON
// result body. A real FE redirects to a BE; the sandbox loads directly, which clients that follow
// redirects (curl --location-trusted) cannot tell apart.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { StoredRow } from '../../be/tablet-store.js';
import { tableByName } from '../../catalog/database.js';
import { type HttpRoute, type ListeningHttpServer, listenHttp } from '../../http/listen-http.js';
import { SLICE_MS } from '../../storage/pinned-reader.js';
import type { ValueInput } from '../../types/index.js';
import { AuthError } from '../auth/auth-manager.js';
import { autoIncrementValues } from '../exec/auto-increment.js';
import { buildRow, RowError, type RowShape, rowShape } from '../exec/row-builder.js';
import type { Frontend } from '../frontend.js';
import { publicMessage } from '../internal-error.js';
import { groupCommit } from '../load/group-commit.js';
import { newLabel } from '../load/label.js';
import { NoPartitionError, type PlannedLoad, planLoad } from '../load/load-planner.js';
import { runLoad } from '../load/load-runner.js';
import { TxnError } from '../txn/transaction-manager.js';
import { deleteSignMarker, mergeHeaders } from './stream-load-merge.js';
import {
  csvRecords,
  LoadFormatError,
  parseJsonRecords,
  type StreamLoadFormat,
  unescapeSeparator,
} from './stream-load-parse.js';
import { checkPartialColumns, partialRowFiller } from './stream-load-partial.js';

export type StreamLoadServer = ListeningHttpServer;

export type { HttpRoute };

export async function startStreamLoadServer(
  fe: Frontend,
  port: number,
  host: string,
  routes: readonly HttpRoute[] = [],
): Promise<StreamLoadServer> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fe');
    (async () => {
      for (const route of routes) if (await route(req, res, url)) return;
      await handle(fe, req, res);
    })().catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, { Status: 'Fail', Message: (error as Error).message });
    });
  });
  return listenHttp(server, port, host);
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body, null, 4));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function basicAuth(req: IncomingMessage): { user: string; password: string } | undefined {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const at = text.indexOf(':');
  return at < 0 ? { user: text, password: '' } : { user: text.slice(0, at), password: text.slice(at + 1) };
}

async function handle(fe: Frontend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fe');
  const match = /^\/api\/([^/]+)\/([^/]+)\/_stream_load$/.exec(url.pathname);
  if (!match || req.method !== 'PUT') {
    reply(res, 404, { status: 'NOT_FOUND', msg: `no handler for ${req.method} ${url.pathname}` });
    return;
  }
  const started = Date.now();
  const dbName = decodeURIComponent(match[1]!);
  const tableName = decodeURIComponent(match[2]!);
  const label = (req.headers.label as string | undefined) ?? newLabel('stream_load');
  const fail = (message: string, extra: object = {}) =>
    reply(res, 200, {
      TxnId: -1,
      Label: label,
      Comment: '',
      TwoPhaseCommit: 'false',
      Status: 'Fail',
      Message: message,
      ...extra,
    });

  const credentials = basicAuth(req);
  if (!credentials) {
    res.writeHead(401, { 'WWW-Authenticate': 'Basic realm=""' });
    res.end('no valid Basic authorization');
    return;
  }
  try {
    fe.auth.authenticate(credentials.user, credentials.password);
  } catch (error) {
    if (error instanceof AuthError) return fail(error.message);
    throw error;
  }
  const db = fe.catalog.databaseByName(dbName);
  if (!db) return fail(`unknown database, database=${dbName}`);
  const table = tableByName(db, tableName);
  if (table?.kind !== 'OLAP') return fail(`unknown table, tableName=${tableName}`);
  if (!fe.auth.has(credentials.user, 'LOAD', db.name, table.name)) {
    return fail(`Access denied; you need (at least one of) the (LOAD) privilege(s) for this operation`);
  }
  const existing = fe.txns.byLabel(db.id, label);
  if (existing) {
    return reply(res, 200, {
      TxnId: Number(existing.id),
      Label: label,
      Comment: '',
      TwoPhaseCommit: 'false',
      Status: 'Label Already Exists',
      ExistingJobStatus: existing.status === 'VISIBLE' ? 'FINISHED' : 'RUNNING',
      Message: `Label [${label}] has already been used, relate to txn [${existing.id}], status [${existing.status}].`,
    });
  }

  const h = (name: string) => req.headers[name] as string | undefined;
  const format: StreamLoadFormat = {
    format: (h('format') ?? 'csv').toLowerCase() === 'json' ? 'json' : 'csv',
    columnSeparator: unescapeSeparator(h('column_separator') ?? '\t'),
    lineDelimiter: unescapeSeparator(h('line_delimiter') ?? '\n'),
    stripOuterArray: h('strip_outer_array') === 'true',
    readJsonByLine: h('read_json_by_line') === 'true',
    skipLines: Number(h('skip_lines') ?? '0'),
  };
  const fmtName = (h('format') ?? 'csv').toLowerCase();
  if (!['csv', 'json', 'csv_with_names'].includes(fmtName)) return fail(`unsupported format ${fmtName}`);
  const maxFilterRatio = Number(h('max_filter_ratio') ?? '0');
  const columnsHeader = h('columns');
  if (columnsHeader && /[=()]/.test(columnsHeader)) {
    return fail('column mapping expressions in the columns header are not supported by doris-sandbox');
  }
  const merge = mergeHeaders(h, table);
  if (typeof merge === 'string') return fail(merge);
  const partial = (h('partial_columns') ?? 'false').toLowerCase() === 'true';
  if (partial) {
    const problem = checkPartialColumns(
      table,
      columnsHeader?.split(',').map((c) => c.trim().replace(/^`|`$/g, '')),
    );
    if (problem) return fail(problem);
  }
  const body = await readBody(req);
  const readDone = Date.now();
  const text = body.toString('utf8');
  let columnNames = columnsHeader?.split(',').map((c) => c.trim().replace(/^`|`$/g, ''));
  let records: Iterable<ValueInput[]>;
  try {
    if (format.format === 'csv') {
      const lines = csvRecords(text, fmtName === 'csv_with_names' ? { ...format, skipLines: 0 } : format);
      if (fmtName === 'csv_with_names') {
        const header = lines.next();
        if (!header.done) columnNames ??= header.value.map(String);
      }
      records = lines;
    } else {
      const objects = parseJsonRecords(text, format);
      const shapeCols = columnNames ?? rowShape(table, undefined).targets.map((c) => c.name);
      columnNames = shapeCols;
      records = objects.map((o) => {
        const lower = new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
        return shapeCols.map((c) => {
          const v = lower.get(c.toLowerCase());
          return v === undefined || v === null ? { kind: 'null' } : { kind: 'json', value: v as never };
        });
      });
    }
  } catch (error) {
    if (error instanceof LoadFormatError) return fail(error.message);
    throw error;
  }
  let shape: RowShape;
  try {
    shape = rowShape(table, columnNames, {
      ...(merge.sequenceCol === undefined ? {} : { sequenceSource: merge.sequenceCol }),
      autoIncrement: autoIncrementValues(fe, table),
      partialUpdate: partial,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const now = fe.clock.now();
  const fillPartial = partial ? partialRowFiller(fe, table, shape.targets, shape.generated) : undefined;
  let markDeletes: ((row: StoredRow) => void) | undefined;
  try {
    markDeletes = deleteSignMarker(table, merge, {
      currentDatabase: db.name,
      currentUser: credentials.user,
      nowMs: now,
      variable: () => undefined,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const rows: StoredRow[] = [];
  const errors: string[] = [];
  // Records are turned into rows as they are read (CSV lazily), so only the built rows stay alive; a large
  // body is parsed in slices, giving the event loop a turn between them.
  let sliceStart = performance.now();
  for (const record of records) {
    if ((rows.length & 1023) === 0 && performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    try {
      if (record.length !== shape.targets.length) {
        throw new RowError(
          `actual column number in csv file is ${record.length}, but schema column number is ${shape.targets.length}`,
        );
      }
      const row = buildRow(shape, record, now);
      fillPartial?.(row);
      markDeletes?.(row);
      rows.push(row);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      errors.push(error.message);
    }
  }
  const filtered = errors.length;
  const total = rows.length + filtered;
  if (total > 0 && filtered / total > maxFilterRatio) {
    return fail(`[DATA_QUALITY_ERROR]too many filtered rows. ${errors[0] ?? ''}`, {
      NumberTotalRows: total,
      NumberLoadedRows: total - filtered,
      NumberFilteredRows: filtered,
      NumberUnselectedRows: 0,
      LoadBytes: body.length,
    });
  }
  const groupMode = (h('group_commit') ?? 'off_mode').toLowerCase();
  if (groupMode === 'sync_mode' || groupMode === 'async_mode') {
    if (req.headers.label) return fail("label and group_commit can't be set at the same time");
    if (partial || merge.mergeType !== 'APPEND') {
      return fail('group commit does not support partial column updates or merge types other than APPEND');
    }
    try {
      const group = await groupCommit(fe, db, table, rows, groupMode);
      return reply(res, 200, {
        TxnId: Number(group.txnId),
        Label: group.label,
        Comment: '',
        GroupCommit: true,
        TwoPhaseCommit: 'false',
        Status: 'Success',
        Message: 'OK',
        NumberTotalRows: total,
        NumberLoadedRows: rows.length,
        NumberFilteredRows: filtered,
        NumberUnselectedRows: 0,
        LoadBytes: body.length,
        LoadTimeMs: Date.now() - started,
      });
    } catch (error) {
      return fail(publicMessage(error));
    }
  }
  const partitionsHeader = h('partitions');
  const partitions = partitionsHeader
    ? partitionsHeader.split(',').map((n) => [...table.partitions.values()].find((p) => p.name === n.trim()))
    : undefined;
  if (partitions?.some((p) => p === undefined)) return fail(`unknown partition in ${partitionsHeader}`);
  let planned: PlannedLoad;
  try {
    planned = planLoad(
      table,
      rows,
      partitions ? { partitions: partitions.filter((p) => p !== undefined) } : {},
    );
  } catch (error) {
    if (error instanceof NoPartitionError)
      return fail('[DATA_QUALITY_ERROR]too many filtered rows. no partition for this tuple');
    throw error;
  }
  const writeStart = Date.now();
  try {
    const timeoutS = Number(h('timeout') ?? fe.config.int('stream_load_default_timeout_second'));
    const outcome = runLoad(fe, {
      db,
      table,
      label,
      sourceType: 'BACKEND_STREAMING',
      timeoutMs: timeoutS * 1000,
      planned,
    });
    const end = Date.now();
    reply(res, 200, {
      TxnId: Number(outcome.txnId),
      Label: label,
      Comment: '',
      TwoPhaseCommit: 'false',
      Status: 'Success',
      Message: 'OK',
      NumberTotalRows: total,
      NumberLoadedRows: rows.length,
      NumberFilteredRows: filtered,
      NumberUnselectedRows: 0,
      LoadBytes: body.length,
      LoadTimeMs: end - started,
      BeginTxnTimeMs: 0,
      StreamLoadPutTimeMs: 0,
      ReadDataTimeMs: readDone - started,
      WriteDataTimeMs: end - writeStart,
      CommitAndPublishTimeMs: 0,
    });
  } catch (error) {
    if (error instanceof TxnError) return fail(error.message);
    return fail(publicMessage(error));
  }
}
