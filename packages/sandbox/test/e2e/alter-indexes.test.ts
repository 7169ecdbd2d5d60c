// Table indexes: ADD/DROP INDEX … USING INVERTED, CREATE INDEX / DROP INDEX statements and BUILD INDEX, with
// the barrier-wrapped MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES and INDEX_CHANGE_JOB records; a bloom-filter
// style (NGRAM_BF) index needs a schema change job.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { expectError, type ReadBinlog, readBinlogs, showCreate, waitForAlterJobs } from './alter-helpers.js';
import { SandboxProcess } from './sandbox-process.js';

describe('ALTER TABLE indexes', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start({ backends: 1 });
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE src PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(`CREATE TABLE src.t (d DATE, note VARCHAR(64), tag VARCHAR(16)) DUPLICATE KEY(d)
      PARTITION BY RANGE(d) (PARTITION p1 VALUES LESS THAN ('2024-02-01'), PARTITION p2 VALUES LESS THAN ('2024-03-01'))
      DISTRIBUTED BY HASH(d) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await conn.query(`INSERT INTO src.t VALUES ('2024-01-01', 'hello world', 'a')`);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  async function seqNow(): Promise<bigint> {
    const all = await readBinlogs(sandbox, 'src');
    return all[all.length - 1]?.commitSeq ?? -1n;
  }

  /**
   * The binlogs after `from` once every INDEX_CHANGE_JOB among them has its FINISHED record (the BEs
   * build or delete index files after the statement returns) and there are at least `jobs` such jobs.
   */
  async function afterIndexJobs(from: bigint, jobs: number): Promise<ReadBinlog[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const records = await readBinlogs(sandbox, 'src', from);
      const states = new Map<bigint, string>();
      for (const b of records)
        if (b.record.kind === 'indexChangeJob') states.set(b.record.jobId, b.record.jobState);
      if (states.size >= jobs && [...states.values()].every((s) => s === 'FINISHED')) return records;
      if (Date.now() > deadline) throw new Error(`index jobs not finished: ${JSON.stringify([...states])}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('adds and creates inverted indexes as light index changes', async () => {
    const from = await seqNow();
    await conn.query(
      `ALTER TABLE src.t ADD INDEX idx_note (note) USING INVERTED PROPERTIES ("parser" = "english") COMMENT 'full text'`,
    );
    await conn.query('CREATE INDEX IF NOT EXISTS idx_tag ON src.t (tag) USING INVERTED');
    await conn.query('CREATE INDEX IF NOT EXISTS idx_tag ON src.t (tag) USING INVERTED');
    await expectError(
      conn,
      'CREATE INDEX idx_tag ON src.t (tag) USING INVERTED',
      'index `idx_tag` already exist.',
    );
    await expectError(
      conn,
      'CREATE INDEX idx_other ON src.t (tag) USING INVERTED',
      'INVERTED index for columns (tag) already exist.',
    );
    const ddl = await showCreate(conn, 'src.t');
    assert.match(
      ddl,
      /INDEX idx_note \(`note`\) USING INVERTED PROPERTIES\("parser" = "english"\) COMMENT 'full text'/,
    );
    assert.match(ddl, /INDEX idx_tag \(`tag`\) USING INVERTED COMMENT ''/);
    const records = await readBinlogs(sandbox, 'src', from);
    assert.deepEqual(
      records.map((b) => [b.type, b.effective]),
      [
        ['BARRIER', 'MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES'],
        ['BARRIER', 'MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES'],
      ],
    );
    const [add, create] = records.map((b) => b.record);
    if (
      add?.kind === 'modifyTableAddOrDropInvertedIndices' &&
      create?.kind === 'modifyTableAddOrDropInvertedIndices'
    ) {
      assert.equal(
        add.rawSql,
        `ALTER TABLE \`src\`.\`t\` ADD INDEX idx_note (\`note\`) USING INVERTED PROPERTIES("parser"="english") COMMENT 'full text'`,
      );
      assert.equal(add.isDropInvertedIndex, false);
      assert.deepEqual(
        add.alterInvertedIndexes.map((i) => [i.indexName, i.columns, i.indexType]),
        [['idx_note', ['note'], 'INVERTED']],
      );
      assert.deepEqual(
        create.indexes.map((i) => i.indexName),
        ['idx_note', 'idx_tag'],
      );
      assert.equal(
        create.rawSql,
        'ALTER TABLE `src`.`t` CREATE INDEX idx_tag ON `src`.`t` (`tag`) USING INVERTED',
      );
    }
  });

  it('builds an index per partition with INDEX_CHANGE_JOB records', async () => {
    const from = await seqNow();
    await conn.query('BUILD INDEX idx_note ON src.t PARTITION (p1)');
    await expectError(
      conn,
      'BUILD INDEX idx_note ON src.t PARTITION (p1)',
      'partition p1 has been built specified index. please check your build stmt.',
    );
    await expectError(
      conn,
      'BUILD INDEX nope ON src.t',
      'index nope not exist, cannot build it with defferred.',
    );
    const records = await afterIndexJobs(from, 1);
    assert.deepEqual(
      records.map((b) => [b.effective, b.record.kind === 'indexChangeJob' ? b.record.jobState : '']),
      [
        ['INDEX_CHANGE_JOB', 'WAITING_TXN'],
        ['INDEX_CHANGE_JOB', 'FINISHED'],
      ],
    );
    const done = records[1]!.record;
    assert.equal(done.kind, 'indexChangeJob');
    if (done.kind === 'indexChangeJob') {
      assert.deepEqual([done.partitionName, done.isDropOp, done.tableName], ['p1', false, 't']);
      assert.deepEqual(
        done.alterInvertedIndexes.map((i) => i.indexName),
        ['idx_note'],
      );
    }
    await conn.query(`CREATE TABLE src.u (k INT, s VARCHAR(8), INDEX idx_s (s) USING INVERTED) DUPLICATE KEY(k)
      DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("replication_num" = "1")`);
    await expectError(
      conn,
      'BUILD INDEX idx_s ON src.u PARTITION (u)',
      'table u is not partitioned, cannot build index with partitions.',
    );
  });

  it('drops inverted indexes', async () => {
    const from = await seqNow();
    await conn.query('ALTER TABLE src.t DROP INDEX idx_note');
    await conn.query('DROP INDEX IF EXISTS idx_nope ON src.t');
    await conn.query('DROP INDEX idx_tag ON src.t');
    await expectError(conn, 'ALTER TABLE src.t DROP INDEX idx_tag', 'index idx_tag does not exist');
    assert.doesNotMatch(await showCreate(conn, 'src.t'), /INDEX idx_/);
    // Two indexes dropped, each from two partitions.
    const records = await afterIndexJobs(from, 4);
    const light = records.filter((b) => b.effective === 'MODIFY_TABLE_ADD_OR_DROP_INVERTED_INDICES');
    assert.equal(light.length, 2);
    assert.equal(light[0]?.record.kind, 'modifyTableAddOrDropInvertedIndices');
    if (light[0]?.record.kind === 'modifyTableAddOrDropInvertedIndices') {
      assert.equal(light[0].record.isDropInvertedIndex, true);
      assert.equal(light[0].record.rawSql, 'ALTER TABLE `src`.`t` DROP INDEX idx_note');
    }
    // The backends delete the index files of every partition through drop jobs.
    const jobs = records.filter((b) => b.effective === 'INDEX_CHANGE_JOB');
    assert.ok(jobs.every((b) => b.record.kind === 'indexChangeJob' && b.record.isDropOp));
    const perPartition = jobs.map((b) =>
      b.record.kind === 'indexChangeJob'
        ? `${b.record.alterInvertedIndexes.map((i) => i.indexName)} ${b.record.partitionName} ${b.record.jobState}`
        : '',
    );
    assert.deepEqual([...new Set(perPartition.filter((j) => j.endsWith('FINISHED')))].sort(), [
      'idx_note p1 FINISHED',
      'idx_note p2 FINISHED',
      'idx_tag p1 FINISHED',
      'idx_tag p2 FINISHED',
    ]);
  });

  it('adds an NGRAM_BF index with a schema change job', async () => {
    const from = await seqNow();
    await conn.query(
      `ALTER TABLE src.t ADD INDEX idx_ngram (note) USING NGRAM_BF PROPERTIES ("gram_size" = "3", "bf_size" = "256")`,
    );
    await waitForAlterJobs(conn, 'src', 'COLUMN');
    assert.match(await showCreate(conn, 'src.t'), /INDEX idx_ngram \(`note`\) USING NGRAM_BF/);
    const jobs = (await readBinlogs(sandbox, 'src', from)).filter((b) => b.type === 'ALTER_JOB');
    assert.deepEqual(
      jobs.map((b) => (b.record.kind === 'alterJob' ? b.record.jobState : '')),
      ['PENDING', 'WAITING_TXN', 'FINISHED'],
    );
  });
});
