// The schema of the server metadata stores (MySQL/MariaDB, PostgreSQL) and its migrations. A one-row
// table records how many migrations the database has had, so a newer syncer upgrades it in place and an
// older syncer refuses a newer one instead of misreading it. Migrations run under a named lock, so several
// syncers starting at once against a new database create the tables exactly once.
import { MetaStoreSchemaError } from './errors.js';
import type { ServerDriver, SqlExec } from './server-driver.js';

/** Migration i takes a database from version i to i + 1. Append only: released migrations never change. */
function migrations(d: ServerDriver): ReadonlyArray<readonly string[]> {
  const { name, text, int64 } = d.types;
  const engine = d.engine === 'mysql' ? ' ENGINE=InnoDB' : '';
  return [
    [
      `CREATE TABLE ccr_jobs (
        name ${name} NOT NULL PRIMARY KEY,
        record ${text} NOT NULL,
        created_at ${int64} NOT NULL,
        updated_at ${int64} NOT NULL
      )${engine}`,
      `CREATE TABLE ccr_progresses (
        job_name ${name} NOT NULL PRIMARY KEY,
        progress ${text} NOT NULL,
        updated_at ${int64} NOT NULL,
        FOREIGN KEY (job_name) REFERENCES ccr_jobs (name) ON DELETE CASCADE
      )${engine}`,
      `CREATE TABLE ccr_syncers (
        id ${name} NOT NULL PRIMARY KEY,
        hostname ${name} NOT NULL,
        pid ${int64} NOT NULL,
        heartbeat_at ${int64} NOT NULL
      )${engine}`,
      `CREATE TABLE ccr_job_owners (
        job_name ${name} NOT NULL PRIMARY KEY,
        syncer_id ${name} NOT NULL,
        epoch ${int64} NOT NULL,
        expires_at ${int64} NOT NULL,
        FOREIGN KEY (job_name) REFERENCES ccr_jobs (name) ON DELETE CASCADE
      )${engine}`,
    ],
    // 2: each job's event log (bounded by the store's writer), gone with its job. MySQL declares the
    // index inline; PostgreSQL's separate CREATE INDEX may run again after a crash mid-migration.
    [
      `CREATE TABLE ccr_job_events (
        id ${d.engine === 'mysql' ? 'BIGINT NOT NULL AUTO_INCREMENT' : 'BIGSERIAL'} PRIMARY KEY,
        job_name ${name} NOT NULL,
        at ${int64} NOT NULL,
        kind ${name} NOT NULL,
        body ${text} NOT NULL,
        ${d.engine === 'mysql' ? 'KEY ccr_job_events_job (job_name, id),' : ''}
        FOREIGN KEY (job_name) REFERENCES ccr_jobs (name) ON DELETE CASCADE
      )${engine}`,
      ...(d.engine === 'mysql'
        ? []
        : ['CREATE INDEX IF NOT EXISTS ccr_job_events_job ON ccr_job_events (job_name, id)']),
    ],
  ];
}

const VERSION_TABLE = 'ccr_schema_version';

async function tables(d: ServerDriver, conn: SqlExec): Promise<string[]> {
  const rows =
    d.engine === 'mysql'
      ? await conn.query(
          'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()',
        )
      : await conn.query(
          'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema()',
        );
  return rows.map((r) => String(r.t ?? r.T ?? r.TABLE_NAME)).sort();
}

/** Brings the database to the current schema version, or explains why it cannot. */
export async function migrateServerSchema(d: ServerDriver): Promise<number> {
  const all = migrations(d);
  return d.withLock('schema', async (conn) => {
    const present = await tables(d, conn);
    let version = 0;
    if (present.includes(VERSION_TABLE)) {
      const [row] = await conn.query(`SELECT version FROM ${VERSION_TABLE} WHERE id = 1`);
      version = Number(row?.version ?? 0);
    } else if (present.includes('jobs') && present.includes('progresses')) {
      throw new MetaStoreSchemaError(
        `${d.where} holds the Go ccr-syncer's metadata (tables jobs, progresses); point --db_name at ` +
          'another database (ccr-syncer import-go-meta is the way to take its jobs over)',
      );
    }
    if (version > all.length)
      throw new MetaStoreSchemaError(
        `${d.where} has metadata schema version ${version}, newer than this syncer supports (${all.length}); run a newer ccr-syncer`,
      );
    if (!present.includes(VERSION_TABLE)) {
      await conn.execute(`CREATE TABLE ${VERSION_TABLE} (id INT NOT NULL PRIMARY KEY, version INT NOT NULL)`);
      await conn.execute(`INSERT INTO ${VERSION_TABLE} (id, version) VALUES (1, 0)`);
    }
    for (let v = version; v < all.length; v++) {
      // MySQL commits each DDL statement by itself, so a crash mid-migration can leave some of its
      // tables: they are skipped when the migration runs again (the version is written only at the end).
      const now = await tables(d, conn);
      for (const statement of all[v]!) {
        const table = /CREATE TABLE (\w+)/.exec(statement)?.[1];
        if (table && now.includes(table)) continue;
        await conn.execute(statement);
      }
      await conn.execute(`UPDATE ${VERSION_TABLE} SET version = ? WHERE id = 1`, [v + 1]);
    }
    return all.length;
  });
}
