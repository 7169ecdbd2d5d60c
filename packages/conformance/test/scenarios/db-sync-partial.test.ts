// Database partial sync during incremental (db_ps_inc/, cross_ds/partialsync): a heavy schema change on
// one table of a database job is copied by a partial sync of that table alone — never a full sync of the
// database — while the other tables keep replaying; loads around it aggregate exactly once; a table dropped
// before its partial sync runs is given up cleanly; a partition overwritten is copied by itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { columns, rows, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

const AGG = (
  t: string,
) => `CREATE TABLE $db.${t} (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
  PROPERTIES (${TABLE_PROPS})`;

describe('database sync: partial sync during incremental', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('a key column added to one table: that table alone is copied, values aggregate once', async () => {
    await fx.run('dbps_merge', async (s) => {
      await s.source(
        AGG('a'),
        AGG('b'),
        'INSERT INTO $db.a VALUES (1, 1)',
        'INSERT INTO $db.b VALUES (1, 1)',
      );
      const job = await s.createJob('');
      await job.must('pause');
      await s.source(
        'INSERT INTO $db.a VALUES (1, 1)',
        'ALTER TABLE $db.a ADD COLUMN k0 INT KEY DEFAULT "0" FIRST',
        'INSERT INTO $db.a VALUES (0, 1, 2)',
        'INSERT INTO $db.a VALUES (0, 1, 2)',
        'INSERT INTO $db.b VALUES (1, 5)',
      );
      await job.must('resume');
      await job.table('a').converge('columns', columns);
      await job.table('a').sameRows();
      await job.table('b').sameRows();
      const [a] = await rows<{ v: string }>(
        s.dest,
        `SELECT v FROM ${job.table('a').destName} WHERE k0 = 0 AND k = 1`,
      );
      assert.equal(Number(a?.v), 6, 'every load of a counted once');
      const [b] = await rows<{ v: string }>(s.dest, `SELECT v FROM ${job.table('b').destName} WHERE k = 1`);
      assert.equal(Number(b?.v), 6);
      assert.equal(await job.fullSyncs(), 1, 'no full sync of the database');
      const partial = (await job.progress()).history.filter((h) => h.kind === 'partial');
      assert.deepEqual(
        partial.map((h) => h.tables),
        [['a']],
        'one partial sync, of table a only',
      );
    });
  });

  it('a table dropped before its partial sync runs is given up; the others go on', async () => {
    await fx.run('dbps_drop', async (s) => {
      await s.source(
        AGG('a'),
        AGG('b'),
        'INSERT INTO $db.a VALUES (1, 1)',
        'INSERT INTO $db.b VALUES (1, 1)',
      );
      const job = await s.createJob('');
      await job.must('pause');
      await s.source(
        'ALTER TABLE $db.a ADD COLUMN k0 INT KEY DEFAULT "0" FIRST',
        'INSERT INTO $db.a VALUES (0, 2, 2)',
        'DROP TABLE $db.a FORCE',
        'INSERT INTO $db.b VALUES (2, 2)',
      );
      await job.must('resume');
      await job.table('b').sameRows();
      await job.caughtUp();
      const tables = await rows<Record<string, string>>(s.dest, `SHOW TABLES FROM \`${s.destDb}\``);
      assert.deepEqual(
        tables.map((t) => Object.values(t)[0]),
        ['b'],
      );
      assert.equal(await job.fullSyncs(), 1, 'no full sync of the database');
    });
  });

  it('INSERT OVERWRITE of a partition copies that partition only; TRUNCATE replays', async () => {
    await fx.run('dbps_overwrite', async (s) => {
      await s.source(
        `CREATE TABLE $db.p (k INT, v INT) DUPLICATE KEY(k)
         PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
         DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        AGG('other'),
        'INSERT INTO $db.p VALUES (1, 1), (150, 1)',
      );
      const job = await s.createJob('');
      await s.source(
        'INSERT OVERWRITE TABLE $db.p PARTITION (p0) VALUES (5, 5)',
        'INSERT INTO $db.p VALUES (151, 2), (6, 6)',
        'INSERT INTO $db.other VALUES (1, 1)',
      );
      await job.table('p').sameRows();
      await job.table('other').sameRows();
      await s.source('TRUNCATE TABLE $db.other', 'INSERT INTO $db.other VALUES (2, 2)');
      await job.table('other').sameRows();
      const history = (await job.progress()).history;
      assert.equal(history.filter((h) => h.kind === 'full').length, 1, JSON.stringify(history));
      assert.deepEqual(
        history.filter((h) => h.kind === 'partial').map((h) => h.partitions),
        [['p0']],
        'the overwritten partition alone',
      );
    });
  });
});
