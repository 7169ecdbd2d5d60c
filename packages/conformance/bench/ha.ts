// Several syncers sharing a metadata store on MariaDB: how long a job takes to go on after its owner is
// killed (-9), what a group of three running 300 table jobs costs (memory per syncer, metadata queries per
// second idle and under load), and what the MySQL store costs single-row catch-up against SQLite.
// The MariaDB server is the one the syncer's store tests start (Debian's mariadb-server, a temporary
// directory, a free port), loaded from the syncer package's compiled test helpers.
import { query, SandboxProcess } from '@doris-ccr/sandbox';
import mysql from 'mysql2/promise';
import { jobSpec, sandboxAddress } from '../src/clusters.js';
import { SyncerProcess } from '../src/syncer-process.js';
import { startBenchClusters, tableDdl, waitFor } from './bench-clusters.js';
import { summarise } from './percentiles.js';
import { memoryMb } from './process-usage.js';
import { measureThroughput } from './throughput.js';

interface DbServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  stop(): Promise<void>;
}

async function startMariaDb(): Promise<DbServer> {
  const helpers = new URL('../../../syncer/dist/test/store/db-servers.js', import.meta.url).href;
  const mod = (await import(helpers)) as { startMariaDb(): Promise<DbServer> };
  return mod.startMariaDb();
}

function storeArgs(server: DbServer, db: string, leaseSeconds = 8): string[] {
  return [
    '--db_type=mysql',
    `--db_host=${server.host}`,
    `--db_port=${server.port}`,
    `--db_user=${server.user}`,
    `--db_password=${server.password}`,
    `--db_name=${db}`,
    `--lease_seconds=${leaseSeconds}`,
    '--log_level=warn',
  ];
}

async function ownerOf(via: SyncerProcess, job: string): Promise<string> {
  const r = await via.call<{ status?: { owner?: string } }>('job_status', { name: job });
  return r.status?.owner ?? '';
}

export interface TakeoverResult {
  readonly kills: number;
  readonly leaseSeconds: number;
  readonly p50Seconds: number;
  readonly maxSeconds: number;
}

/** kill -9 of the owner of a job, `kills` times: seconds until a row inserted right after arrives. */
export async function measureTakeover(kills: number): Promise<TakeoverResult> {
  const server = await startMariaDb();
  const [source, target] = await Promise.all([
    SandboxProcess.start({ backends: 2 }),
    SandboxProcess.start({ backends: 2 }),
  ]);
  const syncers: SyncerProcess[] = [];
  try {
    const [src, dst] = [await source.connect(), await target.connect()];
    await src.query(`CREATE DATABASE ha PROPERTIES ("binlog.enable" = "true")`);
    const tables = ['t0', 't1', 't2'];
    for (const t of tables) await src.query(tableDdl('ha', t, 2));
    for (let i = 0; i < 3; i++)
      syncers.push(await SyncerProcess.start({ args: storeArgs(server, 'ccr_ha') }));
    for (const t of tables) {
      const created = await syncers[0]!.call('create_ccr', {
        name: `ha_${t}`,
        src: jobSpec(sandboxAddress(source), 'ha', t),
        dest: jobSpec(sandboxAddress(target), 'ha', t),
      });
      if (created.success !== true) throw new Error(`create_ccr: ${JSON.stringify(created)}`);
    }
    const samples: number[] = [];
    for (let k = 1; k <= kills; k++) {
      await waitFor(async () => (await ownerOf(syncers[0]!, 'ha_t0')) !== '', 'an owner of ha_t0');
      const owner = await ownerOf(syncers[0]!, 'ha_t0');
      const index = syncers.findIndex((s) => `127.0.0.1:${s.port}` === owner);
      const victim = syncers[index]!;
      await victim.kill('SIGKILL');
      const killed = performance.now();
      await src.query(`INSERT INTO ha.t0 VALUES (${k}, 'after kill ${k}')`);
      await waitFor(
        async () => (await query(dst, `SELECT k FROM ha.t0 WHERE k = ${k}`).catch(() => [])).length === 1,
        `the row after kill ${k}`,
        120_000,
      );
      samples.push((performance.now() - killed) / 1000);
      // The killed syncer comes back on its port (a restarted process, as an operator would do).
      syncers[index] = await SyncerProcess.start({ port: victim.port, args: storeArgs(server, 'ccr_ha') });
    }
    await src.end();
    await dst.end();
    const s = summarise(samples);
    return { kills, leaseSeconds: 8, p50Seconds: s.p50, maxSeconds: s.max };
  } finally {
    await Promise.all(syncers.map((s) => s.destroy()));
    await Promise.all([source.destroy(), target.destroy()]);
    await server.stop();
  }
}

