// Jobs as code: the YAML file `ccr apply` (and `create -f`, `check -f`) reads. Each job is a create_ccr
// body; `defaults` fills in what every job shares (the clusters), and `${VAR}` in any string is taken from
// the environment so the file can be committed without its passwords.
//
//   defaults:
//     src:  { host: 10.0.0.1, port: 9030, thrift_port: 9020, user: ccr, password: "${SRC_PASSWORD}" }
//     dest: { host: 10.0.1.1, port: 9030, thrift_port: 9020, user: ccr, password: "${DEST_PASSWORD}" }
//   jobs:
//     - name: orders
//       src:  { database: sales, table: orders }
//       dest: { database: sales_dr, table: orders }
//     - name: crm
//       src:  { database: crm }
//       dest: { database: crm_dr }
//       include_tables: [customers, "order_*"]
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Spec } from '../model/spec.js';
import { CtlError, USAGE_EXIT_CODE } from './errors.js';

/** A cluster side as a create_ccr body gives it (no ids: the syncer resolves them). */
export type FileSpec = Pick<
  Spec,
  'host' | 'port' | 'thrift_port' | 'user' | 'password' | 'database' | 'table' | 'host_mapping'
> & { readonly cluster?: string };

export interface FileJob {
  readonly name: string;
  readonly src: FileSpec;
  readonly dest: FileSpec;
  readonly include_tables?: readonly string[];
  readonly exclude_tables?: readonly string[];
  readonly allow_table_exists?: boolean;
  readonly reuse_binlog_label?: boolean;
  readonly follow_recreated_table?: boolean;
}

const JOB_KEYS = new Set([
  'name',
  'src',
  'dest',
  'include_tables',
  'exclude_tables',
  'allow_table_exists',
  'reuse_binlog_label',
  'follow_recreated_table',
]);
const SPEC_KEYS = new Set([
  'host',
  'port',
  'thrift_port',
  'user',
  'password',
  'database',
  'table',
  'cluster',
  'host_mapping',
]);

function fail(file: string, message: string): never {
  throw new CtlError(`${file}: ${message}`, undefined, USAGE_EXIT_CODE);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `${VAR}` from the environment (`$${` for a literal `${`); an unset variable is an error naming it. */
function expand(file: string, where: string, text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(
    /\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
    (whole, literal: string | undefined, name: string) => {
      if (literal) return whole.slice(1);
      const value = env[name];
      if (value === undefined) fail(file, `${where} uses \${${name}}, which is not set in the environment`);
      return value;
    },
  );
}

function text(file: string, where: string, value: unknown, env: NodeJS.ProcessEnv): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value !== 'string') fail(file, `${where} must be a string`);
  return expand(file, where, value, env);
}

function spec(
  file: string,
  where: string,
  defaults: unknown,
  own: unknown,
  env: NodeJS.ProcessEnv,
): FileSpec {
  if (defaults !== undefined && !isObject(defaults))
    fail(file, `defaults.${where.split('.').pop()} must be a mapping`);
  if (!isObject(own))
    fail(file, `${where} must be a mapping (host, port, thrift_port, user, password, database, table)`);
  const merged: Record<string, unknown> = { ...(defaults ?? {}), ...own };
  for (const key of Object.keys(merged))
    if (!SPEC_KEYS.has(key)) fail(file, `${where}.${key} is not a spec key (${[...SPEC_KEYS].join(', ')})`);
  const get = (key: string) => text(file, `${where}.${key}`, merged[key], env);
  let hostMapping: Record<string, string> | undefined;
  if (merged.host_mapping !== undefined && merged.host_mapping !== null) {
    if (!isObject(merged.host_mapping))
      fail(file, `${where}.host_mapping must map private hosts to public ones`);
    hostMapping = Object.fromEntries(
      Object.entries(merged.host_mapping).map(([k, v]) => [
        k,
        text(file, `${where}.host_mapping.${k}`, v, env),
      ]),
    );
  }
  const out: FileSpec = {
    host: get('host'),
    port: get('port'),
    thrift_port: get('thrift_port'),
    user: get('user'),
    password: get('password'),
    database: get('database'),
    table: get('table'),
    ...(get('cluster') ? { cluster: get('cluster') } : {}),
    ...(hostMapping && Object.keys(hostMapping).length > 0 ? { host_mapping: hostMapping } : {}),
  };
  for (const key of ['host', 'port', 'thrift_port', 'user', 'database'] as const)
    if (!out[key]) fail(file, `${where}.${key} is missing (in the job or in defaults)`);
  return out;
}

