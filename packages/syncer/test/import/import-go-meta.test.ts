// Replacing the Go syncer in place: a metadata database in the Go syncer's layout (syncer-operations.md
// §4.1, documents of syncer-behaviour.md §1.3/§1.7) is imported with `ccr-syncer import-go-meta`; a job
// the Go syncer was replaying resumes at its commit seq without a full sync, and one caught in a full sync
// starts a new one — checked by rows on the target and by the jobs' histories.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { freePort, type Running, run, SYNCER_BIN, start, tempDir, waitFor } from '../cli/process-helpers.js';
import { clusterAccess, specOf, startSandboxCluster } from '../support/test-cluster.js';

describe('ccr-syncer import-go-meta', () => {
  const cleanup: Array<() => Promise<unknown> | unknown> = [];
  after(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it("imports a Go syncer's jobs: a replaying job resumes without a full sync, one mid full sync re-syncs", async () => {
    const [source, target] = await Promise.all([startSandboxCluster(), startSandboxCluster()]);
    cleanup.push(
      () => source.stop(),
      () => target.stop(),
    );
    const src = await clusterAccess(specOf(source, 'app', ''));
    const dest = await clusterAccess(specOf(target, 'app', ''));
    cleanup.push(
      () => src.close(),
      () => dest.close(),
    );
    await src.sql.execute(`CREATE DATABASE app PROPERTIES ("binlog.enable" = "true")`);
    for (const t of ['a', 'b'])
      await src.sql.execute(`CREATE TABLE app.${t} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
        PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`);
    await src.sql.execute('INSERT INTO app.a VALUES (1, 1), (2, 2)');
    await src.sql.execute('INSERT INTO app.b VALUES (1, 1)');

    const dir = tempDir('ccr-import');
    const port = await freePort();
    const daemon = (db: string): Running =>
      start(process.execPath, [
        SYNCER_BIN,
        `--port=${port}`,
        '--pid_dir',
        dir,
        `--db_dir=${join(dir, db)}`,
        '--log_level=warn',
      ]);
    const call = async (path: string, body: unknown) =>
      (await (
        await fetch(`http://127.0.0.1:${port}/${path}`, { method: 'POST', body: JSON.stringify(body) })
      ).json()) as Record<string, unknown>;
    const answers = async () =>
      (await fetch(`http://127.0.0.1:${port}/version`).catch(() => undefined))?.ok === true;
    const rows = async (t: string) =>
      (await dest.sql.query(`SELECT k, v FROM app.${t} ORDER BY k, v`).catch(() => [])).length;

    // What the Go syncer would have done for table a: copied it and replayed up to some commit seq.
    let syncer = daemon('first.db');
    cleanup.push(() => syncer.child.kill('SIGKILL'));
    await waitFor('the API', answers, 30_000);
    await call('create_ccr', {
      name: 'go_a',
      src: specOf(source, 'app', 'a'),
      dest: specOf(target, 'app', 'a'),
    });
    await waitFor('table a copied', async () => (await rows('a')) === 2, 30_000);
    // The rows are visible once the restore commits; the target table id is recorded a step later.
    await waitFor(
      'the job replaying',
      async () =>
        ((await call('job_status', { name: 'go_a' })).status as { progress_state: string }).progress_state ===
        'TableIncrementalSync',
      30_000,
    );
    const detail = (await call('job_detail', { name: 'go_a' })).job_detail as {
      src: { db_id: string; table_id: string };
      dest: { db_id: string };
    };
    const progress = (await call('job_progress', { name: 'go_a' })).job_progress as {
      prevCommitSeq: string;
      tables: Record<string, { destId: string }>;
    };
    syncer.child.kill('SIGTERM');
    await syncer.finished;

    // The Go syncer's metadata file, in its own layout and with its own JSON documents.
    const goDb = join(dir, 'go-ccr.db');
    const db = new Database(goDb);
    db.exec(`CREATE TABLE jobs (job_name TEXT PRIMARY KEY, job_info TEXT, belong_to TEXT);
      CREATE TABLE progresses (job_name TEXT PRIMARY KEY, progress TEXT);
      CREATE TABLE syncers (host_info TEXT PRIMARY KEY, timestamp INTEGER);`);
    const goSpec = (c: typeof source, table: string, dbId: string, tableId?: string) =>
      `{"host":"127.0.0.1","port":"${c.queryPort}","thrift_port":"${c.rpcPort}","is_master":false,"frontends":null,"user":"root","password":"","cluster":"","database":"app","db_id":${dbId},"table":"${table}","table_id":${tableId ?? 0}}`;
    const tableId = detail.src.table_id;
    const destTableId = Object.values(progress.tables)[0]!.destId;
    db.prepare('INSERT INTO jobs VALUES (?, ?, ?)').run(
      'go_a',
      `{"name":"go_a","sync_type":1,"src":${goSpec(source, 'a', detail.src.db_id, tableId)},"dest":${goSpec(target, 'a', detail.dest.db_id, destTableId)},"state":0,"extra":{}}`,
      '127.0.0.1:9190',
    );
    db.prepare('INSERT INTO progresses VALUES (?, ?)').run(
      'go_a',
      `{"job_name":"go_a","sync_state":501,"sub_sync_state":{"state":-1,"binlog_type":-1},"prev_commit_seq":${progress.prevCommitSeq},"commit_seq":${progress.prevCommitSeq},"table_mapping":null,"table_commit_seq_map":null,"data":"","created_at":1700000000}`,
    );
    const tablesOnSource = await src.sql.query<{ TableName: string; TableId: string }>(
      `show proc '/dbs/${detail.src.db_id}/'`,
    );
    const bId = String(tablesOnSource.find((t) => t.TableName === 'b')?.TableId);
    db.prepare('INSERT INTO jobs VALUES (?, ?, ?)').run(
      'go_b',
      `{"name":"go_b","sync_type":1,"src":${goSpec(source, 'b', detail.src.db_id, bId)},"dest":${goSpec(target, 'b', detail.dest.db_id)},"state":0,"extra":{}}`,
      '127.0.0.1:9190',
    );
    db.prepare('INSERT INTO progresses VALUES (?, ?)').run(
      'go_b',
      '{"job_name":"go_b","sync_state":500,"sub_sync_state":{"state":5,"binlog_type":-1},"prev_commit_seq":0,"commit_seq":0,"data":"ccrs_go_b_1"}',
    );
    db.close();

    // Rows the Go syncer never replayed.
    await src.sql.execute('INSERT INTO app.a VALUES (3, 3), (3, 3)');
    const imported = await run(process.execPath, [
      SYNCER_BIN,
      'import-go-meta',
      `--go_db_dir=${goDb}`,
      `--db_dir=${join(dir, 'ccr.db')}`,
    ]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(
      imported.stdout,
      new RegExp(`imported go_a: TableIncrementalSync, replay from commit seq ${progress.prevCommitSeq}`),
    );
    assert.match(imported.stdout, /imported go_b: TableFullSync/);

    syncer = daemon('ccr.db');
    await waitFor('the API after the import', answers, 30_000);
    await waitFor('table a replayed from the imported position', async () => (await rows('a')) === 4, 30_000);
    await waitFor('table b copied by a full sync', async () => (await rows('b')) === 1, 30_000);
    const history = (
      (await call('job_progress', { name: 'go_a' })).job_progress as { history: Array<{ reason: string }> }
    ).history;
    assert.equal(history.length, 1, JSON.stringify(history));
    assert.match(history[0]!.reason, /imported from the Go syncer/);
    const again = await run(process.execPath, [
      SYNCER_BIN,
      'import-go-meta',
      `--go_db_dir=${goDb}`,
      `--db_dir=${join(dir, 'other.db')}`,
      '--go_db_type=oracle',
    ]);
    assert.equal(again.code, 2, 'an unknown source type is a usage error');
    syncer.child.kill('SIGTERM');
    await syncer.finished;
  });
});
