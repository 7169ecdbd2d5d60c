// The MySQL/MariaDB driver of the server metadata store, over a mysql2 pool. Names compare byte by byte
// (utf8mb4_bin), as they do in SQLite, so job names differing only in case stay two jobs.
import mysql from 'mysql2/promise';
import { MetaStoreOpenError } from './errors.js';
import type { ServerDriver, SqlExec, SqlRow } from './server-driver.js';

export interface ServerConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly maxOpenConns?: number;
}

function quoteName(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

function exec(conn: mysql.Pool | mysql.PoolConnection): SqlExec {
  return {
    async query(sql, params = []) {
      const [rows] = await conn.query(sql, params as unknown[]);
      return Array.isArray(rows) ? (rows as SqlRow[]) : [];
    },
    async execute(sql, params = []) {
      const [result] = await conn.query(sql, params as unknown[]);
      return (result as mysql.ResultSetHeader).affectedRows ?? 0;
    },
  };
}

export function mysqlDriver(c: ServerConnection): ServerDriver {
  const base = {
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password,
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4',
    // No prepared statements: the text protocol, without the per-connection statement cache.
    maxPreparedStatements: 1,
  };
  const pool = mysql.createPool({ ...base, database: c.database, connectionLimit: c.maxOpenConns ?? 8 });
  const main = exec(pool);
  const once = async <T>(work: (tx: SqlExec) => Promise<T>): Promise<T> => {
    const conn = await pool.getConnection();
    try {
      await conn.query('START TRANSACTION');
      const result = await work(exec(conn));
      await conn.query('COMMIT');
      return result;
    } catch (error) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      conn.release();
    }
  };
  return {
    engine: 'mysql',
    where: `${c.host}:${c.port}/${c.database}`,
    types: {
      name: 'VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin',
      text: 'LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin',
      int64: 'BIGINT',
    },
    query: main.query,
    execute: main.execute,
    async ensureDatabase() {
      const conn = await mysql.createConnection(base).catch((error: unknown) => {
        throw new MetaStoreOpenError(
          `cannot connect to the MySQL metadata server ${c.host}:${c.port} as ${c.user}: ${(error as Error).message}`,
          { cause: error },
        );
      });
      try {
        await conn.query(
          `CREATE DATABASE IF NOT EXISTS ${quoteName(c.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
        );
      } finally {
        await conn.end();
      }
    },
    async transaction(work) {
      // A deadlock victim is rolled back whole by the server: running it again is always safe.
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(work);
        } catch (error) {
          if (attempt >= 3 || !((error as { errno?: number }).errno === 1213)) throw error;
        }
      }
    },
    async withLock(name, work) {
      const conn = await pool.getConnection();
      try {
        const [rows] = await conn.query('SELECT GET_LOCK(?, 60) AS got', [`${c.database}.${name}`]);
        if (Number((rows as SqlRow[])[0]?.got) !== 1)
          throw new MetaStoreOpenError(
            `timed out waiting for lock ${name} on ${c.host}:${c.port}/${c.database}`,
          );
        try {
          return await work(exec(conn));
        } finally {
          await conn.query('SELECT RELEASE_LOCK(?)', [`${c.database}.${name}`]);
        }
      } finally {
        conn.release();
      }
    },
    isDuplicateKey: (error) => (error as { errno?: number }).errno === 1062,
    close: () => pool.end(),
  };
}
