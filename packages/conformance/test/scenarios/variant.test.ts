// VARIANT columns with `variant_enable_flatten_nested` (table_sync test_ts_prop_variant_nested,
// test_ts_tbl_res_variant): documents written before the job arrive through the full sync's backup and
// restore, documents written after (INSERT and JSON stream load) through incremental ingest, and every
// subcolumn query answers the same on both sides — members of objects, nested arrays of objects read one
// entry per element, CASTs of subcolumns, filters on members — with the property kept on the target.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rows, type Scenario, ScenarioFixture, TABLE_PROPS, type TableJob } from '../../src/index.js';

const TABLE = `CREATE TABLE $db.t (k INT, tag VARCHAR(8), v VARIANT)
  DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
  PROPERTIES (${TABLE_PROPS}, "variant_enable_flatten_nested" = "true")`;

const BEFORE_JOB = [
  `INSERT INTO $db.t VALUES
     (1, 'nested', '{"nested":[{"a":1,"c":1.1},{"b":"1"}],"user":{"id":7,"name":"ann"}}'),
     (2, 'scalar', '{"user":{"id":8,"name":"bob"},"score":2.5}'),
     (3, 'top', '[{"a":5},{"a":6,"b":"q"}]')`,
];

/** Subcolumn reads a user of the table runs, ordered by the key. */
const QUERIES = [
  `SELECT k, v, v['nested']['a'] AS a, v['nested']['b'] AS b, v['nested'] AS n, v['user']['name'] AS name,
     v['a'] AS top FROM $t ORDER BY k`,
  `SELECT k, CAST(v['nested']['a'] AS ARRAY<INT>) AS ai, CAST(v['user']['id'] AS INT) AS id,
     CAST(v['user']['name'] AS STRING) AS name, CAST(v['score'] AS DOUBLE) AS score FROM $t ORDER BY k`,
  `SELECT k FROM $t WHERE v['user']['name'] = 'bob' OR CAST(v['user']['id'] AS INT) > 8 ORDER BY k`,
];

async function answers(s: Scenario, job: TableJob, side: 'source' | 'target'): Promise<unknown[]> {
  const conn = side === 'source' ? s.src : s.dest;
  const table = side === 'source' ? job.srcName : job.destName;
  return Promise.all(QUERIES.map((sql) => rows(conn, sql.replaceAll('$t', table))));
}

describe('table sync: VARIANT', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('flattened VARIANT documents and their subcolumns through full and incremental sync', async () => {
    await fx.run('variant_nested', async (s) => {
      await s.source(TABLE, ...BEFORE_JOB);
      const job = await s.createJob('t');
      await job.sameRows();
      assert.deepEqual(
        await answers(s, job, 'target'),
        await answers(s, job, 'source'),
        'after the full sync',
      );
      const [create] = await rows<{ 'Create Table': string }>(s.dest, `SHOW CREATE TABLE ${job.destName}`);
      assert.match(create?.['Create Table'] ?? '', /"variant_enable_flatten_nested" = "true"/);
      const fulls = await job.fullSyncs();

      await s.source(
        `INSERT INTO $db.t VALUES (4, 'later', '{"nested":[{"a":3},{"a":4,"c":2.5}],"user":{"id":9,"name":"cy"}}')`,
      );
      await s.streamLoad(
        't',
        [
          { k: 5, tag: 'json', v: { nested: [{ b: 'x' }], user: { id: 10, name: 'dee' } } },
          { k: 6, tag: 'json', v: { score: 7 } },
        ]
          .map((r) => JSON.stringify(r))
          .join('\n'),
        { format: 'json', read_json_by_line: 'true' },
      );
      await job.sameRows();
      const target = await answers(s, job, 'target');
      assert.deepEqual(target, await answers(s, job, 'source'), 'after incremental sync');
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
      // what the answers are, so equal-but-wrong cannot pass
      assert.deepEqual(
        (target[0] as Record<string, unknown>[]).map((r) => [r.k, r.a, r.b, r.name, r.top]),
        [
          [1, '[1, null]', '[null, "1"]', '"ann"', null],
          [2, null, null, '"bob"', null],
          [3, null, null, null, '[5, 6]'],
          [4, '[3, 4]', null, '"cy"', null],
          [5, null, '["x"]', '"dee"', null],
          [6, null, null, null, null],
        ],
      );
      assert.deepEqual(target[2], [{ k: 2 }, { k: 4 }, { k: 5 }]);
    });
  });

  it('a database job copies and follows a flattened VARIANT table', async () => {
    await fx.run('variant_db', async (s) => {
      await s.source(TABLE, ...BEFORE_JOB);
      const db = await s.createJob('');
      const job = db.table('t');
      await job.sameRows();
      await s.source(
        `INSERT INTO $db.t VALUES (4, 'later', '{"nested":[{"a":3}],"user":{"id":9,"name":"cy"}}')`,
      );
      await job.sameRows();
      assert.deepEqual(await answers(s, job, 'target'), await answers(s, job, 'source'));
      assert.equal(await db.fullSyncs(), 1, 'no second full sync');
    });
  });
});
