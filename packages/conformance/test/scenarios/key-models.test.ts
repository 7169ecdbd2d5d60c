// Key models (table_sync/table, test_ts_tbl_* / test_ts_table_res_mow / test_ts_common): the full sync keeps
// each table's key model and merge-on-write setting, and incremental loads keep its semantics on the target
// — one row per key for UNIQUE (last write wins), summed values for AGGREGATE, every copy for DUPLICATE.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  keysClause,
  rows,
  type Scenario,
  ScenarioFixture,
  TABLE_PROPS,
  tableProperties,
} from '../../src/index.js';

/** Last write wins: what a UNIQUE table holds after the loads below, merge-on-write or not. */
const LAST_WRITES = ['1 8 a4', '2 1 b2', '3 31 d2', '150 6 c2', '160 1 e'];

/**
 * Each model with the rows its target must hold after the loads below (`k v note` by k, v), worked out
 * by hand: literal rows catch a merge bug that a source and a target sandbox would share.
 */
const MODELS = [
  {
    model: 'duplicate',
    keys: 'DUPLICATE KEY(k)',
    value: 'v INT',
    props: '',
    expected: [
      ...['1 8 a4', '1 9 a3', '1 10 a', '1 11 a2', '2 1 b2', '2 20 b', '3 30 d', '3 31 d2'],
      ...['150 5 c', '150 6 c2', '160 1 e'],
    ],
  },
  { model: 'unique_mow', keys: 'UNIQUE KEY(k)', value: 'v INT', props: '', expected: LAST_WRITES },
  {
    model: 'unique_mor',
    keys: 'UNIQUE KEY(k)',
    value: 'v INT',
    props: ', "enable_unique_key_merge_on_write" = "false"',
    expected: LAST_WRITES,
  },
  {
    model: 'aggregate',
    keys: 'AGGREGATE KEY(k)',
    value: 'v INT SUM',
    props: '',
    expected: ['1 38 a4', '2 21 b2', '3 61 d2', '150 11 c2', '160 1 e'],
  },
  {
    model: 'aggregate_max',
    keys: 'AGGREGATE KEY(k)',
    value: 'v INT MAX',
    props: '',
    expected: ['1 11 a4', '2 20 b2', '3 31 d2', '150 6 c2', '160 1 e'],
  },
] as const;

async function createModelTable(s: Scenario, model: (typeof MODELS)[number]): Promise<void> {
  await s.source(
    `CREATE TABLE $db.t (k INT, ${model.value}, note VARCHAR(16)${model.keys.startsWith('AGG') ? ' REPLACE' : ''})
     ${model.keys} PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
     DISTRIBUTED BY HASH(k) BUCKETS 3 PROPERTIES (${TABLE_PROPS}${model.props})`,
    // The same keys twice with different values before the job: the restore must carry the merged state.
    `INSERT INTO $db.t VALUES (1, 10, 'a'), (2, 20, 'b'), (150, 5, 'c')`,
    `INSERT INTO $db.t VALUES (1, 11, 'a2'), (150, 6, 'c2')`,
  );
}

describe('table sync: key models', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  for (const model of MODELS) {
    it(`${model.model}: restore keeps the model and loads keep its semantics`, async () => {
      await fx.run(`km_${model.model}`, async (s) => {
        await createModelTable(s, model);
        const job = await s.createJob('t');
        await job.sameRows();
        assert.equal(await job.target(keysClause), await job.source(keysClause), 'key model after restore');
        const mow = 'enable_unique_key_merge_on_write';
        assert.equal(
          (await job.target(tableProperties)).get(mow),
          (await job.source(tableProperties)).get(mow),
          'merge-on-write setting after restore',
        );

        // Incremental: new keys, repeated keys (merged by UNIQUE/AGG, kept by DUP), decreasing values
        // (a MAX or a last-write-wins model must not take the larger of the two), and a second partition.
        await s.source(
          `INSERT INTO $db.t VALUES (3, 30, 'd'), (1, 9, 'a3'), (160, 1, 'e')`,
          `INSERT INTO $db.t VALUES (1, 8, 'a4'), (3, 31, 'd2'), (2, 1, 'b2')`,
        );
        await job.sameRows();
        if (model.model !== 'duplicate') {
          // A merging model must have merged on the target too: never two rows for one key.
          const [r] = await rows<{ n: string; keys: string }>(
            s.dest,
            `SELECT COUNT(*) AS n, COUNT(DISTINCT k) AS \`keys\` FROM ${job.destName}`,
          );
          assert.equal(Number(r!.n), Number(r!.keys), 'one row per key on the target');
        }
        const target = await rows<{ k: number; v: number; note: string }>(
          s.dest,
          `SELECT k, v, note FROM ${job.destName} ORDER BY k, v, note`,
        );
        assert.deepEqual(
          target.map((r) => `${r.k} ${r.v} ${r.note}`),
          model.expected,
          'the rows the model makes of these loads',
        );
      });
    });
  }
});
