// Tablet pairing by bucket, and what a partial backup says it restored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TGetMetaTableMeta, UpsertTableRecord } from '@doris-ccr/protocol';
import { planIngest } from '../../src/jobs/replay/upsert-plan.js';
import { readSnapshotInfo } from '../../src/jobs/snapshot/snapshot-info.js';

const index = (id: bigint, name: string, tablets: Array<[bigint, bigint]>) => ({
  id,
  name,
  tablets: tablets.map(([tabletId, backendId]) => ({
    id: tabletId,
    replicas: [{ id: tabletId + 1000n, backend_id: backendId, version: 5n }],
  })),
});

describe('planIngest', () => {
  it('pairs tablets by bucket (getMeta order), not by ascending id', () => {
    // The target's restore allocated ids in the opposite bucket order; an id sort would cross them.
    const source: TGetMetaTableMeta = {
      id: 1n,
      name: 'orders',
      partitions: [
        {
          id: 10n,
          name: 'p0',
          range: 'r0',
          indexes: [
            index(11n, 'orders', [
              [100n, 7n],
              [101n, 7n],
              [102n, 7n],
            ]),
          ],
        },
      ],
    };
    const target: TGetMetaTableMeta = {
      id: 2n,
      name: 'orders_copy',
      partitions: [
        {
          id: 20n,
          name: 'p0',
          range: 'r0',
          indexes: [
            index(21n, 'orders_copy', [
              [902n, 8n],
              [901n, 8n],
              [900n, 8n],
            ]),
          ],
        },
      ],
    };
    const record = {
      partitionRecords: [
        { partitionId: 10n, range: 'r0', version: 5n, isTempPartition: false, stid: 0n, raw: {} },
      ],
      indexIds: [11n],
      raw: {},
    } satisfies UpsertTableRecord;
    const tasks = planIngest(record, source, target, new Set());
    assert.deepEqual(
      tasks.map((t) => [t.sourceTabletId, t.targetTabletId]),
      [
        [100n, 902n],
        [101n, 901n],
        [102n, 900n],
      ],
    );
  });
});

describe('readSnapshotInfo', () => {
  it('reads partition ids and versions of the followed table exactly, beyond 2^53', () => {
    const jobInfo = `{"name":"s","backup_objects":{"other":{"id":1,"partitions":{"p":{"id":5,"version":9}}},
      "orders":{"id":2,"partitions":{"p0":{"id":9007199254740993,"version":12},"p1":{"id":3,"version":4,"indexes":{}}}}}}`;
    assert.deepEqual(
      [...readSnapshotInfo(jobInfo, { name: 'orders', id: 2n }).partitionVersions],
      [
        ['9007199254740993', 12n],
        ['3', 4n],
      ],
    );
    assert.equal(readSnapshotInfo(jobInfo, { name: 'missing', id: 9n }).partitionVersions.size, 0);
  });
});
