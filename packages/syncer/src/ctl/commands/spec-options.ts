// A job's two sides from the command line (`create`, `check`): `--src HOST:PORT:THRIFT_PORT/DB[.TABLE]`
// with `--src-user`, the password only from the environment (CCR_SRC_PASSWORD / CCR_DEST_PASSWORD) so it
// never shows in a process list — or the job from a file (-f, the format of `apply`).
import { CtlError, USAGE_EXIT_CODE } from '../errors.js';
import type { FileJob, FileSpec } from '../job-file.js';
import { readJobFile } from '../job-file.js';

export interface SpecOptions {
  readonly file?: string;
  readonly src?: string;
  readonly dest?: string;
  readonly srcUser?: string;
  readonly destUser?: string;
  readonly includeTables?: string;
  readonly excludeTables?: string;
  readonly allowTableExists?: boolean;
}

function usage(message: string): never {
  throw new CtlError(message, undefined, USAGE_EXIT_CODE);
}

export function parseSide(flag: string, text: string, user: string, password: string): FileSpec {
  const m = /^(\[[^\]]+\]|[^:/]+):(\d+):(\d+)\/([^./]+)(?:\.([^/]+))?$/.exec(text);
  if (!m) usage(`${flag} must look like HOST:QUERY_PORT:RPC_PORT/DATABASE[.TABLE], got: ${text}`);
  return {
    host: m[1]!.replace(/^\[(.*)\]$/, '$1'),
    port: m[2]!,
    thrift_port: m[3]!,
    user,
    password,
    database: m[4]!,
    table: m[5] ?? '',
  };
}

function tableList(text: string | undefined): string[] | undefined {
  const list = text
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return list?.length ? list : undefined;
}

/** The job NAME of the command line or of the file. */
export function jobFromOptions(name: string | undefined, options: SpecOptions): FileJob {
  if (options.file) {
    if (options.src || options.dest) usage('give either -f FILE or --src/--dest, not both');
    const jobs = readJobFile(options.file);
    const job = name ? jobs.find((j) => j.name === name) : jobs.length === 1 ? jobs[0] : undefined;
    if (!job)
      usage(
        name
          ? `${options.file} has no job ${name}`
          : `${options.file} lists ${jobs.length} jobs: name the one to use`,
      );
    return job;
  }
  if (!name) usage('a job name is required');
  if (!options.src || !options.dest) usage('--src and --dest are required (or -f FILE)');
  const src = parseSide('--src', options.src, options.srcUser ?? 'root', process.env.CCR_SRC_PASSWORD ?? '');
  const dest = parseSide(
    '--dest',
    options.dest,
    options.destUser ?? 'root',
    process.env.CCR_DEST_PASSWORD ?? '',
  );
  if (!src.table !== !dest.table)
    usage('--src and --dest must both name a table (a table job) or neither (a database job)');
  const include = tableList(options.includeTables);
  const exclude = tableList(options.excludeTables);
  return {
    name,
    src,
    dest,
    ...(include ? { include_tables: include } : {}),
    ...(exclude ? { exclude_tables: exclude } : {}),
    ...(options.allowTableExists ? { allow_table_exists: true } : {}),
  };
}
