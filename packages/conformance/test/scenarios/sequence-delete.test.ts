// Sequence columns and batch delete (table_sync test_ts_seq_* / test_ts_dml_batch_delete, and what users
// of UNIQUE tables with function_column.sequence_col rely on): loads that arrive out of sequence order and
// deletes through __DORIS_DELETE_SIGN__ leave the target with exactly the source's merged rows, before and
// after the job's full sync, for a mapped sequence column and for a sequence type.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rows, ScenarioFixture, TABLE_PROPS, tableProperties } from '../../src/index.js';

const MAPPED = `CREATE TABLE $db.t (k INT, v VARCHAR(16), s INT) UNIQUE KEY(k)
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS}, "function_column.sequence_col" = "s")`;
const TYPED = `CREATE TABLE $db.t (k INT, v VARCHAR(16)) UNIQUE KEY(k)
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS}, "function_column.sequence_type" = "int")`;

describe('table sync: sequence columns and batch delete', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('out-of-order loads and delete-sign deletes merge by the sequence column on the target', async () => {
    await fx.run('seq_mapped', async (s) => {
      await s.source(
        MAPPED,
        `INSERT INTO $db.t VALUES (1, 'a5', 5), (2, 'b5', 5), (3, 'c5', 5)`,
        `INSERT INTO $db.t VALUES (1, 'a3', 3)`,
      );
      const job = await s.createJob('t');
      await job.sameRows();
      assert.equal((await job.target(tableProperties)).get('function_column.sequence_col'), 's');
      const fulls = await job.fullSyncs();
      await s.source(
        // older versions arrive after newer ones: they must lose on the target as on the source
        `INSERT INTO $db.t VALUES (2, 'b4', 4), (3, 'c9', 9)`,
        `INSERT INTO $db.t (k, v, s, __DORIS_DELETE_SIGN__) VALUES (1, '', 1, 1)`,
        `INSERT INTO $db.t (k, v, s, __DORIS_DELETE_SIGN__) VALUES (2, '', 8, 1)`,
      );
      await job.sameRows();
      assert.deepEqual(await rows(s.dest, `SELECT k, v, s FROM ${job.destName} ORDER BY k`), [
        { k: 1, v: 'a5', s: 5 },
        { k: 3, v: 'c9', s: 9 },
      ]);
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });

  it('ENABLE FEATURE "SEQUENCE_LOAD" on a synced table reaches the target, and the order holds there', async () => {
    await fx.run('seq_enable', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v VARCHAR(16)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 'one'), (2, 'two')`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ENABLE FEATURE "SEQUENCE_LOAD" WITH PROPERTIES ("function_column.sequence_type" = "int")`,
      );
      assert.equal(
        await job.converge('sequence type', async (...a) =>
          (await tableProperties(...a)).get('function_column.sequence_type'),
        ),
        'int',
      );
      await s.source(
        `INSERT INTO $db.t (k, v, __DORIS_SEQUENCE_COL__) VALUES (1, 'new', 5)`,
        `INSERT INTO $db.t (k, v, __DORIS_SEQUENCE_COL__) VALUES (1, 'old', 2), (3, 'three', 1)`,
      );
      await job.sameRows();
      assert.deepEqual(await rows(s.dest, `SELECT k, v FROM ${job.destName} ORDER BY k`), [
        { k: 1, v: 'new' },
        { k: 2, v: 'two' },
        { k: 3, v: 'three' },
      ]);
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });

  it('a sequence type orders by the hidden sequence column the loads fill', async () => {
    await fx.run('seq_typed', async (s) => {
      await s.source(TYPED, `INSERT INTO $db.t (k, v, __DORIS_SEQUENCE_COL__) VALUES (1, 'ten', 10)`);
      const db = await s.createJob('');
      const job = db.table('t');
      await job.sameRows();
      await s.source(
        `INSERT INTO $db.t (k, v, __DORIS_SEQUENCE_COL__) VALUES (1, 'seven', 7), (2, 'two', 2)`,
        `INSERT INTO $db.t (k, v, __DORIS_SEQUENCE_COL__) VALUES (2, 'twenty', 20)`,
      );
      await job.sameRows();
      assert.deepEqual(await rows(s.dest, `SELECT k, v FROM ${job.destName} ORDER BY k`), [
        { k: 1, v: 'ten' },
        { k: 2, v: 'twenty' },
      ]);
      assert.equal(await db.fullSyncs(), 1, 'no second full sync');
    });
  });
});
