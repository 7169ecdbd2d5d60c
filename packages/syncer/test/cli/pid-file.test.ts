// The PID file: exclusive creation, refusal while its owner lives, takeover of stale files, release.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { acquirePidFile, PidFileError, releasePidFile } from '../../src/cli/pid-file.js';
import { tempDir } from './process-helpers.js';

describe('PID file', () => {
  it('is written with our pid and removed on release', () => {
    const path = join(tempDir('ccr-pid'), 'sub', '127.0.0.1_9190.pid');
    acquirePidFile(path);
    assert.equal(readFileSync(path, 'utf8'), `${process.pid}\n`);
    releasePidFile(path);
    assert.equal(existsSync(path), false);
  });

  it('refuses to start while the owner is alive', () => {
    const path = join(tempDir('ccr-pid'), 'x.pid');
    // The parent of the test runner is surely alive and is not us.
    writeFileSync(path, `${process.ppid}\n`);
    assert.throws(
      () => acquirePidFile(path),
      (error: unknown) => {
        assert.ok(error instanceof PidFileError);
        assert.match(error.message, new RegExp(`Syncer running as process ${process.ppid} .*Stop it first`));
        return true;
      },
    );
    assert.equal(readFileSync(path, 'utf8'), `${process.ppid}\n`);
  });

  it('takes over a stale file (dead pid or garbage)', () => {
    const dir = tempDir('ccr-pid');
    for (const content of ['999999999\n', 'not a pid', '']) {
      const path = join(dir, 'stale.pid');
      writeFileSync(path, content);
      acquirePidFile(path);
      assert.equal(readFileSync(path, 'utf8'), `${process.pid}\n`);
      releasePidFile(path);
    }
  });

  it('leaves a file that another process has taken over', () => {
    const path = join(tempDir('ccr-pid'), 'y.pid');
    writeFileSync(path, `${process.ppid}\n`);
    releasePidFile(path);
    assert.equal(existsSync(path), true);
  });
});
