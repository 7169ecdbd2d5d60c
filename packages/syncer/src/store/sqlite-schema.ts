// The SQLite metadata schema and its migrations. PRAGMA user_version records how many migrations a file
// has had, so a newer syncer upgrades an older file in place and an older syncer refuses a newer file
// instead of misreading it.
import type Database from 'better-sqlite3';
import { MetaStoreCorruptError, MetaStoreSchemaError } from './errors.js';

/**
 * Migration i takes a file from version i to i + 1. Append only: a released migration never changes,
 * because files in the field have already run it.
 */
const MIGRATIONS: readonly string[] = [
  // 1: jobs and their progress, plus the HA tables (empty until HA lands, but present so adding HA does
  // not need a migration that every single-node file must run). STRICT makes SQLite reject a value of the
  // wrong type instead of storing it; the foreign keys make an orphan progress or owner row impossible,
  // so a job recreated under the same name can never pick up the progress of its predecessor.
  `
  CREATE TABLE jobs (
    name TEXT PRIMARY KEY NOT NULL,
    record TEXT NOT NULL CHECK (json_valid(record)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE progresses (
    job_name TEXT PRIMARY KEY NOT NULL REFERENCES jobs (name) ON DELETE CASCADE,
    progress TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE syncers (
    id TEXT PRIMARY KEY NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    epoch INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE job_owners (
    job_name TEXT PRIMARY KEY NOT NULL REFERENCES jobs (name) ON DELETE CASCADE,
    syncer_id TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    assigned_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX job_owners_syncer ON job_owners (syncer_id);
  `,
  // 2: leases. A lease expires (expires_at) unless its owner renews it; syncers say where they run, so a
  // dead owner on the same machine is recognised at once.
  `
  ALTER TABLE job_owners ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE syncers ADD COLUMN hostname TEXT NOT NULL DEFAULT '';
  ALTER TABLE syncers ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;
  `,
  // 3: each job's event log (bounded by the store's writer), gone with its job.
  `
  CREATE TABLE job_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job_name TEXT NOT NULL REFERENCES jobs (name) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
  ) STRICT;
  CREATE INDEX job_events_job ON job_events (job_name, id);
  `,
];

/** The schema version this build writes and reads. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

const EXPECTED_TABLES = ['job_events', 'job_owners', 'jobs', 'progresses', 'syncers'] as const;

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function tableNames(db: Database.Database): string[] {
  const rows = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
    .all() as { name: string }[];
  return rows.map((row) => row.name).sort();
}

function columnNames(db: Database.Database, table: string): string[] {
  const rows = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[];
  return rows.map((row) => row.name);
}

/**
 * A version-0 file is only ours to initialise when it has no tables: a file with tables but no version
 * was written by someone else, and creating our tables beside theirs would hide their data.
 */
function refuseForeignFile(db: Database.Database, path: string): void {
  const tables = tableNames(db);
  if (tables.length === 0) return;
  if (tables.includes('jobs') && columnNames(db, 'jobs').includes('job_info')) {
    throw new MetaStoreSchemaError(
      `${path} is a metadata file of the Go ccr-syncer (table jobs has column job_info); this syncer ` +
        'cannot use it in place: point --db_dir at a new file and recreate the jobs',
    );
  }
  throw new MetaStoreSchemaError(
    `${path} is not a ccr-syncer metadata store (unversioned, with tables ${tables.join(', ')}); ` +
      'point --db_dir at a new file',
  );
}

/**
 * Read-only check that this build may use the file: not written by a newer syncer, not someone else's.
 * Run before anything changes the file (even the switch to WAL), so a refused file stays byte-identical.
 */
export function checkSqliteSchema(db: Database.Database, path: string): void {
  const version = userVersion(db);
  if (version > SQLITE_SCHEMA_VERSION) {
    throw new MetaStoreSchemaError(
      `${path} has metadata schema version ${version}, newer than this syncer supports ` +
        `(${SQLITE_SCHEMA_VERSION}); run a newer ccr-syncer or point --db_dir at another file`,
    );
  }
  if (version === 0) refuseForeignFile(db, path);
}

/**
 * Brings the file to SQLITE_SCHEMA_VERSION. Runs in one IMMEDIATE transaction so that two syncers opening
 * a fresh file at the same moment do not both create the tables: the second waits for the first's write
 * lock and then sees the version it wrote (hence the check is repeated inside).
 */
export function migrateSqliteSchema(db: Database.Database, path: string): void {
  db.transaction(() => {
    checkSqliteSchema(db, path);
    const from = userVersion(db);
    for (let version = from; version < SQLITE_SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version]!);
    }
    // user_version lives in the file header, which SQLite writes as part of this transaction, so the
    // tables and the version that describes them commit together.
    if (from !== SQLITE_SCHEMA_VERSION) db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
  const missing = EXPECTED_TABLES.filter((table) => !tableNames(db).includes(table));
  if (missing.length > 0) {
    throw new MetaStoreCorruptError(
      `${path} claims metadata schema version ${SQLITE_SCHEMA_VERSION} but lacks tables ${missing.join(', ')}`,
    );
  }
}
