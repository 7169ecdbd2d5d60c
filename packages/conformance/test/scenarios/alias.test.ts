// A table job whose target table has another name (table_sync_alias/, test_tsa_*): the restore creates the
// table under the alias, replayed DDL is rewritten to it, loads land in it, and partial syncs (schema
// changes, rollups, overwrites) restore under the alias again — never touching a table of the source's name
// on the target.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  columnComments,
  columns,
  indexDefinitions,
  indexSchemas,
  keysClause,
  partitions,
  rollupNames,
  ScenarioFixture,
  TABLE_PROPS,
  type TableJob,
  tableComment,
  tableExists,
  tableProperties,
} from '../../src/index.js';

const TABLE = `CREATE TABLE $db.t (k INT, k2 INT, v VARCHAR(16), n INT SUM DEFAULT "0",
    INDEX idx_v (v) USING INVERTED)
  AGGREGATE KEY(k, k2, v) PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
  DISTRIBUTED BY HASH(k) BUCKETS 2
  ROLLUP (r1 (k, n))
  PROPERTIES (${TABLE_PROPS})`;
const ROWS = `INSERT INTO $db.t VALUES (1, 1, 'a', 1), (1, 1, 'a', 2), (101, 2, 'b', 3)`;

async function checkNoSourceNamedTable(job: TableJob): Promise<void> {
  const s = job.scenario;
  assert.equal(await tableExists(s.dest, s.destDb, job.srcTable), false, 'nothing under the source name');
}

describe('table sync: different target table name (alias)', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('the restore creates the alias with the model, rollup, index and properties; loads arrive', async () => {
    await fx.run('alias_restore', async (s) => {
      await s.source(TABLE, ROWS);
      const job = await s.createJob('t', { destTable: 't_alias' });
      await job.sameRows();
      assert.equal(await job.target(keysClause), await job.source(keysClause));
      await job.converge('DESC ALL', indexSchemas);
      assert.deepEqual(await job.target(rollupNames), ['r1']);
      await job.converge('index definitions', indexDefinitions);
      await job.converge('partitions', partitions);
      assert.equal((await job.target(tableProperties)).get('is_being_synced'), 'true');
      await s.source(`INSERT INTO $db.t VALUES (1, 1, 'a', 10), (150, 3, 'c', 1)`);
      await job.sameRows();
      await checkNoSourceNamedTable(job);
    });
  });

  it('column, comment, partition and truncate DDL is rewritten to the alias', async () => {
    await fx.run('alias_ddl', async (s) => {
      await s.source(TABLE, ROWS);
      const job = await s.createJob('t', { destTable: 't_alias' });
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD COLUMN m INT SUM DEFAULT "0"`,
        `ALTER TABLE $db.t RENAME COLUMN m m2`,
        `ALTER TABLE $db.t MODIFY COMMENT 'alias comment'`,
        `ALTER TABLE $db.t MODIFY COLUMN n COMMENT 'count'`,
        `ALTER TABLE $db.t ADD PARTITION p2 VALUES LESS THAN ("300")`,
        `ALTER TABLE $db.t RENAME PARTITION p2 p2_renamed`,
        `INSERT INTO $db.t VALUES (250, 1, 'x', 1, 1)`,
        `ALTER TABLE $db.t DROP PARTITION p0`,
        `ALTER TABLE $db.t DROP INDEX idx_v`,
      );
      await job.converge('columns', columns);
      await job.converge('column comments', columnComments);
      await job.converge('partitions', partitions);
      await job.converge('table comment', tableComment);
      await job.converge('index definitions', indexDefinitions);
      await job.sameRows();
      await s.source(`TRUNCATE TABLE $db.t PARTITION (p1)`, `ALTER TABLE $db.t DROP COLUMN m2`);
      await job.converge('columns', columns);
      await job.sameRows();
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
      await checkNoSourceNamedTable(job);
    });
  });

  it('partial syncs restore under the alias: key column, rollup, materialized view, overwrite', async () => {
    await fx.run('alias_partial', async (s) => {
      await s.source(TABLE, ROWS);
      const job = await s.createJob('t', { destTable: 't_alias' });
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD COLUMN k0 INT KEY DEFAULT "0" FIRST`,
        `INSERT INTO $db.t VALUES (0, 2, 2, 'z', 5)`,
      );
      await job.converge('columns', columns);
      await job.sameRows();
      await s.source(
        `ALTER TABLE $db.t ADD ROLLUP r2 (k2, k, n)`,
        `CREATE MATERIALIZED VIEW mv1 AS SELECT k, SUM(n) FROM $db.t GROUP BY k`,
        `ALTER TABLE $db.t DROP ROLLUP r1`,
      );
      await job.converge('DESC ALL', indexSchemas);
      assert.deepEqual(await job.target(rollupNames), ['mv1', 'r2']);
      await s.source(`INSERT OVERWRITE TABLE $db.t PARTITION (p1) VALUES (0, 120, 7, 'o', 7)`);
      await job.sameRows();
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
      await checkNoSourceNamedTable(job);
    });
  });
});
