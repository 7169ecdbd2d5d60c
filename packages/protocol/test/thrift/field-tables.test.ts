// Every declared struct against its field table, transcribed by hand from shared/doris/fe-thrift.md (§1.2,
// §2, §6) and be-ingest.md (§2): a declared field must have the id, name, type and requiredness the notes
// give (declarations may leave out fields the syncer and sandbox never use: unknown fields are skipped on
// the wire). Round trips cannot catch a wrong id or type — encoder and decoder share the declaration.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StructDef, ThriftType } from '../../src/index.js';
import * as protocol from '../../src/index.js';

/** `id name type`, `req` appended for required fields; enums are i32 on the wire. */
const NOTES: Record<string, string> = {
  // fe-thrift.md §1.2: the answer to an unknown method
  TApplicationException: '1 message string; 2 type i32',
  // fe-thrift.md §2
  TStatus: '1 status_code i32 req; 2 error_msgs list<string>',
  TNetworkAddress: '1 hostname string req; 2 port i32 req',
  TUniqueId: '1 hi i64 req; 2 lo i64 req',
  TTabletCommitInfo: '1 tabletId i64 req; 2 backendId i64 req; 3 invalid_dict_cols list<string>',
  TBackend:
    '1 host string req; 2 be_port i32 req; 3 http_port i32 req; 4 brpc_port i32; 5 is_alive bool; 6 id i64',
  TSubTxnInfo:
    '1 sub_txn_id i64; 2 table_id i64; 3 tablet_commit_infos list<TTabletCommitInfo>; 4 sub_txn_type i32',
  TTableRef: '1 table string; 3 alias_name string',
  TBinlog:
    '1 commit_seq i64; 2 timestamp i64; 3 type i32; 4 db_id i64; 5 table_ids list<i64>; 6 data string; ' +
    '7 belong i64; 8 table_ref i64; 9 remove_enable_cache bool',
  // §6.1–6.3
  TBeginTxnRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 db string; 5 table_ids list<i64>; 6 user_ip string; ' +
    '7 label string; 8 auth_code i64; 9 timeout i64; 10 request_id TUniqueId; 11 token string; ' +
    '12 backend_id i64; 13 sub_txn_num i64',
  TBeginTxnResult:
    '1 status TStatus; 2 txn_id i64; 3 job_status string; 4 db_id i64; 5 master_address TNetworkAddress; ' +
    '6 sub_txn_ids list<i64>',
  TCommitTxnRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 db string; 5 user_ip string; 6 txn_id i64; ' +
    '7 commit_infos list<TTabletCommitInfo>; 8 auth_code i64; 9 txn_commit_attachment TTxnCommitAttachment; ' +
    '10 thrift_rpc_timeout_ms i64; 11 token string; 12 db_id i64; 13 txn_insert bool; ' +
    '14 sub_txn_infos list<TSubTxnInfo>; 15 only_commit bool',
  TCommitTxnResult: '1 status TStatus; 2 master_address TNetworkAddress',
  TRollbackTxnRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 db string; 5 user_ip string; 6 txn_id i64; ' +
    '7 reason string; 9 auth_code i64; 10 txn_commit_attachment TTxnCommitAttachment; 11 token string; ' +
    '12 db_id i64',
  TRollbackTxnResult: '1 status TStatus; 2 master_address TNetworkAddress',
  // §6.4–6.5 (TGetBinlogLagRequest is a typedef of TGetBinlogRequest)
  TGetBinlogRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 db string; 5 table string; 6 table_id i64; ' +
    '7 user_ip string; 8 token string; 9 prev_commit_seq i64; 10 num_acquired i64; 11 allow_follower_read bool',
  TGetBinlogResult:
    '1 status TStatus; 2 next_commit_seq i64; 3 binlogs list<TBinlog>; 4 fe_version string; ' +
    '5 fe_meta_version i64; 6 master_address TNetworkAddress',
  TGetBinlogLagResult:
    '1 status TStatus; 2 lag i64; 3 master_address TNetworkAddress; 4 first_commit_seq i64; ' +
    '5 last_commit_seq i64; 6 first_binlog_timestamp i64; 7 last_binlog_timestamp i64; ' +
    '8 next_commit_seq i64; 9 next_binlog_timestamp i64',
  // §6.6–6.8
  TGetSnapshotRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 db string; 5 table string; 6 token string; ' +
    '7 label_name string; 8 snapshot_name string; 9 snapshot_type i32; 10 enable_compress bool',
  TGetSnapshotResult:
    '1 status TStatus; 2 meta binary; 3 job_info binary; 4 master_address TNetworkAddress; ' +
    '5 compressed bool; 6 expiredAt i64; 7 commit_seq i64',
  TRestoreSnapshotRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 db string; 5 table string; 6 token string; ' +
    '7 label_name string; 8 repo_name string; 9 table_refs list<TTableRef>; ' +
    '10 properties map<string,string>; 11 meta binary; 12 job_info binary; 13 clean_tables bool; ' +
    '14 clean_partitions bool; 15 atomic_restore bool; 16 compressed bool; 17 force_replace bool',
  TRestoreSnapshotResult: '1 status TStatus; 2 master_address TNetworkAddress',
  TGetMasterTokenRequest: '1 cluster string; 2 user string; 3 password string',
  TGetMasterTokenResult: '1 status TStatus; 2 token string; 3 master_address TNetworkAddress',
  // §6.9
  TGetMetaRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 user_ip string; 5 token string; 6 db TGetMetaDB',
  TGetMetaDB: '1 id i64; 2 name string; 3 only_table_names bool; 4 tables list<TGetMetaTable>',
  TGetMetaTable: '1 id i64; 2 name string; 3 in_trash bool; 4 partitions list<TGetMetaPartition>',
  TGetMetaResult: '1 status TStatus req; 2 db_meta TGetMetaDBMeta; 3 master_address TNetworkAddress',
  TGetMetaDBMeta:
    '1 id i64; 2 name string; 3 tables list<TGetMetaTableMeta>; 4 dropped_partitions list<i64>; ' +
    '5 dropped_tables list<i64>; 6 dropped_indexes list<i64>; 7 dropped_partition_map map<i64,i64>; ' +
    '8 dropped_table_map map<i64,i64>; 9 dropped_index_map map<i64,i64>',
  TGetMetaTableMeta:
    '1 id i64; 2 name string; 3 in_trash bool; 4 partitions list<TGetMetaPartitionMeta>; 5 type string',
  TGetMetaPartitionMeta:
    '1 id i64; 2 name string; 3 key string; 4 range string; 5 visible_version i64; 6 is_temp bool; ' +
    '7 indexes list<TGetMetaIndexMeta>',
  TGetMetaIndexMeta: '1 id i64; 2 name string; 3 tablets list<TGetMetaTabletMeta>',
  TGetMetaTabletMeta: '1 id i64; 2 replicas list<TGetMetaReplicaMeta>',
  TGetMetaReplicaMeta: '1 id i64; 2 backend_id i64; 3 version i64',
  // §6.10–6.11
  TGetBackendMetaRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 user_ip string; 5 token string; 6 backend_id i64',
  TGetBackendMetaResult: '1 status TStatus req; 2 backends list<TBackend>; 3 master_address TNetworkAddress',
  TLockBinlogRequest:
    '1 cluster string; 2 user string; 3 passwd string; 4 db string; 5 table string; 6 table_id i64; ' +
    '7 token string; 8 job_unique_id string; 9 lock_commit_seq i64',
  TLockBinlogResult: '1 status TStatus; 2 locked_commit_seq i64; 3 master_address TNetworkAddress',
  // be-ingest.md §2
  TIngestBinlogRequest:
    '1 txn_id i64; 2 remote_tablet_id i64; 3 binlog_version i64; 4 remote_host string; 5 remote_port string; ' +
    '6 partition_id i64; 7 local_tablet_id i64; 8 load_id TUniqueId',
  TIngestBinlogResult: '1 status TStatus; 2 is_async bool',
  TQueryIngestBinlogRequest: '1 txn_id i64; 2 partition_id i64; 3 tablet_id i64; 4 load_id TUniqueId',
  TQueryIngestBinlogResult: '1 status i32; 2 err_msg string',
};

