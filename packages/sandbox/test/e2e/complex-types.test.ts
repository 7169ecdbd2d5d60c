// ARRAY, MAP, STRUCT and VARIANT columns as a client and CCR see them: the literal forms of INSERT, stream
// load in CSV and JSON, the text Doris renders over the MySQL protocol, element access, SHOW CREATE TABLE,
// the column type objects of a schema-change binlog record, and a backup restored into another cluster.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { readBinlogs, showCreate } from './alter-helpers.js';
import { backup, getSnapshot, restore } from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';
import { putStreamLoad } from './stream-load-client.js';

const TABLE = `CREATE TABLE ct.t (k INT, a ARRAY<INT>, aa ARRAY<ARRAY<STRING>>, m MAP<STRING, INT>,
    s STRUCT<f:INT, g:VARCHAR(16) COMMENT 'gee'>, v VARIANT)
  DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2
  PROPERTIES ("replication_num" = "1", "variant_enable_flatten_nested" = "true")`;

/** A ScalarType object of a binlog column as the protocol package reads it (integers as bigint). */
const scalar = (type: string, len: bigint) => ({ clazz: 'ScalarType', type, len, precision: 0n, scale: 0n });

async function streamLoad(sandbox: SandboxProcess, body: string, headers: Record<string, string>) {
  const result = await putStreamLoad(sandbox, 'ct', 't', body, headers);
  assert.equal(result.Status, 'Success', JSON.stringify(result));
}

