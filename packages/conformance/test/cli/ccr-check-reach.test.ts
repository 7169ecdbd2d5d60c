// `ccr check` when the syncer cannot reach every node: the clusters are reached through a fault proxy
// (their own address mapped to the proxy's by host_mapping, as across a NAT), one source BE's be_port is
// closed, and a second spec's host_mapping lacks the clusters' address altogether. The check names the
// node, the mapped address and the port; every other node still passes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ccr } from '../../src/ccr-cli.js';
import { FaultFixture, PROXY_HOST } from '../../src/faults/fault-fixture.js';

interface CheckAnswer {
  ok: boolean;
  checks: { check: string; ok: boolean; side: string; detail: string }[];
}

describe('ccr check: every FE and BE reachable from the syncer', () => {
  let fx: FaultFixture;
  let dir: string;

  before(async () => {
    fx = await FaultFixture.start({ proxy: true });
    dir = mkdtempSync(join(tmpdir(), 'ccr-reach-'));
    const src = await fx.connect('source');
    try {
      await src.query('CREATE DATABASE reach_db PROPERTIES ("binlog.enable" = "true")');
      await src.query(
        `CREATE TABLE reach_db.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
         PROPERTIES ("replication_num" = "1", "binlog.enable" = "true", "light_schema_change" = "true")`,
      );
    } finally {
      await src.end();
    }
  });
  after(async () => {
    await fx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const jobFile = (mapping: Record<string, string>) => {
    const file = join(dir, `job-${Object.keys(mapping).join('_')}.yaml`);
    const job = {
      name: 'reach',
      src: { ...fx.spec('source', 'reach_db', 't'), host_mapping: mapping },
      dest: { ...fx.spec('target', 'reach_db_t', 't'), host_mapping: mapping },
    };
    // JSON is YAML: the file the operator would write, without a YAML writer.
    writeFileSync(file, JSON.stringify(job));
    return file;
  };

  it('names the BE port the syncer cannot connect to, through the host mapping', async () => {
    const file = jobFile({ '127.0.0.1': PROXY_HOST });
    const before = await ccr(['--port', String(fx.syncer.port), '--json', 'check', '-f', file]);
    assert.equal(before.code, 0, before.stdout + before.stderr);

    const be = fx.source.ready.backends[0]!;
    const [link] = fx.proxy!.select((l) => l.spec.name === `source BE ${be.id} thrift`);
    await link!.close();
    const human = await ccr(['--port', String(fx.syncer.port), 'check', '-f', file]);
    assert.equal(human.code, 1, human.stdout);
    assert.match(human.stdout, /✗ reach: 1 of \d+ checks failed/);
    const json = await ccr(['--port', String(fx.syncer.port), '--json', 'check', '-f', file]);
    const report = JSON.parse(json.stdout) as CheckAnswer;
    const failed = report.checks.filter((c) => !c.ok);
    assert.deepEqual(
      failed.map((c) => [c.side, c.check]),
      [['src', 'be_reachable']],
    );
    assert.match(
      failed[0]!.detail,
      new RegExp(
        `^BE ${be.id} 127\\.0\\.0\\.1 → ${PROXY_HOST.replaceAll('.', '\\.')}: be_port ${be.bePort} unreachable: ECONNREFUSED, http ${be.httpPort} open`,
      ),
    );
  });

  it('says when the host mapping has no entry for the address a cluster lists its nodes under', async () => {
    const file = jobFile({ '10.9.9.9': PROXY_HOST });
    const json = await ccr(['--port', String(fx.syncer.port), '--json', 'check', '-f', file]);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as CheckAnswer;
    const unmapped = report.checks.filter((c) => /reachable/.test(c.check));
    assert.ok(unmapped.length >= 2 * 3, JSON.stringify(unmapped));
    for (const c of unmapped) assert.match(c.detail, /host_mapping has no entry for 127\.0\.0\.1/);
    assert.ok(unmapped.every((c) => !c.ok));
  });
});
