// What the topology tests read through the sandbox's real ports: SHOW BACKENDS, tablet placement from
// getMeta, closed ports, and polling until the tablet scheduler has done its work.
import net from 'node:net';
import type { FrontendClient } from '@doris-ccr/protocol';
import type mysql from 'mysql2/promise';
import { query } from './sandbox-process.js';

export interface BackendRow {
  readonly id: string;
  readonly heartbeatPort: number;
  readonly alive: string;
  readonly decommissioned: string;
  readonly tabletNum: number;
}

export async function backends(conn: mysql.Connection): Promise<BackendRow[]> {
  const rows = await query<Record<string, string>>(conn, 'SHOW BACKENDS');
  return rows.map((r) => ({
    id: r.BackendId!,
    heartbeatPort: Number(r.HeartbeatPort),
    alive: r.Alive!,
    decommissioned: r.SystemDecommissioned!,
    tabletNum: Number(r.TabletNum),
  }));
}

/** tablet id → backend ids of its replicas, for `table` or every table of `db`, as getMeta answers. */
export async function placement(
  fe: FrontendClient,
  db: string,
  table?: string,
): Promise<Map<string, string[]>> {
  const meta = await fe.getMeta({
    user: 'root',
    passwd: '',
    db: { name: db, ...(table ? { tables: [{ name: table }] } : {}) },
  });
  const out = new Map<string, string[]>();
  for (const table of meta.db_meta?.tables ?? []) {
    for (const p of table.partitions ?? []) {
      for (const index of p.indexes ?? []) {
        for (const tablet of index.tablets ?? []) {
          out.set(tablet.id!.toString(), (tablet.replicas ?? []).map((r) => r.backend_id!.toString()).sort());
        }
      }
    }
  }
  return out;
}

export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Inserts single rows k = from, from+1, … until stopped; returns the keys whose INSERT succeeded. */
export function insertLoop(conn: mysql.Connection, table: string, from: number) {
  let stopped = false;
  const inserted: number[] = [];
  const done = (async () => {
    for (let k = from; !stopped; k++) {
      await conn.query(`INSERT INTO ${table} VALUES (${k}, ${k * 10})`);
      inserted.push(k);
    }
  })();
  return {
    inserted,
    async stop(): Promise<number[]> {
      stopped = true;
      await done;
      return inserted;
    },
  };
}

/** Whether nothing listens on 127.0.0.1:port any more (a connection attempt is refused). */
export function portRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}
