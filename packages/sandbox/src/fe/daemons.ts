// The FE's periodic work: aborting transactions past their timeout, and binlog GC — which also tells BEs
// to drop the binlog rowsets of the versions that left the streams (download then answers 404).
import { type BinlogRecord, parseBinlogPayload } from '@doris-ccr/protocol';
import { startAlterJobRunner } from './alter/job-runner.js';
import { startDynamicPartitionScheduler } from './dynamic-partition/dynamic-partition-scheduler.js';
import type { Frontend } from './frontend.js';
import { startRecycleBinDaemon } from './recycle/recycle-daemon.js';
import { startTabletScheduler } from './system/tablet-scheduler.js';

export interface Daemons {
  /** Runs one binlog GC pass now (tests and the admin API use it instead of waiting for the timer). */
  gcBinlogNow(): number;
  stop(): void;
}

export function runBinlogGc(fe: Frontend): number {
  return fe.commit(() => {
    const removed = fe.binlog.gc(fe.clock.now());
    for (const entry of removed) {
      let record: BinlogRecord;
      try {
        record = parseBinlogPayload(entry.type, entry.data, entry.commitSeq);
      } catch {
        continue;
      }
      if (record.kind !== 'upsert') continue;
      for (const [tableId, tableRecord] of record.tableRecords) {
        const found = fe.catalog.table(tableId);
        if (found?.table.kind !== 'OLAP') continue;
        for (const pr of tableRecord.partitionRecords) {
          const partition =
            found.table.partitions.get(pr.partitionId) ?? found.table.tempPartitions.get(pr.partitionId);
          if (!partition) continue;
          for (const index of partition.indexes.values()) {
            for (const tablet of index.tablets) {
              for (const replica of tablet.replicas)
                fe.backends.get(replica.backendId)?.gcBinlog(tablet.id, pr.version);
            }
          }
        }
      }
    }
    return removed.length;
  });
}

export function startDaemons(fe: Frontend, log: (line: string) => void): Daemons {
  const txnTimer = setInterval(() => {
    for (const txn of fe.txns.expired()) {
      try {
        fe.publisher.abort(txn, 'timeout by txn manager');
      } catch (error) {
        log(`abort of expired txn ${txn.id} failed: ${(error as Error).message}`);
      }
    }
  }, 1_000);
  const gcEvery = Math.max(1, fe.config.int('binlog_gc_interval_second')) * 1000;
  const gcTimer = setInterval(() => {
    try {
      runBinlogGc(fe);
    } catch (error) {
      log(`binlog gc failed: ${(error as Error).message}`);
    }
  }, gcEvery);
  txnTimer.unref();
  gcTimer.unref();
  // Alter jobs resume after a restart; dynamic partitions and the recycle bin run on their own timers.
  const alterJobs = startAlterJobRunner(fe, log);
  const dynamicPartitions = startDynamicPartitionScheduler(fe, log);
  const recycleBin = startRecycleBinDaemon(fe, log);
  const tabletScheduler = startTabletScheduler(fe, log);
  return {
    gcBinlogNow: () => runBinlogGc(fe),
    stop: () => {
      clearInterval(txnTimer);
      clearInterval(gcTimer);
      alterJobs.stop();
      dynamicPartitions.stop();
      recycleBin.stop();
      tabletScheduler.stop();
    },
  };
}
