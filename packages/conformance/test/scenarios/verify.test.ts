// POST /verify through the real daemon between two clusters: a table job under an alias and a database
// job with an exclude filter are verified as matching while rows keep arriving on the source (the source
// is measured between two reads of its commit seq, the job held at that seq while the target is measured);
// then a row changed directly on the target makes /verify name that table and its partition, the event
// log records both outcomes, /verify_result keeps the last one, and unknown names are a 404.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { type ApiAnswer, q, type Scenario, ScenarioFixture, TABLE_PROPS } from '../../src/index.js';

interface Side {
  rows: number;
  checksum: string;
  missing?: boolean;
}

interface VerifyTable {
  table: string;
  dest_table: string;
  match: boolean;
  settled: boolean;
  commit_seq: string;
  src: Side;
  dest: Side;
  partitions: Array<{ partition: string; match: boolean; src: Side; dest: Side }>;
}

interface Verify {
  job: string;
  matched: boolean;
  commit_seq: string;
  attempts: number;
  differences: number;
  unsettled: number;
  started_at: string;
  finished_at: string;
  tables: VerifyTable[];
}

/**
 * Inserts one row at a time into the given source tables, round robin, every `intervalMs`, until stopped;
 * `row(i)` gives the VALUES of the i-th row of a table.
 */
