// A table job whose source table is dropped, dropped and re-created, or replaced (the Go syncer follows a
// dropped table silently, and loops on full syncs after REPLACE TABLE): the job pauses with the reason in
// job_status; told to follow a re-created table it copies the new one once; REPLACE WITH TABLE re-points
// it to the table now under its name with exactly one full sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { until } from '../../src/converge.js';
import { rows, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

const table = (name: string) =>
  `CREATE TABLE $db.${name} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;

describe('table sync: the source table dropped, re-created or replaced', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('a dropped source table pauses the job with the reason', async () => {
    await fx.run('tbl_dropped', async (s) => {
      await s.source(table('t'), 'INSERT INTO $db.t VALUES (1, 1)');
      const job = await s.createJob('t');
      await s.source('DROP TABLE $db.t FORCE');
      await until('the job to pause', async () => {
        const status = (await job.must('job_status')).status as { state: string; last_error: string };
        return status.state === 'paused' && /dropped/.test(status.last_error) ? true : status;
      });
    });
  });

  it('with follow_recreated_table, a table dropped and re-created is copied again once', async () => {
    await fx.run('tbl_recreated', async (s) => {
      await s.source(table('t'), 'INSERT INTO $db.t VALUES (1, 1)');
      const job = await s.createJob('t', { followRecreated: true });
      await s.source('DROP TABLE $db.t FORCE', table('t'), 'INSERT INTO $db.t VALUES (2, 2), (3, 3)');
      await job.sameRows();
      await s.source('INSERT INTO $db.t VALUES (4, 4)');
      const keys = (await job.sameRows()).map((r) => (JSON.parse(r) as string[][])[0]![1]);
      assert.deepEqual(keys, ['2', '3', '4'], "only the re-created table's rows");
      assert.equal(await job.fullSyncs(), 2, 'the first copy and one of the re-created table');
    });
  });

  it('REPLACE WITH TABLE re-points the job to the table now under its name, with one full sync', async () => {
    await fx.run('tbl_replaced', async (s) => {
      await s.source(
        table('t'),
        table('other'),
        'INSERT INTO $db.t VALUES (1, 1)',
        'INSERT INTO $db.other VALUES (7, 7)',
      );
      const job = await s.createJob('t');
      await s.source('ALTER TABLE $db.t REPLACE WITH TABLE other PROPERTIES ("swap" = "false")');
      await s.source('INSERT INTO $db.t VALUES (8, 8)');
      await job.sameRows();
      await job.caughtUp();
      const before = (await job.must('job_detail')).job_detail as { src: { table_id: string } };
      await s.source('INSERT INTO $db.t VALUES (9, 9)');
      const keys = (await job.sameRows()).map((r) => (JSON.parse(r) as string[][])[0]![1]);
      assert.deepEqual(keys, ['7', '8', '9'], "the replacing table's rows and the later ones");
      assert.equal(await job.fullSyncs(), 2, 'one full sync of the replacing table, no loop');
      const dbs = await rows(s.src, `SHOW PROC '/dbs/'`);
      const dbId = dbs.find((d) => d.DbName === s.srcDb)?.DbId;
      const tables = await rows(s.src, `SHOW PROC '/dbs/${dbId}/'`);
      const now = String(tables.find((t) => t.TableName === 't')?.TableId);
      assert.equal(before.src.table_id, now, 'the job record follows the table now named t');
    });
  });
});
