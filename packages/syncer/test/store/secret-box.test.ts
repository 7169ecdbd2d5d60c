// Cluster passwords at rest: sealed with the group's key, opened only with the same key, and refused
// (a 400 that says what to do) when the syncer has no key and was not told to store them in clear text.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { JobServiceError } from '../../src/model/job-service.js';
import { MetaStoreOpenError, SqliteMetaStore } from '../../src/store/index.js';
import { sealedStore } from '../../src/store/sealed-store.js';
import { loadSecretKey, SecretBox } from '../../src/store/secret-box.js';
import { sampleJob, sampleProgress } from './fixtures.js';

describe('cluster passwords at rest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccr-secret-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('seals with the key, opens only with the same key, and creates a private key file', () => {
    const box = loadSecretKey(join(dir, 'group.key'), true);
    assert.equal(statSync(join(dir, 'group.key')).mode & 0o777, 0o600);
    const sealed = box.seal('p@ss "w0rd" ✓');
    assert.match(sealed, /^enc:v1:/);
    assert.notEqual(box.seal('p@ss "w0rd" ✓'), sealed, 'a fresh IV every time');
    assert.equal(loadSecretKey(join(dir, 'group.key'), false).open(sealed), 'p@ss "w0rd" ✓');
    assert.throws(() => new SecretBox('another key of the group?').open(sealed), MetaStoreOpenError);
    assert.throws(() => loadSecretKey(join(dir, 'missing.key'), false), /does not exist/);
  });

  it('a store behind the box never holds the password in clear text, and reads it back', async () => {
    const path = join(dir, 'ccr.db');
    const inner = new SqliteMetaStore({ path });
    await inner.init();
    const store = sealedStore(inner, { box: loadSecretKey(join(dir, 'group.key'), false) });
    const job = sampleJob('j', { src: { ...sampleJob('j').src, password: 'Sekr3t-src' } });
    await store.createJob(job, sampleProgress('j', 1));
    await store.updateJob({ ...job, dest: { ...job.dest, password: 'Sekr3t-dest' } });
    assert.equal((await store.getJob('j'))?.src.password, 'Sekr3t-src');
    assert.equal((await store.listJobs())[0]?.dest.password, 'Sekr3t-dest');
    assert.match((await inner.getJob('j'))!.src.password, /^enc:v1:/);
    await inner.close();
    const bytes = readFileSync(path).toString('latin1');
    assert.ok(!bytes.includes('Sekr3t'), 'not in the database file');
    assert.equal(statSync(path).mode & 0o777, 0o600, 'the file is for its owner only');
  });

  it('without a key, refuses to store a password unless plaintext was chosen explicitly', async () => {
    const inner = new SqliteMetaStore({ path: join(dir, 'nokey.db') });
    await inner.init();
    const job = sampleJob('p', { src: { ...sampleJob('p').src, password: 'x' } });
    await assert.rejects(
      sealedStore(inner, {}).createJob(job, sampleProgress('p', 1)),
      (e: unknown) => e instanceof JobServiceError && /--secret_key_file/.test((e as Error).message),
    );
    assert.deepEqual(await inner.listJobs(), [], 'nothing stored');
    await sealedStore(inner, { allowPlaintext: true }).createJob(job, sampleProgress('p', 1));
    assert.equal((await inner.getJob('p'))?.src.password, 'x');
    await inner.close();
  });
});
