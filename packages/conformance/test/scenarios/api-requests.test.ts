// Requests the syncer must refuse (syncer API behaviour, test_ts_alt_prop_light_schema_change): malformed
// bodies get a 4xx answer with success:false and a message naming the field, and change nothing; a table
// job is refused when the source table has binlog or light schema change off, or the target table exists.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type ApiAnswer,
  type Scenario,
  ScenarioFixture,
  TABLE_PROPS,
  tableExists,
  tableProperties,
  tableRows,
} from '../../src/index.js';

const TABLE = `CREATE TABLE $db.t (k INT, v VARCHAR(16)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
  PROPERTIES (${TABLE_PROPS})`;

async function refused(
  s: Scenario,
  endpoint: string,
  body: string | object,
  field: RegExp,
): Promise<ApiAnswer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const { status, body: answer } = await s.syncer.post<ApiAnswer>(endpoint, raw);
  const what = `${endpoint} ${raw.slice(0, 120)}`;
  assert.ok(status >= 400 && status < 500, `${what}: HTTP ${status} is a client error`);
  assert.equal(answer.success, false, what);
  assert.match(String(answer.error_msg), field, `${what}: the message names the problem`);
  return answer;
}

/** The jobs of this scenario (other scenarios create theirs on the same syncer meanwhile). */
async function jobNames(s: Scenario): Promise<string[]> {
  const all = (await s.syncer.call<{ jobs: string[] }>('list_jobs')).jobs;
  return all.filter((name) => name.startsWith(`${s.topic}_`));
}

describe('table sync: refused requests', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('malformed bodies are refused with the field named, and change nothing', async () => {
    await fx.run('api_bad', async (s) => {
      await s.source(TABLE, `INSERT INTO $db.t VALUES (1, 'a')`);
      const job = await s.createJob('t');
      const before = { jobs: await jobNames(s), rows: await job.target(tableRows) };
      const good = s.createBody('t', {}, `${job.name}_x`);
      const cases: Array<[string, string | object, RegExp]> = [
        ['create_ccr', '{"name": "x", "src": ', /JSON|body/i],
        ['create_ccr', '[1, 2]', /JSON object/],
        ['create_ccr', { ...good, name: '' }, /name/],
        ['create_ccr', { ...good, src: undefined }, /src/],
        ['create_ccr', { ...good, src: { ...good.src, port: 'abc' } }, /src\.port/],
        ['create_ccr', { ...good, dest: { ...good.dest, thrift_port: 70000 } }, /dest\.thrift_port/],
        ['create_ccr', { ...good, dest: { ...good.dest, user: 5 } }, /dest\.user/],
        ['create_ccr', { ...good, dest: { ...good.dest, table: '' } }, /dest\.table/],
        ['create_ccr', { ...good, allow_table_exists: 'maybe' }, /allow_table_exists/],
        ['create_ccr', { ...good, name: job.name }, /already exist/],
        ['pause', { name: `${job.name}_missing` }, /not exist/],
        ['pause', {}, /name/],
        ['job_skip_binlog', { name: job.name, skip_by: 'sometimes' }, /skip_by/],
        ['job_skip_binlog', { name: job.name, skip_by: 'silence', skip_commit_seq: 0 }, /skip_commit_seq/],
        ['job_skip_binlog', { name: job.name, skip_by: 'silence', skip_commit_seq: 'x1' }, /skip_commit_seq/],
      ];
      for (const [endpoint, body, field] of cases) await refused(s, endpoint, body, field);
      assert.deepEqual(await jobNames(s), before.jobs, 'no job was created or deleted');
      assert.equal(((await job.must('job_status')).status as { state: string }).state, 'running');
      assert.equal(await tableExists(s.dest, s.destDb, `${job.name}_x`), false);
      // The job is unharmed: it still replicates.
      await s.source(`INSERT INTO $db.t VALUES (2, 'b')`);
      assert.notDeepEqual(await job.sameRows(), before.rows);
    });
  });

  it('a source table without binlog is refused, and nothing is created', async () => {
    await fx.run('api_no_binlog', async (s) => {
      await s.source(
        `ALTER DATABASE $db SET PROPERTIES ("binlog.enable" = "false")`,
        `CREATE TABLE $db.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES ("replication_num" = "1", "binlog.enable" = "false")`,
      );
      const body = s.createBody('t');
      await refused(s, 'create_ccr', body, /binlog\.enable/);
      assert.ok(!(await jobNames(s)).includes(body.name));
      assert.equal(await tableExists(s.dest, s.destDb, 't').catch(() => false), false);
    });
  });

  it('a source table with light_schema_change=false is refused, and nothing is created', async () => {
    await fx.run('api_no_lsc', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS}, "light_schema_change" = "false")`,
      );
      const body = s.createBody('t', { destTable: 't_alias' });
      await refused(s, 'create_ccr', body, /light_schema_change/);
      assert.ok(!(await jobNames(s)).includes(body.name));
      assert.equal(await tableExists(s.dest, s.destDb, 't_alias').catch(() => false), false);
    });
  });

  it('an existing target table is refused unless allow_table_exists is given', async () => {
    await fx.run('api_exists', async (s) => {
      await s.source(TABLE, `INSERT INTO $db.t VALUES (1, 'a'), (2, 'b')`);
      await s.target(`CREATE DATABASE IF NOT EXISTS $db`);
      await s.target(`CREATE TABLE $db.t (k INT, v VARCHAR(16)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
        PROPERTIES ("replication_num" = "1")`);
      await refused(s, 'create_ccr', s.createBody('t'), /already exists/);
      // With allow_table_exists the restore takes the existing table over and marks it synced.
      const job = await s.createJob('t', { allowTableExists: true });
      await job.sameRows();
      assert.equal((await job.target(tableProperties)).get('is_being_synced'), 'true');
    });
  });
});
