import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAs, syntaxError, unsupported } from './support.js';

describe('users and privileges', () => {
  it('parses CREATE USER with and without host, password and IF NOT EXISTS', () => {
    assert.deepEqual(parseAs("CREATE USER 'ccr'@'%' IDENTIFIED BY 'secret'", 'CreateUserStatement'), {
      kind: 'CreateUserStatement',
      ifNotExists: false,
      user: { user: 'ccr', host: '%' },
      password: 'secret',
    });
    assert.deepEqual(parseAs("create user if not exists 'Reader'", 'CreateUserStatement'), {
      kind: 'CreateUserStatement',
      ifNotExists: true,
      user: { user: 'Reader', host: '%' },
    });
    assert.deepEqual(parseAs("CREATE USER 'a'@'192.168.%'", 'CreateUserStatement').user, {
      user: 'a',
      host: '192.168.%',
    });
    assert.deepEqual(parseAs("CREATE USER 'a'@localhost", 'CreateUserStatement').user, {
      user: 'a',
      host: 'localhost',
    });
    assert.deepEqual(parseAs('CREATE USER `b`', 'CreateUserStatement').user, { user: 'b', host: '%' });
  });

  it('parses DROP USER', () => {
    assert.deepEqual(parseAs("DROP USER IF EXISTS 'ccr'@'%'", 'DropUserStatement'), {
      kind: 'DropUserStatement',
      ifExists: true,
      user: { user: 'ccr', host: '%' },
    });
  });

  it('parses GRANT with both privilege spellings and every scope form', () => {
    const grant = parseAs(
      "GRANT SELECT_PRIV, LOAD_PRIV, ALTER_PRIV, CREATE_PRIV, DROP_PRIV ON sales.* TO 'ccr'@'%'",
      'GrantStatement',
    );
    assert.deepEqual(grant.privileges, [
      'SELECT_PRIV',
      'LOAD_PRIV',
      'ALTER_PRIV',
      'CREATE_PRIV',
      'DROP_PRIV',
    ]);
    assert.deepEqual(grant.scope, { kind: 'DatabaseScope', database: 'sales' });
    assert.deepEqual(grant.user, { user: 'ccr', host: '%' });

    const short = parseAs("grant select, load, alter, create, drop, admin on *.* to 'u'", 'GrantStatement');
    assert.deepEqual(short.privileges, [
      'SELECT_PRIV',
      'LOAD_PRIV',
      'ALTER_PRIV',
      'CREATE_PRIV',
      'DROP_PRIV',
      'ADMIN_PRIV',
    ]);
    assert.deepEqual(short.scope, { kind: 'GlobalScope' });

    assert.deepEqual(parseAs("GRANT ALL ON db.tbl TO 'u'@'%'", 'GrantStatement').scope, {
      kind: 'TableScope',
      database: 'db',
      table: 'tbl',
    });
    assert.deepEqual(parseAs("GRANT ADMIN_PRIV ON internal.db.* TO 'u'", 'GrantStatement').scope, {
      kind: 'DatabaseScope',
      catalog: 'internal',
      database: 'db',
    });
    assert.deepEqual(parseAs("GRANT ALL PRIVILEGES ON *.*.* TO 'u'", 'GrantStatement').privileges, ['ALL']);
  });

  it('parses REVOKE … FROM', () => {
    const revoke = parseAs("REVOKE LOAD_PRIV ON `sales`.`orders` FROM 'ccr'@'%'", 'RevokeStatement');
    assert.deepEqual(revoke.privileges, ['LOAD_PRIV']);
    assert.deepEqual(revoke.scope, { kind: 'TableScope', database: 'sales', table: 'orders' });
  });

  it('parses SHOW GRANTS forms', () => {
    assert.deepEqual(parseAs('SHOW GRANTS', 'ShowGrantsStatement'), {
      kind: 'ShowGrantsStatement',
      all: false,
    });
    assert.deepEqual(parseAs("SHOW GRANTS FOR 'ccr'@'%'", 'ShowGrantsStatement'), {
      kind: 'ShowGrantsStatement',
      all: false,
      user: { user: 'ccr', host: '%' },
    });
    assert.deepEqual(parseAs('SHOW ALL GRANTS', 'ShowGrantsStatement'), {
      kind: 'ShowGrantsStatement',
      all: true,
    });
  });

  it('rejects unknown or unsupported privileges and scopes', () => {
    syntaxError("GRANT FLY_PRIV ON *.* TO 'u'");
    syntaxError("GRANT SELECT_PRIV ON db TO 'u'");
    syntaxError("GRANT SELECT_PRIV ON *.tbl TO 'u'");
    syntaxError('GRANT SELECT_PRIV ON db.*');
    assert.match(unsupported("GRANT NODE_PRIV ON *.* TO 'u'").construct, /NODE_PRIV/);
    assert.match(unsupported("GRANT 'role1' TO 'u'").construct, /roles/);
    assert.match(unsupported("GRANT SELECT_PRIV ON db.* TO ROLE 'r'").construct, /roles/);
    assert.match(unsupported("GRANT USAGE_PRIV ON RESOURCE 'r' TO 'u'").construct, /USAGE_PRIV/);
    assert.match(unsupported("CREATE USER 'u' IDENTIFIED BY PASSWORD '*ABC'").construct, /PASSWORD/);
  });
});
