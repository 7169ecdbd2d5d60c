/**
 * Invented payloads, one per TBinlogType with data, following the member names of binlog-records.md §6.
 * Written as JSON text (not JS objects) so ids beyond 2^53 appear exactly as an FE would write them.
 */

/** 2^53 + 1: the smallest positive integer a JS number cannot hold. */
export const BIG_ID = 9007199254740993n;
/** Largest signed 64-bit value. */
export const INT64_MAX = 9223372036854775807n;

export const UPSERT = `{"commitSeq":58120,"txnId":9007199254740997,"timeStamp":1719990000456,
 "label":"insert_4b2f9e01aa7c4d11_9e3b2c77d0a14f02","dbId":21001,
 "tableRecords":{
  "9007199254740993":{"partitionRecords":[{"partitionId":9007199254740995,
    "range":"[types: [DATEV2]; keys: [2024-07-01]; ..types: [DATEV2]; keys: [2024-08-01]; )",
    "version":12,"isTempPartition":false,"stid":-1}],"indexIds":[21041,9223372036854775807]},
  "21090":{"partitionRecords":[{"partitionId":21091,"range":"","version":3,"isTempPartition":true}],
    "indexIds":[21092]}}}`;

export const ADD_PARTITION_3_0 = `{"commitSeq":58300,"dbId":21001,"tableId":9007199254740993,
 "partition":{"id":21077,"name":"p202409","visibleVersion":1,
   "di":{"type":"HASH","bucketNum":4,"distributionColumns":[{"name":"order_id","type":{"type":"BIGINT"},"isKey":true}]}},
 "range":{"lowerBound":["2024-09-01"],"upperBound":["2024-10-01"]},
 "dataProperty":{"storageMedium":"HDD"},"replicaAlloc":{"allocMap":{"tag.location.default":3}},
 "isInMemory":false,"isTempPartition":false,"isMutable":true,
 "sql":"ADD PARTITION \`p202409\` VALUES [(\\"2024-09-01\\"), (\\"2024-10-01\\")) (\\"version_info\\" = \\"1\\");"}`;

export const ADD_PARTITION_2_1 = `{"commitSeq":58301,"dbId":21001,"tableId":21040,
 "partition":{"id":21078,"name":"p_list_cn",
   "distributionInfo":{"type":"RANDOM","bucketNum":8}},
 "listPartitionItem":{"items":[["北京"],["上海"]]},
 "isInMemory":false,"isTempPartition":true,"isMutable":true,
 "sql":"ADD TEMPORARY PARTITION \`p_list_cn\` VALUES IN ((\\"北京\\"),(\\"上海\\")) (\\"version_info\\" = \\"1\\");"}`;

export const CREATE_TABLE = `{"commitSeq":58410,"dbId":21001,"dbName":"sales","tableId":9007199254740993,
 "tableName":"订单_📦","tableType":"OLAP",
 "sql":"CREATE TABLE \`订单_📦\` (\\n  \`refund_id\` bigint NOT NULL\\n) ENGINE=OLAP\\nPROPERTIES (\\n\\"binlog.enable\\" = \\"true\\"\\n);"}`;

export const DROP_PARTITION = `{"dbId":21001,"tableId":21040,"pid":9007199254740993,"partitionName":"p202407",
 "isTempPartition":false,"forceDrop":true,"recycleTime":0,"sql":"DROP PARTITION \`p202407\` FORCE",
 "version":17,"versionTime":1720000000123}`;

export const DROP_TABLE = `{"commitSeq":58500,"dbId":21001,"tableId":21090,"tableName":"refunds","isView":true,
 "rawSql":"DROP TABLE IF EXISTS \`refunds\`"}`;

export const ALTER_JOB_SCHEMA_CHANGE = `{"type":"SCHEMA_CHANGE","dbId":21001,"tableId":21040,"tableName":"orders",
 "jobId":22010,"jobState":"PENDING",
 "rawSql":"ALTER TABLE \`sales\`.\`orders\` MODIFY COLUMN \`amount\` decimal(16,2) NULL",
 "iim":{"9007199254740993":21041,"22012":9007199254740995}}`;

export const ALTER_JOB_ROLLUP = `{"type":"ROLLUP","dbId":21001,"tableId":21040,"tableName":"orders","jobId":22020,
 "jobState":"FINISHED","rawSql":"","rollupIndexId":22021,"rollUpIndexName":"r_by_day",
 "baseIndexId":21041,"baseIndexName":"orders"}`;

export const MODIFY_COLUMNS = `{"dbId":21001,"tableId":21040,
 "indexSchemaMap":{"21041":[{"name":"order_id","type":{"type":"BIGINT"},"isKey":true,"isAllowNull":false,"uniqueId":0},
   {"name":"备注😀","type":{"type":"VARCHAR","len":64},"isAllowNull":true,"defaultValue":"none","comment":"说明","uniqueId":7}]},
 "indexes":[{"indexId":23001,"indexName":"idx_note","columns":["备注😀"],"indexType":"INVERTED","properties":{"parser":"unicode"},"comment":""}],
 "jobId":22100,
 "rawSql":"ALTER TABLE \`sales\`.\`orders\` ADD COLUMN \`备注😀\` varchar(64) NULL DEFAULT \\"none\\" COMMENT \\"说明\\""}`;

export const ALTER_DATABASE_PROPERTY = `{"dbId":21001,"dbName":"sales","properties":{"binlog.ttl_seconds":"172800","binlog.enable":"true"}}`;

export const MODIFY_TABLE_PROPERTY = `{"dbId":21001,"tableId":21040,"tableName":"orders",
 "properties":{"compaction_policy":"time_series"},"sql":"SET (compaction_policy=time_series)"}`;

