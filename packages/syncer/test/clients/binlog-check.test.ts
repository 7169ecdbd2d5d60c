import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BinlogFeatureDisabledError, ClusterSql } from '../../src/clients/index.js';
import { type Sandbox, type SandboxOptions, startSandbox } from './cluster-binary.js';

async function withCluster(options: SandboxOptions, body: (sql: ClusterSql, sb: Sandbox) => Promise<void>) {
  const sandbox = await startSandbox(options);
  const sql = new ClusterSql(sandbox.spec());
  try {
    await body(sql, sandbox);
  } finally {
    await sql.close();
    await sandbox.stop();
  }
}

describe('checkBinlogEnabled', () => {
  test('passes when the FE and every BE have the feature on', async () => {
    await withCluster({ backends: 2 }, async (sql) => {
      await sql.checkBinlogEnabled();
    });
  });

  test('names the FE when fe.conf has it off', async () => {
    await withCluster({ backends: 1, feConfig: { enable_feature_binlog: 'false' } }, async (sql, sb) => {
      const error = await sql.checkBinlogEnabled().then(
        () => assert.fail('expected the check to fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof BinlogFeatureDisabledError);
      assert.equal(error.side, 'fe');
      assert.equal(
        error.message,
        `Fe 127.0.0.1:${sb.queryPort} enable_feature_binlog=false, please set it true in fe.conf`,
      );
    });
  });

  test('lists every BE that has it off in be.conf', async () => {
    await withCluster({ backends: 2, beConfig: { enable_feature_binlog: 'false' } }, async (sql, sb) => {
      const error = await sql.checkBinlogEnabled().then(
        () => assert.fail('expected the check to fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof BinlogFeatureDisabledError);
      assert.equal(error.side, 'be');
      const nodes = sb.backends.map((b) => `127.0.0.1:${b.httpPort}`);
      assert.deepEqual(error.nodes, nodes);
      assert.equal(
        error.message,
        `Be: [${nodes.join(' ')}] enable_feature_binlog=false, please set it true in be.conf`,
      );
    });
  });
});
