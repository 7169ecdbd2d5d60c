// What an operator sees of a job's health, through the real daemon between two sandboxes and the fault
// proxy: lag in seconds (from the binlogs' own commit times) in get_lag, job_status and /metrics; the
// runway of a paused job falling until it warns — before the binlog expires and forces a full sync whose
// reason the event log then gives; the event log itself (GET /job_events, with since); and a job whose
// target BEs are black-holed turning `stalled` within --stall_seconds, then recovering.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { until } from '../../../src/converge.js';
import { FaultFixture, FaultTable } from '../../../src/faults/fault-fixture.js';
import { q } from '../../../src/inspect.js';

const STALL_SECONDS = 4;

interface Status {
  state: string;
  last_error: string;
  lag_seconds?: number;
  lag_binlogs?: number;
  runway_seconds?: number;
  runway_limit?: string;
  runway_warning?: boolean;
  last_full_sync_seconds?: number;
  stalled_since?: number;
}

interface Event {
  id: number;
  kind: string;
  message: string;
  reason?: string;
  by?: string;
  sync?: string;
}

describe('operator view: lag in time, runway, events, stall detection', () => {
  let fx: FaultFixture;

  const status = async (job: string): Promise<Status> => {
    const r = await fx.syncer.call<{ success: boolean; status: Status; error_msg?: string }>('job_status', {
      name: job,
    });
    assert.ok(r.success, r.error_msg);
    return r.status;
  };
  const lag = (job: string) =>
    fx.syncer.call<Status & { success: boolean; lag: number; delay_seconds?: number; error_msg?: string }>(
      'get_lag',
      { name: job },
    );
  /** The value of one series of /metrics, or undefined when the job has none. */
  const metric = async (name: string, job: string, extra = ''): Promise<number | undefined> => {
    const text = await (await fetch(`http://127.0.0.1:${fx.syncer.port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}{job="${job}"${extra}}`));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  const events = async (
    job: string,
    since?: number | string,
  ): Promise<{ events: Event[]; last_id?: number }> => {
    const query = new URLSearchParams({
      name: job,
      ...(since === undefined ? {} : { since: String(since) }),
    });
    const r = await fetch(`http://127.0.0.1:${fx.syncer.port}/job_events?${query}`);
    const body = (await r.json()) as {
      success: boolean;
      events: Event[];
      last_id?: number;
      error_msg?: string;
    };
    assert.equal(r.status, 200, body.error_msg);
    return body;
  };
  const sourceSql = async (...statements: string[]) => {
    const c = await fx.connect('source');
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
  };

  before(async () => {
    fx = await FaultFixture.start({
      proxy: true,
      sourceArgs: ['--fe-config', 'binlog_gc_interval_second=1'],
      syncerArgs: [
        '--stall_seconds',
        String(STALL_SECONDS),
        '--rpc_timeout',
        '3s',
        '--connect_timeout',
        '2s',
      ],
    });
  });
  after(async () => {
    await fx?.close();
  });

  it('reports lag in seconds from the binlogs’ commit times, and the event log of pause and resume', async (ctx) => {
    const t = new FaultTable(fx, 'lag');
    await t.create();
    await until('the monitor to see the job caught up', async () => {
      const s = await status(t.job);
      return s.lag_seconds === 0 && s.lag_binlogs === 0 && s.state === 'running' ? true : s;
    });
    const caught = await status(t.job);
    assert.equal(caught.runway_limit, 'ttl_seconds', 'the default one-day TTL binds');
    assert.ok(
      caught.runway_seconds! > 86_000 && caught.runway_seconds! <= 86_400,
      `${caught.runway_seconds}`,
    );
    assert.equal(caught.runway_warning, false);
    assert.ok(caught.last_full_sync_seconds! >= 0);

    const paused = await fx.syncer.call<{ success: boolean }>('pause', { name: t.job });
    assert.ok(paused.success);
    const insertedAt = Date.now();
    await sourceSql(`INSERT INTO ${q(t.srcDb)}.${q(t.table)} VALUES (1, 'behind')`);
    await new Promise((r) => setTimeout(r, 3_000));
    const behind = await lag(t.job);
    const elapsed = (Date.now() - insertedAt) / 1000;
    assert.equal(behind.lag, 1);
    assert.ok(
      behind.lag_seconds! >= 2.5 && behind.lag_seconds! <= elapsed + 1,
      `lag_seconds ${behind.lag_seconds} after ${elapsed} s`,
    );
    await until('ccr_job_lag_seconds to show the paused job behind', async () => {
      const v = await metric('ccr_job_lag_seconds', t.job);
      return v !== undefined && v >= 2 ? true : { v };
    });
    assert.equal(await metric('ccr_job_lag_binlogs', t.job), 1);
    assert.equal(await metric('ccr_job_state', t.job, ',state="paused"'), 1);
    assert.equal((await status(t.job)).state, 'paused', 'a paused job is never stalled');

    assert.ok((await fx.syncer.call<{ success: boolean }>('resume', { name: t.job })).success);
    await t.caughtUp();
    await until('the lag to fall back to 0 s', async () => {
      const l = await lag(t.job);
      return l.lag_seconds === 0 && l.lag === 0 ? true : l;
    });

    const log = await events(t.job);
    const kinds = log.events.map((e) => e.kind);
    assert.deepEqual(kinds.slice(0, 3), ['job_created', 'sync_started', 'sync_finished'], kinds.join());
    assert.equal(log.events[1]!.reason, 'new job');
    const pause = log.events.find((e) => e.kind === 'paused')!;
    assert.match(pause.by!, /operator \(API from 127\.0\.0\.1\)/);
    assert.ok(kinds.indexOf('resumed') > kinds.indexOf('paused'));
    const later = await events(t.job, pause.id);
    assert.deepEqual(
      later.events.map((e) => e.kind),
      kinds.slice(kinds.indexOf('paused') + 1),
      'since an id: only the events after it',
    );
    assert.equal(later.last_id, log.last_id);
    const bad = await fetch(`http://127.0.0.1:${fx.syncer.port}/job_events?name=${t.job}&since=yesterday`);
    assert.equal(bad.status, 400);
    ctx.diagnostic(
      `lag ${behind.lag_seconds} s after ${elapsed.toFixed(1)} s paused; events: ${kinds.join(', ')}`,
    );
  });

  it('a paused job’s runway falls and warns before its binlog expires; the forced full sync says why', async (ctx) => {
    const t = new FaultTable(fx, 'runway');
    // A slow first full sync (every link 500 ms round trip): the yardstick the runway is measured against.
    try {
      await t.create(10, {
        dbProperties: '"binlog.ttl_seconds" = "25"',
        onCreated: () => fx.proxy!.setFault({ kind: 'latency', ms: 250 }),
      });
    } finally {
      fx.proxy!.heal();
    }
    await until('the monitor to read the 25 s TTL and the finished full sync', async () => {
      const s = await status(t.job);
      return s.runway_seconds !== undefined &&
        s.runway_seconds <= 25 &&
        s.last_full_sync_seconds !== undefined
        ? true
        : s;
    });
    const full = (await status(t.job)).last_full_sync_seconds!;
    assert.ok(full > 1 && full < 20, `the first full sync took ${full} s`);
    assert.ok((await fx.syncer.call<{ success: boolean }>('pause', { name: t.job })).success);
    await sourceSql(`INSERT INTO ${q(t.srcDb)}.${q(t.table)} VALUES (1, 'will expire')`);
    const first = await lag(t.job);
    assert.equal(first.runway_limit, 'ttl_seconds');
    assert.ok(first.runway_seconds! > full && first.runway_seconds! <= 25, JSON.stringify(first));
    assert.equal(first.runway_warning, false);
    let warned: Status | undefined;
    await until(
      'the runway to warn',
      async () => {
        const s = await status(t.job);
        if (!s.runway_warning) return s;
        warned = s;
        return true;
      },
      40_000,
      200,
    );
    assert.ok(warned!.runway_seconds! < full, JSON.stringify(warned));
    assert.equal(await metric('ccr_job_runway_warning', t.job), 1);
    const gauge = await metric('ccr_job_runway_seconds', t.job);
    assert.ok(gauge !== undefined && gauge < full, `ccr_job_runway_seconds ${gauge}`);
    const fullsBefore = await t.fullSyncs();
    assert.equal(fullsBefore, 1, 'the warning came before any forced full sync');
    // Past the TTL the source's GC (every second here) collects the binlog; resumed, the job must copy again.
    await new Promise((r) => setTimeout(r, Math.max(0, warned!.runway_seconds!) * 1000 + 2_500));
    assert.ok((await fx.syncer.call<{ success: boolean }>('resume', { name: t.job })).success);
    await t.sameRows();
    await t.caughtUp();
    assert.equal(await t.fullSyncs(), 2);
    const log = (await events(t.job)).events;
    const resumed = log.findIndex((e) => e.kind === 'resumed');
    const forced = log.slice(resumed).find((e) => e.kind === 'sync_started');
    assert.ok(forced, log.map((e) => e.message).join('\n'));
    assert.match(forced.reason!, /garbage-collected on the source/);
    assert.ok(log.slice(resumed).some((e) => e.kind === 'sync_finished' && e.sync === 'full'));
    ctx.diagnostic(
      `first full sync ${full.toFixed(1)} s; warned at runway ${warned!.runway_seconds!.toFixed(1)} s; forced sync: ${forced.message}`,
    );
  });

  it(`a job whose target BEs are black-holed becomes stalled within --stall_seconds=${STALL_SECONDS}, and recovers`, async (ctx) => {
    const t = new FaultTable(fx, 'stall');
    await t.create();
    const writer = t.write(5);
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      fx.proxy!.setFault({ kind: 'blackhole' }, /^target BE /);
      const faultAt = Date.now();
      let stalled: Status | undefined;
      await until(
        'the job to be reported stalled with its last error',
        async () => {
          const s = await status(t.job);
          if (s.state !== 'stalled' || s.last_error === '') return s;
          stalled = s;
          return true;
        },
        30_000,
        200,
      );
      const after = (Date.now() - faultAt) / 1000;
      assert.ok(after >= STALL_SECONDS - 1, `stalled after ${after} s`);
      assert.ok(after <= STALL_SECONDS + 10, `stalled only after ${after} s`);
      assert.ok(stalled!.lag_binlogs! > 0 && stalled!.stalled_since! > 0, JSON.stringify(stalled));
      assert.equal(await metric('ccr_job_stalled', t.job), 1);
      assert.equal(await metric('ccr_job_state', t.job, ',state="stalled"'), 1);
      assert.equal(await metric('ccr_job_state', t.job, ',state="running"'), 0);
      // Stays stalled, never healthy, while the fault lasts.
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 400));
        assert.equal((await status(t.job)).state, 'stalled');
      }
      fx.proxy!.heal();
      const healedAt = Date.now();
      await until('the job to recover', async () => {
        const s = await status(t.job);
        return s.state === 'running' ? true : s;
      });
      const recovered = (Date.now() - healedAt) / 1000;
      assert.equal(await metric('ccr_job_stalled', t.job), 0);
      await writer.stop();
      await t.sameRows();
      const kinds = (await events(t.job)).events.map((e) => e.kind);
      assert.ok(kinds.includes('retry'), kinds.join());
      assert.ok(kinds.indexOf('recovered') > kinds.indexOf('stalled'), kinds.join());
      ctx.diagnostic(
        `stalled ${after.toFixed(1)} s after the fault (last error: ${stalled!.last_error.slice(0, 80)}); running again ${recovered.toFixed(1)} s after it ended`,
      );
    } finally {
      fx.proxy!.heal();
      await writer.stop();
    }
  });
});
