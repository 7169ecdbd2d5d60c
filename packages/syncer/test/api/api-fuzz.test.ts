// Property-based fuzz of the HTTP API through the real daemon: 1,000 requests built from valid bodies of
// every endpoint and mutated (wrong types, missing and extra members, huge and unicode strings, nested
// junk), plus random JSON, broken JSON, bodies past the limit, odd content types and methods. Property:
// no answer is a 5xx, every answer is JSON, and afterwards the daemon is alive and its jobs are exactly
// as they were (names, records, progress). The jobs replicate between two sandboxes, so the bodies reach
// real clusters where they are valid enough to.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ClusterAccess } from '../../src/jobs/cluster-access.js';
import { isAlive, tempDir } from '../cli/process-helpers.js';
import { type Daemon, startDaemon } from '../support/daemon.js';
import { clusterAccess, type SandboxCluster, specOf, startSandboxCluster } from '../support/test-cluster.js';
import { until } from '../support/until.js';

const TOKEN = 'fuzz-token';
const RUNS = 1000;
const BODY_LIMIT = 1024 * 1024;
const PROPS = `PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface FuzzRequest {
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Undefined: no body (the query string may carry one). */
  readonly body?: string;
  readonly query?: string;
  readonly contentType?: string;
  readonly token?: string;
}

/** Strings that have broken parsers and validators elsewhere. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '../x`y',
    "'; DROP DATABASE app; --",
    '__proto__',
    'constructor',
    '\uD800',
    '🦀'.repeat(50),
    '-1',
    '9223372036854775808',
    'NaN',
    '1e400',
    'true',
    '127.0.0.1',
    '%s%n',
  ),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'é'.repeat(n)),
);

/** Any JSON value, nested junk included. */
const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
  nastyString,
  fc.constantFrom<Json>(-1, 0, 1.5, -0, 2 ** 53 + 1, Number.MAX_VALUE, [], {}, [[[[[]]]]], {
    a: { b: { c: {} } },
  }),
);

/** Applies one mutation at a random depth of an object. */
function mutate(value: Json, pick: fc.Arbitrary<number>): fc.Arbitrary<Json> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return junk;
  const keys = Object.keys(value);
  const drop = keys.length
    ? [
        fc
          .constantFrom(...keys)
          .map((key) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))),
      ]
    : [];
  return fc.oneof(
    // Replace a member with junk (a wrong type, a huge or unicode string, nested junk).
    fc
      .record({ key: fc.constantFrom(...keys, 'name'), to: junk })
      .map(({ key, to }) => ({ ...value, [key]: to })),
    // Drop a member.
    ...drop,
    // Add members nobody expects.
    fc.dictionary(nastyString, junk, { maxKeys: 3 }).map((extra) => ({ ...value, ...extra })),
    // Go one level down (src, dest, host mappings).
    ...keys
      .filter((key) => typeof value[key] === 'object' && value[key] !== null && !Array.isArray(value[key]))
      .map((key) => mutate(value[key] as Json, pick).map((inner) => ({ ...value, [key]: inner }))),
  );
}

/** Up to three mutations in a row. */
function mutated(valid: Json): fc.Arbitrary<Json> {
  const pick = fc.nat();
  return fc.integer({ min: 1, max: 3 }).chain((n) => {
    let arb: fc.Arbitrary<Json> = fc.constant(valid);
    for (let i = 0; i < n; i++) arb = arb.chain((v) => mutate(v, pick));
    return arb;
  });
}

/** Text that is not JSON, or not quite. */
function brokenJson(valid: Json): fc.Arbitrary<string> {
  const text = JSON.stringify(valid);
  return fc.oneof(
    fc.nat({ max: Math.max(0, text.length - 1) }).map((at) => text.slice(0, at)),
    fc
      .tuple(fc.nat({ max: text.length }), fc.string({ minLength: 1, maxLength: 3 }))
      .map(([at, s]) => text.slice(0, at) + s + text.slice(at)),
    fc.string(),
    fc.constantFrom(
      '{',
      '}',
      '[',
      'nul',
      '{"name":',
      '{"name":"a",}',
      "{'name':'a'}",
      '\u0000\u0001',
      '{"a":1}{"b":2}',
    ),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  );
}

