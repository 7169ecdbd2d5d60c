import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { column, int, parseAs, str, syntaxError, unsupported } from './support.js';

describe('SHOW statements', () => {
  it('parses SHOW TABLES forms', () => {
    assert.deepEqual(parseAs("SHOW TABLES FROM `sales` LIKE 'orders'", 'ShowTablesStatement'), {
      kind: 'ShowTablesStatement',
      full: false,
      database: 'sales',
      like: 'orders',
    });
    assert.deepEqual(parseAs('SHOW FULL TABLES', 'ShowTablesStatement'), {
      kind: 'ShowTablesStatement',
      full: true,
    });
    assert.deepEqual(
      parseAs("show full tables in db where Table_type = 'VIEW'", 'ShowTablesStatement').where,
      {
        kind: 'BinaryExpression',
        operator: '=',
        left: column('Table_type'),
        right: str('VIEW'),
      },
    );
  });

  it('parses SHOW TABLE <id>, partitions and CREATE statements', () => {
    assert.deepEqual(parseAs('show table 21040', 'ShowTableIdStatement'), {
      kind: 'ShowTableIdStatement',
      tableId: 21040n,
    });
    assert.deepEqual(parseAs('SHOW PARTITIONS FROM db.t', 'ShowPartitionsStatement'), {
      kind: 'ShowPartitionsStatement',
      temporary: false,
      table: { database: 'db', table: 't' },
      orderBy: [],
    });
    const temp = parseAs(
      "SHOW TEMPORARY PARTITIONS FROM t WHERE PartitionName = 'tp1' ORDER BY PartitionId DESC LIMIT 1",
      'ShowPartitionsStatement',
    );
    assert.ok(temp.temporary);
    assert.deepEqual(temp.limit, { count: 1n });
    assert.deepEqual(parseAs('SHOW CREATE TABLE `sales`.`orders`', 'ShowCreateTableStatement').table, {
      database: 'sales',
      table: 'orders',
    });
    assert.deepEqual(parseAs('SHOW CREATE VIEW sales.v', 'ShowCreateViewStatement').view, {
      database: 'sales',
      table: 'v',
    });
  });

  it('parses cluster SHOW statements', () => {
    assert.deepEqual(parseAs('show backends', 'ShowBackendsStatement'), { kind: 'ShowBackendsStatement' });
    assert.deepEqual(parseAs('SHOW FRONTENDS', 'ShowFrontendsStatement'), { kind: 'ShowFrontendsStatement' });
    assert.deepEqual(parseAs("show proc '/dbs/10002/21040/partitions'", 'ShowProcStatement'), {
      kind: 'ShowProcStatement',
      path: '/dbs/10002/21040/partitions',
    });
    assert.deepEqual(
      parseAs('ADMIN SHOW FRONTEND CONFIG LIKE "%enable_feature_binlog%"', 'ShowFrontendConfigStatement'),
      {
        kind: 'ShowFrontendConfigStatement',
        admin: true,
        like: '%enable_feature_binlog%',
      },
    );
    assert.deepEqual(
      parseAs(
        "SHOW FRONTEND CONFIG LIKE 'enable_restore_snapshot_rpc_compression'",
        'ShowFrontendConfigStatement',
      ),
      { kind: 'ShowFrontendConfigStatement', admin: false, like: 'enable_restore_snapshot_rpc_compression' },
    );
    assert.deepEqual(parseAs('SHOW FRONTEND CONFIG', 'ShowFrontendConfigStatement'), {
      kind: 'ShowFrontendConfigStatement',
      admin: false,
    });
  });

  it('parses SHOW TRANSACTION with id and label conditions', () => {
    assert.deepEqual(parseAs('SHOW TRANSACTION FROM `sales` WHERE id = 7301', 'ShowTransactionStatement'), {
      kind: 'ShowTransactionStatement',
      database: 'sales',
      where: { kind: 'BinaryExpression', operator: '=', left: column('id'), right: int(7301) },
    });
    assert.deepEqual(parseAs("SHOW TRANSACTION WHERE label = 'l1'", 'ShowTransactionStatement').where, {
      kind: 'BinaryExpression',
      operator: '=',
      left: column('label'),
      right: str('l1'),
    });
    syntaxError('SHOW TRANSACTION FROM db');
  });

  it('parses SHOW ALTER TABLE', () => {
    const show = parseAs(
      "SHOW ALTER TABLE COLUMN FROM db WHERE TableName = 't' ORDER BY CreateTime DESC LIMIT 1",
      'ShowAlterTableStatement',
    );
    assert.equal(show.alterType, 'COLUMN');
    assert.equal(show.database, 'db');
    assert.equal(show.orderBy[0]?.direction, 'DESC');
    assert.deepEqual(show.limit, { count: 1n });
    assert.equal(parseAs('SHOW ALTER TABLE ROLLUP', 'ShowAlterTableStatement').alterType, 'ROLLUP');
    assert.equal(
      parseAs('SHOW ALTER TABLE MATERIALIZED VIEW FROM db', 'ShowAlterTableStatement').alterType,
      'MATERIALIZED VIEW',
    );
  });

  it('parses SHOW BACKUP / SHOW RESTORE exactly as the syncer sends them', () => {
    assert.deepEqual(
      parseAs(
        'SHOW BACKUP FROM `sales` WHERE SnapshotName = "ccrs_sales_job_3_1718000000"',
        'ShowBackupStatement',
      ),
      {
        kind: 'ShowBackupStatement',
        database: 'sales',
        where: {
          kind: 'BinaryExpression',
          operator: '=',
          left: column('SnapshotName'),
          right: str('ccrs_sales_job_3_1718000000'),
        },
      },
    );
    assert.deepEqual(parseAs('SHOW RESTORE FROM sales WHERE Label LIKE "ccrs_x%"', 'ShowRestoreStatement'), {
      kind: 'ShowRestoreStatement',
      brief: false,
      database: 'sales',
      where: { kind: 'LikeExpression', operand: column('Label'), pattern: str('ccrs_x%'), negated: false },
    });
    assert.deepEqual(parseAs('SHOW BRIEF RESTORE', 'ShowRestoreStatement'), {
      kind: 'ShowRestoreStatement',
      brief: true,
    });
    assert.deepEqual(parseAs('SHOW BACKUP', 'ShowBackupStatement'), { kind: 'ShowBackupStatement' });
  });

  it('parses SHOW VARIABLES, DATA, VIEW, COLUMNS, INDEX, DESC, WARNINGS', () => {
    assert.deepEqual(parseAs("SHOW VARIABLES LIKE 'lower_case%'", 'ShowVariablesStatement'), {
      kind: 'ShowVariablesStatement',
      like: 'lower_case%',
    });
    assert.equal(parseAs('SHOW GLOBAL VARIABLES', 'ShowVariablesStatement').scope, 'GLOBAL');
    assert.deepEqual(parseAs('SHOW DATA', 'ShowDataStatement'), { kind: 'ShowDataStatement', orderBy: [] });
    assert.deepEqual(parseAs('SHOW DATA FROM db.t', 'ShowDataStatement').from, {
      database: 'db',
      table: 't',
    });
    assert.deepEqual(parseAs('SHOW VIEW FROM t FROM db', 'ShowViewStatement').table, {
      database: 'db',
      table: 't',
    });
    assert.deepEqual(parseAs('SHOW VIEW FROM db.t', 'ShowViewStatement').table, {
      database: 'db',
      table: 't',
    });
    assert.deepEqual(parseAs('SHOW FULL COLUMNS FROM t', 'ShowColumnsStatement'), {
      kind: 'ShowColumnsStatement',
      full: true,
      table: { table: 't' },
    });
    assert.deepEqual(parseAs('SHOW INDEX FROM db.t', 'ShowIndexStatement').table, {
      database: 'db',
      table: 't',
    });
    assert.deepEqual(parseAs('DESC db.t ALL', 'DescribeStatement'), {
      kind: 'DescribeStatement',
      table: { database: 'db', table: 't' },
      all: true,
    });
    assert.equal(parseAs('describe t', 'DescribeStatement').all, false);
    assert.deepEqual(parseAs('SHOW WARNINGS LIMIT 5', 'ShowWarningsStatement'), {
      kind: 'ShowWarningsStatement',
      limit: { count: 5n },
    });
  });

  it('reports unsupported SHOW targets by name and unknown ones as syntax errors', () => {
    assert.equal(unsupported('SHOW PROCESSLIST').construct, 'SHOW PROCESSLIST');
    assert.equal(unsupported('SHOW ROUTINE LOAD').construct, 'SHOW ROUTINE');
    assert.equal(unsupported('SHOW CREATE MATERIALIZED VIEW mv ON t').construct, 'SHOW CREATE MATERIALIZED');
    assert.equal(unsupported('SHOW TABLE STATUS').construct, 'SHOW TABLE STATUS');
    syntaxError('SHOW NONSENSE');
    syntaxError('SHOW');
    syntaxError('SHOW PROC /dbs/');
  });
});
