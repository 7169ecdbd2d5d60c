#!/usr/bin/env node
// enable_db_binlog.sh without the mysql client: the same steps over mysql2. Parameters come from the
// environment (DORIS_HOST, DORIS_PORT, DORIS_USER, DORIS_PASSWORD, DORIS_DATABASE, BINLOG_TTL_SECONDS)
// so the password never shows on a command line.
import mysql from 'mysql2/promise';

const env = process.env;
const db = env.DORIS_DATABASE ?? '';
const ttl = env.BINLOG_TTL_SECONDS ?? '86400';
if (db === '' || !/^\d+$/.test(ttl)) {
  process.stderr.write('enable-db-binlog: DORIS_DATABASE and a numeric BINLOG_TTL_SECONDS are required\n');
  process.exit(2);
}

const ENABLED = '"binlog.enable" = "true"';
const PROPERTIES = `("binlog.enable" = "true", "binlog.ttl_seconds" = "${ttl}")`;
const quoteIdent = (name) => `\`${name.replaceAll('`', '``')}\``;
const quotedDb = quoteIdent(db);

/** The text of the single value column of a SHOW CREATE … answer. */
function createText(rows, column) {
  const row = rows[0];
  return row ? String(row[column] ?? '') : '';
}

const connection = await mysql.createConnection({
  host: env.DORIS_HOST ?? '127.0.0.1',
  port: Number(env.DORIS_PORT ?? '9030'),
  user: env.DORIS_USER ?? 'root',
  password: env.DORIS_PASSWORD ?? '',
});
try {
  const [dbRows] = await connection.query(`SHOW CREATE DATABASE ${quotedDb}`);
  if (createText(dbRows, 'Create Database').includes(ENABLED)) {
    console.log(`binlog is already enabled on database ${db}`);
  } else {
    const [tables] = await connection.query(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
      [db],
    );
    for (const { name } of tables) {
      const quotedTable = `${quotedDb}.${quoteIdent(String(name))}`;
      const [rows] = await connection.query(`SHOW CREATE TABLE ${quotedTable}`);
      const create = createText(rows, 'Create Table');
      if (!create.includes('ENGINE=OLAP')) {
        console.log(`skipping ${db}.${name}: not an OLAP table`);
      } else if (create.includes(ENABLED)) {
        console.log(`binlog already enabled on table ${db}.${name}`);
      } else {
        await connection.query(`ALTER TABLE ${quotedTable} SET ${PROPERTIES}`);
        console.log(`enabled binlog on table ${db}.${name}`);
      }
    }
    await connection.query(`ALTER DATABASE ${quotedDb} SET PROPERTIES ${PROPERTIES}`);
    console.log(`enabled binlog on database ${db}`);
  }
} catch (error) {
  process.stderr.write(`enable-db-binlog: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await connection.end().catch(() => undefined);
}
