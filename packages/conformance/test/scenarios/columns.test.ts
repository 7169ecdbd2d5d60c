// Column changes on a synced table (table_sync/column, test_ts_col_*): added key and value columns at every
// position, several in one statement, drops, renames, type changes (a heavy schema change with shadow
// indexes), comments, defaults and reordering all reach the target — same columns, same rows — through DDL
// replay or a partial sync, never through a new full sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { columnComments, columns, ScenarioFixture, TABLE_PROPS, type TableJob } from '../../src/index.js';

const DUP_TABLE = `CREATE TABLE $db.t (k1 INT, k2 INT, v1 VARCHAR(8), v2 INT) DUPLICATE KEY(k1, k2)
  DISTRIBUTED BY HASH(k1) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;

/** Waits for the columns and the rows of the target to equal the source's, and for no full sync. */
async function followed(job: TableJob, fulls: number): Promise<string[]> {
  const cols = await job.converge('columns', columns);
  await job.sameRows();
  assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
  return cols;
}

describe('table sync: columns', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('key and value columns added first, after a key, after a value and last appear in order', async () => {
    await fx.run('col_add', async (s) => {
      await s.source(DUP_TABLE, `INSERT INTO $db.t VALUES (1, 1, 'a', 1)`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD COLUMN k0 INT KEY DEFAULT "0" FIRST`,
        `ALTER TABLE $db.t ADD COLUMN k15 INT KEY DEFAULT "15" AFTER k1`,
        `ALTER TABLE $db.t ADD COLUMN v15 VARCHAR(4) DEFAULT "x" AFTER v1`,
        `ALTER TABLE $db.t ADD COLUMN v_last BIGINT DEFAULT "7"`,
        `INSERT INTO $db.t VALUES (0, 2, 2, 2, 'b', 'y', 2, 8)`,
      );
      const cols = await followed(job, fulls);
      assert.deepEqual(
        cols.map((c) => c.split(' ')[0]),
        ['k0', 'k1', 'k15', 'k2', 'v1', 'v15', 'v2', 'v_last'],
      );
    });
  });

  it('one statement adding a key and a value column, and SUM columns of an aggregate table', async () => {
    await fx.run('col_add_many', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 1), (1, 2)`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD COLUMN (k2 INT KEY DEFAULT "0", total BIGINT SUM DEFAULT "0")`,
        `INSERT INTO $db.t VALUES (1, 0, 5, 10), (1, 0, 1, 1), (2, 3, 4, 4)`,
      );
      await followed(job, fulls);
    });
  });

  it('dropping a key column and a value column', async () => {
    await fx.run('col_drop', async (s) => {
      await s.source(DUP_TABLE, `INSERT INTO $db.t VALUES (1, 1, 'a', 1), (2, 2, 'b', 2)`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(`ALTER TABLE $db.t DROP COLUMN v1`, `INSERT INTO $db.t VALUES (3, 3, 3)`);
      await followed(job, fulls);
      await s.source(`ALTER TABLE $db.t DROP COLUMN k2`, `INSERT INTO $db.t VALUES (4, 4)`);
      const cols = await followed(job, fulls);
      assert.deepEqual(
        cols.map((c) => c.split(' ')[0]),
        ['k1', 'v2'],
      );
    });
  });

  it('a renamed column keeps its data and takes new rows', async () => {
    await fx.run('col_rename', async (s) => {
      await s.source(DUP_TABLE, `INSERT INTO $db.t VALUES (1, 1, 'a', 1)`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t RENAME COLUMN v1 note`,
        `ALTER TABLE $db.t RENAME COLUMN k2 k_two`,
        `INSERT INTO $db.t (k1, k_two, note, v2) VALUES (2, 2, 'renamed', 2)`,
      );
      const cols = await followed(job, fulls);
      assert.ok(cols.some((c) => c.startsWith('note ')) && cols.some((c) => c.startsWith('k_two ')));
    });
  });

  it('widening a key and a value column (heavy schema change) goes through a partial sync', async () => {
    await fx.run('col_type', async (s) => {
      await s.source(DUP_TABLE, `INSERT INTO $db.t VALUES (1, 1, 'a', 1)`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      const partials = await job.syncs('partial');
      await s.source(`ALTER TABLE $db.t MODIFY COLUMN k2 BIGINT KEY`);
      await job.converge('columns', columns);
      assert.ok((await job.syncs('partial')) > partials, 'the schema change was copied by a partial sync');
      await s.source(
        `ALTER TABLE $db.t MODIFY COLUMN v2 BIGINT`,
        `ALTER TABLE $db.t MODIFY COLUMN v1 VARCHAR(32)`,
        `INSERT INTO $db.t VALUES (2, 9000000000, 'a much longer text', 9000000000)`,
      );
      const cols = await followed(job, fulls);
      assert.ok(cols.includes('k2 bigint Yes true null '), `k2 is a BIGINT key: ${cols}`);
    });
  });

  it('column comments (two in one statement) and defaults are the same downstream', async () => {
    await fx.run('col_comment', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT COMMENT 'the key', v INT COMMENT 'old', w VARCHAR(8) COMMENT 'w')
         DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.t VALUES (1, 1, 'a')`,
      );
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t MODIFY COLUMN v COMMENT 'new comment', MODIFY COLUMN w COMMENT "it's w"`,
      );
      const comments = await job.converge('column comments', columnComments);
      assert.ok(comments.includes('v: new comment'), `comment replicated: ${comments}`);
      await s.source(
        `ALTER TABLE $db.t ADD COLUMN d_int INT DEFAULT "42"`,
        `ALTER TABLE $db.t ADD COLUMN d_time DATETIME DEFAULT CURRENT_TIMESTAMP`,
        `ALTER TABLE $db.t ADD COLUMN d_text VARCHAR(16) DEFAULT "none"`,
        `INSERT INTO $db.t (k, v, w) VALUES (2, 2, 'b')`,
      );
      // Rows are not compared: d_time holds the load time of each cluster's own default.
      await job.converge('columns', columns);
      await job.converge('column comments', columnComments);
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });

  it('ORDER BY reorders the value columns downstream', async () => {
    await fx.run('col_order', async (s) => {
      await s.source(DUP_TABLE, `INSERT INTO $db.t VALUES (1, 1, 'a', 1)`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ORDER BY (k1, k2, v2, v1)`,
        `INSERT INTO $db.t VALUES (2, 2, 2, 'b')`,
      );
      const cols = await followed(job, fulls);
      assert.deepEqual(
        cols.map((c) => c.split(' ')[0]),
        ['k1', 'k2', 'v2', 'v1'],
      );
    });
  });
});
