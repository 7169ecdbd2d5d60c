// The `ccr` command through its real binary, against a real ccr-syncer between two doris-sandbox
// processes: the pre-flight check, jobs as code (apply with --dry-run, then for real, then a no-op; host
// mapping in place, --replace, --prune), every job command's output for people and as JSON, the watching
// commands ended with Ctrl-C, the API token, and the errors an operator meets.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SandboxProcess } from '@doris-ccr/sandbox';
import type mysql from 'mysql2/promise';
import { ccr, ccrInBackground, ccrSyncerCtl, plain } from '../../src/ccr-cli.js';
import { until } from '../../src/converge.js';
import { SyncerProcess } from '../../src/syncer-process.js';

const BACKENDS = 2;
const TOKEN = 'tok-3f9a1c';
const PASSWORD = 'Pw-for-ccr-ro-77';

interface Status {
  state: string;
  progress_state: string;
}

describe('ccr: the operator command line', () => {
  let source: SandboxProcess;
  let target: SandboxProcess;
  let syncer: SyncerProcess;
  let src: mysql.Connection;
  let dst: mysql.Connection;
  let dir: string;
  /** `--port P` of the syncer. */
  let at: string[];

  const side = (s: SandboxProcess, where: string) =>
    `127.0.0.1:${s.ready.queryPort}:${s.ready.rpcPort}/${where}`;
  const status = async (name: string) =>
    (await syncer.call<{ success: boolean; status: Status }>('job_status', { name })).status;
  const incremental = (name: string) =>
    until(`${name} to replicate incrementally`, async () => {
      const s = await status(name);
      return s && /Incremental/.test(s.progress_state) ? true : s;
    });
  const jobNames = async () => (await syncer.call<{ jobs: string[] }>('list_jobs')).jobs;

  before(async () => {
    [source, target] = await Promise.all([
      SandboxProcess.start({ backends: BACKENDS }),
      SandboxProcess.start({ backends: BACKENDS }),
    ]);
    syncer = await SyncerProcess.start();
    at = ['--port', String(syncer.port)];
    src = await source.connect();
    dst = await target.connect();
    dir = mkdtempSync(join(tmpdir(), 'ccr-cli-'));
    await src.query('CREATE DATABASE cli_db PROPERTIES ("binlog.enable" = "true")');
    for (const t of ['t_a', 't_b', 't_c'])
      await src.query(
        `CREATE TABLE cli_db.${t} (k INT, v VARCHAR(20)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`,
      );
    // Tables of a binlog database have binlog on, as in Doris: this one's database has not.
    await src.query('CREATE DATABASE cli_plain');
    await src.query(
      `CREATE TABLE cli_plain.t_nobinlog (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
       PROPERTIES ("replication_num" = "1")`,
    );
    for (const t of ['t_a', 't_b', 't_c'])
      await src.query(`INSERT INTO cli_db.${t} VALUES (1, 'one'), (2, 'two'), (3, 'three')`);
  });
  after(async () => {
    await src?.end();
    await dst?.end();
    await syncer?.destroy();
    await Promise.all([source?.destroy(), target?.destroy()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('check: passes for a table ready for CCR, naming every FE and BE it reached, and fails with the reason otherwise', async () => {
    const args = [
      ...at,
      'check',
      'pre',
      '--src',
      side(source, 'cli_db.t_a'),
      '--dest',
      side(target, 'cli_copy.t_a'),
    ];
    const human = await ccr(args);
    assert.equal(human.code, 0, human.stderr + human.stdout);
    assert.equal(plain(human.stdout), human.stdout, 'no colour when stdout is not a terminal');
    assert.match(human.stdout, /✓ pre: all \d+ checks passed/);
    for (const check of [
      'connect',
      'version',
      'privileges',
      'binlog_feature',
      'fe_reachable',
      'be_reachable',
      'binlog_enabled',
      'target',
      'runway',
      'versions_compatible',
    ])
      assert.match(human.stdout, new RegExp(`\\b${check}\\b`), check);

    const json = await ccr([...at, '--json', ...args.slice(2)]);
    assert.equal(json.code, 0);
    const report = JSON.parse(json.stdout) as {
      ok: boolean;
      checks: { check: string; ok: boolean; side: string; detail: string }[];
    };
    assert.equal(report.ok, true);
    for (const [s, sandbox] of [
      ['src', source],
      ['dest', target],
    ] as const) {
      const bes = report.checks.filter((c) => c.side === s && c.check === 'be_reachable');
      assert.equal(bes.length, BACKENDS, `${s}: one check per BE`);
      for (const be of sandbox.ready.backends)
        assert.ok(
          bes.some(
            (c) =>
              c.detail.includes(`be_port ${be.bePort} open`) && c.detail.includes(`http ${be.httpPort} open`),
          ),
          JSON.stringify(bes),
        );
      const fe = report.checks.find((c) => c.side === s && c.check === 'fe_reachable')!;
      assert.match(
        fe.detail,
        new RegExp(`query ${sandbox.ready.queryPort} open .* rpc ${sandbox.ready.rpcPort} open`),
      );
    }
    assert.match(
      report.checks.find((c) => c.check === 'runway')!.detail,
      /runway 86400 s \(binlog.ttl_seconds\)/,
    );

    const off = await ccr([
      ...at,
      'check',
      'off',
      '--src',
      side(source, 'cli_plain.t_nobinlog'),
      '--dest',
      side(target, 'cli_copy.t_nobinlog'),
    ]);
    assert.equal(off.code, 1, 'a failing check exits 1');
    assert.match(off.stdout, /✗.*binlog_enabled.*cli_plain\.t_nobinlog lacks "binlog\.enable" = "true"/);
    assert.match(off.stdout, /✗ off: 1 of \d+ checks failed/);

    // A user without ADMIN: the check says what it lacks, and its password appears nowhere.
    await src.query(`CREATE USER 'ccr_ro'@'%' IDENTIFIED BY '${PASSWORD}'`);
    await src.query(`GRANT SELECT_PRIV ON cli_db.* TO 'ccr_ro'@'%'`);
    const weak = await ccr(
      [
        ...at,
        'check',
        'weak',
        '--src',
        side(source, 'cli_db.t_a'),
        '--src-user',
        'ccr_ro',
        '--dest',
        side(target, 'cli_copy.t_a'),
      ],
      { env: { CCR_SRC_PASSWORD: PASSWORD } },
    );
    assert.equal(weak.code, 1);
    assert.match(weak.stdout, /✗.*src.*connect.*ADMIN/s);
    assert.ok(!(weak.stdout + weak.stderr).includes(PASSWORD));
  });

  it('apply: --dry-run prints the plan and changes nothing, apply creates, a second apply is a no-op', async () => {
    const file = join(dir, 'jobs.yaml');
    const jobsYaml = (a: string, b: string, extra = '') => `
defaults:
  src: { host: 127.0.0.1, port: ${source.ready.queryPort}, thrift_port: ${source.ready.rpcPort}, user: root, password: "\${CLI_SRC_PW}" }
  dest: { host: 127.0.0.1, port: ${target.ready.queryPort}, thrift_port: ${target.ready.rpcPort}, user: root, password: "\${CLI_DEST_PW}" }
jobs:
  - name: job_a
    src: { database: cli_db, table: t_a }
    dest: { database: cli_copy, table: ${a}${extra} }
  - name: job_b
    src: { database: cli_db, table: t_b }
    dest: { database: cli_copy, table: ${b} }
`;
    writeFileSync(file, jobsYaml('t_a', 't_b'));
    const env = { CLI_SRC_PW: '', CLI_DEST_PW: '' };

    const unset = await ccr([...at, 'apply', file, '--dry-run']);
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /uses \$\{CLI_SRC_PW\}, which is not set in the environment/);

    const dry = await ccr([...at, 'apply', file, '--dry-run'], { env });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /\+ create\s+job_a\s+table cli_db\.t_a \(127\.0\.0\.1:\d+\) → cli_copy\.t_a/);
    assert.match(dry.stdout, /\+ create\s+job_b/);
    assert.match(dry.stdout, /2 changes planned, 0 unchanged; dry run: nothing changed/);
    assert.deepEqual(await jobNames(), [], 'a dry run creates nothing');

    const applied = await ccr([...at, 'apply', file], { env });
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stdout, /✓ created job_a/);
    assert.match(applied.stdout, /2 of 2 changes applied/);
    assert.deepEqual((await jobNames()).sort(), ['job_a', 'job_b']);
    await incremental('job_a');
    await incremental('job_b');

    const again = await ccr([...at, 'apply', file], { env });
    assert.equal(again.code, 0);
    assert.match(again.stdout, /= same\s+job_a/);
    assert.match(again.stdout, /nothing to do: 2 jobs match/);
    // The file's jobs run now: check -f checks them as they run (their targets are their own).
    const checked = await ccr([...at, 'check', '-f', file], { env });
    assert.equal(checked.code, 0, checked.stdout);
    assert.match(checked.stdout, /✓ job_a: all \d+ checks passed[\s\S]*✓ job_b: all \d+ checks passed/);
    assert.match(checked.stdout, /target database cli_copy exists/);
    const againJson = await ccr([...at, '--json', 'apply', file], { env });
    const plan = JSON.parse(againJson.stdout) as { plan: { kind: string }[]; applied: unknown[] };
    assert.deepEqual(
      plan.plan.map((p) => p.kind),
      ['unchanged', 'unchanged'],
    );
    assert.deepEqual(plan.applied, []);

    // A host mapping changes in place; a changed target table is left alone without --replace.
    writeFileSync(file, jobsYaml('t_a', 't_b2', ', host_mapping: { 10.9.9.9: 127.0.0.1 }'));
    const mixed = await ccr([...at, 'apply', file], { env });
    assert.equal(mixed.code, 0, mixed.stderr);
    assert.match(
      mixed.stdout,
      /~ update\s+job_a\n\s+dest\.host_mapping: \(none\) → \{"10\.9\.9\.9":"127\.0\.0\.1"\}/,
    );
    assert.match(mixed.stdout, /! differs\s+job_b\s+left alone: only --replace/);
    assert.match(mixed.stdout, /dest\.table: t_b → t_b2/);
    assert.match(mixed.stdout, /1 of 1 change applied, 1 unchanged|1 of 1 change applied/);
    const detail = await syncer.call<{
      job_detail: { dest: { host_mapping?: Record<string, string>; table: string } };
    }>('job_detail', { name: 'job_a' });
    assert.deepEqual(detail.job_detail.dest.host_mapping, { '10.9.9.9': '127.0.0.1' });
    const b = await syncer.call<{ job_detail: { dest: { table: string } } }>('job_detail', { name: 'job_b' });
    assert.equal(b.job_detail.dest.table, 't_b', 'left alone');

    const replaced = await ccr([...at, 'apply', file, '--replace'], { env });
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(replaced.stdout, /! replace\s+job_b/);
    assert.match(replaced.stdout, /✓ replaced job_b/);
    await incremental('job_b');
    const [rows] = await dst.query('SELECT COUNT(*) AS n FROM cli_copy.t_b2');
    assert.equal(Number((rows as { n: string }[])[0]!.n), 3);

    // A job the file no longer lists stays unless --prune.
    writeFileSync(
      file,
      jobsYaml('t_a', 't_b2', ', host_mapping: { 10.9.9.9: 127.0.0.1 }').replace(
        / {2}- name: job_b[\s\S]*$/,
        '',
      ),
    );
    const kept = await ccr([...at, 'apply', file], { env });
    assert.match(kept.stdout, /· keep\s+job_b\s+not in the file \(--prune deletes it\)/);
    assert.ok((await jobNames()).includes('job_b'));
    const pruned = await ccr([...at, 'apply', file, '--prune'], { env });
    assert.equal(pruned.code, 0, pruned.stderr);
    assert.match(pruned.stdout, /✓ deleted job_b/);
    assert.deepEqual(await jobNames(), ['job_a']);
  });

  it('jobs, status, lag, pause, resume, events, desync and delete: for people and as JSON', async () => {
    const jobs = await ccr([...at, 'jobs']);
    assert.equal(jobs.code, 0, jobs.stderr);
    assert.match(jobs.stdout, /JOB.*STATE.*SYNC.*LAG.*RUNWAY/);
    assert.match(jobs.stdout, /job_a.*running.*TableIncrementalSync/);
    const jobsJson = JSON.parse(
      (await ccr(['--server', `127.0.0.1:${syncer.port}`, '--json', 'jobs'])).stdout,
    );
    assert.deepEqual(
      jobsJson.jobs.map((j: Status & { name: string }) => [j.name, j.state]),
      [['job_a', 'running']],
    );

    // The health monitor's first look at a job that just started may be a few seconds away.
    await until('job_a has a lag and runway in job_status', async () => {
      const s = (
        await syncer.call<{ status: { lag_seconds?: number; runway_limit?: string } }>('job_status', {
          name: 'job_a',
        })
      ).status;
      return s.lag_seconds !== undefined && s.runway_limit !== undefined ? true : s;
    });
    const st = await ccr([...at, 'status', 'job_a']);
    assert.equal(st.code, 0);
    assert.match(st.stdout, /state\s+running/);
    assert.match(st.stdout, /sync\s+TableIncrementalSync/);
    assert.match(
      st.stdout,
      /runway\s+\d+ h \d+ min \(ttl_seconds\)|runway\s+1 d \(ttl_seconds\)|runway\s+23 h/,
    );
    assert.equal(JSON.parse((await ccr([...at, '--json', 'status', 'job_a'])).stdout).status.name, 'job_a');

    await until('job_a caught up', async () => {
      const l = await ccr([...at, 'lag', 'job_a']);
      return /caught up/.test(l.stdout) ? true : l.stdout;
    });

    const paused = await ccr([...at, 'pause', 'job_a']);
    assert.equal(paused.stdout.trim(), '✓ job job_a paused');
    await src.query(`INSERT INTO cli_db.t_a VALUES (4, 'four')`);
    await until('the lag to show the paused job behind', async () => {
      const l = await ccr([...at, 'lag', 'job_a']);
      return /behind \(1 binlog\)/.test(l.stdout) ? true : l.stdout;
    });
    const lagJson = JSON.parse((await ccr([...at, '--json', 'lag', 'job_a'])).stdout);
    assert.equal(lagJson.lag, 1);
    assert.ok(lagJson.lag_seconds >= 0);
    assert.match((await ccr([...at, 'status', 'job_a'])).stdout, /state\s+paused/);

    // lag --watch on a pipe: a time-stamped line per look, until Ctrl-C.
    const watch = ccrInBackground([...at, 'lag', 'job_a', '--watch', '--interval', '0.2']);
    await until('two lag lines', async () =>
      watch
        .output()
        .split('\n')
        .filter((l) => /behind/.test(l)).length >= 2
        ? true
        : watch.output(),
    );
    const watched = await watch.stop();
    assert.equal(watched.code, 0, 'Ctrl-C ends a watch cleanly');
    assert.match(watched.stdout, /^\d{4}-\d\d-\d\dT.*behind \(1 binlog\)/m);

    // events --follow prints the resume as it happens.
    const follow = ccrInBackground([...at, 'events', 'job_a', '--follow', '--interval', '0.2']);
    await until('the event log so far', async () =>
      /paused/.test(follow.output()) ? true : follow.output(),
    );
    const resumed = await ccr([...at, '--json', 'resume', 'job_a']);
    assert.equal(resumed.code, 0);
    assert.deepEqual(JSON.parse(resumed.stdout), { success: true });
    await until('the resume to be followed', async () =>
      /resumed\s+resumed by an operator/.test(follow.output()) ? true : follow.output(),
    );
    assert.equal((await follow.stop()).code, 0);

    const events = await ccr([...at, 'events', 'job_a']);
    assert.match(events.stdout, /job_created/);
    assert.match(events.stdout, /sync_started\s+.*new job/);
    assert.match(events.stdout, /paused\s+paused by an operator \(API from 127\.0\.0\.1\)/);
    const log = JSON.parse((await ccr([...at, '--json', 'events', 'job_a'])).stdout) as {
      events: { kind: string }[];
      last_id: number;
    };
    assert.ok(log.events.some((e) => e.kind === 'resumed'));
    assert.equal(
      (await ccr([...at, 'events', 'job_a', '--since', String(log.last_id)])).stdout.trim(),
      'no events',
    );

    await incremental('job_a');
    const desync = await ccr([...at, '--json', 'desync', 'job_a']);
    assert.equal(desync.code, 0, desync.stderr);
    assert.equal(JSON.parse(desync.stdout).success, true);
    const deleted = await ccr([...at, 'delete', 'job_a']);
    assert.equal(deleted.stdout.trim(), '✓ job job_a deleted');
    assert.match((await ccr([...at, 'jobs'])).stdout, /no jobs on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('create from flags, then verify: a match exits 0, a row changed on the target exits 1', async () => {
    const created = await ccr([
      ...at,
      'create',
      'job_c',
      '--src',
      side(source, 'cli_db.t_c'),
      '--dest',
      side(target, 'cli_copy.t_c'),
      '--wait',
      '--interval',
      '0.2',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /✓ job job_c created: table cli_db\.t_c/);
    assert.match(created.stdout, /running · TableIncrementalSync/);
    const same = await ccr([...at, 'verify', 'job_c']);
    assert.equal(same.code, 0, same.stderr + same.stdout);
    assert.match(same.stdout, /✓ job_c: source and target match \(1 table\)/);
    await dst.query(`INSERT INTO cli_copy.t_c VALUES (2, 'tampered')`);
    const differs = await ccr([...at, 'verify', 'job_c']);
    assert.equal(differs.code, 1, 'differences exit 1');
    assert.match(differs.stdout, /✗ job_c: 1 table differs/);
    const json = JSON.parse((await ccr([...at, '--json', 'verify', 'job_c', '--table', 't_c'])).stdout);
    assert.equal(json.verify.matched, false);
    assert.equal(json.verify.tables[0].table, 't_c');
    assert.equal((await ccr([...at, 'check', 'job_c'])).code, 0, 'an existing job passes its check');
  });

  it('errors: an unknown job, an unreachable syncer, bad usage', async () => {
    const missing = await ccr([...at, 'status', 'nosuch']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.trim(), 'ccr: job nosuch not exist');
    const missingJson = await ccr([...at, '--json', 'status', 'nosuch']);
    assert.equal(
      JSON.parse(missingJson.stdout).success,
      false,
      '--json prints the API answer of a failure too',
    );

    const closed = await freePort();
    const down = await ccr(['--port', String(closed), 'jobs']);
    assert.equal(down.code, 1);
    assert.match(
      down.stderr,
      new RegExp(`cannot reach the syncer at http://127\\.0\\.0\\.1:${closed} \\(ECONNREFUSED\\)`),
    );

    const usage = await ccr([...at, 'create', 'x', '--src', 'nonsense', '--dest', 'x']);
    assert.equal(usage.code, 2);
    assert.match(
      usage.stderr,
      /--src must look like HOST:QUERY_PORT:RPC_PORT\/DATABASE\[\.TABLE\], got: nonsense/,
    );
    assert.equal((await ccr(['frobnicate'])).code, 2);

    // The daemon's binary runs the same commands after `ctl`.
    const viaDaemon = await ccrSyncerCtl([...at, 'jobs']);
    assert.equal(viaDaemon.code, 0, viaDaemon.stderr);
    assert.match(viaDaemon.stdout, /job_c.*running/);
  });

  it('token: read from CCR_API_TOKEN (or --token); a missing or wrong one is named', async () => {
    const guarded = await SyncerProcess.start({ args: ['--api_token', TOKEN] });
    try {
      const p = ['--port', String(guarded.port)];
      const none = await ccr([...p, 'jobs']);
      assert.equal(none.code, 1);
      assert.match(none.stderr, /refused the request \(401\): the API token is missing; set CCR_API_TOKEN/);
      const wrong = await ccr([...p, 'jobs'], { env: { CCR_API_TOKEN: 'nope' } });
      assert.match(wrong.stderr, /the API token is wrong/);
      const right = await ccr([...p, 'jobs'], { env: { CCR_API_TOKEN: TOKEN } });
      assert.equal(right.code, 0, right.stderr);
      assert.match(right.stdout, /no jobs on/);
      assert.equal((await ccr([...p, '--token', TOKEN, 'jobs'])).code, 0);
      const help = await ccr(['--help']);
      assert.match(plain(help.stdout), /CCR_API_TOKEN[\s\S]*process list/);
    } finally {
      await guarded.destroy();
    }
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