class Writer {
  written = 0;
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly conn: mysql.Connection,
    tables: ReadonlyArray<{ name: string; row: (i: number) => string }>,
    intervalMs: number,
  ) {
    this.done = (async () => {
      for (let i = 0; !this.stopped; i++) {
        const t = tables[i % tables.length]!;
        await conn.query(`INSERT INTO ${t.name} VALUES ${t.row(1000 + i)}`);
        this.written++;
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    await this.conn.end();
  }
}

async function verify(s: Scenario, name: string, tables?: string[]): Promise<Verify> {
  const answer = await s.syncer.call<ApiAnswer & { verify: Verify }>('verify', {
    name,
    ...(tables ? { tables } : {}),
  });
  assert.ok(answer.success, answer.error_msg);
  const v = answer.verify;
  const ms = Date.parse(v.finished_at) - Date.parse(v.started_at);
  console.log(
    `verify ${name}${tables ? ` ${tables.join(',')}` : ''}: matched=${v.matched} in ${ms} ms, ${v.attempts} round(s), seq ${v.commit_seq}`,
  );
  return v;
}

function assertMatched(result: Verify, tables: string[]): void {
  assert.equal(result.matched, true, JSON.stringify(result));
  assert.deepEqual(
    result.tables.map((t) => t.table),
    tables,
  );
  assert.equal(result.differences, 0);
  assert.equal(result.unsettled, 0);
  for (const t of result.tables) {
    assert.ok(t.settled && t.match, JSON.stringify(t));
    assert.deepEqual(t.src, t.dest);
    assert.ok(t.partitions.length > 0 && t.partitions.every((p) => p.match), JSON.stringify(t));
    assert.match(t.commit_seq, /^\d+$/);
    assert.match(t.src.checksum, /^-?\d+$/);
  }
}

const ORDERS = `CREATE TABLE $db.orders (k INT, d DATE, v VARCHAR(16) NULL, n DECIMAL(10, 2) NULL)
  UNIQUE KEY(k, d) PARTITION BY RANGE(d) (PARTITION p2024 VALUES LESS THAN ('2025-01-01'),
                                          PARTITION p2025 VALUES LESS THAN ('2026-01-01'))
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;

const PLAIN = (t: string) => `CREATE TABLE $db.${t} (k INT, v VARCHAR(16) NULL) DUPLICATE KEY(k)
  DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES (${TABLE_PROPS})`;

describe('verification: /verify compares source and target', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  it('a table job under an alias matches while rows flow; a row changed on the target is named with its partition', async () => {
    await fx.run('verify_tbl', async (s) => {
      await s.source(
        ORDERS,
        `INSERT INTO $db.orders VALUES (1, '2024-03-01', 'a', 1.50), (2, '2024-04-01', NULL, NULL),
          (3, '2025-05-01', 'c', 3.00), (4, '2025-06-01', 'c', 3.00)`,
      );
      const job = await s.createJob('orders', { destTable: 'orders_copy' });
      await job.sameRows();
      const writer = new Writer(
        await s.fixture.clusters.source.connect(),
        [
          {
            name: `${q(s.srcDb)}.orders`,
            row: (i) => `(${i}, '${i % 2 ? '2024' : '2025'}-07-0${1 + (i % 9)}', 'w${i}', ${i}.25)`,
          },
        ],
        120,
      );
      let matched: Verify;
      try {
        matched = await verify(s, job.name);
        assertMatched(matched, ['orders']);
        assert.equal(matched.tables[0]!.dest_table, 'orders_copy');
        assert.deepEqual(
          matched.tables[0]!.partitions.map((p) => p.partition),
          ['p2024', 'p2025'],
        );
        const again = await verify(s, job.name);
        assertMatched(again, ['orders']);
        assert.ok(writer.written > 0, 'rows were written while verifying');
        assert.ok(BigInt(again.commit_seq) >= BigInt(matched.commit_seq));

        // A row changed on the target only (a UNIQUE key written again), in partition p2024.
        await s.target(`INSERT INTO $db.orders_copy VALUES (1, '2024-03-01', 'tampered', 1.50)`);
        const different = await verify(s, job.name);
        assert.equal(different.matched, false, JSON.stringify(different));
        assert.equal(different.differences, 1);
        const t = different.tables[0]!;
        assert.equal(t.match, false);
        assert.equal(t.settled, true);
        assert.equal(t.src.rows, t.dest.rows, 'same row count, different content');
        assert.notEqual(t.src.checksum, t.dest.checksum);
        assert.deepEqual(
          t.partitions.map((p) => [p.partition, p.match]),
          [
            ['p2024', false],
            ['p2025', true],
          ],
        );
      } finally {
        await writer.stop();
      }

      const kept = await s.syncer.call<ApiAnswer & { verify: Verify }>('verify_result', { name: job.name });
      assert.equal(kept.verify.matched, false);
      assert.equal(kept.verify.tables[0]!.table, 'orders');
      const events = await s.syncer.call<ApiAnswer & { events: Array<{ kind: string; message: string }> }>(
        'job_events',
        { name: job.name },
      );
      const verifies = events.events.filter((e) => e.kind === 'verify');
      assert.equal(verifies.length, 3, JSON.stringify(verifies));
      assert.match(verifies[0]!.message, /^verified: 1 table\(s\) match at source commit seq \d+$/);
      assert.match(verifies[2]!.message, /differences \(different: orders\)/);

      // A paused job behind its source cannot be compared: a 409 that says so, and nothing waits.
      await job.must('pause');
      await s.source(`INSERT INTO $db.orders VALUES (99, '2025-09-09', 'late', 9.00)`);
      const paused = await s.syncer.post<ApiAnswer>('verify', JSON.stringify({ name: job.name }));
      assert.equal(paused.status, 409, JSON.stringify(paused.body));
      assert.match(paused.body.error_msg!, /is paused at source commit seq \d+; the source is at \d+/);
      await job.must('resume');

      const unknownTable = await s.syncer.post<ApiAnswer>(
        'verify',
        JSON.stringify({ name: job.name, tables: ['nope'] }),
      );
      assert.equal(unknownTable.status, 404);
      assert.match(unknownTable.body.error_msg!, /does not follow table\(s\) nope \(it follows: orders\)/);
      const unknownJob = await s.syncer.post<ApiAnswer>('verify', JSON.stringify({ name: 'no_such_job' }));
      assert.equal(unknownJob.status, 404);
      const badTables = await s.syncer.post<ApiAnswer>(
        'verify',
        JSON.stringify({ name: job.name, tables: 't' }),
      );
      assert.equal(badTables.status, 400);
      assert.match(badTables.body.error_msg!, /tables must be a list of strings/);
    });
  });

  it('a database job compares only the tables it follows, while rows flow; a changed target table is named', async () => {
    await fx.run('verify_db', async (s) => {
      await s.source(
        ORDERS,
        PLAIN('plain'),
        PLAIN('skip_me'),
        `INSERT INTO $db.orders VALUES (1, '2024-03-01', 'a', 1.50), (3, '2025-05-01', NULL, 3.00)`,
        `INSERT INTO $db.plain VALUES (1, 'x'), (1, 'x'), (2, NULL)`,
        `INSERT INTO $db.skip_me VALUES (9, 'not copied')`,
      );
      const job = await s.createJob('', { excludeTables: ['skip_me'] });
      await job.table('orders').sameRows();
      await job.table('plain').sameRows();
      const writer = new Writer(
        await s.fixture.clusters.source.connect(),
        [
          { name: `${q(s.srcDb)}.orders`, row: (i) => `(${i}, '2025-02-0${1 + (i % 9)}', 'w', 1.00)` },
          { name: `${q(s.srcDb)}.plain`, row: (i) => `(${i}, 'w${i}')` },
          { name: `${q(s.srcDb)}.skip_me`, row: (i) => `(${i}, 'w')` },
        ],
        100,
      );
      try {
        assertMatched(await verify(s, job.name), ['orders', 'plain']);
        assertMatched(await verify(s, job.name, ['plain']), ['plain']);
        const excluded = await s.syncer.post<ApiAnswer>(
          'verify',
          JSON.stringify({ name: job.name, tables: ['skip_me'] }),
        );
        assert.equal(excluded.status, 404);
        assert.match(excluded.body.error_msg!, /does not follow table\(s\) skip_me/);

        // One more row on the target only: a duplicate of a row the table already has twice.
        await s.target(`INSERT INTO $db.plain VALUES (1, 'x')`);
        const different = await verify(s, job.name);
        assert.equal(different.matched, false);
        const byName = new Map(different.tables.map((t) => [t.table, t]));
        assert.equal(byName.get('orders')!.match, true);
        const plain = byName.get('plain')!;
        assert.equal(plain.match, false);
        assert.equal(plain.dest.rows, plain.src.rows + 1);
        assert.deepEqual(
          plain.partitions.map((p) => [p.partition, p.match]),
          [['plain', false]],
        );
      } finally {
        await writer.stop();
      }
    });
  });

  it('a table written without pause never settles: said so after the last round, not called a match', async () => {
    await fx.run('verify_busy', async (s) => {
      const parts = Array.from(
        { length: 30 },
        (_, i) => `PARTITION p${i} VALUES LESS THAN ("${(i + 1) * 100}")`,
      );
      await s.source(
        `CREATE TABLE $db.busy (k INT, v VARCHAR(16)) DUPLICATE KEY(k)
         PARTITION BY RANGE(k) (${parts.join(', ')}) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES (${TABLE_PROPS})`,
        `INSERT INTO $db.busy VALUES (1, 'seed')`,
      );
      const job = await s.createJob('busy');
      // Thirty partitions take thirty checksum queries on the source; an insert every 30 ms lands in
      // every such window, so no round sees the table hold still.
      const writer = new Writer(
        await s.fixture.clusters.source.connect(),
        [{ name: `${q(s.srcDb)}.busy`, row: (i) => `(${i % 3000}, 'w${i}')` }],
        30,
      );
      let busy: Verify;
      try {
        busy = await verify(s, job.name);
      } finally {
        await writer.stop();
      }
      assert.equal(busy.matched, false, JSON.stringify(busy));
      assert.equal(busy.unsettled, 1);
      assert.equal(busy.differences, 0, 'an unsettled table is not called different either');
      assert.equal(busy.attempts, 8);
      assert.equal(busy.tables[0]!.settled, false);
      const events = await s.syncer.call<ApiAnswer & { events: Array<{ kind: string; message: string }> }>(
        'job_events',
        { name: job.name },
      );
      assert.match(events.events.filter((e) => e.kind === 'verify').at(-1)!.message, /never settled: busy/);
      // Once the writes stop, the same table verifies as matching.
      await job.caughtUp();
      assertMatched(await verify(s, job.name), ['busy']);
    });
  });
});
