// ADD INDEX / CREATE INDEX and DROP INDEX on a schema draft (SchemaChangeHandler.processAddIndex and
// processDropIndex). Inverted indexes change only metadata (light index change); other index types need a
// schema change job that rewrites every index.
import { findColumn } from '../../../catalog/column.js';
import type { IndexDef } from '../../../catalog/table.js';
import { dorisError } from '../../mysql/session-types.js';
import type { IndexDefinition } from '../../sql/index.js';
import { baseSchema, type SchemaDraft } from './schema-draft.js';

/** Returns false when the index already exists and IF NOT EXISTS was given (nothing to do). */
export function addIndex(
  draft: SchemaDraft,
  def: IndexDefinition,
  ifNotExists: boolean,
  id: bigint,
): boolean {
  const wanted = new Set(def.columns.map((c) => c.toLowerCase()));
  for (const existing of draft.indexes) {
    if (existing.name.toLowerCase() === def.name.toLowerCase()) {
      if (ifNotExists) return false;
      throw dorisError(`index \`${def.name}\` already exist.`);
    }
    const cols = new Set(existing.columns.map((c) => c.toLowerCase()));
    if (
      existing.indexType === def.indexType &&
      cols.size === wanted.size &&
      [...wanted].every((c) => cols.has(c))
    ) {
      throw dorisError(`${def.indexType} index for columns (${def.columns.join(',')}) already exist.`);
    }
  }
  const columns: string[] = [];
  for (const name of def.columns) {
    const column = findColumn(baseSchema(draft), name);
    if (!column) throw dorisError(`index column does not exist in table. invalid column: ${name}`);
    if (draft.table.keysType === 'AGG_KEYS' && !column.isKey) {
      throw dorisError(
        `index should only be used in columns of DUP_KEYS/UNIQUE_KEYS table or key columns of AGG_KEYS table. invalid index: ${def.name}`,
      );
    }
    if (def.indexType === 'NGRAM_BF' && !['CHAR', 'VARCHAR', 'STRING'].includes(column.type.kind)) {
      throw dorisError(`ngram_bf index should be used on string column. invalid index: ${def.name}`);
    }
    columns.push(column.name);
  }
  const index: IndexDef = {
    id,
    name: def.name,
    columns,
    indexType: def.indexType,
    properties: new Map(def.properties.map((p) => [p.key, p.value])),
    comment: def.comment ?? '',
  };
  draft.indexes.push(index);
  draft.light = false;
  if (def.indexType === 'INVERTED') {
    draft.alterIndexes.push(index);
    draft.isDropIndex = false;
    draft.lightIndexChange = true;
  } else {
    draft.heavy = true;
  }
  return true;
}

/** Returns false when the index does not exist and IF EXISTS was given (nothing to do). */
export function dropIndex(draft: SchemaDraft, name: string, ifExists: boolean): boolean {
  const found = draft.table.invertedIndexes.find((ix) => ix.name.toLowerCase() === name.toLowerCase());
  if (!found) {
    if (ifExists) return false;
    throw dorisError(`index ${name} does not exist`);
  }
  draft.indexes = draft.indexes.filter((ix) => ix.name.toLowerCase() !== name.toLowerCase());
  draft.light = false;
  if (found.indexType === 'INVERTED') {
    draft.alterIndexes.push(found);
    draft.isDropIndex = true;
    draft.lightIndexChange = true;
  } else {
    draft.heavy = true;
  }
  return true;
}
