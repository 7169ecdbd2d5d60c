import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAs, syntaxError, unsupported } from './support.js';

const FULL = [{ key: 'type', value: 'full' }];

describe('BACKUP / RESTORE / CANCEL', () => {
  it('parses the three BACKUP forms the syncer emits', () => {
    assert.deepEqual(
      parseAs(
        'BACKUP SNAPSHOT `sales`.`ccrs_sales_job_3_1718000000` TO `__keep_on_local__` ON ( `orders` ) PROPERTIES ("type" = "full")',
        'BackupStatement',
      ),
      {
        kind: 'BackupStatement',
        database: 'sales',
        label: 'ccrs_sales_job_3_1718000000',
        repository: '__keep_on_local__',
        on: [{ table: 'orders' }],
        properties: FULL,
      },
    );
    assert.deepEqual(
      parseAs(
        'BACKUP SNAPSHOT `sales`.`ccrs_j_1_1` TO `__keep_on_local__` ON ( `a`,`b` ) PROPERTIES ("type" = "full")',
        'BackupStatement',
      ).on,
      [{ table: 'a' }, { table: 'b' }],
    );
    const whole = parseAs(
      'BACKUP SNAPSHOT `sales`.`ccrs_j_1_1` TO `__keep_on_local__`  PROPERTIES ("type" = "full")',
      'BackupStatement',
    );
    assert.equal(whole.on, undefined);
    assert.equal(whole.exclude, undefined);
    assert.deepEqual(
      parseAs(
        'BACKUP SNAPSHOT `sales`.ccrp_sales_job_4_1718000300 TO `__keep_on_local__` ON (`orders` PARTITION (`p1`,`p2`)) PROPERTIES ("type" = "full")',
        'BackupStatement',
      ).on,
      [{ table: 'orders', partitions: ['p1', 'p2'] }],
    );
  });

  it('parses EXCLUDE and a label without database', () => {
    const backup = parseAs('BACKUP SNAPSHOT snap1 TO repo EXCLUDE (t1, t2)', 'BackupStatement');
    assert.equal(backup.database, undefined);
    assert.deepEqual(backup.exclude, [{ table: 't1' }, { table: 't2' }]);
    assert.deepEqual(backup.properties, []);
  });

  it('parses RESTORE SNAPSHOT with aliases and properties', () => {
    assert.deepEqual(
      parseAs(
        'RESTORE SNAPSHOT `dst`.`snap` FROM `__keep_on_local__` ON (`orders` PARTITION (`p1`) AS `__ccr_orders_1`, `refunds`) PROPERTIES ("reserve_replica" = "true", "is_being_synced" = "true")',
        'RestoreStatement',
      ),
      {
        kind: 'RestoreStatement',
        database: 'dst',
        label: 'snap',
        repository: '__keep_on_local__',
        on: [{ table: 'orders', partitions: ['p1'], alias: '__ccr_orders_1' }, { table: 'refunds' }],
        properties: [
          { key: 'reserve_replica', value: 'true' },
          { key: 'is_being_synced', value: 'true' },
        ],
      },
    );
    syntaxError('BACKUP SNAPSHOT db.l TO repo ON (t AS x)');
  });

  it('parses CANCEL BACKUP / RESTORE', () => {
    assert.deepEqual(parseAs('CANCEL RESTORE FROM `dst`', 'CancelRestoreStatement'), {
      kind: 'CancelRestoreStatement',
      database: 'dst',
    });
    assert.deepEqual(parseAs('CANCEL BACKUP FROM src', 'CancelBackupStatement'), {
      kind: 'CancelBackupStatement',
      database: 'src',
    });
    assert.deepEqual(parseAs('CANCEL BACKUP', 'CancelBackupStatement'), { kind: 'CancelBackupStatement' });
    assert.equal(unsupported('CANCEL LOAD FROM db').construct, 'CANCEL LOAD');
  });

  it('parses CANCEL ALTER TABLE of each job kind, with job ids', () => {
    assert.deepEqual(parseAs('CANCEL ALTER TABLE COLUMN FROM db.t', 'CancelAlterTableStatement'), {
      kind: 'CancelAlterTableStatement',
      alterType: 'COLUMN',
      table: { database: 'db', table: 't' },
      jobIds: [],
    });
    assert.deepEqual(
      parseAs('CANCEL ALTER TABLE MATERIALIZED VIEW FROM t (10, 11)', 'CancelAlterTableStatement'),
      {
        kind: 'CancelAlterTableStatement',
        alterType: 'MATERIALIZED_VIEW',
        table: { table: 't' },
        jobIds: [10n, 11n],
      },
    );
    assert.equal(
      parseAs('CANCEL ALTER TABLE ROLLUP FROM t', 'CancelAlterTableStatement').alterType,
      'ROLLUP',
    );
  });
});

describe('ADMIN', () => {
  it('parses ADMIN SET FRONTEND CONFIG', () => {
    assert.deepEqual(
      parseAs(
        'ADMIN SET FRONTEND CONFIG ("restore_reset_index_id" = "false")',
        'AdminSetFrontendConfigStatement',
      ),
      {
        kind: 'AdminSetFrontendConfigStatement',
        allFrontends: false,
        properties: [{ key: 'restore_reset_index_id', value: 'false' }],
      },
    );
    assert.ok(
      parseAs('ADMIN SET ALL FRONTENDS CONFIG ("a" = "b")', 'AdminSetFrontendConfigStatement').allFrontends,
    );
    assert.equal(unsupported('ADMIN CHECK TABLET (1, 2)').construct, 'ADMIN CHECK TABLET');
  });
});
