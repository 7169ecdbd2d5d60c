// Real MariaDB and PostgreSQL servers for the store tests, from Debian's packages (installed by .ci/run):
// each started in a temporary directory on a free loopback port, and stopped (directory removed) by the
// test that started it. Never a system service, never a mock. The servers run as the packages' system
// users (mysql, postgres), because both refuse to run as root and CI runs as root.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import pg from 'pg';

export interface DbServer {
  readonly engine: 'mysql' | 'postgresql';
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Stops the server (SIGTERM), waits `downMs`, and starts it again on the same port and data. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function need(path: string, pkg: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: install Debian's ${pkg} (.ci/run does)`);
  return path;
}

/** The directory a server runs in, owned by its system user when we are root. */
function serverDir(prefix: string, owner: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o700);
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', owner]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', owner]).toString().trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

/** Runs `command` as `owner` when we are root (runuser), as ourselves otherwise. */
function asOwner(owner: string, command: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', owner, '--', command, ...args]] : [command, args];
}

async function waitUntil(
  ready: () => Promise<boolean>,
  child: ChildProcess,
  what: string,
  log: () => string,
) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode}: ${log()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within 60 s: ${log()}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A server process that can be stopped and started again on the same port and data directory. */
function managed(
  launch: () => Promise<ChildProcess>,
  first: ChildProcess,
  dir: string,
): Pick<DbServer, 'restart' | 'stop'> {
  let child = first;
  return {
    restart: async (downMs) => {
      await terminate(child);
      await new Promise((r) => setTimeout(r, downMs));
      child = await launch();
    },
    stop: async () => {
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startMariaDb(): Promise<DbServer> {
  const installDb = need('/usr/bin/mariadb-install-db', 'mariadb-server');
  const server = need('/usr/sbin/mariadbd', 'mariadb-server');
  const dir = serverDir('ccr-mariadb-', 'mysql');
  const data = join(dir, 'data');
  const [cmd, args] = asOwner('mysql', installDb, [
    `--datadir=${data}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
  ]);
  execFileSync(cmd, args, { stdio: 'pipe' });
  const port = await freePort();
  const launch = async (): Promise<ChildProcess> => {
    const [run, runArgs] = asOwner('mysql', server, [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${join(dir, 'mysqld.sock')}`,
      `--pid-file=${join(dir, 'mysqld.pid')}`,
      '--bind-address=127.0.0.1',
      `--port=${port}`,
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=32M',
      '--innodb-log-file-size=16M',
      '--max-connections=500',
    ]);
    const child = spawn(run, runArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    const lines: string[] = [];
    child.stderr!.on('data', (b: Buffer) => lines.push(b.toString()));
    // root has no password on a fresh data directory (normal authentication, loopback TCP).
    await waitUntil(
      async () => {
        const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
        await conn.end();
        return true;
      },
      child,
      'mariadbd',
      () => lines.join('').slice(-2000),
    );
    return child;
  };
  const child = await launch();
  const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
  await conn.query(`CREATE USER 'ccr'@'127.0.0.1' IDENTIFIED BY 'ccr-secret'`);
  await conn.query(`GRANT ALL ON *.* TO 'ccr'@'127.0.0.1'`);
  await conn.end();
  return {
    engine: 'mysql',
    host: '127.0.0.1',
    port,
    user: 'ccr',
    password: 'ccr-secret',
    ...managed(launch, child, dir),
  };
}

function postgresBin(): string {
  for (const v of ['17', '16', '15']) {
    const bin = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(join(bin, 'postgres'))) return bin;
  }
  throw new Error("PostgreSQL is missing: install Debian's postgresql (.ci/run does)");
}

export async function startPostgres(): Promise<DbServer> {
  const bin = postgresBin();
  const dir = serverDir('ccr-postgres-', 'postgres');
  const data = join(dir, 'data');
  const [cmd, args] = asOwner('postgres', join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  execFileSync(cmd, args, { stdio: 'pipe' });
  const port = await freePort();
  const launch = async (): Promise<ChildProcess> => {
    const [run, runArgs] = asOwner('postgres', join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=300',
    ]);
    const child = spawn(run, runArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    const lines: string[] = [];
    child.stderr!.on('data', (b: Buffer) => lines.push(b.toString()));
    await waitUntil(
      async () => {
        const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
        await client.connect();
        await client.end();
        return true;
      },
      child,
      'postgres',
      () => lines.join('').slice(-2000),
    );
    return child;
  };
  const child = await launch();
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  await client.query(`CREATE ROLE ccr LOGIN CREATEDB PASSWORD 'ccr-secret'`);
  await client.end();
  return {
    engine: 'postgresql',
    host: '127.0.0.1',
    port,
    user: 'ccr',
    password: 'ccr-secret',
    ...managed(launch, child, dir),
  };
}

/** The daemon flags that put its metadata in `database` on this server. */
export function storeFlags(server: DbServer, database: string): string[] {
  return [
    `--db_type=${server.engine}`,
    `--db_host=${server.host}`,
    `--db_port=${server.port}`,
    `--db_user=${server.user}`,
    `--db_password=${server.password}`,
    `--db_name=${database}`,
  ];
}
