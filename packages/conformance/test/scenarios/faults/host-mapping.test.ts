// update_host_mapping reaches a running job: the clusters' BEs become reachable only at a new address (a
// second proxy), the operator maps them there, and the job — without a restart — carries on through the
// new address between two transactions. The old address is black-holed afterwards, so rows can only
// arrive if the job really reconnected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FaultProxy } from '../../../src/fault-proxy.js';
import { CLUSTER_HOST, FaultFixture, FaultTable, linksOf } from '../../../src/faults/fault-fixture.js';

const NEW_HOST = '127.0.0.3';

describe('fault: host mapping changed under a running job', () => {
  let fx: FaultFixture;
  let second: FaultProxy | undefined;
  before(async () => {
    fx = await FaultFixture.start({ proxy: true });
  });
  after(async () => {
    await second?.close();
    await fx?.close();
  });

  it('the job follows the new mapping between two transactions, without a full sync', async (ctx) => {
    const t = new FaultTable(fx, 'remap');
    await t.create();
    const writer = t.write(25, 100);
    while (writer.written < 30) await new Promise((r) => setTimeout(r, 50));
    second = await FaultProxy.start(
      [...linksOf('source', fx.source), ...linksOf('target', fx.target)],
      NEW_HOST,
    );
    const answer = await fx.syncer.call<{ success: boolean; error_msg?: string }>('update_host_mapping', {
      name: t.job,
      src_host_mapping: { [CLUSTER_HOST]: NEW_HOST },
      dest_host_mapping: { [CLUSTER_HOST]: NEW_HOST },
    });
    assert.ok(answer.success, answer.error_msg);
    // The BEs are no longer reachable at the old address. (The spec's FE address itself is not part of
    // the mapping, so the FE links of the first proxy stay up.)
    fx.proxy!.setFault({ kind: 'blackhole' }, / BE /);
    fx.proxy!.cut(/ BE /);
    await writer.done;
    try {
      const rows = await t.sameRows(60_000);
      assert.ok(rows.length >= 110, `${rows.length} rows`);
      await t.caughtUp(30_000);
      assert.equal(await t.fullSyncs(), 1);
      const viaNew = second.select(/target BE .* thrift/).reduce((n, l) => n + l.stats.bytes, 0);
      assert.ok(viaNew > 0, 'ingest calls went to the new address');
      const record = await fx.syncer.call<{ success: boolean; job_detail?: string }>('job_detail', {
        name: t.job,
      });
      assert.match(JSON.stringify(record), /127\.0\.0\.3/);
      ctx.diagnostic(`${rows.length} rows exact; ${viaNew} bytes of ingest calls through the new address`);
    } catch (error) {
      (error as Error).message += `\n--- syncer log ---\n${t.log()}`;
      throw error;
    }
  });
});
