// The `import-go-meta` subcommand of the ccr-syncer binary: its own --go_db_* flags name the Go syncer's
// metadata; every other flag is the daemon's, naming the store to import into (and its secret key).
import { parseCommandLine, USAGE_EXIT_CODE } from '../cli/command-line.js';
import { openConfiguredStore } from '../jobs/index.js';
import { type GoSource, importGoMeta } from './import-go-meta.js';

const GO_FLAGS = [
  'go_db_type',
  'go_db_dir',
  'go_db_host',
  'go_db_port',
  'go_db_user',
  'go_db_password',
  'go_db_name',
];

export async function importCommand(argv: readonly string[]): Promise<number> {
  const go: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([a-z_]+)(?:=(.*))?$/.exec(argv[i]!);
    if (m && GO_FLAGS.includes(m[1]!)) {
      const value = m[2] ?? argv[++i];
      if (value === undefined) {
        process.stderr.write(`ccr-syncer import-go-meta: flag --${m[1]} needs a value\n`);
        return USAGE_EXIT_CODE;
      }
      go[m[1]!] = value;
    } else rest.push(argv[i]!);
  }
  const type = go.go_db_type ?? 'sqlite3';
  if ((type !== 'sqlite3' && type !== 'mysql') || (type === 'sqlite3' && !go.go_db_dir)) {
    process.stderr.write(
      "ccr-syncer import-go-meta: name the Go syncer's metadata: --go_db_dir <its sqlite file>, or --go_db_type mysql with --go_db_host/--go_db_port/--go_db_user/--go_db_password/--go_db_name\n",
    );
    return USAGE_EXIT_CODE;
  }
  const parsed = parseCommandLine(rest);
  if (parsed.kind !== 'run') {
    process.stderr.write(
      `ccr-syncer import-go-meta: ${parsed.kind === 'error' ? parsed.message : 'bad flags'}\n`,
    );
    return USAGE_EXIT_CODE;
  }
  const source: GoSource =
    type === 'sqlite3'
      ? { type, path: go.go_db_dir! }
      : {
          type,
          ...(go.go_db_host ? { host: go.go_db_host } : {}),
          ...(go.go_db_port ? { port: Number(go.go_db_port) } : {}),
          ...(go.go_db_user ? { user: go.go_db_user } : {}),
          ...(go.go_db_password !== undefined ? { password: go.go_db_password } : {}),
          ...(go.go_db_name ? { database: go.go_db_name } : {}),
        };
  const store = await openConfiguredStore(parsed.config, (m) =>
    process.stderr.write(`ccr-syncer import-go-meta: ${m}\n`),
  );
  try {
    const report = await importGoMeta(source, store);
    for (const job of report.imported)
      process.stdout.write(`imported ${job.name}: ${job.state}, replay from commit seq ${job.resumesAt}\n`);
    for (const job of report.skipped) process.stdout.write(`skipped ${job.name}: ${job.reason}\n`);
    return report.skipped.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
