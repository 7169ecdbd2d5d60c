// VARIANT columns as a Doris 2.1/3.0 client sees them over the MySQL protocol: the document and its
// subcolumns (`v['a']['b']`) rendered as Doris renders them, `variant_enable_flatten_nested` reading arrays
// of objects as nested columns (`v['nested']['a']` is one entry per element), CAST of subcolumns, WHERE
// comparisons that cast the member, the ORDER BY / GROUP BY refusal, DESC with and without
// `describe_extend_variant_column`, the BE's "Ambiguous paths" refusal, stream load in JSON, and a
// backup restored into another cluster with the same answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type mysql from 'mysql2/promise';
import { showCreate } from './alter-helpers.js';
import { backup, getSnapshot, restore } from './backup-restore-helpers.js';
import { query, SandboxProcess } from './sandbox-process.js';
import { putStreamLoad } from './stream-load-client.js';

const table = (name: string, flatten: boolean) => `CREATE TABLE vt.${name} (k INT, v VARIANT)
  DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1
  PROPERTIES ("replication_num" = "1"${flatten ? ', "variant_enable_flatten_nested" = "true"' : ''})`;

const NESTED = '{"nested":[{"a":1,"c":1.1},{"b":"1"}]}';

/** The subcolumn reads of the scenarios, over every row. */
const SUBCOLUMNS = `SELECT k, v, v['nested']['a'] AS a, v['nested']['b'] AS b, v['nested']['c'] AS c,
  v['nested'] AS n, v['x']['y'] AS y, v['s'] AS s, v['a'] AS top`;

const ONLY_METRIC =
  "errCode = 2, detailMessage = Doris hll, bitmap, array, map, struct, jsonb, variant column must use with specific function, and don't support filter, group by or order by. please run 'help hll' or 'help bitmap' or 'help array' or 'help map' or 'help struct' or 'help jsonb' or 'help variant' in your mysql client.";

