// Indexes of a synced table (table_sync/idx_*, test_ts_prop_index, test_ts_prop_bloom_filter): inverted and
// NGram bloom-filter indexes and bloom-filter columns present before the job are restored; indexes built,
// dropped and added later, one or several per statement and in either syntax, follow — without a full
// sync — while rows keep arriving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  indexDefinitions,
  ScenarioFixture,
  TABLE_PROPS,
  type TableJob,
  tableProperties,
} from '../../src/index.js';

const TABLE = `CREATE TABLE $db.t (k INT, title VARCHAR(64), body STRING, tag VARCHAR(16),
    INDEX idx_title (title) USING INVERTED PROPERTIES ("parser" = "english") COMMENT 'restored',
    INDEX idx_body (body) USING INVERTED, INDEX idx_tag (tag) USING INVERTED COMMENT 'tags')
  DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("100"), PARTITION p1 VALUES LESS THAN ("200"))
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;
/** The same columns without any index, for indexes added later. */
const PLAIN_TABLE = `CREATE TABLE $db.t (k INT, title VARCHAR(64), body STRING, tag VARCHAR(16)) DUPLICATE KEY(k)
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;
const ROWS = `INSERT INTO $db.t VALUES (1, 'hello world', 'a body', 'x'), (150, 'other title', 'b', 'y')`;

const NGBF_TABLE = `CREATE TABLE $db.t (k INT, title VARCHAR(64), tag VARCHAR(16),
    INDEX idx_ng (title) USING NGRAM_BF PROPERTIES ("gram_size" = "3", "bf_size" = "256"))
  DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS}, "bloom_filter_columns" = "tag")`;

/** Index definitions equal on both sides, rows too, and no full sync since `fulls`. */
async function followed(job: TableJob, fulls: number): Promise<string[]> {
  const defs = await job.converge('index definitions', indexDefinitions);
  await job.sameRows();
  assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
  return defs;
}

const bloomFilterColumns = async (...args: Parameters<typeof tableProperties>) =>
  (await tableProperties(...args)).get('bloom_filter_columns') ?? '';

describe('table sync: indexes', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('restored inverted indexes are built, dropped one or two per statement, in either syntax', async () => {
    await fx.run('idx_inverted', async (s) => {
      await s.source(TABLE, ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      assert.equal((await followed(job, fulls)).length, 3, 'the restored table has the indexes');
      await s.source(
        `BUILD INDEX idx_body ON $db.t`,
        `INSERT INTO $db.t VALUES (3, 'after build', 'd', 'z')`,
      );
      await followed(job, fulls);
      await s.source(
        `ALTER TABLE $db.t DROP INDEX idx_body, DROP INDEX idx_tag`,
        `INSERT INTO $db.t VALUES (4, 'after drop', 'e', 'z')`,
      );
      assert.equal((await followed(job, fulls)).length, 1);
      await s.source(`DROP INDEX idx_title ON $db.t`, `INSERT INTO $db.t VALUES (5, 'none left', 'f', 'z')`);
      assert.equal((await followed(job, fulls)).length, 0);
    });
  });

  it('BUILD INDEX restricted to one partition is replayed for that partition', async () => {
    await fx.run('idx_build_part', async (s) => {
      await s.source(TABLE, ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `BUILD INDEX idx_tag ON $db.t PARTITION (p1)`,
        `INSERT INTO $db.t VALUES (151, 'built', 'h', 'u')`,
      );
      await followed(job, fulls);
      await s.source(`ALTER TABLE $db.t DROP INDEX idx_tag`);
      assert.equal((await followed(job, fulls)).length, 2);
    });
  });

  it('NGram bloom-filter indexes and bloom-filter columns are restored', async () => {
    await fx.run('idx_ngbf', async (s) => {
      await s.source(NGBF_TABLE, `INSERT INTO $db.t VALUES (1, 'ngram title', 'x')`);
      const job = await s.createJob('t');
      assert.equal(await job.converge('bloom filter columns', bloomFilterColumns), 'tag');
      assert.equal((await followed(job, await job.fullSyncs())).length, 1);
    });
  });

  it('inverted indexes added later (one or two per statement, ADD or CREATE INDEX) follow', async () => {
    await fx.run('idx_add', async (s) => {
      await s.source(PLAIN_TABLE, ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD INDEX idx_body (body) USING INVERTED COMMENT 'added', ADD INDEX idx_tag (tag) USING INVERTED`,
        `CREATE INDEX idx_k ON $db.t (k) USING INVERTED COMMENT 'create index syntax'`,
        `INSERT INTO $db.t VALUES (2, 'after add', 'c', 'z')`,
      );
      assert.equal((await followed(job, fulls)).length, 3);
    });
  });

  it('an NGram bloom-filter index added and another dropped later follow', async () => {
    await fx.run('idx_ngbf_add', async (s) => {
      await s.source(NGBF_TABLE, `INSERT INTO $db.t VALUES (1, 'ngram title', 'x')`);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(
        `ALTER TABLE $db.t ADD INDEX idx_ng2 (tag) USING NGRAM_BF PROPERTIES ("gram_size" = "2", "bf_size" = "512")`,
        `ALTER TABLE $db.t DROP INDEX idx_ng`,
        `INSERT INTO $db.t VALUES (2, 'more', 'y')`,
      );
      await followed(job, fulls);
    });
  });

  it('bloom_filter_columns and bloom_filter_fpp set later follow', async () => {
    await fx.run('idx_bf_set', async (s) => {
      await s.source(TABLE, ROWS);
      const job = await s.createJob('t');
      const fulls = await job.fullSyncs();
      await s.source(`ALTER TABLE $db.t SET ("bloom_filter_columns" = "tag, title")`);
      assert.match(await job.converge('bloom filter columns', bloomFilterColumns), /tag/);
      await s.source(`ALTER TABLE $db.t SET ("bloom_filter_columns" = "tag")`);
      await s.source(`ALTER TABLE $db.t SET ("bloom_filter_fpp" = "0.01")`);
      await job.converge('bloom filter columns', bloomFilterColumns);
      await job.converge('bloom filter fpp', async (...a) =>
        (await tableProperties(...a)).get('bloom_filter_fpp'),
      );
      await s.source(`INSERT INTO $db.t VALUES (7, 'after bf', 'i', 't')`);
      await job.sameRows();
      assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
    });
  });
});
