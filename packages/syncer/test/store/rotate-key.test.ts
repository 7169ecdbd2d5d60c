// `ccr-syncer rotate-key` on each of the three stores, through the real binary: every stored password is
// re-sealed with the new key (the old key opens none, the new one opens all), nothing is written when the
// current key is wrong, a second run finds the work done, and a store whose syncer runs is refused.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { MetaStore } from '../../src/model/meta-store.js';
import { createMetaStore } from '../../src/store/index.js';
import { sealedStore } from '../../src/store/sealed-store.js';
import { loadSecretKey } from '../../src/store/secret-box.js';
import { runSyncer, tempDir } from '../cli/process-helpers.js';
import { type DbServer, startMariaDb, startPostgres, storeFlags } from './db-servers.js';
import { sampleJob, sampleProgress } from './fixtures.js';

interface StoreUnderTest {
  readonly flags: string[];
  open(): Promise<MetaStore>;
  /** Makes the store look in use by a running syncer; the returned function ends that. */
  occupy(): Promise<() => Promise<void>>;
  readonly busy: RegExp;
}

const PASSWORDS = ['Src-Pw-1', 'Dest-Pw-1', 'Src-Pw-2'];

function rotationSuite(engine: string, setUp: () => Promise<StoreUnderTest>, tearDown: () => Promise<void>) {
  describe(`ccr-syncer rotate-key on ${engine}`, () => {
    after(tearDown);

    it('re-seals every password with the new key, refuses a wrong key or a running syncer', async () => {
      const under = await setUp();
      const dir = tempDir('ccr-rotate');
      const oldKey = join(dir, 'old.key');
      const newKey = join(dir, 'new.key');
      const inner = await under.open();
      const store = sealedStore(inner, { box: loadSecretKey(oldKey, true) });
      const job = (name: string, src: string, dest: string) =>
        sampleJob(name, {
          src: { ...sampleJob(name).src, password: src },
          dest: { ...sampleJob(name).dest, password: dest },
        });
      await store.createJob(job('a', PASSWORDS[0]!, PASSWORDS[1]!), sampleProgress('a', 1));
      await store.createJob(job('b', PASSWORDS[2]!, ''), sampleProgress('b', 1));
      const stored = async (from: MetaStore) =>
        (await from.listJobs()).flatMap((j) => [j.src.password, j.dest.password]);
      const before = await stored(inner);
      await inner.close();

      const rotate = (...extra: string[]) =>
        runSyncer(['rotate-key', `--new_secret_key_file=${newKey}`, ...under.flags, ...extra]);

      const wrong = join(dir, 'wrong.key');
      writeFileSync(wrong, 'a key that sealed nothing here\n', { mode: 0o600 });
      const refused = await rotate(`--secret_key_file=${wrong}`);
      assert.equal(refused.code, 1, refused.stdout);
      assert.match(refused.stderr, /password of job a opens with neither the current key nor the new one/);

      const release = await under.occupy();
      const busy = await rotate(`--secret_key_file=${oldKey}`);
      await release();
      assert.equal(busy.code, 1, busy.stdout);
      assert.match(busy.stderr, under.busy);

      const check = await under.open();
      assert.deepEqual(await stored(check), before, 'nothing changed by the refused runs');
      await check.close();

      const done = await rotate(`--secret_key_file=${oldKey}`);
      assert.equal(done.code, 0, done.stderr);
      assert.match(done.stdout, /re-encrypted 3 password\(s\) of 2 job\(s\)/);
      assert.match(readFileSync(newKey, 'utf8'), /\S{32,}/, 'the new key file was created');

      const reopened = await under.open();
      try {
        const sealed = await stored(reopened);
        assert.equal(sealed.filter((p) => p !== '').length, 3);
        for (const value of sealed.filter((p) => p !== '')) {
          assert.match(value, /^enc:v1:/);
          assert.equal(loadSecretKey(oldKey, false).tryOpen(value), undefined, 'the old key opens nothing');
        }
        const opened = await sealedStore(reopened, { box: loadSecretKey(newKey, false) }).listJobs();
        assert.deepEqual(
          opened.flatMap((j) => [j.src.password, j.dest.password]).filter((p) => p !== ''),
          PASSWORDS,
        );
      } finally {
        await reopened.close();
      }
      const again = await rotate(`--secret_key_file=${oldKey}`);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /re-encrypted 0 password\(s\) of 2 job\(s\) .*\(3 already were\)/);
    });
  });
}

// SQLite: the file's owner lock, held by a live process, refuses the rotation.
{
  const dir = tempDir('ccr-rotate-sqlite');
  const path = join(dir, 'ccr.db');
  rotationSuite(
    'sqlite3',
    async () => ({
      flags: [`--db_dir=${path}`],
      open: async () => {
        const store = createMetaStore({ dbType: 'sqlite3', dbDir: path });
        await store.init();
        return store;
      },
      occupy: async () => {
        const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
        writeFileSync(`${path}.lock`, JSON.stringify({ pid: holder.pid, hostname: hostname() }));
        return async () => {
          holder.kill('SIGKILL');
        };
      },
      busy: /metadata file .*ccr\.db is in use by ccr-syncer process \d+/,
    }),
    async () => undefined,
  );
}

for (const [engine, startServer] of [
  ['mysql', startMariaDb],
  ['postgresql', startPostgres],
] as const) {
  let server: DbServer | undefined;
  rotationSuite(
    engine,
    async () => {
      const s = await startServer();
      server = s;
      const open = async () => {
        const store = createMetaStore({
          dbType: s.engine,
          dbHost: s.host,
          dbPort: s.port,
          dbUser: s.user,
          dbPassword: s.password,
          dbName: 'ccr_rotate',
        });
        await store.init();
        return store;
      };
      return {
        flags: storeFlags(s, 'ccr_rotate'),
        open,
        // A syncer's heartbeat younger than the lease.
        occupy: async () => {
          const store = await open();
          await store.heartbeat({ id: '127.0.0.1:9190', hostname: 'elsewhere', pid: 4242 }, Date.now());
          return async () => {
            await store.removeSyncer('127.0.0.1:9190');
            await store.close();
          };
        },
        busy: /syncers of this store are running \(127\.0\.0\.1:9190 pid 4242 on elsewhere\): stop them first/,
      };
    },
    async () => server?.stop(),
  );
}
