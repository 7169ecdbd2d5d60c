// A database job under a mixed workload on 20 tables while it runs: inserts, deletes and updates, stream
// loads, column and partition changes, a table dropped and re-created with another schema, a rename, a
// view created and altered. It must end with every table and view identical on both sides (rows, and SHOW
// CREATE TABLE apart from the target-only is_being_synced mark) after exactly one full sync of the database.
// Sandbox only: stream loads go to the source sandbox's HTTP port.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { query, SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import { jobSpec, realClustersFromEnv, sandboxAddress } from '../../src/clusters.js';
import { converge, until } from '../../src/converge.js';
import { SyncerProcess } from '../../src/syncer-process.js';

const DB = 'mixed';
const TABLES = 20;
const PROPS = `PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`;

function ddl(i: number): string {
  const t = `t${i}`;
  if (i % 4 === 0)
    return `CREATE TABLE ${DB}.${t} (k INT, v VARCHAR(32)) DUPLICATE KEY(k)
      PARTITION BY RANGE(k) (PARTITION p0 VALUES LESS THAN ("1000"), PARTITION p1 VALUES LESS THAN ("2000"))
      DISTRIBUTED BY HASH(k) BUCKETS 2 ${PROPS}`;
  if (i % 4 === 1)
    return `CREATE TABLE ${DB}.${t} (k INT, v VARCHAR(32)) UNIQUE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 3
      PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "enable_unique_key_merge_on_write" = "true")`;
  return `CREATE TABLE ${DB}.${t} (k INT, v VARCHAR(32)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 ${PROPS}`;
}

describe('database sync: mixed workload on 20 tables', {
  skip: realClustersFromEnv() ? 'sandbox only' : false,
}, () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let syncer: SyncerProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 2 }),
      SandboxProcess.start({ backends: 2 }),
    ]);
    [src, dst] = await Promise.all([source.connect(), target.connect()]);
    syncer = await SyncerProcess.start();
  });
  after(async () => {
    await syncer?.kill('SIGTERM');
    await src?.end();
    await dst?.end();
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  const streamLoad = async (table: string, lines: string[]) => {
    const response = await fetch(
      `http://127.0.0.1:${source.ready.httpPort}/api/${DB}/${table}/_stream_load`,
      {
        method: 'PUT',
        headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}` },
        body: lines.join('\n'),
      },
    );
    const result = (await response.json()) as { Status: string; Message: string };
    assert.equal(result.Status, 'Success', result.Message);
  };
  const names = async (c: mysql.Connection) =>
    (await query<Record<string, string>>(c, `SHOW TABLES FROM ${DB}`))
      .map((r) => Object.values(r)[0]!)
      .filter((t) => !t.startsWith('__ccr_'))
      .sort();
  /** Every object's rows and normalised DDL, in one comparable list. */
  const snapshot = async (c: mysql.Connection) => {
    const out: unknown[] = [];
    for (const t of await names(c)) {
      const [ddlRow] = await query<Record<string, string>>(c, `SHOW CREATE TABLE ${DB}.\`${t}\``);
      const text = String(ddlRow?.['Create Table'] ?? ddlRow?.['Create View'] ?? '')
        .replace(/"is_being_synced" = "(?:true|false)",?\s*/g, '')
        .replace(/,\s*\)\s*;?\s*$/, ')');
      out.push({ t, ddl: text, rows: await query(c, `SELECT * FROM ${DB}.\`${t}\` ORDER BY 1, 2`) });
    }
    return out;
  };

  it('ends identical on both sides with one full sync', async () => {
    await src.query(`CREATE DATABASE ${DB} PROPERTIES ("binlog.enable" = "true")`);
    for (let i = 0; i < TABLES; i++) {
      await src.query(ddl(i));
      await src.query(
        `INSERT INTO ${DB}.t${i} VALUES ${Array.from({ length: 10 }, (_, k) => `(${k}, 'init ${k}')`).join(', ')}`,
      );
    }
    const created = await syncer.call('create_ccr', {
      name: 'mixed',
      src: jobSpec(sandboxAddress(source), DB, ''),
      dest: jobSpec(sandboxAddress(target), DB, ''),
    });
    assert.equal(created.success, true, JSON.stringify(created));
    await until(
      'the full sync',
      async () => (await query(dst, `SELECT k FROM ${DB}.t19`).catch(() => [])).length === 10 || 'not yet',
      60_000,
    );

    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < TABLES; i++) {
        const t = `${DB}.t${i}`;
        if (i === 5 || i === 6) continue; // dropped / renamed below
        await src.query(
          `INSERT INTO ${t} (k, v) VALUES (${100 + round * 10 + i}, 'r${round}'), (${100 + round}, 'dup')`,
        );
        if (i % 4 === 1) {
          await src.query(`UPDATE ${t} SET v = 'upd ${round}' WHERE k = ${round}`);
          await src.query(`DELETE FROM ${t} WHERE k = ${9 - round}`);
        }
      }
      await streamLoad(
        't2',
        Array.from({ length: 500 }, (_, k) => `${1000 + round * 500 + k}\tstream ${round}`),
      );
    }
    await src.query(`DELETE FROM ${DB}.t3 WHERE k < 3`);
    await src.query(`ALTER TABLE ${DB}.t7 ADD COLUMN extra INT DEFAULT "7"`);
    await src.query(`INSERT INTO ${DB}.t7 VALUES (500, 'with extra', 70)`);
    await src.query(`ALTER TABLE ${DB}.t8 ADD PARTITION p2 VALUES LESS THAN ("3000")`);
    await src.query(`INSERT INTO ${DB}.t8 VALUES (2500, 'new partition')`);
    await src.query(`ALTER TABLE ${DB}.t12 DROP PARTITION p1`);
    await src.query(`DROP TABLE ${DB}.t5`);
    await src.query(
      `CREATE TABLE ${DB}.t5 (k INT, name VARCHAR(16), n BIGINT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 ${PROPS}`,
    );
    await src.query(`INSERT INTO ${DB}.t5 VALUES (1, 'recreated', 1)`);
    await src.query(`ALTER TABLE ${DB}.t6 RENAME t6_renamed`);
    await src.query(`INSERT INTO ${DB}.t6_renamed VALUES (600, 'after rename')`);
    await src.query(`CREATE VIEW ${DB}.v0 AS SELECT k, v FROM ${DB}.t0 WHERE k > 5`);
    await src.query(`ALTER VIEW ${DB}.v0 AS SELECT k, v FROM ${DB}.t0 WHERE k > 100`);
    await streamLoad(
      't10',
      Array.from({ length: 200 }, (_, k) => `${3000 + k}\tlate stream`),
    );

    await converge(
      'every table and view',
      () => snapshot(src),
      () => snapshot(dst),
      120_000,
    );
    assert.deepEqual(await names(dst), await names(src));
    const progress = await syncer.call<{ job_progress: { history: Array<{ kind: string }> } }>(
      'job_progress',
      {
        name: 'mixed',
      },
    );
    const history = progress.job_progress.history;
    assert.equal(history.filter((h) => h.kind === 'full').length, 1, JSON.stringify(history));
  });
});
