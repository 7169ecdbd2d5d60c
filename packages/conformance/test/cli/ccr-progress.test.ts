// `ccr create … --wait` in a pseudo-terminal (util-linux `script`) while the job's full sync copies a
// table of 1M rows: the progress bar job_status's sync_progress feeds must move — several distinct
// percentages drawn — and reach the end when the job replicates incrementally.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SandboxProcess } from '@doris-ccr/sandbox';
import { streamLoadRows, tableDdl } from '../../bench/bench-clusters.js';
import { ccrInPty, plain } from '../../src/ccr-cli.js';
import { SyncerProcess } from '../../src/syncer-process.js';

const ROWS = 1_000_000;

describe('ccr: the progress bar of a full sync', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let syncer: SyncerProcess;

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: 3 }),
      SandboxProcess.start({ backends: 3 }),
    ]);
    syncer = await SyncerProcess.start();
    const src = await source.connect();
    try {
      await src.query('CREATE DATABASE big_db PROPERTIES ("binlog.enable" = "true")');
      await src.query(tableDdl('big_db', 'big'));
    } finally {
      await src.end();
    }
    const loadStarted = performance.now();
    await streamLoadRows(source, 'big_db', 'big', 0, ROWS);
    console.log(`loaded ${ROWS} rows in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
  });
  after(async () => {
    await syncer?.destroy();
    await Promise.all([source?.destroy(), target?.destroy()]);
  });

  it(`moves through several percentages while ${ROWS.toLocaleString('en')} rows are copied`, async () => {
    const side = (s: SandboxProcess) => `127.0.0.1:${s.ready.queryPort}:${s.ready.rpcPort}/big_db.big`;
    const run = await ccrInPty(
      [
        '--port',
        String(syncer.port),
        'create',
        'big',
        '--src',
        side(source),
        '--dest',
        side(target),
        '--wait',
        '--interval',
        '0.1',
      ],
      { timeoutMs: 300_000 },
    );
    const screen = plain(run.stdout);
    assert.equal(run.code, 0, screen);
    assert.notEqual(plain(run.stdout), run.stdout, 'a terminal gets colour and cursor control');
    const percents = [...screen.matchAll(/full sync \w+\s*\|[^|]*\| (\d+)%/g)].map((m) => Number(m[1]));
    const distinct = [...new Set(percents)];
    console.log(
      `full sync of ${ROWS} rows watched for ${(run.ms / 1000).toFixed(1)} s; percentages drawn: ${distinct.join(' ')}`,
    );
    assert.ok(distinct.length >= 3, `the bar moved through ${distinct.join(', ')}:\n${screen.slice(-2000)}`);
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
      'it never goes back',
    );
    assert.equal(percents[percents.length - 1], 100);
    assert.match(screen, /running · TableIncrementalSync/);
    const dst = await target.connect();
    try {
      const [rows] = await dst.query('SELECT COUNT(*) AS n FROM big_db.big');
      assert.equal(Number((rows as { n: string }[])[0]!.n), ROWS);
    } finally {
      await dst.end();
    }
  });
});