export interface GroupCostResult {
  readonly jobs: number;
  readonly syncers: number;
  readonly rssMbPerSyncer: number[];
  readonly storeQueriesPerSecIdle: number;
  readonly storeQueriesPerSecLoaded: number;
}

async function questions(server: DbServer): Promise<number> {
  const conn = await mysql.createConnection({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
  });
  const [rows] = await conn.query(`SHOW GLOBAL STATUS LIKE 'Questions'`);
  await conn.end();
  return Number((rows as Array<{ Value: string }>)[0]?.Value ?? 0);
}

/** `jobs` table jobs over three syncers: RSS of each, metadata-server queries per second idle and loaded. */
export async function measureGroupCost(jobs: number, seconds: number): Promise<GroupCostResult> {
  const server = await startMariaDb();
  const [source, target] = await Promise.all([
    SandboxProcess.start({ backends: 2 }),
    SandboxProcess.start({ backends: 2 }),
  ]);
  const syncers: SyncerProcess[] = [];
  try {
    const src = await source.connect();
    await src.query(`CREATE DATABASE g PROPERTIES ("binlog.enable" = "true")`);
    const tables = Array.from({ length: jobs }, (_, i) => `t${i}`);
    for (const t of tables) await src.query(tableDdl('g', t, 1));
    for (let i = 0; i < 3; i++) syncers.push(await SyncerProcess.start({ args: storeArgs(server, 'ccr_g') }));
    await Promise.all(
      tables.map((t, i) =>
        syncers[i % 3]!.call('create_ccr', {
          name: `g_${t}`,
          src: jobSpec(sandboxAddress(source), 'g', t),
          dest: jobSpec(sandboxAddress(target), 'g', t),
        }),
      ),
    );
    await waitFor(
      async () => {
        const answer = await syncers[0]!.call<{ syncers?: Array<{ jobs: number }> }>('list_syncers');
        const owned = (answer.syncers ?? []).reduce((a, s) => a + s.jobs, 0);
        if (owned !== jobs) return false;
        for (const t of tables) {
          const p = await syncers[0]!.call<{ job_progress?: { position?: { state?: string } } }>(
            'job_progress',
            { name: `g_${t}` },
          );
          if (p.job_progress?.position?.state !== 'TableIncrementalSync') return false;
        }
        return true;
      },
      `${jobs} jobs past their full syncs`,
      900_000,
    );
    await new Promise((r) => setTimeout(r, 5_000));
    const q0 = await questions(server);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const idle = (await questions(server)) - q0;
    const rssMbPerSyncer = syncers.map((s) => memoryMb(s.child.pid!).rss);
    const q1 = await questions(server);
    const started = performance.now();
    for (let i = 0; performance.now() - started < seconds * 1000; i++)
      await src.query(`INSERT INTO g.${tables[i % 30]!} VALUES (${i}, 'load')`);
    const loaded = (await questions(server)) - q1;
    await src.end();
    return {
      jobs,
      syncers: 3,
      rssMbPerSyncer,
      storeQueriesPerSecIdle: idle / seconds,
      storeQueriesPerSecLoaded: loaded / ((performance.now() - started) / 1000),
    };
  } finally {
    await Promise.all(syncers.map((s) => s.destroy()));
    await Promise.all([source.destroy(), target.destroy()]);
    await server.stop();
  }
}

export interface StoreCostResult {
  readonly txns: number;
  readonly sqliteTxnPerSec: number;
  readonly mysqlTxnPerSec: number;
  /** mysql / sqlite: the share of SQLite's rate kept on the MySQL store. */
  readonly ratio: number;
}

/** Single-row catch-up on one table with the SQLite store and with the MySQL store. */
export async function measureStoreCost(txns: number): Promise<StoreCostResult> {
  const rate = async (args: string[], db: string) => {
    const clusters = await startBenchClusters(3, 'warn', args);
    try {
      return (await measureThroughput(clusters, db, { tables: 1, rowsPerTxn: 1, txns })).txnPerSec;
    } finally {
      await clusters.stop();
    }
  };
  const sqliteTxnPerSec = await rate([], 'sc_sqlite');
  const server = await startMariaDb();
  try {
    const mysqlTxnPerSec = await rate(storeArgs(server, 'ccr_sc'), 'sc_mysql');
    return { txns, sqliteTxnPerSec, mysqlTxnPerSec, ratio: mysqlTxnPerSec / sqliteTxnPerSec };
  } finally {
    await server.stop();
  }
}
