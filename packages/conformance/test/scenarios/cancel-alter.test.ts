// Cancelled alter jobs (table_sync test_ts_alter_cancel and the rollup variant): a schema change or rollup
// started on the source and cancelled there while it waits for an older load leaves the target's table as
// it was — the job's shadow indexes, announced by the PENDING record, are forgotten on CANCELLED — and rows
// keep replicating without a full sync.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFrontendClient, StatusCode } from '@doris-ccr/protocol';
import {
  columns,
  rollupNames,
  rows,
  type Scenario,
  ScenarioFixture,
  TABLE_PROPS,
  type TableJob,
} from '../../src/index.js';

/** Begins a load transaction on the source table and leaves it open; returns the release. */
async function holdSourceTable(s: Scenario, job: TableJob): Promise<() => Promise<void>> {
  const cluster = s.fixture.clusters.source;
  const fe = createFrontendClient({ host: cluster.host, port: cluster.thriftPort });
  const auth = { user: cluster.user, passwd: cluster.password };
  const meta = await fe.getMeta({ ...auth, db: { name: s.srcDb } });
  const tableId = meta.db_meta?.tables?.find((t) => t.name === job.srcTable)?.id;
  assert.ok(tableId !== undefined, 'source table id');
  const begin = await fe.beginTxn({
    ...auth,
    db: s.srcDb,
    table_ids: [tableId],
    label: `hold_${Date.now()}`,
  });
  assert.equal(begin.status?.status_code, StatusCode.OK, JSON.stringify(begin.status));
  return async () => {
    await fe.rollbackTxn({ ...auth, db: s.srcDb, txn_id: begin.txn_id!, reason: 'scenario done' });
    fe.close();
  };
}

describe('table sync: cancelled alter jobs', { concurrency: true }, () => {
  let fx: ScenarioFixture;
  before(async () => {
    fx = await ScenarioFixture.start();
  });
  after(async () => {
    await fx?.close();
  });

  for (const alter of [
    { what: 'schema change', kind: 'COLUMN', sql: 'MODIFY COLUMN v BIGINT SUM' },
    { what: 'rollup', kind: 'ROLLUP', sql: 'ADD ROLLUP r_v (k, v)' },
  ] as const) {
    it(`a cancelled ${alter.what} leaves the target unchanged and rows keep coming`, async () => {
      await fx.run(`cancel_${alter.kind.toLowerCase()}`, async (s) => {
        await s.source(
          `CREATE TABLE $db.t (k INT, v INT SUM) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
           PROPERTIES (${TABLE_PROPS})`,
          `INSERT INTO $db.t VALUES (1, 10), (2, 20)`,
        );
        const job = await s.createJob('t');
        const fulls = await job.fullSyncs();
        const release = await holdSourceTable(s, job);
        try {
          await s.src.query(`ALTER TABLE ${job.srcName} ${alter.sql}`);
          await s.src.query(`CANCEL ALTER TABLE ${alter.kind} FROM ${job.srcName}`);
        } finally {
          await release();
        }
        const [state] = await rows<{ State: string }>(
          s.src,
          `SHOW ALTER TABLE ${alter.kind} FROM \`${s.srcDb}\``,
        );
        assert.equal(state?.State, 'CANCELLED');
        await s.source(`INSERT INTO $db.t VALUES (1, 1), (3, 30)`);
        await job.sameRows();
        assert.deepEqual(await job.target(columns), await job.source(columns), 'schema unchanged');
        assert.deepEqual(await job.target(rollupNames), await job.source(rollupNames), 'no rollup');
        assert.equal(await job.fullSyncs(), fulls, 'no full sync was needed');
      });
    });
  }
});
