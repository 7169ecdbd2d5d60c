// Database jobs and a table's indexes and properties (db_sync/idx_*, db_sync/alt_prop, db_sync/prop,
// db_sync/prop_incrsync): a table created after the job with inverted indexes is copied by a snapshot so its
// index ids match; indexes built, dropped and added later follow; property changes of copied tables are
// forwarded except the target-local ones; a table created after the job keeps its properties — all without
// a second full sync of the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { indexDefinitions, ScenarioFixture, TABLE_PROPS, tableProperties } from '../../src/index.js';

describe('database sync: indexes and properties', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('inverted indexes of a table created later, then built, added and dropped', async () => {
    await fx.run('dbi_inverted', async (s) => {
      await s.source(
        `CREATE TABLE $db.seed (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (${TABLE_PROPS})`,
      );
      const job = await s.createJob('');
      await s.source(
        `CREATE TABLE $db.docs (k INT, title VARCHAR(64), body STRING,
           INDEX idx_title (title) USING INVERTED PROPERTIES ("parser" = "english"))
         DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.docs VALUES (1, 'hello world', 'a body')`,
      );
      const docs = job.table('docs');
      await docs.sameRows();
      await docs.converge('index definitions', indexDefinitions);
      await s.source(
        `ALTER TABLE $db.docs ADD INDEX idx_body (body) USING INVERTED`,
        `BUILD INDEX idx_body ON $db.docs`,
        `INSERT INTO $db.docs VALUES (2, 'second', 'more')`,
      );
      assert.equal((await docs.converge('index definitions', indexDefinitions)).length, 2);
      await s.source(
        `ALTER TABLE $db.docs DROP INDEX idx_title`,
        `INSERT INTO $db.docs VALUES (3, 'third', 'x')`,
      );
      assert.equal((await docs.converge('index definitions', indexDefinitions)).length, 1);
      await docs.sameRows();
      assert.equal(await job.fullSyncs(), 1, 'no full sync of the database');
    });
  });

  it('property changes are forwarded except target-local ones; a later table keeps its properties', async () => {
    await fx.run('dbi_props', async (s) => {
      await s.source(
        `CREATE TABLE $db.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`,
      );
      const job = await s.createJob('');
      const t = job.table('t');
      const prop =
        (name: string) =>
        async (...args: Parameters<typeof tableProperties>) =>
          (await tableProperties(...args)).get(name) ?? '';
      await s.source(
        `ALTER TABLE $db.t SET ("compaction_policy" = "time_series")`,
        `ALTER TABLE $db.t SET ("colocate_with" = "db_group")`,
        `ALTER TABLE $db.t MODIFY COMMENT "sales table"`,
      );
      assert.equal(await t.converge('compaction policy', prop('compaction_policy')), 'time_series');
      await job.caughtUp();
      assert.equal(await t.target(prop('colocate_with')), '', 'colocation is target-local');
      assert.equal(await t.target(prop('is_being_synced')), 'true');
      await s.source(
        `CREATE TABLE $db.later (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
         PROPERTIES (${TABLE_PROPS}, "enable_unique_key_merge_on_write" = "true", "compaction_policy" = "time_series")`,
        `INSERT INTO $db.later VALUES (1, 1)`,
      );
      const later = job.table('later');
      await later.sameRows();
      assert.equal(await later.target(prop('enable_unique_key_merge_on_write')), 'true');
      assert.equal(await later.target(prop('compaction_policy')), 'time_series');
      assert.equal(
        await later.target(prop('is_being_synced')),
        'true',
        'a replayed table is marked as synced',
      );
      assert.equal(await job.fullSyncs(), 1, 'no full sync of the database');
    });
  });
});
