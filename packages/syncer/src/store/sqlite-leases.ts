// Syncer heartbeats and job leases in the SQLite file (the same contract as the server store's): several
// syncers sharing one file, or one syncer restarted on it, agree on who runs each job, and a syncer that
// lost a job can write nothing for it (every fenced write checks the owner and epoch in its transaction).
import type Database from 'better-sqlite3';
import type { Fence, Lease, SyncerInfo } from '../model/meta-store.js';

type Db = Database.Database;

function leaseOf(r: { job_name: string; syncer_id: string; epoch: number; expires_at: number }): Lease {
  return { job: r.job_name, syncerId: r.syncer_id, epoch: Number(r.epoch), expiresAt: Number(r.expires_at) };
}

export function holdsLease(db: Db, job: string, fence: Fence): boolean {
  return (
    db
      .prepare('SELECT 1 FROM job_owners WHERE job_name = ? AND syncer_id = ? AND epoch = ?')
      .get(job, fence.syncerId, fence.epoch) !== undefined
  );
}

export function heartbeat(db: Db, s: Omit<SyncerInfo, 'heartbeatAt'>, now: number): void {
  db.prepare(
    `INSERT INTO syncers (id, heartbeat_at, hostname, pid) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, hostname = excluded.hostname, pid = excluded.pid`,
  ).run(s.id, now, s.hostname, s.pid);
}

export function removeSyncer(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare(`UPDATE job_owners SET syncer_id = '', expires_at = 0 WHERE syncer_id = ?`).run(id);
    db.prepare('DELETE FROM syncers WHERE id = ?').run(id);
  }).immediate();
}

export function listSyncers(db: Db): SyncerInfo[] {
  const rows = db.prepare('SELECT id, hostname, pid, heartbeat_at FROM syncers ORDER BY id').all() as Array<{
    id: string;
    hostname: string;
    pid: number;
    heartbeat_at: number;
  }>;
  return rows.map((r) => ({ id: r.id, hostname: r.hostname, pid: r.pid, heartbeatAt: r.heartbeat_at }));
}

export function listLeases(db: Db): Lease[] {
  return (
    db
      .prepare('SELECT job_name, syncer_id, epoch, expires_at FROM job_owners ORDER BY job_name')
      .all() as never[]
  ).map(leaseOf);
}

export function acquireLease(
  db: Db,
  job: string,
  syncerId: string,
  now: number,
  leaseMs: number,
  stealFrom?: string,
): Lease | undefined {
  return db
    .transaction((): Lease | undefined => {
      if (db.prepare('SELECT 1 FROM jobs WHERE name = ?').get(job) === undefined) return undefined;
      const row = db
        .prepare('SELECT job_name, syncer_id, epoch, expires_at FROM job_owners WHERE job_name = ?')
        .get(job) as Parameters<typeof leaseOf>[0] | undefined;
      const held = row ? leaseOf(row) : undefined;
      const expiresAt = now + leaseMs;
      if (held && held.syncerId === syncerId) {
        db.prepare('UPDATE job_owners SET expires_at = ? WHERE job_name = ?').run(expiresAt, job);
        return { ...held, expiresAt };
      }
      if (held && held.syncerId !== '' && held.expiresAt > now && held.syncerId !== stealFrom)
        return undefined;
      const epoch = (held?.epoch ?? 0) + 1;
      db.prepare(
        `INSERT INTO job_owners (job_name, syncer_id, epoch, assigned_at, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (job_name) DO UPDATE SET syncer_id = excluded.syncer_id, epoch = excluded.epoch,
           assigned_at = excluded.assigned_at, expires_at = excluded.expires_at`,
      ).run(job, syncerId, epoch, now, expiresAt);
      return { job, syncerId, epoch, expiresAt };
    })
    .immediate();
}

export function renewLeases(db: Db, syncerId: string, now: number, leaseMs: number): Lease[] {
  return db
    .transaction(() => {
      db.prepare('UPDATE job_owners SET expires_at = ? WHERE syncer_id = ?').run(now + leaseMs, syncerId);
      return (
        db
          .prepare(
            'SELECT job_name, syncer_id, epoch, expires_at FROM job_owners WHERE syncer_id = ? ORDER BY job_name',
          )
          .all(syncerId) as never[]
      ).map(leaseOf);
    })
    .immediate();
}

export function releaseLease(db: Db, job: string, fence: Fence): void {
  db.prepare(
    `UPDATE job_owners SET syncer_id = '', expires_at = 0 WHERE job_name = ? AND syncer_id = ? AND epoch = ?`,
  ).run(job, fence.syncerId, fence.epoch);
}
