import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAs, syntaxError, unsupported } from './support.js';

describe('ALTER SYSTEM / CANCEL DECOMMISSION / ADMIN SET REPLICA STATUS', () => {
  it('parses the backend clauses with one or several "host:port" or id strings', () => {
    assert.deepEqual(
      parseAs('ALTER SYSTEM ADD BACKEND "10.0.0.1:9050", "10.0.0.2:9050"', 'AlterSystemStatement'),
      {
        kind: 'AlterSystemStatement',
        clause: { kind: 'AddBackend', backends: ['10.0.0.1:9050', '10.0.0.2:9050'] },
      },
    );
    assert.deepEqual(
      parseAs(`alter system add backend 'h:9050' properties ("tag.location" = "g1")`, 'AlterSystemStatement')
        .clause,
      { kind: 'AddBackend', backends: ['h:9050'] },
    );
    assert.deepEqual(parseAs('ALTER SYSTEM DROP BACKEND "h:9050"', 'AlterSystemStatement').clause, {
      kind: 'DropBackend',
      force: false,
      backends: ['h:9050'],
    });
    assert.deepEqual(parseAs('ALTER SYSTEM DROPP BACKEND "10002"', 'AlterSystemStatement').clause, {
      kind: 'DropBackend',
      force: true,
      backends: ['10002'],
    });
    assert.deepEqual(parseAs('ALTER SYSTEM DECOMMISSION BACKEND "h:9050"', 'AlterSystemStatement').clause, {
      kind: 'DecommissionBackend',
      backends: ['h:9050'],
    });
    assert.deepEqual(
      parseAs('CANCEL DECOMMISSION BACKEND "h:9050", "10003"', 'CancelDecommissionBackendStatement'),
      {
        kind: 'CancelDecommissionBackendStatement',
        backends: ['h:9050', '10003'],
      },
    );
  });

  it('parses ADMIN SET REPLICA STATUS with its properties as written', () => {
    assert.deepEqual(
      parseAs(
        'ADMIN SET REPLICA STATUS PROPERTIES ("tablet_id" = "10003", "backend_id" = "10001", "status" = "drop")',
        'AdminSetReplicaStatusStatement',
      ),
      {
        kind: 'AdminSetReplicaStatusStatement',
        properties: [
          { key: 'tablet_id', value: '10003' },
          { key: 'backend_id', value: '10001' },
          { key: 'status', value: 'drop' },
        ],
      },
    );
  });

  it('refuses malformed statements and names the system clauses it does not support', () => {
    syntaxError('ALTER SYSTEM ADD BACKEND h:9050');
    syntaxError('ALTER SYSTEM DECOMMISSION BACKEND');
    syntaxError('CANCEL DECOMMISSION "h:9050"');
    syntaxError('ADMIN SET REPLICA STATUS ("tablet_id" = "1")');
    assert.equal(unsupported('ALTER SYSTEM ADD OBSERVER "h:9010"').construct, 'ALTER SYSTEM ADD OBSERVER');
    assert.equal(
      unsupported('ALTER SYSTEM MODIFY BACKEND "h:9050" SET ("tag.location" = "a")').construct,
      'ALTER SYSTEM MODIFY BACKEND',
    );
  });
});
