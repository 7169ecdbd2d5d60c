// Rows per second restored by restoreSnapshot: a table backed up on one sandbox and restored on another,
// timed from the restoreSnapshot call to SHOW RESTORE FINISHED.

import { query, type SandboxProcess } from '../src/process/sandbox-process.js';
import { backup, getSnapshot, restore } from '../test/e2e/backup-restore-helpers.js';

export async function measureRestore(source: SandboxProcess, target: SandboxProcess, rows: number) {
  const src = await source.connect();
  const dst = await target.connect();
  try {
    await src.query(`CREATE DATABASE big; CREATE TABLE big.events (id BIGINT, ts DATETIME, user VARCHAR(32),
      amount DECIMAL(12,2)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 8 PROPERTIES ("replication_num" = "1")`);
    for (let start = 0; start < rows; start += 100_000) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(rows, start + 100_000); i++) {
        lines.push(`${i},2024-05-01 10:${String(i % 60).padStart(2, '0')}:00,user_${i % 997},${i % 1000}.25`);
      }
      const response = await fetch(`http://127.0.0.1:${source.ready.httpPort}/api/big/events/_stream_load`, {
        method: 'PUT',
        headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}`, column_separator: ',' },
        body: lines.join('\n'),
      });
      const result = (await response.json()) as { Status: string; Message: string };
      if (result.Status !== 'Success') throw new Error(result.Message);
    }
    await dst.query('CREATE DATABASE big');
    let t = performance.now();
    await backup(src, 'big', 'snap_big');
    const backupMs = performance.now() - t;
    const snapshot = await getSnapshot(source, 'big', 'snap_big', true);
    t = performance.now();
    const row = await restore(source, target, dst, snapshot, {
      db: 'big',
      label_name: 'r_big',
      atomic_restore: true,
    });
    const restoreMs = performance.now() - t;
    if (row.State !== 'FINISHED') throw new Error(`restore ended ${JSON.stringify(row)}`);
    const [n] = await query<{ n: string }>(dst, 'SELECT COUNT(*) AS n FROM big.events');
    if (Number(n!.n) !== rows) throw new Error(`restored ${n!.n} rows, expected ${rows}`);
    return { backupMs, restoreMs, restoreRowsPerSec: rows / (restoreMs / 1000) };
  } finally {
    await src.end();
    await dst.end();
  }
}