const CONTENT_TYPES = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/json; charset=latin1',
  '*/*',
  ';;;',
);

function fuzzRequests(valid: Record<string, Json>): fc.Arbitrary<FuzzRequest> {
  const paths = Object.keys(valid);
  const extraPaths = fc.constantFrom(
    '/version',
    '/metrics',
    '/failpoint',
    '/no_such_endpoint',
    '/',
    '/list_jobs/x',
  );
  const body = (path: string) => {
    const base = valid[path] ?? {};
    return fc.oneof(
      { weight: 6, arbitrary: mutated(base).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.constant(JSON.stringify(base)) },
      { weight: 2, arbitrary: junk.map((v) => JSON.stringify(v)) },
      { weight: 2, arbitrary: brokenJson(base) },
      { weight: 1, arbitrary: fc.constant(`{"name":"${'x'.repeat(BODY_LIMIT)}"}`) },
    );
  };
  return fc
    .record({
      path: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...paths) },
        { weight: 1, arbitrary: extraPaths },
      ),
      method: fc.constantFrom<FuzzRequest['method']>('POST', 'POST', 'POST', 'GET', 'GET', 'PUT', 'DELETE'),
      contentType: CONTENT_TYPES,
      token: fc.oneof(
        { weight: 9, arbitrary: fc.constant(TOKEN) },
        { weight: 1, arbitrary: fc.constantFrom(undefined, 'nope', '') },
      ),
      withQuery: fc.boolean(),
    })
    .chain((r) =>
      fc
        .record({
          body: fc.option(body(r.path), { freq: 8 }),
          query: r.withQuery
            ? fc
                .dictionary(fc.constantFrom('name', 'skip_by', 'x', ''), nastyString, { maxKeys: 2 })
                .map((q) => new URLSearchParams(q).toString())
            : fc.constant(undefined),
        })
        .map((extra) => ({
          path: r.path,
          method: r.method,
          ...(r.contentType === undefined ? {} : { contentType: r.contentType }),
          ...(r.token === undefined ? {} : { token: r.token }),
          ...(extra.body === null ? {} : { body: extra.body }),
          ...(extra.query === undefined ? {} : { query: extra.query }),
        })),
    );
}