export const PLAIN_BARRIER = `{"dbId":21001,"dbName":"sales","tableId":21040,"tableName":"orders","binlogType":0}`;

export const MODIFY_PARTITIONS = `{"infos":[{"dbId":21001,"tableId":21040,"partitionId":21055,
 "dataProperty":{"storageMedium":"SSD","cooldownTimeMs":9223372036854775807},"isInMemory":false,
 "replicaAlloc":{"allocMap":{"tag.location.default":1}},"storagePolicy":"",
 "tableProperties":{"storage_medium":"SSD"}}]}`;

export const REPLACE_PARTITIONS = `{"dbId":21001,"dbName":"sales","tblId":21040,"tblName":"orders",
 "partitions":["p202408"],"tempPartitions":["tp202408"],"strictRange":true,"useTempPartitionName":false,
 "version":31,"versionTime":1720000000999,"force":false}`;

export const TRUNCATE_TABLE = `{"dbId":21001,"db":"sales","tblId":21040,"table":"orders","isEntireTable":false,
 "rawSql":"PARTITIONS (p202406)"}`;

export const RENAME_TABLE = `{"db":21001,"tb":21040,"ind":-1,"p":-1,"nT":"orders_v2","oT":"orders",
 "nR":"","oR":"","nP":"","oP":""}`;

export const RENAME_COLUMN = `{"dbId":21001,"tableId":21040,"colName":"金额","newColName":"amount_💶",
 "indexIdToSchemaVersion":{"21041":4,"9007199254740993":2}}`;

export const MODIFY_COMMENT_COLUMN = `{"type":"COLUMN","dbId":21001,"tblId":21040,
 "colToComment":{"amount":"gross amount in EUR","金额":"含税 \\u003c 100 \\ud83e\\uddfe"}}`;

export const MODIFY_COMMENT_TABLE = `{"type":"TABLE","dbId":21001,"tblId":21040,"tblComment":"all orders \\u0026 refunds"}`;

export const MODIFY_VIEW_DEF = `{"dbId":21001,"tableId":21120,
 "inlineViewDef":"SELECT \`internal\`.\`sales\`.\`orders\`.\`order_id\` AS \`order_id\` FROM \`internal\`.\`sales\`.\`orders\`",
 "sqlMode":0,"newFullSchema":[{"name":"order_id","type":{"type":"BIGINT"},"isAllowNull":true}]}`;

export const REPLACE_TABLE = `{"dbId":21001,"origTblId":21040,"origTblName":"orders","newTblName":9007199254740993,
 "actualNewTblName":"orders_rebuilt","swapTable":false,"isForce":false}`;

export const INVERTED_INDICES = `{"rawSql":"ALTER TABLE \`sales\`.\`orders\` ADD INDEX idx_note (\`note\`) USING INVERTED",
 "dbId":21001,"tableId":21040,
 "indexSchemaMap":{"21041":[{"name":"note","type":{"type":"VARCHAR","len":64}}]},
 "indexes":[{"i":23001,"in":"idx_note","c":["note"],"it":"INVERTED","pt":{"parser":"english"},"ct":"","cui":[3]}],
 "alterInvertedIndexes":[{"i":23001,"in":"idx_note","c":["note"],"it":"INVERTED","pt":{},"ct":"first index"}],
 "isDropInvertedIndex":false,"jobId":23002}`;

export const INDEX_CHANGE_JOB = `{"jobId":23100,"jobState":"FINISHED","dbId":21001,"tableId":21040,"tableName":"orders",
 "partitionId":21055,"partitionName":"p202407","errMsg":"","createTimeMs":1720000000000,
 "finishedTimeMs":1720000009000,"watershedTxnId":7400,"isDropOp":false,
 "alterInvertedIndexes":[{"i":23001,"in":"idx_note","c":["note"],"it":"INVERTED"}],
 "originIndexId":21041,"invertedIndexBatchTask":{"batchTasks":[]},"timeoutMs":2592000000}`;

export const RENAME_ROLLUP = `{"db":21001,"tb":21040,"ind":22200,"p":-1,"nT":"","oT":"","nR":"r_by_week","oR":"r_by_day",
 "nP":"","oP":""}`;

export const RENAME_PARTITION = `{"db":21001,"tb":21040,"ind":-1,"p":21055,"nT":"","oT":"","nR":"","oR":"",
 "nP":"p_2024_07","oP":"p202407"}`;

export const DROP_ROLLUP = `{"dbId":21001,"tableId":21040,"tableName":"orders","indexId":22200,"indexName":"r_by_day",
 "isView":false,"forceDrop":false,"recycleTime":1720000000000}`;

export const RECOVER_INFO = `{"dbId":21001,"newDbName":"","tableId":21090,"tableName":"refunds","newTableName":"refunds_恢复",
 "partitionId":-1,"partitionName":"","newPartitionName":""}`;

export const MODIFY_DISTRIBUTION_BUCKET_NUM = `{"dbId":21001,"tableId":21040,"bucketNum":16}`;

export const MODIFY_DISTRIBUTION_TYPE = `{"dbId":21001,"tableId":9007199254740993,"distributionType":"RANDOM"}`;

/** Wraps `payload` in a barrier the way a 2.1 FE does: `binlog` is the payload as a JSON string. */
export function wrapInBarrier(binlogType: number, payload: string, tableId = '21040'): string {
  return `{"dbId":21001,"tableId":${tableId},"binlogType":${binlogType},"binlog":${JSON.stringify(payload)}}`;
}
