// The job file of `ccr apply`: defaults merged into each job, ${VAR} from the environment, and every
// mistake refused with the place it is in (before anything is sent to a syncer).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CtlError } from '../../src/ctl/errors.js';
import { readJobFile } from '../../src/ctl/job-file.js';

const dir = mkdtempSync(join(tmpdir(), 'jobfile-'));
let n = 0;
function file(text: string): string {
  const path = join(dir, `jobs${n++}.yaml`);
  writeFileSync(path, text);
  return path;
}

const CLUSTERS = `
defaults:
  src: { host: 10.0.0.1, port: 9030, thrift_port: 9020, user: ccr, password: "\${SRC_PW}" }
  dest: { host: 10.0.1.1, port: 9030, thrift_port: 9020, user: ccr, password: "\${DEST_PW}" }
`;

describe('ccr job files', () => {
  it('merges defaults into each job and takes $VAR references from the environment', () => {
    const jobs = readJobFile(
      file(`${CLUSTERS}
jobs:
  - name: orders
    src: { database: sales, table: orders }
    dest: { database: sales_dr, table: orders, host_mapping: { 192.168.0.5: 10.0.1.5 } }
  - name: crm
    src: { database: crm }
    dest: { database: crm_dr, user: other }
    include_tables: [customers, "order_*"]
    follow_recreated_table: false
`),
      { SRC_PW: 's3cret', DEST_PW: 'd$$x' },
    );
    assert.equal(jobs.length, 2);
    assert.deepEqual(jobs[0], {
      name: 'orders',
      src: {
        host: '10.0.0.1',
        port: '9030',
        thrift_port: '9020',
        user: 'ccr',
        password: 's3cret',
        database: 'sales',
        table: 'orders',
      },
      dest: {
        host: '10.0.1.1',
        port: '9030',
        thrift_port: '9020',
        user: 'ccr',
        password: 'd$$x',
        database: 'sales_dr',
        table: 'orders',
        host_mapping: { '192.168.0.5': '10.0.1.5' },
      },
    });
    assert.equal(jobs[1]!.dest.user, 'other');
    assert.deepEqual(jobs[1]!.include_tables, ['customers', 'order_*']);
    assert.equal(jobs[1]!.follow_recreated_table, false);
  });

  it('refuses mistakes with where they are', () => {
    const refused = (text: string, pattern: RegExp, env: NodeJS.ProcessEnv = { SRC_PW: '', DEST_PW: '' }) =>
      assert.throws(
        () => readJobFile(file(text), env),
        (e) => e instanceof CtlError && e.exitCode === 2 && pattern.test(e.message),
      );
    refused(
      `${CLUSTERS}\njobs:\n  - name: a\n    src: { database: d, table: t }\n    dest: { database: d2, table: t }\n`,
      /uses \$\{SRC_PW\}, which is not set/,
      {},
    );
    refused(
      `${CLUSTERS}\njobs:\n  - name: a\n    src: { database: d, table: t }\n    dest: { database: d2 }\n`,
      /job a: src.table and dest.table must both be set/,
    );
    refused(
      `${CLUSTERS}\njobs:\n  - name: a\n    src: { database: d, tabel: t }\n    dest: { database: d2 }\n`,
      /job a: src.tabel is not a spec key/,
    );
    refused(
      `jobs:\n  - name: a\n    src: { database: d }\n    dest: { database: d2 }\n`,
      /job a: src.host is missing/,
    );
    refused(
      `${CLUSTERS}\njobs:\n  - name: a\n    src: { database: d }\n    dest: { database: d2 }\n  - name: a\n    src: { database: d }\n    dest: { database: d3 }\n`,
      /job a is listed twice/,
    );
    refused(`jobs: [\n`, /not valid YAML/);
    refused(
      `${CLUSTERS}\njob:\n  - name: a\n`,
      /expected jobs: \[\.\.\.\] \(or one job with a name\); found defaults, job/,
    );
    assert.throws(() => readJobFile(join(dir, 'missing.yaml')), /missing.yaml: cannot read it: ENOENT/);
  });

  it('keeps a doubled dollar as a literal one', () => {
    const [job] = readJobFile(
      file(
        `${CLUSTERS}\njobs:\n  - name: a\n    src: { database: d }\n    dest: { database: d2, password: "p$\${x}" }\n`,
      ),
      { SRC_PW: '', DEST_PW: '' },
    );
    assert.equal(job!.dest.password, `p\${x}`);
  });
});

describe('deploy/jobs.example.yaml', () => {
  it('is a valid job file once its password variables are set', () => {
    const example = new URL('../../../../../deploy/jobs.example.yaml', import.meta.url).pathname;
    const jobs = readJobFile(example, { CCR_SRC_PASSWORD: 'a', CCR_DEST_PASSWORD: 'b' });
    assert.deepEqual(
      jobs.map((j) => [j.name, j.src.table ? 'table' : 'database', j.src.password, j.dest.password]),
      [
        ['sales_orders', 'table', 'a', 'b'],
        ['crm', 'database', 'a', 'b'],
      ],
    );
    assert.throws(() => readJobFile(example, {}), /uses \$\{CCR_SRC_PASSWORD\}, which is not set/);
  });
});