function list(file: string, where: string, value: unknown, env: NodeJS.ProcessEnv): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(file, `${where} must be a list of table names or patterns`);
  return value.map((v, i) => text(file, `${where}[${i}]`, v, env));
}

function flag(file: string, where: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail(file, `${where} must be true or false`);
  return value;
}

function job(
  file: string,
  index: number,
  raw: unknown,
  defaults: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
): FileJob {
  if (!isObject(raw)) fail(file, `jobs[${index}] must be a mapping`);
  const name = typeof raw.name === 'string' ? raw.name : '';
  if (!name) fail(file, `jobs[${index}] has no name`);
  const at = `job ${name}`;
  for (const key of Object.keys(raw))
    if (!JOB_KEYS.has(key)) fail(file, `${at}: ${key} is not a job key (${[...JOB_KEYS].join(', ')})`);
  const src = spec(file, `${at}: src`, defaults.src, raw.src, env);
  const dest = spec(file, `${at}: dest`, defaults.dest, raw.dest, env);
  if (!src.table !== !dest.table)
    fail(
      file,
      `${at}: src.table and dest.table must both be set (a table job) or both be left out (a database job)`,
    );
  const include = list(file, `${at}: include_tables`, raw.include_tables, env);
  const exclude = list(file, `${at}: exclude_tables`, raw.exclude_tables, env);
  const options = {
    allow_table_exists: flag(file, `${at}: allow_table_exists`, raw.allow_table_exists),
    reuse_binlog_label: flag(file, `${at}: reuse_binlog_label`, raw.reuse_binlog_label),
    follow_recreated_table: flag(file, `${at}: follow_recreated_table`, raw.follow_recreated_table),
  };
  return {
    name,
    src,
    dest,
    ...(include?.length ? { include_tables: include } : {}),
    ...(exclude?.length ? { exclude_tables: exclude } : {}),
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
}

/** The jobs of a YAML file: `{defaults?, jobs: [...]}`, a list of jobs, or one job. */
export function readJobFile(file: string, env: NodeJS.ProcessEnv = process.env): FileJob[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    fail(file, `cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (error) {
    fail(file, `not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  let defaults: Record<string, unknown> = {};
  let jobs: unknown[];
  if (Array.isArray(doc)) jobs = doc;
  else if (isObject(doc) && 'jobs' in doc) {
    for (const key of Object.keys(doc))
      if (key !== 'jobs' && key !== 'defaults') fail(file, `${key} is not a top-level key (defaults, jobs)`);
    if (doc.defaults !== undefined) {
      if (!isObject(doc.defaults)) fail(file, 'defaults must be a mapping with src and/or dest');
      defaults = doc.defaults;
    }
    if (!Array.isArray(doc.jobs)) fail(file, 'jobs must be a list');
    jobs = doc.jobs;
  } else if (isObject(doc) && 'name' in doc) jobs = [doc];
  else if (isObject(doc))
    fail(file, `expected jobs: [...] (or one job with a name); found ${Object.keys(doc).join(', ')}`);
  else fail(file, 'expected a mapping with jobs: [...], or a list of jobs');
  const out = jobs.map((raw, i) => job(file, i, raw, defaults, env));
  const seen = new Set<string>();
  for (const j of out) {
    if (seen.has(j.name)) fail(file, `job ${j.name} is listed twice`);
    seen.add(j.name);
  }
  return out;
}

/** The create_ccr body of a job of the file. */
export function createBody(job: FileJob): Record<string, unknown> {
  return { ...job };
}
