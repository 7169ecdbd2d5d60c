// Database jobs limited to some tables (beyond the Go syncer): include_tables / exclude_tables, names or
// globs, validated with a 400; a table created later that matches is picked up, one that does not is
// ignored on both the data and the DDL path. Also the database-level DDL the seed lists (db_sync/alt_prop,
// db_sync/column): column, comment and property changes of copied tables replicate.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { columns, rows, ScenarioFixture, TABLE_PROPS, tableComment } from '../../src/index.js';

const T = (
  t: string,
) => `CREATE TABLE $db.${t} (k INT, v VARCHAR(16)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
  PROPERTIES (${TABLE_PROPS}, "light_schema_change" = "true")`;

describe('database sync: table filters and table DDL', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('refuses bad filters with a 400 naming the field, and filters on a table job', async () => {
    await fx.run('dbf_bad', async (s) => {
      await s.source(T('a'));
      const bad = await s.syncer.call<{ success: boolean; error_msg: string }>('create_ccr', {
        ...s.createBody(''),
        include_tables: ['a', 7],
      });
      assert.equal(bad.success, false);
      assert.match(bad.error_msg, /include_tables\[1\]/);
      const onTable = await s.syncer.call<{ success: boolean; error_msg: string }>('create_ccr', {
        ...s.createBody('a'),
        exclude_tables: ['b'],
      });
      assert.equal(onTable.success, false);
      assert.match(onTable.error_msg, /database jobs/);
    });
  });

  it('copies only matching tables, now and later, on the data and DDL paths', async () => {
    await fx.run('dbf_globs', async (s) => {
      await s.source(T('sales_1'), T('sales_2'), T('audit'), 'INSERT INTO $db.sales_1 VALUES (1, "a")');
      const job = await s.createJob('', { includeTables: ['sales_*'], excludeTables: ['sales_2'] });
      await s.source(
        T('sales_3'),
        'INSERT INTO $db.sales_3 VALUES (3, "c")',
        'INSERT INTO $db.audit VALUES (9, "x")',
        'INSERT INTO $db.sales_2 VALUES (2, "b")',
        T('audit_2'),
        'ALTER TABLE $db.sales_1 ADD COLUMN note VARCHAR(8) DEFAULT "n"',
        'INSERT INTO $db.sales_1 VALUES (4, "d", "x")',
        'ALTER TABLE $db.sales_1 MODIFY COMMENT "sales of region 1"',
      );
      await job.table('sales_3').sameRows();
      await job.table('sales_1').sameRows();
      await job.table('sales_1').converge('columns', columns);
      await job.table('sales_1').converge('table comment', tableComment);
      await job.caughtUp();
      const tables = (await rows<Record<string, string>>(s.dest, `SHOW TABLES FROM \`${s.destDb}\``))
        .map((t) => Object.values(t)[0])
        .sort();
      assert.deepEqual(tables, ['sales_1', 'sales_3']);
      assert.equal(await job.fullSyncs(), 1);
    });
  });
});