describe('VARIANT', () => {
  let sandbox: SandboxProcess;
  let conn: mysql.Connection;
  before(async () => {
    sandbox = await SandboxProcess.start();
    conn = await sandbox.connect();
    await conn.query(`CREATE DATABASE vt PROPERTIES ("binlog.enable" = "true")`);
    await conn.query(table('flat', true));
    await conn.query(table('plain', false));
    for (const name of ['flat', 'plain']) {
      await conn.query(`INSERT INTO vt.${name} VALUES (1, '${NESTED}')`);
      const loaded = await putStreamLoad(
        sandbox,
        'vt',
        name,
        `${JSON.stringify({ k: 2, v: { x: { y: 3 }, s: 'str' } })}\n${JSON.stringify({ k: 3, v: [{ a: 5 }, { a: 6, b: 'q' }] })}\n`,
        { label: `json_${name}`, format: 'json', read_json_by_line: 'true' },
      );
      assert.equal(loaded.Status, 'Success', JSON.stringify(loaded));
    }
  });
  after(async () => {
    await conn?.end();
    await sandbox?.destroy();
  });

  it('flattened nested arrays read one entry per element; plain tables keep the JSON', async () => {
    assert.deepEqual(await query(conn, `${SUBCOLUMNS} FROM vt.flat ORDER BY k`), [
      {
        k: 1,
        v: NESTED,
        a: '[1, null]',
        b: '[null, "1"]',
        c: '[1.1, null]',
        n: '[{"a":1,"c":1.1}, {"b":"1"}]',
        y: null,
        s: null,
        top: null,
      },
      {
        k: 2,
        v: '{"x":{"y":3},"s":"str"}',
        a: null,
        b: null,
        c: null,
        n: null,
        y: '3',
        s: '"str"',
        top: null,
      },
      {
        k: 3,
        v: '[{"a":5},{"a":6,"b":"q"}]',
        a: null,
        b: null,
        c: null,
        n: null,
        y: null,
        s: null,
        top: '[5, 6]',
      },
    ]);
    const [plain] = await query(conn, `${SUBCOLUMNS} FROM vt.plain WHERE k = 1`);
    assert.deepEqual(plain, {
      k: 1,
      v: NESTED,
      a: null,
      b: null,
      c: null,
      n: '[{"a":1,"c":1.1},{"b":"1"}]',
      y: null,
      s: null,
      top: null,
    });
  });

  it('a prepared statement (binary protocol) reads the same text', async () => {
    const sql = `${SUBCOLUMNS} FROM vt.flat WHERE k = ?`;
    for (const k of [1, 3]) {
      const [binary] = await conn.execute(sql, [k]);
      assert.deepEqual(binary, await query(conn, sql.replace('?', String(k))));
    }
  });

  it('subcolumns cast, compare and sort through CAST as in Doris', async () => {
    assert.deepEqual(
      await query(
        conn,
        `SELECT k, CAST(v['nested']['a'] AS ARRAY<INT>) AS ai, size(CAST(v['nested']['b'] AS ARRAY<STRING>)) AS nb,
           CAST(v['nested']['a'] AS INT) AS scalar, CAST(v['x']['y'] AS INT) AS y, CAST(v['s'] AS STRING) AS s
         FROM vt.flat ORDER BY k`,
      ),
      [
        { k: 1, ai: '[1, null]', nb: '2', scalar: null, y: null, s: null },
        { k: 2, ai: null, nb: null, scalar: null, y: 3, s: 'str' },
        { k: 3, ai: null, nb: null, scalar: null, y: null, s: null },
      ],
    );
    assert.deepEqual(await query(conn, `SELECT k FROM vt.flat WHERE v['x']['y'] = 3`), [{ k: 2 }]);
    assert.deepEqual(await query(conn, `SELECT k FROM vt.flat WHERE v['s'] = 'str'`), [{ k: 2 }]);
    assert.deepEqual(await query(conn, `SELECT k FROM vt.flat WHERE v['x']['y'] > 5`), []);
    assert.deepEqual(await query(conn, `SELECT k FROM vt.flat ORDER BY CAST(v['x']['y'] AS INT) DESC, k`), [
      { k: 2 },
      { k: 1 },
      { k: 3 },
    ]);
  });

  it('refuses a VARIANT as a sort or group key with Doris message', async () => {
    for (const sql of [
      'SELECT k FROM vt.flat ORDER BY v',
      "SELECT k FROM vt.flat ORDER BY v['x']['y']",
      'SELECT v, COUNT(*) FROM vt.flat GROUP BY v',
      "SELECT COUNT(*) FROM vt.flat GROUP BY v['s']",
    ]) {
      await assert.rejects(conn.query(sql), { errno: 1105, message: ONLY_METRIC }, sql);
    }
  });

  it('DESC shows the column; with describe_extend_variant_column its typed subcolumns', async () => {
    const desc = await query(conn, 'DESC vt.flat');
    assert.deepEqual(
      desc.map((r) => [r.Field, r.Type]),
      [
        ['k', 'int'],
        ['v', 'variant'],
      ],
    );
    await conn.query('SET describe_extend_variant_column = true');
    try {
      assert.deepEqual(
        (await query(conn, 'DESC vt.flat')).map((r) => [r.Field, r.Type, r.Extra]),
        [
          ['k', 'int', ''],
          ['v', 'variant', 'NONE'],
          ['v.a', 'array<tinyint>', 'NONE'],
          ['v.b', 'array<text>', 'NONE'],
          ['v.nested.a', 'array<tinyint>', 'NONE'],
          ['v.nested.b', 'array<text>', 'NONE'],
          ['v.nested.c', 'array<double>', 'NONE'],
          ['v.s', 'text', 'NONE'],
          ['v.x.y', 'tinyint', 'NONE'],
        ],
      );
      assert.deepEqual(
        (await query(conn, 'DESC vt.plain')).map((r) => [r.Field, r.Type]),
        [
          ['k', 'int'],
          ['v', 'variant'],
          ['v.nested', 'json'],
          ['v.s', 'text'],
          ['v.x.y', 'tinyint'],
        ],
      );
    } finally {
      await conn.query('SET describe_extend_variant_column = false');
    }
  });

  it('refuses a path both nested and not, by INSERT and by stream load, and writes nothing', async () => {
    const before = await query(conn, 'SELECT k, v FROM vt.flat ORDER BY k');
    await assert.rejects(conn.query(`INSERT INTO vt.flat VALUES (4, '{"nested":{"a":2.5}}')`), {
      errno: 1105,
      message:
        'errCode = 2, detailMessage = [DATA_QUALITY_ERROR]Ambiguous paths: nested.a vs nested.a with different nested part false vs true',
    });
    await assert.rejects(
      conn.query(`INSERT INTO vt.flat VALUES (5, '{"m":[{"a":1}]}'), (6, '{"m":{"a":1}}')`),
      /Ambiguous paths: m\.a vs m\.a with different nested part false vs true/,
    );
    const loaded = await putStreamLoad(sandbox, 'vt', 'flat', '{"k":7,"v":{"nested":{"b":"x"}}}', {
      label: 'ambiguous',
      format: 'json',
    });
    assert.equal(loaded.Status, 'Fail');
    assert.match(String(loaded.Message), /Ambiguous paths: nested\.b vs nested\.b/);
    assert.deepEqual(await query(conn, 'SELECT k, v FROM vt.flat ORDER BY k'), before);
    // the same documents are fine in a table without flattening
    await conn.query(`INSERT INTO vt.plain VALUES (4, '{"nested":{"a":2.5}}')`);
    assert.deepEqual(await query(conn, `SELECT v['nested']['a'] AS a FROM vt.plain WHERE k = 4`), [
      { a: '2.5' },
    ]);
  });

  it('a backup restored into another cluster keeps the property and every answer', async () => {
    const target = await SandboxProcess.start();
    const dst = await target.connect();
    try {
      await dst.query('CREATE DATABASE vt');
      await backup(conn, 'vt', 'vt_snap', 'ON (flat)');
      const snapshot = await getSnapshot(sandbox, 'vt', 'vt_snap');
      const row = await restore(sandbox, target, dst, snapshot, { db: 'vt', label_name: 'vt_snap_r' });
      assert.equal(row.State, 'FINISHED', JSON.stringify(row));
      assert.match(await showCreate(dst, 'vt.flat'), /"variant_enable_flatten_nested" = "true"/);
      const sql = `${SUBCOLUMNS} FROM vt.flat ORDER BY k`;
      assert.deepEqual(await query(dst, sql), await query(conn, sql));
      await assert.rejects(
        dst.query(`INSERT INTO vt.flat VALUES (9, '{"nested":{"c":1}}')`),
        /Ambiguous paths: nested\.c/,
      );
    } finally {
      await dst.end();
      await target.destroy();
    }
  });
});