async function send(
  port: number,
  request: FuzzRequest,
): Promise<{ status: number; text: string; type: string }> {
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
  // fetch cannot send a GET with a body; such requests go as POST (the server reads both the same way).
  const method = request.body !== undefined && request.method === 'GET' ? 'POST' : request.method;
  const url = `http://127.0.0.1:${port}${request.path}${request.query ? `?${request.query}` : ''}`;
  const response = await fetch(url, {
    method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

describe('API fuzz through the real daemon', () => {
  let source: SandboxCluster;
  let target: SandboxCluster;
  let src: ClusterAccess;
  let daemon: Daemon;
  const call = async (path: string, body: unknown) => (await daemon.call(path, body, { token: TOKEN })).json;
  /** Everything the fuzz must leave as it was: the job list, every job's record and progress. */
  const snapshot = async () => {
    const jobs = (await call('/list_jobs', {})).jobs as string[];
    const each = [];
    for (const name of jobs) {
      each.push({
        name,
        detail: (await call('/job_detail', { name })).job_detail,
        progress: (await call('/job_progress', { name })).job_progress,
        state: ((await call('/job_status', { name })).status as { state: string }).state,
      });
    }
    return { jobs, each };
  };

  before(async () => {
    [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
    src = await clusterAccess(specOf(source, '', ''));
    for (const db of ['fz', 'fzdb']) {
      await src.sql.execute(`CREATE DATABASE ${db} PROPERTIES ("binlog.enable" = "true")`);
      await src.sql.execute(
        `CREATE TABLE ${db}.t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 ${PROPS}`,
      );
      await src.sql.execute(`INSERT INTO ${db}.t VALUES (1, 1)`);
    }
    daemon = await startDaemon(tempDir('ccr-api-fuzz'), [
      `--api_token=${TOKEN}`,
      '--connect_timeout=2s',
      '--rpc_timeout=5s',
    ]);
    for (const [name, db, table] of [
      ['fz_table', 'fz', 't'],
      ['fz_db', 'fzdb', ''],
    ] as const) {
      const created = await call('/create_ccr', {
        name,
        src: specOf(source, db, table),
        dest: specOf(target, db, table),
      });
      assert.equal(created.success, true, JSON.stringify(created));
    }
    await until(
      async () => {
        for (const name of ['fz_table', 'fz_db']) {
          const status = (await call('/job_status', { name })).status as {
            progress_state: string;
            step: string;
          };
          if (!/IncrementalSync$/.test(status.progress_state) || status.step !== 'idle') return false;
        }
        return true;
      },
      'both jobs replicating',
      60_000,
    );
  });

  after(async () => {
    await daemon?.kill('SIGKILL');
    await src?.close();
    await Promise.all([source?.stop(), target?.stop()]);
  });

  it(`${RUNS} random and mutated requests: no 5xx, the daemon alive, its jobs unchanged`, async () => {
    const ghost = 'fz_ghost';
    // Valid bodies of every endpoint. Job-scoped changes name a job that does not exist, and create_ccr a
    // source database that does not: a mutation that stays valid must not change the real jobs.
    const valid: Record<string, Json> = {
      '/create_ccr': {
        name: 'fz_new',
        src: { ...specOf(source, 'fz_missing', 't') },
        dest: { ...specOf(target, 'fz_new_target', 't'), host_mapping: { '10.0.0.1': '127.0.0.1' } },
        allow_table_exists: false,
      } as unknown as Json,
      '/pause': { name: ghost },
      '/resume': { name: ghost },
      '/delete': { name: ghost },
      '/desync': { name: ghost },
      '/force_fullsync': { name: ghost },
      '/job_skip_binlog': { name: ghost, skip_by: 'silence', skip_commit_seq: 12 },
      '/update_host_mapping': {
        name: ghost,
        src_host_mapping: { '10.0.0.1': '127.0.0.1' },
        dest_host_mapping: {},
      },
      '/get_lag': { name: 'fz_table' },
      '/job_detail': { name: 'fz_db' },
      '/job_status': { name: 'fz_table' },
      '/job_progress': { name: 'fz_db' },
      '/list_jobs': {},
      '/list_syncers': {},
      '/features': {},
      '/verify': { name: 'fz_table', tables: ['t'] },
      '/verify_result': { name: 'fz_db' },
    };
    const before = await snapshot();
    assert.deepEqual(before.jobs, ['fz_db', 'fz_table']);
    const statuses = new Map<number, number>();
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fuzzRequests(valid), async (request) => {
        const answer = await send(daemon.port, request);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        assert.ok(answer.status < 500, `${answer.status} ${answer.text.slice(0, 500)}`);
        if (request.path !== '/metrics' || answer.status !== 200)
          assert.match(answer.type, /^application\/json/, `${answer.status} ${answer.text.slice(0, 200)}`);
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `api fuzz: ${RUNS} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    assert.ok(isAlive(daemon.pid), 'the daemon is alive');
    assert.equal((await fetch(`http://127.0.0.1:${daemon.port}/version`)).status, 200);
    assert.deepEqual(await snapshot(), before, 'list_jobs, every record and every progress unchanged');
    // Most requests got past the token and were judged on their body, not all refused at the door.
    const refused = statuses.get(401) ?? 0;
    assert.ok(refused < RUNS / 4, `only ${RUNS - refused} requests passed the token check`);
  });
});
