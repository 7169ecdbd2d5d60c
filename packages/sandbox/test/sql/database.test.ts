import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStatements } from '../../src/fe/sql/index.js';
import { column, int, parseAs, str, syntaxError, unsupported } from './support.js';

describe('databases', () => {
  it('parses CREATE DATABASE with IF NOT EXISTS and PROPERTIES', () => {
    assert.deepEqual(parseAs('CREATE DATABASE IF NOT EXISTS `TEST_sales`', 'CreateDatabaseStatement'), {
      kind: 'CreateDatabaseStatement',
      ifNotExists: true,
      database: 'TEST_sales',
      properties: [],
    });
    assert.deepEqual(
      parseAs(
        'CREATE DATABASE sales PROPERTIES ("binlog.enable" = "true", "binlog.ttl_seconds" = "86400")',
        'CreateDatabaseStatement',
      ).properties,
      [
        { key: 'binlog.enable', value: 'true' },
        { key: 'binlog.ttl_seconds', value: '86400' },
      ],
    );
  });

  it('parses DROP DATABASE [IF EXISTS] [FORCE]', () => {
    assert.deepEqual(parseAs('DROP DATABASE IF EXISTS sales FORCE', 'DropDatabaseStatement'), {
      kind: 'DropDatabaseStatement',
      ifExists: true,
      database: 'sales',
      force: true,
    });
    assert.equal(parseAs('drop schema s', 'DropDatabaseStatement').force, false);
  });

  it('parses ALTER DATABASE … SET PROPERTIES', () => {
    assert.deepEqual(
      parseAs(
        'ALTER DATABASE sales SET PROPERTIES ("binlog.enable" = "true", "binlog.ttl_seconds" = "86400")',
        'AlterDatabasePropertiesStatement',
      ),
      {
        kind: 'AlterDatabasePropertiesStatement',
        database: 'sales',
        properties: [
          { key: 'binlog.enable', value: 'true' },
          { key: 'binlog.ttl_seconds', value: '86400' },
        ],
      },
    );
    unsupported('ALTER DATABASE sales SET DATA QUOTA 10G');
    unsupported('ALTER DATABASE sales RENAME s2');
  });

  it('parses USE, SHOW DATABASES, SHOW CREATE DATABASE', () => {
    assert.deepEqual(parseAs('USE `Sales`', 'UseStatement'), { kind: 'UseStatement', database: 'Sales' });
    assert.deepEqual(parseAs('use internal.sales', 'UseStatement'), {
      kind: 'UseStatement',
      catalog: 'internal',
      database: 'sales',
    });
    assert.deepEqual(parseAs('SHOW DATABASES', 'ShowDatabasesStatement'), { kind: 'ShowDatabasesStatement' });
    assert.deepEqual(parseAs("SHOW DATABASES LIKE 'sales'", 'ShowDatabasesStatement'), {
      kind: 'ShowDatabasesStatement',
      like: 'sales',
    });
    assert.deepEqual(parseAs('SHOW CREATE DATABASE `sales`', 'ShowCreateDatabaseStatement'), {
      kind: 'ShowCreateDatabaseStatement',
      database: 'sales',
    });
  });

  it('requires quoted property keys and values', () => {
    syntaxError('CREATE DATABASE d PROPERTIES (binlog.enable = "true")');
    syntaxError('CREATE DATABASE d PROPERTIES ("replication_num" = 1)');
    syntaxError('CREATE DATABASE d PROPERTIES ()');
  });
});

describe('session statements', () => {
  it('parses SET NAMES forms', () => {
    assert.deepEqual(parseAs('SET NAMES utf8mb4', 'SetNamesStatement'), {
      kind: 'SetNamesStatement',
      charset: 'utf8mb4',
    });
    assert.deepEqual(parseAs("SET NAMES 'utf8mb4' COLLATE 'utf8mb4_general_ci'", 'SetNamesStatement'), {
      kind: 'SetNamesStatement',
      charset: 'utf8mb4',
      collation: 'utf8mb4_general_ci',
    });
  });

  it('parses variable assignments with scopes and bare-word values', () => {
    const set = parseAs(
      "SET autocommit = 1, @@session.sql_mode = 'STRICT', GLOBAL g = ON, @@x := DEFAULT, @u = 'v', charset_x = utf8mb4, nul = NULL",
      'SetVariablesStatement',
    );
    assert.deepEqual(set.assignments, [
      { scope: 'SESSION', name: 'autocommit', value: int(1) },
      { scope: 'SESSION', name: 'sql_mode', value: str('STRICT') },
      { scope: 'GLOBAL', name: 'g', value: column('ON') },
      { scope: 'SESSION', name: 'x', value: { kind: 'DefaultMarker' } },
      { scope: 'USER', name: 'u', value: str('v') },
      { scope: 'SESSION', name: 'charset_x', value: column('utf8mb4') },
      { scope: 'SESSION', name: 'nul', value: { kind: 'NullLiteral' } },
    ]);
  });

  it('parses transaction control words', () => {
    assert.deepEqual(parseStatements('BEGIN; COMMIT; ROLLBACK; BEGIN WITH LABEL l1'), [
      { kind: 'BeginStatement' },
      { kind: 'CommitStatement' },
      { kind: 'RollbackStatement' },
      { kind: 'BeginStatement', label: 'l1' },
    ]);
  });

  it('rejects unsupported SET forms', () => {
    assert.match(unsupported("SET PASSWORD FOR 'u' = PASSWORD('x')").construct, /SET PASSWORD/);
    unsupported('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    unsupported('SET SESSION TRANSACTION READ WRITE');
    unsupported('SET CHARACTER SET utf8');
  });
});