describe('complex types', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE ct PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(TABLE);
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('INSERT literals and stream loads, rendered as Doris renders them', async () => {
    await conn.query(`INSERT INTO ct.t VALUES
      (1, [1, 2, NULL], [['x'], [], ['y', NULL]], {'a': 1, 'b': NULL}, named_struct('f', 1, 'g', 'one'),
          '{"key_1":"value_1","n":{"x":[1,2]}}'),
      (2, [], NULL, map('c', 3), struct(2, NULL), '[1, 2]'),
      (3, '[3]', '[["q"]]', '{"d":4}', '{"f":3, "g":"three"}', 12)`);
    await streamLoad(
      sandbox,
      '4\t[4,5]\t[["a","b"]]\t{"k":4}\t{4, "four"}\t{"x":{"y":1}}\n5\t\\N\t[]\t{}\t{"f":5,"g":null}\t{}\n',
      {
        label: 'ct_csv',
      },
    );
    await streamLoad(
      sandbox,
      JSON.stringify([
        { k: 6, a: [6, null], aa: [['z']], m: { q: 6 }, s: { g: 'six', f: 6 }, v: { deep: { er: [1, 2] } } },
        { k: 7, a: '[7]', m: '{"r":7}', s: '{"f":7,"g":"x"}', v: 70 },
      ]),
      { label: 'ct_json', format: 'json', strip_outer_array: 'true' },
    );
    assert.deepEqual(await query(conn, 'SELECT * FROM ct.t ORDER BY k'), [
      {
        k: 1,
        a: '[1, 2, null]',
        aa: '[["x"], [], ["y", null]]',
        m: '{"a":1, "b":null}',
        s: '{"f":1, "g":"one"}',
        v: '{"key_1":"value_1","n":{"x":[1,2]}}',
      },
      { k: 2, a: '[]', aa: null, m: '{"c":3}', s: '{"f":2, "g":null}', v: '[1,2]' },
      { k: 3, a: '[3]', aa: '[["q"]]', m: '{"d":4}', s: '{"f":3, "g":"three"}', v: '12' },
      { k: 4, a: '[4, 5]', aa: '[["a", "b"]]', m: '{"k":4}', s: '{"f":4, "g":"four"}', v: '{"x":{"y":1}}' },
      { k: 5, a: null, aa: '[]', m: '{}', s: '{"f":5, "g":null}', v: '{}' },
      {
        k: 6,
        a: '[6, null]',
        aa: '[["z"]]',
        m: '{"q":6}',
        s: '{"f":6, "g":"six"}',
        v: '{"deep":{"er":[1,2]}}',
      },
      { k: 7, a: '[7]', aa: null, m: '{"r":7}', s: '{"f":7, "g":"x"}', v: '70' },
    ]);
  });

  it('prepared statements (binary protocol) read the same text as plain queries', async () => {
    const sql = 'SELECT a, aa, m, s, v FROM ct.t WHERE k = ?';
    const [binary] = await conn.execute(sql, [1]);
    assert.deepEqual(binary, await query(conn, sql.replace('?', '1')));
  });

  it('elements, map values, struct fields and VARIANT members are read by subscript', async () => {
    assert.deepEqual(
      await query(
        conn,
        `SELECT k, a[1] AS first, a[-1] AS last, m['a'] AS ma, struct_element(s, 'g') AS g,
           v['key_1'] AS member, CAST(v['key_1'] AS TEXT) AS text, v['n']['x'] AS nested, size(a) AS n
         FROM ct.t WHERE k <= 2 ORDER BY k`,
      ),
      [
        {
          k: 1,
          first: 1,
          last: null,
          ma: 1,
          g: 'one',
          member: '"value_1"',
          text: 'value_1',
          nested: '[1,2]',
          n: '3',
        },
        { k: 2, first: null, last: null, ma: null, g: null, member: null, text: null, nested: null, n: '0' },
      ],
    );
    assert.deepEqual(
      await query(conn, `SELECT [1, 2] AS arr, {'a': [1]} AS mp, named_struct('x', 1.5) AS st`),
      [{ arr: '[1, 2]', mp: '{"a":[1]}', st: '{"x":1.5}' }],
    );
  });

  it('SHOW CREATE TABLE prints the types as Doris does and refuses them as keys', async () => {
    assert.match(
      await showCreate(conn, 'ct.t'),
      /`a` array<int> NULL,\n {2}`aa` array<array<text>> NULL,\n {2}`m` map<text,int> NULL,\n {2}`s` struct<f:int,g:varchar\(16\) COMMENT 'gee'> NULL,\n {2}`v` variant NULL/,
    );
    await assert.rejects(
      conn.query(
        'CREATE TABLE ct.bad (m MAP<INT, INT>, k INT) DUPLICATE KEY(m) DISTRIBUTED BY HASH(k) BUCKETS 1',
      ),
      /MAP should not be used in key column\[m\]/,
    );
  });

  it("an added MAP column is a schema-change record with Doris's MapType and sub-columns", async () => {
    const from = (await readBinlogs(sandbox, 'ct')).at(-1)?.commitSeq ?? -1n;
    await conn.query(`ALTER TABLE ct.t ADD COLUMN m2 MAP<INT, ARRAY<STRING>> NULL`);
    const [record] = (await readBinlogs(sandbox, 'ct', from)).filter((b) => b.type !== 'UPSERT');
    assert.equal(record?.record.kind, 'modifyTableAddOrDropColumns');
    if (record?.record.kind !== 'modifyTableAddOrDropColumns') return;
    const added = [...record.record.indexSchemaMap.values()][0]!.find((c) => c.name === 'm2')!;
    assert.deepEqual(added.type.raw, {
      clazz: 'MapType',
      keyType: scalar('INT', -1n),
      isKeyContainsNull: true,
      valueType: {
        clazz: 'ArrayType',
        itemType: scalar('STRING', 2147483643n),
        containsNull: true,
      },
      isValueContainsNull: true,
    });
    assert.deepEqual(
      added.children.map((c) => c.name),
      ['key', 'value'],
    );
    const struct = [...record.record.indexSchemaMap.values()][0]!.find((c) => c.name === 's')!;
    assert.deepEqual(struct.type.raw.fields, [
      {
        name: 'f',
        type: scalar('INT', -1n),
        comment: '',
        position: 0n,
        containsNull: true,
      },
      {
        name: 'g',
        type: scalar('VARCHAR', 16n),
        comment: 'gee',
        position: 1n,
        containsNull: true,
      },
    ]);
  });

  it('a backup restored into another cluster keeps every complex value', async () => {
    const target = await SandboxProcess.start();
    const dst = await target.connect();
    try {
      await dst.query('CREATE DATABASE ct');
      await backup(conn, 'ct', 'ct_snap', 'ON (t)');
      const snapshot = await getSnapshot(sandbox, 'ct', 'ct_snap');
      const row = await restore(sandbox, target, dst, snapshot, { db: 'ct', label_name: 'ct_snap_r' });
      assert.equal(row.State, 'FINISHED', JSON.stringify(row));
      const select = 'SELECT * FROM ct.t ORDER BY k';
      assert.deepEqual(await query(dst, select), await query(conn, select));
      assert.equal((await query(dst, select)).length, 7);
    } finally {
      await dst.end();
      await target.destroy();
    }
  });
});
