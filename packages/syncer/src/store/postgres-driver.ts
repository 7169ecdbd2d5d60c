// The PostgreSQL driver of the server metadata store, over a `pg` pool. The store writes `?` placeholders;
// they are numbered here ($1, $2, …). Names compare byte by byte (COLLATE "C"), as they do in SQLite.
import pg from 'pg';
import { MetaStoreOpenError } from './errors.js';
import type { ServerConnection } from './mysql-driver.js';
import type { ServerDriver, SqlExec, SqlRow } from './server-driver.js';

/** `?` → `$n`, outside string literals (the store's statements carry no `?` in literals or names). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function exec(client: pg.Pool | pg.PoolClient): SqlExec {
  return {
    async query(sql, params = []) {
      return (await client.query(numbered(sql), params as unknown[])).rows as SqlRow[];
    },
    async execute(sql, params = []) {
      return (await client.query(numbered(sql), params as unknown[])).rowCount ?? 0;
    },
  };
}

/** A stable 64-bit key for pg_advisory_lock from a lock name. */
function lockKey(name: string): string {
  let h = 1469598103934665603n;
  for (const ch of Buffer.from(name, 'utf8')) h = BigInt.asIntN(64, (h ^ BigInt(ch)) * 1099511628211n);
  return h.toString();
}

export function postgresDriver(c: ServerConnection): ServerDriver {
  const base = { host: c.host, port: c.port, user: c.user, password: c.password };
  const pool = new pg.Pool({ ...base, database: c.database, max: c.maxOpenConns ?? 8 });
  // An idle client that loses its server (a restart) is dropped by the pool; nothing to crash for.
  pool.on('error', () => undefined);
  const main = exec(pool);
  const once = async <T>(work: (tx: SqlExec) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(exec(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    engine: 'postgresql',
    where: `${c.host}:${c.port}/${c.database}`,
    types: { name: 'TEXT COLLATE "C"', text: 'TEXT', int64: 'BIGINT' },
    query: main.query,
    execute: main.execute,
    async ensureDatabase() {
      const admin = new pg.Client({ ...base, database: 'postgres' });
      await admin.connect().catch((error: unknown) => {
        throw new MetaStoreOpenError(
          `cannot connect to the PostgreSQL metadata server ${c.host}:${c.port} as ${c.user}: ${(error as Error).message}`,
          { cause: error },
        );
      });
      try {
        // Several syncers starting together: CREATE DATABASE copies template0 and fails while another
        // copy of it runs (55006), or loses the race to the same name (42P04, 23505) — look again.
        for (let attempt = 1; ; attempt++) {
          const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [c.database]);
          if ((found.rowCount ?? 0) > 0) break;
          const quoted = `"${c.database.replaceAll('"', '""')}"`;
          const failed = await admin
            .query(`CREATE DATABASE ${quoted} ENCODING 'UTF8' TEMPLATE template0`)
            .then(() => undefined)
            .catch((error: unknown) => error as { code?: string });
          if (!failed) break;
          if (!['42P04', '23505', '55006'].includes(failed.code ?? '') || attempt >= 50) throw failed;
          await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
        }
      } finally {
        await admin.end();
      }
    },
    async transaction(work) {
      // A deadlock victim is rolled back whole by the server: running it again is always safe.
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(work);
        } catch (error) {
          if (attempt >= 3 || !((error as { code?: string }).code === '40P01')) throw error;
        }
      }
    },
    async withLock(name, work) {
      const client = await pool.connect();
      const key = lockKey(`${c.database}.${name}`);
      try {
        await client.query('SELECT pg_advisory_lock($1::bigint)', [key]);
        try {
          return await work(exec(client));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
        }
      } finally {
        client.release();
      }
    },
    isDuplicateKey: (error) => (error as { code?: string }).code === '23505',
    close: () => pool.end(),
  };
}
