// Which clusters the scenarios run against: sandboxes unless both real clusters are named by the
// environment, with the stock Doris ports as defaults and a clear refusal of half a configuration.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterConfigError, realClustersFromEnv, startClusters } from '../src/clusters.js';

describe('cluster selection', () => {
  it('uses sandboxes when no real cluster is named', () => {
    assert.equal(realClustersFromEnv({}), undefined);
  });

  it('reads both real clusters with Doris defaults for what is not given', () => {
    const pair = realClustersFromEnv({
      CCR_SRC_HOST: 'fe-a',
      CCR_SRC_QUERY_PORT: '19030',
      CCR_SRC_PASSWORD: 'secret',
      CCR_DEST_HOST: 'fe-b',
      CCR_DEST_THRIFT_PORT: '19020',
      CCR_DEST_USER: 'ccr',
    });
    assert.deepEqual(pair, {
      source: { host: 'fe-a', queryPort: 19030, thriftPort: 9020, user: 'root', password: 'secret' },
      target: { host: 'fe-b', queryPort: 9030, thriftPort: 19020, user: 'ccr', password: '' },
    });
  });

  it('refuses half a configuration and bad ports', () => {
    assert.throws(() => realClustersFromEnv({ CCR_SRC_HOST: 'fe-a' }), ClusterConfigError);
    assert.throws(() => realClustersFromEnv({ CCR_DEST_HOST: 'fe-b' }), /CCR_SRC_HOST/);
    assert.throws(
      () => realClustersFromEnv({ CCR_SRC_HOST: 'a', CCR_DEST_HOST: 'b', CCR_DEST_QUERY_PORT: '90300' }),
      /CCR_DEST_QUERY_PORT/,
    );
  });

  it('never starts or stops real clusters', async () => {
    const pair = await startClusters({ env: { CCR_SRC_HOST: 'fe-a', CCR_DEST_HOST: 'fe-b' } });
    assert.equal(pair.sandbox, false);
    assert.equal(pair.source.host, 'fe-a');
    await pair.close();
  });
});
