// Backup and restore (BACKUP … TO `__keep_on_local__`, getSnapshot, restoreSnapshot): what the rest of the
// FE wires in — statement executors, the two RPC handlers and the job scheduler.
export { backup } from './backup-exec.js';
export { cancelBackup, cancelRestore, restoreSql } from './cancel-exec.js';
export { type BackupRestoreScheduler, startBackupRestoreScheduler } from './job-scheduler.js';
export { showBackup, showRestore } from './show-jobs.js';
export { getSnapshot, restoreSnapshot, snapshotRpcs } from './snapshot-rpcs.js';
