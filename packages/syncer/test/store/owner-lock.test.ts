// The SQLite file's owner lock on its own: a live holder refuses (naming its pid), a dead or zombie holder
// is taken over, release leaves a successor's lock alone, and of several processes racing over a stale
// lock exactly one wins.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { MetaStoreLockedError } from '../../src/store/errors.js';
import { acquireOwnerLock } from '../../src/store/owner-lock.js';
import { SqliteMetaStore } from '../../src/store/sqlite-meta-store.js';
import { run, tempDir } from '../cli/process-helpers.js';

const OWNER_LOCK_MODULE = new URL('../../src/store/owner-lock.js', import.meta.url).href;

function holdBy(file: string, pid: number): void {
  writeFileSync(`${file}.lock`, JSON.stringify({ pid, hostname: hostname() }));
}

async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

describe('SQLite owner lock', () => {
  it('refuses while a live process holds it, naming the pid; a dead holder is taken over', async () => {
    const file = join(tempDir('ccr-lock'), 'ccr.db');
    const holder = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      holdBy(file, holder.pid as number);
      assert.throws(
        () => acquireOwnerLock(file),
        (e: unknown) =>
          e instanceof MetaStoreLockedError &&
          e.message.includes(`is in use by ccr-syncer process ${holder.pid} (lock ${file}.lock)`),
      );
    } finally {
      holder.kill('SIGKILL');
    }
    holdBy(file, await deadPid());
    const lock = acquireOwnerLock(file);
    assert.equal(JSON.parse(readFileSync(lock.path, 'utf8')).pid, process.pid);
    assert.throws(() => acquireOwnerLock(file), /in use by ccr-syncer process \d+/, 'held by this process');
    lock.release();
    assert.equal(existsSync(lock.path), false);
  });

  it('takes over from a zombie (killed, not yet reaped by its parent)', async () => {
    const file = join(tempDir('ccr-lock-zombie'), 'ccr.db');
    // The short sleep exits after its parent has become `sleep 30`, which never reaps it: a zombie whose pid kill(0) still finds.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const line = await new Promise<string>((resolve) =>
        createInterface({ input: parent.stdout! }).once('line', resolve),
      );
      const zombie = Number(line);
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.match(readFileSync(`/proc/${zombie}/stat`, 'utf8'), /\) Z /, 'a zombie indeed');
      holdBy(file, zombie);
      acquireOwnerLock(file).release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('release leaves a lock that is not ours in place', () => {
    const file = join(tempDir('ccr-lock-release'), 'ccr.db');
    const lock = acquireOwnerLock(file);
    holdBy(file, 1); // replaced meanwhile (by hand, or a successor after a takeover)
    lock.release();
    assert.equal(existsSync(lock.path), true);
  });

  it('of six processes racing over a stale lock, exactly one wins', async () => {
    const file = join(tempDir('ccr-lock-race'), 'ccr.db');
    holdBy(file, await deadPid());
    const script = `const m = await import(${JSON.stringify(OWNER_LOCK_MODULE)});
      try { m.acquireOwnerLock(${JSON.stringify(file)}); console.log('won'); await new Promise((r) => setTimeout(r, 1500)); }
      catch (e) { console.log(e.name === 'MetaStoreLockedError' ? 'lost' : 'error ' + e.message); }`;
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => run(process.execPath, ['--input-type=module', '-e', script])),
    );
    const said = outcomes.map((o) => o.stdout.trim()).sort();
    assert.deepEqual(said, ['lost', 'lost', 'lost', 'lost', 'lost', 'won'], JSON.stringify(outcomes));
  });

  it('a store opened with ownerLock holds the lock until closed; without it, none is taken', async () => {
    const dir = tempDir('ccr-lock-store');
    const path = join(dir, 'ccr.db');
    const store = new SqliteMetaStore({ path, ownerLock: true });
    await store.init();
    await assert.rejects(new SqliteMetaStore({ path, ownerLock: true }).init(), MetaStoreLockedError);
    const tool = new SqliteMetaStore({ path });
    await tool.init();
    await tool.close();
    await store.close();
    assert.equal(existsSync(`${path}.lock`), false);
  });
});
