// Partial-column updates (table_sync test_ts_dml_partial_update): stream loads with `partial_columns: true`
// on a merge-on-write table reach the target as complete rows — the columns a load left out keep their
// values there too — before and after the full sync. The source's HTTP port comes from SHOW FRONTENDS, as
// any client finds it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rows, type Scenario, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

function partialLoad(s: Scenario, table: string, columns: string, body: string): Promise<void> {
  return s.streamLoad(table, body, { column_separator: ',', partial_columns: 'true', columns });
}

describe('table sync: partial-column updates', () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('partial-column stream loads replicate as complete rows', async () => {
    await fx.run('partial_update', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, a INT, b VARCHAR(8), c INT) UNIQUE KEY(k)
         DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 10, 'x', 100), (2, 20, 'y', 200)`,
      );
      await partialLoad(s, 't', 'k,a', '1,11\n');
      const job = await s.createJob('t');
      await job.sameRows();
      const fulls = await job.fullSyncs();
      await partialLoad(s, 't', 'k,b', '1,xx\n2,yy\n3,zz\n');
      await partialLoad(s, 't', 'k,c', '2,222\n');
      await job.sameRows();
      assert.deepEqual(await rows(s.dest, `SELECT * FROM ${job.destName} ORDER BY k`), [
        { k: 1, a: 11, b: 'xx', c: 100 },
        { k: 2, a: 20, b: 'yy', c: 222 },
        { k: 3, a: null, b: 'zz', c: null },
      ]);
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });
});
