// Pairing of source and target tablets for one load, including loads replayed after their partition was
// dropped on the source (a paused job's backlog).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TGetMetaTableMeta, UpsertTableRecord } from '@doris-ccr/protocol';
import { planIngest } from '../../src/jobs/replay/upsert-plan.js';

function partition(id: bigint, name: string, range: string, tabletBase: bigint, backend: bigint) {
  return {
    id,
    name,
    range,
    is_temp: false,
    indexes: [
      {
        id: 100n,
        name: 't',
        tablets: [0n, 1n].map((i) => ({
          id: tabletBase + i,
          replicas: [{ id: tabletBase + i + 50n, backend_id: backend, version: 3n }],
        })),
      },
    ],
  };
}

const record = (partitionIds: bigint[]): UpsertTableRecord => ({
  partitionRecords: partitionIds.map((partitionId) => ({
    partitionId,
    range: `range-${partitionId}`,
    version: 3n,
    isTempPartition: false,
    stid: -1n,
    raw: {},
  })),
  indexIds: [100n],
  raw: {},
});

describe('upsert ingest plan', () => {
  const source: TGetMetaTableMeta = {
    id: 1n,
    name: 't',
    partitions: [partition(10n, 'p1', 'range-10', 1000n, 7n)],
  };
  const target: TGetMetaTableMeta = {
    id: 2n,
    name: 't',
    partitions: [partition(20n, 'p1', 'range-10', 2000n, 8n), partition(21n, 'p2', 'range-11', 3000n, 8n)],
  };

  it('pairs tablets of the same bucket and reads from a source replica that has the version', () => {
    const tasks = planIngest(record([10n]), source, target, new Set());
    assert.deepEqual(
      tasks.map((t) => [t.sourceTabletId, t.targetTabletId, t.sourceBackendId, t.targetBackendId]),
      [
        [1000n, 2000n, 7n, 8n],
        [1001n, 2001n, 7n, 8n],
      ],
    );
  });

  it('skips the part of a load whose partition the source has dropped since', () => {
    // Partition 11 existed when the load ran (the target still has it) but is gone from the source now.
    const tasks = planIngest(record([11n, 10n]), source, target, new Set());
    assert.deepEqual(
      tasks.map((t) => t.targetPartitionId),
      [20n, 20n],
    );
    assert.deepEqual(planIngest(record([11n]), source, target, new Set()), []);
  });
});
