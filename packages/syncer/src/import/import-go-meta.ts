// `ccr-syncer import-go-meta`: copies the jobs and progress of a Go ccr-syncer's metadata database (its
// SQLite file, or its MySQL database) into this syncer's store, named by the usual flags, so the Go
// syncer can be replaced in place: stop it, import, start ccr-syncer on the same clusters. Jobs already
// present are left alone and reported.
//   ccr-syncer import-go-meta --go_db_dir /opt/ccr-syncer/db/ccr.db [daemon flags: --db_type, --db_dir, --secret_key_file, …]
//   ccr-syncer import-go-meta --go_db_type mysql --go_db_host h --go_db_port 3306 --go_db_user u --go_db_password p --go_db_name ccr […]
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import { encodeProgress } from '../jobs/progress.js';
import { JobExistsError, type MetaStore } from '../model/meta-store.js';
import { goJobRecord, goProgress } from './go-records.js';

export interface GoSource {
  readonly type: 'sqlite3' | 'mysql';
  readonly path?: string;
  readonly host?: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
}

interface GoRow {
  readonly job_name: string;
  readonly job_info: string;
  readonly progress: string | null;
}

async function readGoRows(source: GoSource): Promise<GoRow[]> {
  const query =
    'SELECT j.job_name AS job_name, j.job_info AS job_info, p.progress AS progress FROM jobs j LEFT JOIN progresses p ON p.job_name = j.job_name ORDER BY j.job_name';
  if (source.type === 'sqlite3') {
    const db = new Database(source.path!, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(query).all() as GoRow[];
    } finally {
      db.close();
    }
  }
  const conn = await mysql.createConnection({
    host: source.host ?? '127.0.0.1',
    port: source.port ?? 3306,
    user: source.user ?? 'root',
    password: source.password ?? '',
    database: source.database ?? 'ccr',
  });
  try {
    const [rows] = await conn.query(query);
    return (rows as GoRow[]).map((r) => ({
      ...r,
      job_info: String(r.job_info),
      progress: r.progress === null ? null : String(r.progress),
    }));
  } finally {
    await conn.end();
  }
}

export interface ImportReport {
  readonly imported: Array<{ name: string; resumesAt: string; state: string }>;
  readonly skipped: Array<{ name: string; reason: string }>;
}

export async function importGoMeta(
  source: GoSource,
  store: MetaStore,
  now = Date.now(),
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], skipped: [] };
  for (const row of await readGoRows(source)) {
    try {
      const record = goJobRecord(row.job_info, now);
      const progress = goProgress(row.progress ?? '{}', record, now);
      await store.createJob(record, encodeProgress(progress));
      report.imported.push({
        name: record.name,
        resumesAt: progress.prevCommitSeq,
        state: progress.position.state,
      });
    } catch (error) {
      const reason =
        error instanceof JobExistsError ? 'a job of that name exists already' : (error as Error).message;
      report.skipped.push({ name: row.job_name, reason });
    }
  }
  return report;
}
