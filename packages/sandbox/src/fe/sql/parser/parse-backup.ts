import type { CancelAlterTableStatement } from '../ast/alter-table.js';
import type {
  BackupStatement,
  BackupTableRef,
  CancelBackupStatement,
  CancelRestoreStatement,
  RestoreStatement,
} from '../ast/backup-statements.js';
import type { TokenCursor } from './cursor.js';
import {
  parseIdentifier,
  parseOptionalFromDatabase,
  parseOptionalProperties,
  parsePartitionNames,
  parseTableName,
} from './parse-common.js';

interface SnapshotParts {
  database?: string;
  label: string;
  repository: string;
  on?: BackupTableRef[];
  exclude?: BackupTableRef[];
  properties: ReturnType<typeof parseOptionalProperties>;
}

/** After `BACKUP`: `SNAPSHOT [db.]label TO repo [ON (…) | EXCLUDE (…)] [PROPERTIES (…)]`. */
export function parseBackup(c: TokenCursor): BackupStatement {
  if (c.isWord('GLOBAL')) throw c.unsupported('BACKUP GLOBAL SNAPSHOT');
  c.expectWord('SNAPSHOT');
  return { kind: 'BackupStatement', ...parseSnapshotTail(c, 'TO', false) };
}

/** After `RESTORE`: `SNAPSHOT [db.]label FROM repo [ON (…) | EXCLUDE (…)] [PROPERTIES (…)]`. */
export function parseRestore(c: TokenCursor): RestoreStatement {
  if (c.isWord('GLOBAL')) throw c.unsupported('RESTORE GLOBAL SNAPSHOT');
  c.expectWord('SNAPSHOT');
  return { kind: 'RestoreStatement', ...parseSnapshotTail(c, 'FROM', true) };
}

function parseSnapshotTail(
  c: TokenCursor,
  repositoryKeyword: 'TO' | 'FROM',
  allowAlias: boolean,
): SnapshotParts {
  const first = parseIdentifier(c, 'snapshot label');
  let database: string | undefined;
  let label = first;
  if (c.acceptOp('.')) {
    database = first;
    label = parseIdentifier(c, 'snapshot label');
  }
  c.expectWord(repositoryKeyword);
  const repository = parseIdentifier(c, 'repository name');
  const parts: SnapshotParts = { label, repository, properties: [] };
  if (database !== undefined) parts.database = database;
  if (c.acceptWord('ON')) parts.on = parseTableRefs(c, allowAlias);
  else if (c.acceptWord('EXCLUDE')) parts.exclude = parseTableRefs(c, false);
  parts.properties = parseOptionalProperties(c);
  return parts;
}

function parseTableRefs(c: TokenCursor, allowAlias: boolean): BackupTableRef[] {
  c.expectOp('(');
  const refs: BackupTableRef[] = [];
  do {
    if (c.isWord('VIEW') || c.isWord('TABLE'))
      throw c.unsupported(`${c.peek().upper} keyword in a snapshot object list`);
    const table = parseIdentifier(c, 'table name');
    if (c.isOp('.')) throw c.fail("',' or ')' (tables of a snapshot are not db-qualified)");
    let partitions: string[] | undefined;
    if (c.isWord('TEMPORARY')) throw c.unsupported('temporary partitions in a snapshot');
    if (c.acceptWord('PARTITION')) partitions = parsePartitionNames(c, false);
    else if (c.acceptWord('PARTITIONS')) partitions = parsePartitionNames(c, true);
    let alias: string | undefined;
    if (c.isWord('AS')) {
      if (!allowAlias) throw c.fail("',' or ')' (AS is only allowed in RESTORE)");
      c.next();
      alias = parseIdentifier(c, 'alias');
    }
    refs.push({ table, ...(partitions ? { partitions } : {}), ...(alias === undefined ? {} : { alias }) });
  } while (c.acceptOp(','));
  c.expectOp(')');
  return refs;
}

/** After `CANCEL ALTER TABLE`: `COLUMN|ROLLUP|MATERIALIZED VIEW FROM [db.]tbl [(jobId, …)]`. */
function parseCancelAlter(c: TokenCursor): CancelAlterTableStatement {
  let alterType: CancelAlterTableStatement['alterType'];
  if (c.acceptWord('COLUMN')) alterType = 'COLUMN';
  else if (c.acceptWord('ROLLUP')) alterType = 'ROLLUP';
  else if (c.acceptWord('MATERIALIZED')) {
    c.expectWord('VIEW');
    alterType = 'MATERIALIZED_VIEW';
  } else throw c.fail('COLUMN, ROLLUP or MATERIALIZED VIEW');
  c.expectWord('FROM');
  const table = parseTableName(c);
  const jobIds: bigint[] = [];
  if (c.acceptOp('(')) {
    do {
      const id = c.peek();
      if (id.type !== 'integer') throw c.fail('job id');
      c.next();
      jobIds.push(BigInt(id.value));
    } while (c.acceptOp(','));
    c.expectOp(')');
  }
  return { kind: 'CancelAlterTableStatement', alterType, table, jobIds };
}

/** After `CANCEL`: `BACKUP [FROM db]`, `RESTORE [FROM db]` or `ALTER TABLE …`. */
export function parseCancel(
  c: TokenCursor,
): CancelBackupStatement | CancelRestoreStatement | CancelAlterTableStatement {
  if (c.acceptWord('ALTER')) {
    c.expectWord('TABLE');
    return parseCancelAlter(c);
  }
  if (c.acceptWord('BACKUP')) {
    const database = parseOptionalFromDatabase(c);
    return database === undefined
      ? { kind: 'CancelBackupStatement' }
      : { kind: 'CancelBackupStatement', database };
  }
  if (c.acceptWord('RESTORE')) {
    const database = parseOptionalFromDatabase(c);
    return database === undefined
      ? { kind: 'CancelRestoreStatement' }
      : { kind: 'CancelRestoreStatement', database };
  }
  const next = c.peek();
  if (next.type === 'word') throw c.unsupported(`CANCEL ${next.upper}`);
  throw c.fail('BACKUP or RESTORE');
}
