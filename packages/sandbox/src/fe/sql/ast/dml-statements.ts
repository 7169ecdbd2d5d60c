import type { Expression } from './expression.js';
import type { Property, TableName } from './names.js';
import type { SelectStatement } from './select.js';

/** `VALUES (…), (…)`. */
export interface ValuesSource {
  readonly kind: 'ValuesSource';
  readonly rows: readonly (readonly Expression[])[];
}

/** A query feeding an INSERT. */
export interface QuerySource {
  readonly kind: 'QuerySource';
  readonly query: SelectStatement;
}

export type InsertSource = ValuesSource | QuerySource;

/**
 * `INSERT INTO t [[TEMPORARY] PARTITION (p…)] [WITH LABEL l] [(cols)] VALUES …|SELECT …` and
 * `INSERT OVERWRITE TABLE t …` (`overwrite` true).
 */
export interface InsertStatement {
  readonly kind: 'InsertStatement';
  readonly overwrite: boolean;
  readonly table: TableName;
  readonly partitions?: readonly string[];
  readonly temporaryPartitions: boolean;
  readonly label?: string;
  readonly columns?: readonly string[];
  readonly source: InsertSource;
}

/** `DELETE FROM t [PARTITION p | PARTITIONS (p…)] [WHERE expr]`. */
export interface DeleteStatement {
  readonly kind: 'DeleteStatement';
  readonly table: TableName;
  readonly partitions?: readonly string[];
  readonly where?: Expression;
}

export interface Assignment {
  readonly column: string;
  readonly value: Expression;
}

/** `UPDATE t SET c = expr, … [WHERE expr]`. */
export interface UpdateStatement {
  readonly kind: 'UpdateStatement';
  readonly table: TableName;
  readonly assignments: readonly Assignment[];
  readonly where?: Expression;
}

/** `BEGIN [WITH LABEL l]`. */
export interface BeginStatement {
  readonly kind: 'BeginStatement';
  readonly label?: string;
}

export interface CommitStatement {
  readonly kind: 'CommitStatement';
}

export interface RollbackStatement {
  readonly kind: 'RollbackStatement';
}

/**
 * `LOAD DATA [LOCAL] INFILE 'file' INTO TABLE t [PARTITION (p, …)] [COLUMNS TERMINATED BY 's']
 * [LINES TERMINATED BY 's'] [IGNORE n LINES|ROWS] [(col, …)] [PROPERTIES (…)]` (Doris's MySQL load).
 */
export interface LoadDataStatement {
  readonly kind: 'LoadDataStatement';
  readonly local: boolean;
  readonly file: string;
  readonly table: TableName;
  readonly partitions?: readonly string[];
  readonly columnSeparator?: string;
  readonly lineDelimiter?: string;
  readonly ignoreLines: number;
  readonly columns?: readonly string[];
  readonly properties: readonly Property[];
}

/**
 * `CREATE ROUTINE LOAD [db.]job [ON tbl] … FROM <source> (…)`: a load that consumes an external stream
 * (Kafka). Only what the sandbox checks is kept: the job and table names, the source type and its
 * properties; the column mappings and job properties in between are skipped.
 */
export interface CreateRoutineLoadStatement {
  readonly kind: 'CreateRoutineLoadStatement';
  readonly job: TableName;
  readonly table?: string;
  readonly dataSource: string;
  readonly sourceProperties: readonly Property[];
}

/** Where a `LOAD LABEL` job reads its files: a named broker process, S3, or HDFS. */
export type LoadStorage =
  | { readonly kind: 'BROKER'; readonly name: string }
  | { readonly kind: 'S3' }
  | { readonly kind: 'HDFS' };

/**
 * `LOAD LABEL [db.]label (DATA INFILE (…) INTO TABLE t …, …) WITH BROKER name | S3 | HDFS (…)` (broker
 * load): the label, the files and target tables of every data description, and the storage's properties.
 */
export interface BrokerLoadStatement {
  readonly kind: 'BrokerLoadStatement';
  readonly label: TableName;
  readonly files: readonly string[];
  readonly tables: readonly string[];
  readonly storage: LoadStorage;
  readonly storageProperties: readonly Property[];
}
