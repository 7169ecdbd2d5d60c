// npm run screenshots: the console's pictures in docs/ — two sandboxes, a ccr-syncer, a table job and a
// database job under a steady load; the database job is paused for a while (its lag climbs, then falls
// once resumed), a row is changed directly on its target and verified; then headless Chromium takes the
// job list and that job's page. Everything is stopped at the end.
import { mkdirSync } from 'node:fs';
import { SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import { launchChromium } from './browser.js';
import { jobSpec, sandboxAddress } from './clusters.js';
import { until } from './converge.js';
import { SyncerProcess } from './syncer-process.js';

const DOCS = new URL('../../../../docs/', import.meta.url).pathname;
const PROPS = 'PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")';
const say = (text: string) => console.log(`[screenshots] ${text}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const [source, target] = await Promise.all([
  SandboxProcess.start({ backends: 2 }),
  SandboxProcess.start({ backends: 2 }),
]);
let syncer: SyncerProcess | undefined;
const browser = await launchChromium();
try {
  const src = await source.connect();
  await src.query(`CREATE DATABASE shop PROPERTIES ("binlog.enable" = "true")`);
  await src.query(`CREATE TABLE shop.orders (id BIGINT, customer VARCHAR(32), amount DECIMAL(10,2))
    UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 4 ${PROPS}`);
  await src.query(`CREATE DATABASE inventory PROPERTIES ("binlog.enable" = "true")`);
  await src.query(`CREATE TABLE inventory.items (id BIGINT, name VARCHAR(32)) UNIQUE KEY(id)
    DISTRIBUTED BY HASH(id) BUCKETS 4 ${PROPS}`);
  await src.query(`CREATE TABLE inventory.stock (item BIGINT, warehouse INT, qty INT) DUPLICATE KEY(item)
    DISTRIBUTED BY HASH(item) BUCKETS 2 ${PROPS}`);
  await src.query(`INSERT INTO inventory.items VALUES (1, 'bolt'), (2, 'nut'), (3, 'washer')`);

  // Looks every 2 s: the chart's sampling rate.
  syncer = await SyncerProcess.start({ args: ['--stall_seconds', '8'] });
  const create = async (name: string, database: string, table: string) => {
    const answer = await syncer!.call<{ success: boolean; error_msg?: string }>('create_ccr', {
      name,
      src: jobSpec(sandboxAddress(source), database, table),
      dest: jobSpec(sandboxAddress(target), database, table),
    });
    if (!answer.success) throw new Error(`create_ccr ${name}: ${answer.error_msg}`);
  };
  await create('orders', 'shop', 'orders');
  await create('inventory', 'inventory', '');
  const caughtUp = (name: string) =>
    until(`${name} to catch up`, async () => {
      const s = await syncer!.call<{ status: { lag_binlogs?: number; progress_state: string } }>(
        'job_status',
        { name },
      );
      return s.status.lag_binlogs === 0 && /Incremental/.test(s.status.progress_state) ? true : s.status;
    });
  await Promise.all([caughtUp('orders'), caughtUp('inventory')]);
  say('both jobs caught up; writing for 60 s, the inventory job paused from 15 s to 35 s');

  let stop = false;
  const load = (async () => {
    for (let i = 1; !stop; i++) {
      await src.query(`INSERT INTO shop.orders VALUES (${i}, 'customer_${i % 7}', ${i % 50}.25)`);
      await src.query(`INSERT INTO inventory.stock VALUES (${(i % 3) + 1}, ${i % 4}, ${i})`);
      await sleep(250);
    }
  })();
  await sleep(15_000);
  await syncer.call('pause', { name: 'inventory' });
  await sleep(20_000);
  await syncer.call('resume', { name: 'inventory' });
  await sleep(25_000);
  stop = true;
  await load;
  await caughtUp('inventory');

  const dst: mysql.Connection = await target.connect();
  await dst.query(`INSERT INTO inventory.items VALUES (2, 'nut (changed on the target)')`);
  await dst.end();
  const verify = await syncer.call<{ verify?: { matched: boolean }; error_msg?: string }>('verify', {
    name: 'inventory',
  });
  say(
    `verify after changing a row on the target: matched=${verify.verify?.matched} ${verify.error_msg ?? ''}`,
  );
  await syncer.call('pause', { name: 'orders' });
  await sleep(3_000);

  mkdirSync(DOCS, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const base = `http://127.0.0.1:${syncer.port}/ui/`;
  await page.goto(base);
  await page.locator('tr[data-job="orders"] [data-state="paused"]').waitFor();
  await page.screenshot({ path: `${DOCS}console-jobs.png` });
  await page.goto(`${base}#/job/inventory`);
  await page.locator('.verify [data-matched]').waitFor();
  await page.locator('.events tr[data-kind="verify"]').waitFor();
  await page.screenshot({ path: `${DOCS}console-job.png`, fullPage: true });
  say(`wrote ${DOCS}console-jobs.png and ${DOCS}console-job.png`);
  await src.end();
} finally {
  await browser.close();
  await syncer?.destroy();
  await Promise.all([source.destroy(), target.destroy()]);
}
