// Complex column types (table_sync test_ts_tbl_res_variant, test_ts_prop_variant_nested, and the ARRAY/MAP/
// STRUCT/JSON columns users replicate): rows written before the job arrive through the full sync's backup
// and restore, rows written after through incremental ingest, with the same column types and the same
// rendered values on both sides — nested arrays, NULL elements, empty collections, VARIANT members.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  columns,
  rows,
  type Scenario,
  ScenarioFixture,
  TABLE_PROPS,
  type TableJob,
} from '../../src/index.js';

const TABLE = `CREATE TABLE $db.t (k INT, a ARRAY<INT>, aa ARRAY<ARRAY<STRING>>, m MAP<STRING, INT>,
    s STRUCT<f:INT, g:VARCHAR(16)>, j JSON, v VARIANT)
  UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
  PROPERTIES (${TABLE_PROPS}, "variant_enable_flatten_nested" = "true")`;

const BEFORE_JOB = [
  `INSERT INTO $db.t VALUES (1, [1, 2, NULL], [['x'], [], ['y', NULL]], {'a': 1, 'b': NULL},
     named_struct('f', 1, 'g', 'one'), '{"j":[1,2]}', '{"key_1":"value_1","n":{"x":1}}')`,
  `INSERT INTO $db.t VALUES (2, [], NULL, {}, struct(2, NULL), NULL, '[1,2]')`,
];

const AFTER_JOB = [
  `INSERT INTO $db.t VALUES (3, [3], [['z', 'w']], map('c', 3), named_struct('f', 3, 'g', 'three'),
     '{"k":"three"}', '{"key_3":"value_3"}')`,
  // an upsert of a key that came with the full sync replaces every complex value
  `INSERT INTO $db.t VALUES (1, [9], [[]], {'z': 9}, struct(9, 'nine'), '9', '{"key_1":"again"}')`,
];

/** The complex values as the target renders them, by key, and what Doris extracts from them. */
async function extracted(s: Scenario, job: TableJob): Promise<unknown[]> {
  return rows(
    s.dest,
    `SELECT k, a[1] AS first, m['a'] AS ma, struct_element(s, 'g') AS g, CAST(v['key_1'] AS TEXT) AS key_1
     FROM ${job.destName} ORDER BY k`,
  );
}

describe('table sync: complex types', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('ARRAY, MAP, STRUCT, JSON and VARIANT columns through full and incremental sync', async () => {
    await fx.run('types_table', async (s) => {
      await s.source(TABLE, ...BEFORE_JOB);
      const job = await s.createJob('t');
      await job.sameRows();
      assert.deepEqual(await job.target(columns), await job.source(columns), 'column types after restore');
      const fulls = await job.fullSyncs();
      await s.source(...AFTER_JOB);
      await job.sameRows();
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
      assert.deepEqual(await extracted(s, job), [
        { k: 1, first: 9, ma: null, g: 'nine', key_1: 'again' },
        { k: 2, first: null, ma: null, g: null, key_1: null },
        { k: 3, first: 3, ma: null, g: 'three', key_1: null },
      ]);
    });
  });

  it('a database job copies and follows a table of complex types', async () => {
    await fx.run('types_db', async (s) => {
      await s.source(TABLE, ...BEFORE_JOB);
      const db = await s.createJob('');
      const job = db.table('t');
      await job.sameRows();
      await s.source(...AFTER_JOB);
      await job.sameRows();
      assert.equal(await db.fullSyncs(), 1, 'no second full sync');
    });
  });
});
