import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import {
  ClusterSql,
  DorisSqlError,
  MissingColumnError,
  quoteIdent,
  quoteString,
} from '../../src/clients/index.js';
import { type Sandbox, startSandbox } from './cluster-binary.js';

const PASSWORD = 'Pw-Secret-9876';

describe('ClusterSql against a sandbox', () => {
  let sandbox: Sandbox;
  let sql: ClusterSql;

  before(async () => {
    sandbox = await startSandbox({ backends: 2 });
    sql = new ClusterSql(sandbox.spec());
  });
  after(async () => {
    await sql?.close();
    await sandbox?.stop();
  });

  test('frontends() lists the FE with its ports and master flag', async () => {
    const fes = await sql.frontends();
    assert.deepEqual(fes, [
      {
        host: '127.0.0.1',
        port: String(sandbox.queryPort),
        thrift_port: String(sandbox.rpcPort),
        is_master: true,
      },
    ]);
  });

  test('backends() reads id, host and ports of every BE', async () => {
    const bes = await sql.backends();
    assert.deepEqual(
      bes.map((b) => ({ id: b.id, host: b.host, bePort: b.bePort, httpPort: b.httpPort })),
      sandbox.backends.map((b) => ({
        id: BigInt(b.id),
        host: '127.0.0.1',
        bePort: b.bePort,
        httpPort: b.httpPort,
      })),
    );
    for (const b of bes) assert.equal(typeof b.brpcPort, 'number');
  });

  test('feConfig() returns the exact key, or undefined', async () => {
    assert.deepEqual(await sql.feConfig('enable_feature_binlog'), {
      key: 'enable_feature_binlog',
      value: 'true',
    });
    assert.equal((await sql.feConfig('enable_restore_snapshot_rpc_compression'))?.value, 'true');
    assert.equal(await sql.feConfig('no_such_config_key'), undefined);
  });

  test('databases: exists, create if not exists, show create, id', async () => {
    assert.equal(await sql.databaseExists('ccr_sql_a'), false);
    await sql.createDatabaseIfNotExists('ccr_sql_a');
    await sql.createDatabaseIfNotExists('ccr_sql_a');
    assert.equal(await sql.databaseExists('ccr_sql_a'), true);
    assert.match(await sql.showCreateDatabase('ccr_sql_a'), /^CREATE DATABASE `ccr_sql_a`/);

    await sql.execute(
      'CREATE DATABASE `ccr_sql_b` PROPERTIES ("binlog.enable" = "true", "binlog.ttl_seconds" = "86400")',
    );
    assert.ok((await sql.showCreateDatabase('ccr_sql_b')).includes('"binlog.enable" = "true"'));

    const rows = await sql.query("show proc '/dbs/'");
    const listed = rows.find((r) => r.string('DbName') === 'ccr_sql_b');
    assert.ok(listed);
    assert.equal(await sql.dbId('ccr_sql_b'), listed.int64('DbId'));
    assert.equal(typeof (await sql.dbId('ccr_sql_b')), 'bigint');
    assert.equal(await sql.dbId('ccr_sql_missing'), undefined);
  });

  test('existence checks compare names exactly: `_` is not a wildcard', async () => {
    await sql.createDatabaseIfNotExists('ccr_sql_axb');
    assert.equal(await sql.databaseExists('ccr_sql_a_b'), false);
    assert.equal(await sql.databaseExists('ccr_sql_axb'), true);
  });

  test('tables: exists, show create, ids with types', async () => {
    await sql.createDatabaseIfNotExists('ccr_sql_t');
    assert.equal(await sql.tableExists('ccr_sql_t', 'orders'), false);
    await sql.execute(
      'CREATE TABLE `ccr_sql_t`.`orders` (`k` INT, `v` INT) DUPLICATE KEY(`k`) ' +
        'DISTRIBUTED BY HASH(`k`) BUCKETS 2 PROPERTIES ("replication_num" = "1", ' +
        '"binlog.enable" = "true", "light_schema_change" = "true")',
    );
    // LIKE 'o_ders' also matches `orders`; the check must still say no.
    assert.equal(await sql.tableExists('ccr_sql_t', 'o_ders'), false);
    await sql.execute(
      'CREATE TABLE `ccr_sql_t`.`o_ders` (`k` INT) DISTRIBUTED BY HASH(`k`) BUCKETS 1 ' +
        'PROPERTIES ("replication_num" = "1")',
    );
    assert.equal(await sql.tableExists('ccr_sql_t', 'o_ders'), true);
    await sql.execute('CREATE VIEW `ccr_sql_t`.`orders_view` AS SELECT `k` FROM `ccr_sql_t`.`orders`');
    assert.equal(await sql.tableExists('ccr_sql_t', 'orders'), true);
    assert.equal(await sql.tableExists('ccr_sql_t', 'orders_view'), true);

    const ddl = await sql.showCreateTable('ccr_sql_t', 'orders');
    assert.ok(ddl.includes('"binlog.enable" = "true"'));
    assert.ok(ddl.includes('"light_schema_change" = "true"'));

    const dbId = await sql.dbId('ccr_sql_t');
    assert.ok(dbId !== undefined);
    const tables = await sql.tableIds(dbId);
    const byName = new Map(tables.map((t) => [t.name, t]));
    assert.equal(byName.get('orders')?.type, 'OLAP');
    assert.equal(byName.get('orders_view')?.type, 'VIEW');
    assert.equal(typeof byName.get('orders')?.id, 'bigint');
  });

  test('a failing statement becomes DorisSqlError with errno and the Doris message', async () => {
    const statement = 'SELECT * FROM `ccr_no_such_db`.`t`';
    const error = await sql.query(statement).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DorisSqlError);
    assert.equal(error.errno, 1049);
    assert.ok(error.messageIncludes("Unknown database 'ccr_no_such_db'"), error.dorisMessage);
    assert.equal(error.statement, statement);
    assert.equal(error.address, `127.0.0.1:${sandbox.queryPort}`);
    assert.equal(error.isConnectionError, false);
    assert.ok(error.message.includes(error.dorisMessage));

    const ddl = await sql.execute('DROP TABLE `ccr_sql_t`.`no_such_table`').then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(ddl instanceof DorisSqlError);
    assert.equal(typeof ddl.errno, 'number');
    assert.ok(ddl.messageIncludes('Unknown table'), ddl.dorisMessage);
  });

  test('reading a column the result lacks names that column', async () => {
    const [row] = await sql.query('show backends');
    assert.ok(row);
    assert.throws(
      () => row.string('NoSuchColumn'),
      (e: unknown) =>
        e instanceof MissingColumnError &&
        e.column === 'NoSuchColumn' &&
        e.message.includes("'NoSuchColumn'") &&
        e.message.includes('show backends'),
    );
  });

  test('the password never shows in errors, and the client does not expose it', async () => {
    await sql.execute(`CREATE USER 'ccr_pw_user'@'%' IDENTIFIED BY ${quoteString(PASSWORD)}`);
    await sql.execute("GRANT ADMIN_PRIV ON *.* TO 'ccr_pw_user'@'%'");
    const good = new ClusterSql(sandbox.spec({ user: 'ccr_pw_user', password: PASSWORD }));
    const wrong = new ClusterSql(sandbox.spec({ user: 'ccr_pw_user', password: `${PASSWORD}-wrong` }));
    const closedPort = new ClusterSql(sandbox.spec({ user: 'ccr_pw_user', password: PASSWORD, port: '1' }), {
      connectTimeoutMs: 2000,
    });
    try {
      assert.equal((await good.frontends()).length, 1);
      assert.ok(!inspect(good, { depth: 10 }).includes(PASSWORD));
      assert.ok(!JSON.stringify(good).includes(PASSWORD));

      const denied = await wrong.frontends().then(
        () => assert.fail('expected access denied'),
        (e: unknown) => e,
      );
      assert.ok(denied instanceof DorisSqlError);
      assert.equal(denied.errno, 1045);
      assertNoPassword(denied);

      const refused = await closedPort.frontends().then(
        () => assert.fail('expected a connection error'),
        (e: unknown) => e,
      );
      assert.ok(refused instanceof DorisSqlError);
      assert.equal(refused.isConnectionError, true);
      assert.equal(refused.errno, undefined);
      assertNoPassword(refused);

      // A statement that itself carries the password is scrubbed from the error too.
      const echoed = await good.query(`SELECT * FROM \`${PASSWORD}\`.\`t\``).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(echoed instanceof DorisSqlError);
      assertNoPassword(echoed);
    } finally {
      await Promise.all([good.close(), wrong.close(), closedPort.close()]);
    }
  });

  test('after close() statements fail and close() is idempotent', async () => {
    const extra = new ClusterSql(sandbox.spec());
    assert.equal((await extra.frontends()).length, 1);
    await extra.close();
    await extra.close();
    await assert.rejects(extra.query('show backends'), DorisSqlError);
  });
});

function assertNoPassword(error: DorisSqlError): void {
  for (const text of [error.message, error.dorisMessage, error.statement, String(error), inspect(error)]) {
    assert.ok(!text.includes(PASSWORD), `password leaked into: ${text}`);
  }
}

describe('quoting', () => {
  test('identifiers are trimmed and backticks doubled', () => {
    assert.equal(quoteIdent(' db '), '`db`');
    assert.equal(quoteIdent('a`b'), '`a``b`');
  });
  test('string literals escape quotes and backslashes', () => {
    assert.equal(quoteString(`it's "x" \\ y`), `'it\\'s \\"x\\" \\\\ y'`);
  });
});
