// `ccr-syncer rotate-key --new_secret_key_file <file> [the daemon's store flags]`: re-seals every cluster
// password of the metadata store with a new key (store/rotate-secrets.ts). The store's syncers must be
// stopped: a running one holds the old key in memory. A SQLite file's owner lock refuses while its syncer
// runs; on a server store, a syncer heartbeat younger than the lease does.
import { resolve } from 'node:path';
import { configuredKeyFile, openConfiguredRawStore } from '../jobs/index.js';
import { rotateSecrets } from '../store/rotate-secrets.js';
import { loadSecretKey, type SecretBox } from '../store/secret-box.js';
import { parseCommandLine, USAGE_EXIT_CODE } from './command-line.js';

const NAME = 'ccr-syncer rotate-key';
const USAGE = `Usage: ${NAME} --new_secret_key_file FILE [--secret_key_file CURRENT] [store flags: --db_dir … | --db_type mysql|postgresql --db_host …]
Re-encrypts every cluster password of the metadata store with the key in FILE (created, mode 0600, when
missing). Stop every syncer of the store first; start them again with --secret_key_file FILE.
`;

function fail(message: string, code = 1): number {
  process.stderr.write(`${NAME}: ${message}\n`);
  return code;
}

export async function rotateKeyCommand(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  let newKeyFile: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const m = /^--?new_secret_key_file(?:=(.*))?$/.exec(arg);
    if (!m) rest.push(arg);
    else newKeyFile = m[1] ?? argv[++i];
  }
  if (!newKeyFile) return fail(`--new_secret_key_file is required\n${USAGE}`, USAGE_EXIT_CODE);
  const parsed = parseCommandLine(rest, process.env, cwd);
  if (parsed.kind !== 'run')
    return fail(parsed.kind === 'error' ? parsed.message : `unexpected flags\n${USAGE}`, USAGE_EXIT_CODE);
  const config = parsed.config;
  const nextPath = resolve(cwd, newKeyFile);
  const currentPath = configuredKeyFile(config);
  if (currentPath !== undefined && resolve(currentPath) === nextPath)
    return fail('the new key file is the current one: name another file', USAGE_EXIT_CODE);

  let store: Awaited<ReturnType<typeof openConfiguredRawStore>>;
  try {
    store = await openConfiguredRawStore(config);
  } catch (error) {
    return fail((error as Error).message);
  }
  try {
    if (config.meta.type !== 'sqlite3') {
      const now = Date.now();
      const live = (await store.listSyncers()).filter((s) => now - s.heartbeatAt < config.leaseMs);
      if (live.length > 0)
        return fail(
          `syncers of this store are running (${live.map((s) => `${s.id} pid ${s.pid} on ${s.hostname}`).join(', ')}): stop them first`,
        );
    }
    // The current key must exist (it sealed what is stored); the new one is created when missing.
    let current: SecretBox | undefined;
    if (currentPath !== undefined) {
      try {
        current = loadSecretKey(currentPath, false);
      } catch (error) {
        // Without --secret_key_file, a SQLite store that never held a password has no key file yet.
        if (config.secretKeyFile !== undefined) throw error;
      }
    }
    const next = loadSecretKey(nextPath, true);
    const report = await rotateSecrets(store, { ...(current ? { current } : {}), next });
    process.stdout.write(
      `re-encrypted ${report.resealed} password(s) of ${report.jobs} job(s) with ${nextPath}` +
        (report.alreadyRotated > 0 ? ` (${report.alreadyRotated} already were)` : '') +
        `\nstart the syncers with --secret_key_file ${nextPath}; the old key can then be destroyed\n`,
    );
    return 0;
  } catch (error) {
    // A key that opens nothing, a missing key file, a store error: each names what to fix.
    return fail((error as Error).message);
  } finally {
    await store.close();
  }
}
