// A failpoint added to the syncer without a kill at it in the crash sweeps would leave that step's
// recovery untested: every `failpoint('name')` of the syncer's sources must be listed by the table-job
// sweep, and every one a database job passes by (all but the shared full sync of table jobs) by the
// database-job sweep. The sweeps are read as text, since importing a test file would run its tests.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

const ROOT = new URL('../../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The failpoints of the syncer's job steps, and apart those of its ownership (lease) code. */
function syncerFailpoints(): { steps: Set<string>; ownership: Set<string> } {
  const steps = new Set<string>();
  const ownership = new Set<string>();
  for (const file of sources(join(ROOT, 'syncer/src')))
    for (const m of readFileSync(file, 'utf8').matchAll(/\bfailpoint\('([a-z_]+)'\)/g))
      (file.endsWith('ownership.ts') ? ownership : steps).add(m[1]!);
  return { steps, ownership };
}

const sweep = (file: string) => readFileSync(join(ROOT, 'conformance/test', file), 'utf8');

it('the crash sweeps kill the syncer at every failpoint it has', () => {
  const { steps: points, ownership } = syncerFailpoints();
  // The takeover and handover of jobs between syncers are swept by the store tests (a shared server store).
  const takeover = readFileSync(join(ROOT, 'syncer/test/store/takeover-crash-sweep.test.ts'), 'utf8');
  assert.ok(ownership.size >= 3, `ownership failpoints found: ${[...ownership]}`);
  assert.deepEqual(
    [...ownership].filter((p) => !takeover.includes(`'${p}'`)),
    [],
    'ownership failpoints the takeover sweep does not list',
  );
  assert.ok(points.size >= 10, `failpoints found in the syncer: ${[...points]}`);
  const table = sweep('crash-sweep.test.ts');
  const db = sweep('crash-sweep-db.test.ts');
  assert.deepEqual(
    [...points].filter((p) => !table.includes(`'${p}'`)),
    [],
    'failpoints the table-job sweep does not list',
  );
  assert.deepEqual(
    [...points].filter((p) => !p.startsWith('shared_sync_') && !db.includes(`'${p}'`)),
    [],
    'failpoints the database-job sweep does not list',
  );
});
