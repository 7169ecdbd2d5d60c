// The web console in a real headless Chromium (Debian's, driven by playwright-core), against the real
// syncer daemon replicating between two sandboxes, with --api_token set: the page asks for the token and
// refuses a wrong one; the job list shows the running job; a database job's page lists its tables; a job
// page's lag chart gains points while a load
// runs; pause and resume from the page change the job's state (as the API confirms); the job's user is shown
// and its password nowhere; a forced full sync shows its progress; and verification from the page shows a
// difference after a row is changed directly on the target.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/browser.js';
import { until } from '../../src/converge.js';
import { FaultFixture, FaultTable } from '../../src/faults/fault-fixture.js';
import { q } from '../../src/inspect.js';

const TOKEN = 'console-test-token';
const USER = 'ccr_console';
const PASSWORD = 'Pw-console-5ecret';
const DB_TABLES = ['orders', 'customers'];

describe('web console in Chromium', () => {
  let fx: FaultFixture;
  let t: FaultTable;
  let dbJob: string;
  let browser: Browser;
  let page: Page;
  /** Every answer the page received (the API's JSON included). */
  const answers: Array<Promise<string>> = [];

  const state = async () =>
    (await fx.syncer.call<{ status: { state: string } }>('job_status', { name: t.job })).status.state;
  /** What the job page's chart was last handed: its sample count and the newest sample's time. */
  const chart = async () => {
    const el = page.locator('.lag-chart');
    return {
      samples: Number(await el.getAttribute('data-samples')),
      lastAt: Number(await el.getAttribute('data-last-at')),
    };
  };

  /** A database job over two tables, caught up: its page lists them. */
  const createDatabaseJob = async () => {
    const db = `console_db_${fx.runId}`;
    const src = await fx.connect('source');
    try {
      await src.query(`CREATE DATABASE ${q(db)} PROPERTIES ("binlog.enable" = "true")`);
      for (const table of DB_TABLES)
        await src.query(
          `CREATE TABLE ${q(db)}.${q(table)} (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
           PROPERTIES ("replication_num" = "1", "binlog.enable" = "true")`,
        );
    } finally {
      await src.end();
    }
    const created = await fx.syncer.call<{ success: boolean; error_msg?: string }>('create_ccr', {
      name: dbJob,
      src: fx.spec('source', db, ''),
      dest: fx.spec('target', `${db}_t`, ''),
    });
    assert.ok(created.success, created.error_msg);
    await until(`${dbJob} to replay`, async () => {
      const s = (
        await fx.syncer.call<{ status: { progress_state: string; lag_binlogs?: number } }>('job_status', {
          name: dbJob,
        })
      ).status;
      return s.progress_state === 'DBIncrementalSync' && s.lag_binlogs === 0 ? true : s;
    });
  };

  before(async () => {
    // A short --stall_seconds makes the health monitor look every second: the chart's sampling rate.
    [fx, browser] = await Promise.all([
      FaultFixture.start({
        sourceBackends: 1,
        targetBackends: 1,
        apiToken: TOKEN,
        // Failpoints: a full sync held after its backup, long enough to be seen on the page.
        syncerArgs: ['--stall_seconds', '4', '--enable_failpoints'],
      }),
      launchChromium(),
    ]);
    // The job runs as a user with a password: the console must never show it.
    for (const side of ['source', 'target'] as const) {
      const c = await fx.connect(side);
      try {
        await c.query(`CREATE USER '${USER}'@'%' IDENTIFIED BY '${PASSWORD}'`);
        await c.query(
          `GRANT SELECT_PRIV, LOAD_PRIV, ALTER_PRIV, CREATE_PRIV, DROP_PRIV, ADMIN_PRIV ON *.* TO '${USER}'@'%'`,
        );
      } finally {
        await c.end();
      }
    }
    t = new FaultTable(fx, 'console');
    dbJob = `console_db_${fx.runId}`;
    await Promise.all([
      t.create(10, { credentials: { user: USER, password: PASSWORD } }),
      createDatabaseJob(),
    ]);
    page = await browser.newPage();
    page.on('response', (r) => answers.push(r.text().catch(() => '')));
  });
  after(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('asks for the API token, refuses a wrong one, and shows the running job once given the right one', async () => {
    await page.goto(`http://127.0.0.1:${fx.syncer.port}/ui/`);
    await page.locator('#token').waitFor();
    assert.equal(await page.locator('table.jobs').count(), 0, 'no job is shown without the token');
    await page.fill('#token', 'not-the-token');
    await page.click('button[type=submit]');
    await page.locator('#token-refused').waitFor();
    await page.fill('#token', TOKEN);
    await page.click('button[type=submit]');
    const row = page.locator(`tr[data-job="${t.job}"]`);
    await row.locator('[data-state="running"]').waitFor();
    // The row as the health monitor's first look fills it: lag in seconds, the TTL's runway, the owner.
    await until('the job list to show lag, runway and owner', async () => {
      const [, , lag, runway, owner] = await row.locator('td').allInnerTexts();
      return /^\d+(\.\d)? s \(\d+ binlogs\)$/.test(lag!) && /\(ttl_seconds\)/.test(runway!) && owner !== '–'
        ? true
        : { lag, runway, owner };
    });
    assert.ok(!page.url().includes(TOKEN), 'the token is never in the URL');
    const stored = await page.evaluate('Object.values(sessionStorage)');
    assert.deepEqual(stored, [TOKEN], 'kept in sessionStorage');
  });

  it('a database job’s page lists its tables and their state', async () => {
    await page.locator(`tr[data-job="${dbJob}"] [data-state="running"]`).waitFor();
    await page.click(`a[href="#/job/${dbJob}"]`);
    for (const table of DB_TABLES) {
      const row = page.locator(`.tables tr[data-table="${table}"]`);
      await row.waitFor();
      const [, kind, state, seq] = await row.locator('td').allInnerTexts();
      assert.deepEqual([kind, state], ['table', 'incremental']);
      assert.match(seq!, /^\d+$/);
    }
    await page.click('a[href="#/"]');
  });

  it('the job page’s lag chart gains points while a load runs', async () => {
    await page.click(`a[href="#/job/${t.job}"]`);
    await page.locator('.lag-chart canvas').waitFor();
    await until('the chart to have a first sample', async () =>
      (await chart()).samples > 0 ? true : await chart(),
    );
    const before = await chart();
    const writer = t.write(20, 100);
    try {
      await until(
        'the chart to gain 3 points',
        async () => {
          const now = await chart();
          return now.samples >= before.samples + 3 && now.lastAt > before.lastAt ? true : { before, now };
        },
        20_000,
      );
    } finally {
      await writer.stop();
    }
    const history = await fx.syncer.call<{ samples: Array<{ at: number }> }>('lag_history', { name: t.job });
    assert.ok(history.samples.length >= (await chart()).samples - 1, 'the chart draws /lag_history');
  });

  it('pause and resume from the page change the job’s state', async () => {
    await page.click('#pause');
    await page.locator('h1 [data-state="paused"]').waitFor();
    assert.equal(await state(), 'paused');
    await page.locator('.events tr[data-kind="paused"]').waitFor();
    await page.click('#resume');
    await page.locator('h1 [data-state="running"]').waitFor();
    assert.equal(await state(), 'running');
    await page.locator('.events tr[data-kind="resumed"]').waitFor();
  });

  it('shows where the job copies from and to, as its user, never the password', async () => {
    const summary = await page.locator('dl.summary').innerText();
    assert.match(summary, new RegExp(`${USER}@127\\.0\\.0\\.1:\\d+ ${t.srcDb}\\.${t.table}`));
    assert.ok(!(await page.content()).includes(PASSWORD), 'the password is nowhere in the page');
    const received = await Promise.all(answers);
    assert.ok(
      received.some((text) => text.includes(`"user":"${USER}"`)),
      'job_detail was read',
    );
    assert.ok(!received.some((text) => text.includes(PASSWORD)), 'nor in any answer the page received');
  });

  it('a forced full sync shows its phase and progress on the job page while it runs', async () => {
    const hold = { name: t.job, failpoint: 'after_backup' };
    assert.ok(
      (await fx.syncer.call<{ success: boolean }>('failpoint', { ...hold, value: 'sleep:5000' })).success,
    );
    const box = page.locator('.sync-progress');
    try {
      assert.ok((await fx.syncer.call<{ success: boolean }>('force_fullsync', { name: t.job })).success);
      await box.waitFor({ timeout: 20_000 });
      const text = await box.innerText();
      assert.match(text, /^Full sync: (backup|snapshot|restore|swap)/, text);
      assert.match(text, /Tables \d\/1/, text);
    } finally {
      await fx.syncer.call('failpoint', hold);
    }
    await box.waitFor({ state: 'detached', timeout: 30_000 });
    await t.caughtUp();
  });

  it('verification from the page shows a difference after a row is changed on the target', async () => {
    await t.sameRows();
    await page.click('#verify');
    await page.locator('.verify [data-matched="true"]').waitFor({ timeout: 30_000 });
    const target = await fx.connect('target');
    try {
      // The job never writes to its target on its own: this is an operator's stray change.
      await target.query(`DELETE FROM ${q(t.destDb)}.${q(t.table)} WHERE k = -1`);
      await target.query(`INSERT INTO ${q(t.destDb)}.${q(t.table)} VALUES (-1, 'changed')`);
    } finally {
      await target.end();
    }
    await page.click('#verify');
    await page.locator('.verify [data-matched="false"]').waitFor({ timeout: 30_000 });
    const row = page.locator(`.verify tr[data-table="${t.table}"]`);
    assert.equal(await row.getAttribute('data-match'), 'false');
    assert.match(await row.innerText(), /differs/);
    const last = await fx.syncer.call<{ verify: { matched: boolean } }>('verify_result', { name: t.job });
    assert.equal(last.verify.matched, false);
  });
});
