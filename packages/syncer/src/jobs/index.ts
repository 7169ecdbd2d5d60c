// The job engine as the daemon starts it (src/cli/engine-loader.ts loads `createJobEngine`): opens the
// metadata store named by the flags and connects jobs to real clusters; `resume` restarts every stored job.
import type { Logger } from 'pino';
import type { EngineContext, RunningEngine } from '../cli/engine.js';
import type { SyncerConfig } from '../cli/syncer-config.js';
import type { MetaStore } from '../model/meta-store.js';
import { openMetaStore } from '../store/index.js';
import { sealedStore } from '../store/sealed-store.js';
import { loadSecretKey, type SecretBox } from '../store/secret-box.js';
import { connectCluster } from './connect.js';
import { JobEngine } from './engine.js';
import { armFailpoint, clearFailpoints, enableFailpoints, parseFailpointAction } from './failpoints.js';
import { localIdentity } from './ownership.js';

export { connectCluster } from './connect.js';
export { JobEngine } from './engine.js';

export async function createJobEngine(
  config: SyncerConfig,
  logger: Logger,
  context: EngineContext,
): Promise<RunningEngine> {
  if (config.enableFailpoints) enableFailpoints();
  // /failpoint arms the engine's named failpoints (process-wide: the value is the action, e.g. "kill").
  const unsubscribe = context.failpoints?.subscribe((change) => {
    if (change.kind === 'cleared') return clearFailpoints();
    const action = change.kind === 'set' ? parseFailpointAction(String(change.value)) : undefined;
    armFailpoint(change.failpoint, action);
  });
  const store = await openConfiguredStore(config, (m) => logger.warn(m));
  const engine = new JobEngine({
    store,
    connect: (spec) =>
      connectCluster(spec, {
        connectTimeoutMs: config.cluster.connectTimeoutMs,
        rpcTimeoutMs: config.cluster.rpcTimeoutMs,
        commitTxnTimeoutMs: config.cluster.commitTxnTimeoutMs,
        maxIngestConcurrencyPerBackend: config.cluster.maxIngestConcurrencyPerBackend,
        warn: (message) => logger.warn(message),
      }),
    log: (level, message, job) => (job ? logger.child({ ccrName: job }) : logger)[level](message),
    identity: localIdentity(`${config.host}:${config.port}`),
    leaseMs: config.leaseMs,
    ...(config.maxJobs ? { maxJobs: config.maxJobs } : {}),
    stallMs: config.stallMs,
  });
  return {
    service: engine,
    resume: () => engine.start(),
    stop: async () => {
      unsubscribe?.();
      await engine.stop();
      await store.close();
    },
  };
}

/** The metadata store the flags name, opened as it is (passwords as stored); a SQLite file is locked. */
export function openConfiguredRawStore(config: SyncerConfig): Promise<MetaStore> {
  return openMetaStore(
    config.meta.type === 'sqlite3'
      ? { dbType: 'sqlite3', dbDir: config.meta.path, ownerLock: true }
      : {
          dbType: config.meta.type,
          dbHost: config.meta.host,
          dbPort: config.meta.port,
          dbUser: config.meta.user,
          dbPassword: config.meta.password,
          dbName: config.meta.database,
          dbMaxOpenConns: config.meta.maxOpenConns,
        },
  );
}

/** The key file sealing the store's passwords: --secret_key_file, or for sqlite3 `<db_dir>.key`. */
export function configuredKeyFile(config: SyncerConfig): string | undefined {
  return config.secretKeyFile ?? (config.meta.type === 'sqlite3' ? `${config.meta.path}.key` : undefined);
}

/**
 * The metadata store the flags name, with its cluster passwords sealed: sqlite3 keeps its key beside its
 * file (created on first start); a group on a server store must be given one shared key, or told
 * explicitly to store passwords in clear text.
 */
export async function openConfiguredStore(config: SyncerConfig, warn: (message: string) => void) {
  const raw = await openConfiguredRawStore(config);
  const keyFile = configuredKeyFile(config);
  let box: SecretBox | undefined;
  try {
    box = keyFile ? loadSecretKey(keyFile, config.secretKeyFile === undefined) : undefined;
  } catch (error) {
    await raw.close(); // releases the SQLite file's owner lock
    throw error;
  }
  if (!box)
    warn(
      config.insecurePlaintextPasswords
        ? 'cluster passwords are stored in clear text (--insecure_plaintext_passwords)'
        : 'no --secret_key_file: jobs whose clusters need a password cannot be created',
    );
  return sealedStore(raw, { ...(box ? { box } : {}), allowPlaintext: config.insecurePlaintextPasswords });
}
