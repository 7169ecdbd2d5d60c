// npm run demo: two sandbox clusters, a ccr-syncer on its embedded SQLite, one table job; rows written on
// the source arrive on the target and the lag falls to zero. Everything is stopped at the end.
import { query, SandboxProcess } from '@doris-ccr/sandbox';
import { jobSpec, sandboxAddress } from './clusters.js';
import { SyncerProcess } from './syncer-process.js';

const say = (text: string) => console.log(`[demo] ${text}`);

const [source, target] = await Promise.all([
  SandboxProcess.start({ backends: 3 }),
  SandboxProcess.start({ backends: 3 }),
]);
let syncer: SyncerProcess | undefined;
try {
  say(`source cluster: query port ${source.ready.queryPort}, rpc port ${source.ready.rpcPort}`);
  say(`target cluster: query port ${target.ready.queryPort}, rpc port ${target.ready.rpcPort}`);
  const src = await source.connect();
  const dst = await target.connect();
  await src.query(`CREATE DATABASE shop PROPERTIES ("binlog.enable" = "true")`);
  await src.query(`CREATE TABLE shop.orders (id BIGINT, customer VARCHAR(32), amount DECIMAL(10,2)) UNIQUE KEY(id)
    DISTRIBUTED BY HASH(id) BUCKETS 4 PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`);
  await src.query(`INSERT INTO shop.orders VALUES (1, 'ada', 12.50), (2, 'grace', 7.00)`);
  say('source: created shop.orders with 2 rows');

  syncer = await SyncerProcess.start();
  say(`ccr-syncer listening on port ${syncer.port}`);
  const spec = (c: SandboxProcess) => jobSpec(sandboxAddress(c), 'shop', 'orders');
  const created = await syncer.call('create_ccr', {
    name: 'orders_job',
    src: spec(source),
    dest: spec(target),
  });
  if (!created.success) throw new Error(`create_ccr failed: ${JSON.stringify(created)}`);
  say('create_ccr orders_job: ok');

  const count = async (c: typeof dst) =>
    Number((await query<{ n: string }>(c, 'SELECT COUNT(*) AS n FROM shop.orders'))[0]?.n ?? 0);
  const waitFor = async (what: string, check: () => Promise<boolean>) => {
    const start = Date.now();
    while (!(await check().catch(() => false))) {
      if (Date.now() - start > 60_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    say(`${what} after ${((Date.now() - start) / 1000).toFixed(1)} s`);
  };
  await waitFor('full sync copied 2 rows to the target', async () => (await count(dst)) === 2);

  for (let batch = 1; batch <= 5; batch++) {
    const values = Array.from(
      { length: 20 },
      (_, i) => `(${batch * 100 + i}, 'customer_${i}', ${i}.25)`,
    ).join(',');
    await src.query(`INSERT INTO shop.orders VALUES ${values}`);
    const lag = await syncer.call<{ lag: number; delay_seconds?: number }>('get_lag', { name: 'orders_job' });
    // delay_seconds is absent when the first pending binlog carries no commit time (a DDL).
    const delay = lag.delay_seconds === undefined ? 'unknown' : `${lag.delay_seconds.toFixed(2)} s`;
    say(`source: inserted batch ${batch} (20 rows); lag ${lag.lag} binlogs, delay ${delay}`);
  }
  await waitFor('target has all 102 rows', async () => (await count(dst)) === 102);
  const lag = await syncer.call<{ lag: number; delay_seconds?: number }>('get_lag', { name: 'orders_job' });
  say(`get_lag: lag ${lag.lag}, delay ${lag.delay_seconds ?? 'unknown'} s`);
  const status = await syncer.call<{ status: { state: string; progress_state: string } }>('job_status', {
    name: 'orders_job',
  });
  say(`job_status: ${status.status.state}, ${status.status.progress_state}`);
  const [a] = await query(src, 'SELECT SUM(amount) AS s FROM shop.orders');
  const [b] = await query(dst, 'SELECT SUM(amount) AS s FROM shop.orders');
  say(`SUM(amount) source ${String(a?.s)} = target ${String(b?.s)}`);
  await src.end();
  await dst.end();
  await syncer.kill('SIGTERM');
  say('stopped the syncer and both clusters');
} finally {
  await syncer?.destroy();
  await Promise.all([source.destroy(), target.destroy()]);
}
