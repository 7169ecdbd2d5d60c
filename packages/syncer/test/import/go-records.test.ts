// The Go syncer's documents as ours: ids and seqs beyond 2^53 kept exactly, the MySQL/PostgreSQL stores'
// base64 progress read, a database job's table mapping and per-table seqs carried over.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goJobRecord, goProgress } from '../../src/import/go-records.js';

const spec = (table: string, tableId: string) =>
  `{"host":"fe1","port":"9030","thrift_port":"9020","user":"ccr","password":"pw","cluster":"","database":"shop","db_id":9007199254740993,"table":"${table}","table_id":${tableId},"host_mapping":{"10.0.0.1":"1.2.3.4"}}`;

describe('Go syncer metadata', () => {
  it('reads a database job paused in DBTablesIncrementalSync from base64 progress', () => {
    const record = goJobRecord(
      `{"name":"db","sync_type":0,"src":${spec('', '0')},"dest":${spec('', '0')},"state":1,"extra":{"reuse_binlog_label":true}}`,
      5,
    );
    assert.equal(record.sync_type, 'db_sync');
    assert.equal(record.state, 'paused');
    assert.equal(record.src.db_id, '9007199254740993');
    assert.equal(record.src.table_id, undefined);
    assert.deepEqual(record.src.host_mapping, { '10.0.0.1': '1.2.3.4' });
    assert.deepEqual(record.extra, { reuse_binlog_label: true });
    const go = `{"sync_state":1,"sub_sync_state":{"state":-1,"binlog_type":-1},"prev_commit_seq":9007199254740995,"commit_seq":9007199254740995,
      "table_mapping":{"9007199254740997":"9007199254740999"},"table_name_mapping":{"9007199254740997":"orders","11":"items"},
      "table_commit_seq_map":{"9007199254740997":9007199254741001,"11":5}}`;
    const p = goProgress(Buffer.from(go).toString('base64'), record, 5);
    assert.deepEqual(p.position, { state: 'DBTablesIncrementalSync', step: 'idle' });
    assert.equal(p.prevCommitSeq, '9007199254740995');
    assert.deepEqual(p.tables['9007199254740997'], {
      name: 'orders',
      shadowIndexes: {},
      destId: '9007199254740999',
      commitSeq: '9007199254741001',
    });
    assert.deepEqual(
      p.tables['11'],
      { name: 'items', shadowIndexes: {} },
      'a seq already passed filters nothing',
    );
  });

  it('starts a full sync for a job caught with a transaction in flight', () => {
    const record = goJobRecord(
      `{"name":"t","sync_type":1,"src":${spec('a', '7')},"dest":${spec('a', '8')},"state":0}`,
      5,
    );
    const p = goProgress(
      '{"sync_state":501,"sub_sync_state":{"state":12,"binlog_type":0},"prev_commit_seq":10,"commit_seq":11}',
      record,
      5,
    );
    assert.equal(p.position.state, 'TableFullSync');
    assert.match(p.history[0]!.reason, /binlog in flight/);
  });
});