/** Request-side getMeta structs: the notes give only their id ranges (the FE ignores them). */
const IDS_ONLY: Record<string, number[]> = {
  TGetMetaPartition: [1, 2, 3, 4, 5, 6],
  TGetMetaIndex: [1, 2, 3],
  TGetMetaTablet: [1, 2],
  TGetMetaReplica: [1],
};

/** Method → [request struct, result struct], from the signatures in §6 and be-ingest.md §2. */
const METHODS: Record<string, [string, string]> = {
  beginTxn: ['TBeginTxnRequest', 'TBeginTxnResult'],
  commitTxn: ['TCommitTxnRequest', 'TCommitTxnResult'],
  rollbackTxn: ['TRollbackTxnRequest', 'TRollbackTxnResult'],
  getBinlog: ['TGetBinlogRequest', 'TGetBinlogResult'],
  getBinlogLag: ['TGetBinlogRequest', 'TGetBinlogLagResult'],
  getSnapshot: ['TGetSnapshotRequest', 'TGetSnapshotResult'],
  restoreSnapshot: ['TRestoreSnapshotRequest', 'TRestoreSnapshotResult'],
  getMasterToken: ['TGetMasterTokenRequest', 'TGetMasterTokenResult'],
  getMeta: ['TGetMetaRequest', 'TGetMetaResult'],
  getBackendMeta: ['TGetBackendMetaRequest', 'TGetBackendMetaResult'],
  lockBinlog: ['TLockBinlogRequest', 'TLockBinlogResult'],
  ingest_binlog: ['TIngestBinlogRequest', 'TIngestBinlogResult'],
  query_ingest_binlog: ['TQueryIngestBinlogRequest', 'TQueryIngestBinlogResult'],
};

