// The working copy a schema-change statement edits clause by clause (Doris's indexSchemaMap / newIndexes in
// SchemaChangeHandler.process): every index's column list, the table's index definitions, the next column
// unique id, and whether the change can still be done as a light (metadata-only) one.
import { type Column, findColumn } from '../../../catalog/column.js';
import type { IndexDef, IndexMeta, OlapTable } from '../../../catalog/table.js';
import { baseIndex } from '../../../catalog/table.js';
import { dorisError } from '../../mysql/session-types.js';

export interface SchemaDraft {
  readonly table: OlapTable;
  /** Index id → new column list (base index first). */
  readonly schemas: Map<bigint, Column[]>;
  indexes: IndexDef[];
  nextUid: number;
  /** Every clause so far is a light schema change. */
  light: boolean;
  /** Inverted index ADD/DROP that can be done without rewriting data. */
  lightIndexChange: boolean;
  /** A clause that rewrites data (only an index change can make `light` false without setting this). */
  heavy: boolean;
  readonly alterIndexes: IndexDef[];
  isDropIndex: boolean;
  /** Columns dropped from the base index (bloom filter columns follow them). */
  readonly droppedBaseColumns: string[];
  /** Table properties that change when the job finishes (ENABLE FEATURE "SEQUENCE_LOAD"'s type). */
  readonly newProperties: Record<string, string | null>;
}

export function newDraft(table: OlapTable): SchemaDraft {
  const schemas = new Map<bigint, Column[]>();
  schemas.set(table.baseIndexId, [...baseIndex(table).columns]);
  for (const meta of table.indexes.values()) {
    if (meta.id !== table.baseIndexId) schemas.set(meta.id, [...meta.columns]);
  }
  return {
    table,
    schemas,
    indexes: table.invertedIndexes.map((ix) => ({
      ...ix,
      columns: [...ix.columns],
      properties: new Map(ix.properties),
    })),
    nextUid: table.nextColumnUniqueId,
    light: table.properties.get('light_schema_change') !== 'false',
    lightIndexChange: false,
    heavy: false,
    alterIndexes: [],
    isDropIndex: false,
    droppedBaseColumns: [],
    newProperties: {},
  };
}

export function baseSchema(draft: SchemaDraft): Column[] {
  return draft.schemas.get(draft.table.baseIndexId)!;
}

export function indexByName(table: OlapTable, name: string): IndexMeta | undefined {
  for (const meta of table.indexes.values()) if (meta.name === name) return meta;
  return undefined;
}

/** checkIndexExists + checkAssignedTargetIndexName: a named rollup must exist and must not be the base. */
export function targetIndex(draft: SchemaDraft, rollup: string | undefined): IndexMeta | undefined {
  if (rollup === undefined) return undefined;
  const meta = indexByName(draft.table, rollup);
  if (!meta) throw dorisError(`Index[${rollup}] does not exist in table[${draft.table.name}]`);
  if (rollup === draft.table.name) {
    throw dorisError(`Do not need to assign base index[${draft.table.name}] to do schema change`);
  }
  return meta;
}

export function schemaOf(draft: SchemaDraft, indexId: bigint): Column[] {
  const schema = draft.schemas.get(indexId);
  if (!schema) throw new Error(`index ${indexId} has no schema in the draft`);
  return schema;
}

export function indexName(draft: SchemaDraft, indexId: bigint): string {
  return draft.table.indexes.get(indexId)?.name ?? String(indexId);
}

/** Column.equals: every attribute that is part of the column definition. */
export function sameColumn(a: Column, b: Column): boolean {
  return (
    a.name.toLowerCase() === b.name.toLowerCase() &&
    JSON.stringify(a.type) === JSON.stringify(b.type) &&
    a.aggregation === b.aggregation &&
    a.aggregationImplicit === b.aggregationImplicit &&
    a.isKey === b.isKey &&
    a.nullable === b.nullable &&
    (a.defaultValue ?? undefined) === (b.defaultValue ?? undefined) &&
    a.comment === b.comment
  );
}

export function findIn(columns: readonly Column[], name: string): Column | undefined {
  return findColumn(columns, name);
}
