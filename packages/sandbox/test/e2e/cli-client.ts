// Runs Debian's `mariadb` command-line client (package mariadb-client, installed by .ci/run) and other
// client programs against a sandbox, capturing what a user sees: exit code, stdout and stderr.
import { execFile, spawnSync } from 'node:child_process';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Fails with a clear message when `program` is not installed: these tests check real clients, and CI
 * installs them; skipping would hide a broken install.
 */
export function requireProgram(program: string, debianPackage: string): void {
  const probe = spawnSync(program, ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(`${program} is not installed (${probe.error.message}): apt-get install ${debianPackage}`);
  }
}

/** Runs `program` with `args`, feeding `input` on stdin; resolves whatever the exit code. */
export function run(program: string, args: readonly string[], input = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      [...args],
      { encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    // A program run with -e may exit before reading its stdin: EPIPE then is no failure of the run.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

/** The `mariadb` client connected to `port` as root; `args` follow the connection options. */
export function mariadb(port: number, args: readonly string[], input = ''): Promise<CliRun> {
  return run('mariadb', ['-h127.0.0.1', `-P${port}`, '-uroot', ...args], input);
}