function typeName(type: ThriftType): string {
  switch (type.kind) {
    case 'list':
    case 'set':
      return `${type.kind}<${typeName(type.elem)}>`;
    case 'map':
      return `map<${typeName(type.key)},${typeName(type.value)}>`;
    case 'struct':
      return type.def.name;
    default:
      return type.kind;
  }
}

function fieldsOf(def: StructDef): string[] {
  return def.ordered.map(
    (f) => `${f.def.id} ${f.name} ${typeName(f.def.type)}${f.def.required ? ' req' : ''}`,
  );
}

const isStruct = (value: unknown): value is StructDef =>
  typeof value === 'object' && value !== null && Array.isArray((value as StructDef).ordered);

const declared: Array<[string, StructDef]> = [];
for (const [name, value] of Object.entries(protocol)) if (isStruct(value)) declared.push([name, value]);
const structs = new Map(declared);

describe('declared Thrift structs against the field tables of the reference notes', () => {
  it('finds the declarations', () => {
    assert.ok(declared.length >= 45, `${declared.length} structs exported`);
  });

  for (const [name, def] of declared) {
    it(`${name}: every declared field has the notes' id, name, type and requiredness`, () => {
      const ids = IDS_ONLY[name];
      if (ids) {
        assert.deepEqual(
          def.ordered.map((f) => f.def.id),
          ids,
        );
        return;
      }
      const notes = NOTES[name === 'TGetBinlogLagRequest' ? 'TGetBinlogRequest' : name];
      assert.ok(notes, `${name} has no field table in the notes`);
      const table = new Set(notes.split('; '));
      assert.deepEqual(
        fieldsOf(def).filter((f) => !table.has(f)),
        [],
        `fields of ${name} that the notes do not have`,
      );
    });
  }

  it('every CCR method takes its request at field 1 and answers its result at field 0', () => {
    const services = [protocol.FrontendService, protocol.BackendService];
    for (const [method, [request, result]] of Object.entries(METHODS)) {
      const m = services.map((s) => (s.methods as protocol.MethodMap)[method]).find(Boolean);
      assert.ok(m, `${method} is declared`);
      // fe-thrift.md §1.2: the argument is named `request`; be-ingest.md §2: `<method>_request` on the BE.
      const argName = method.includes('_') ? `${method}_request` : 'request';
      const arg = m.args.byId.get(1);
      assert.equal(arg?.name, argName, method);
      assert.equal(arg.def.type.kind === 'struct' && arg.def.type.def, structs.get(request), method);
      const success = m.reply.byId.get(0);
      assert.equal(success?.name, 'success', method);
      assert.equal(success.def.type.kind === 'struct' && success.def.type.def, structs.get(result), method);
    }
  });
});
