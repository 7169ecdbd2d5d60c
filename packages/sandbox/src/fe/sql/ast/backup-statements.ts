import type { Property } from './names.js';

/** A table in BACKUP/RESTORE `ON (…)` or `EXCLUDE (…)`: `tbl [PARTITION (p…)] [AS alias]`. */
export interface BackupTableRef {
  readonly table: string;
  readonly partitions?: readonly string[];
  readonly alias?: string;
}

/**
 * `BACKUP SNAPSHOT [db.]label TO repo [ON (…) | EXCLUDE (…)] [PROPERTIES (…)]`. Without ON and EXCLUDE
 * the whole database is backed up (`on` and `exclude` both unset).
 */
export interface BackupStatement {
  readonly kind: 'BackupStatement';
  readonly database?: string;
  readonly label: string;
  readonly repository: string;
  readonly on?: readonly BackupTableRef[];
  readonly exclude?: readonly BackupTableRef[];
  readonly properties: readonly Property[];
}

/** `RESTORE SNAPSHOT [db.]label FROM repo [ON (…) | EXCLUDE (…)] [PROPERTIES (…)]`. */
export interface RestoreStatement {
  readonly kind: 'RestoreStatement';
  readonly database?: string;
  readonly label: string;
  readonly repository: string;
  readonly on?: readonly BackupTableRef[];
  readonly exclude?: readonly BackupTableRef[];
  readonly properties: readonly Property[];
}

export interface CancelBackupStatement {
  readonly kind: 'CancelBackupStatement';
  readonly database?: string;
}

export interface CancelRestoreStatement {
  readonly kind: 'CancelRestoreStatement';
  readonly database?: string;
}
