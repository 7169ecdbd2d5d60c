// The ALTER family's entry points for the statement dispatcher.
export { alterTable } from './alter-table.js';
export { buildIndex, createIndex, dropIndex } from './index-exec.js';
export { createMaterializedView, dropMaterializedView } from './materialized-view-exec.js';
export { showAlterTable } from './show-alter-table.js';
