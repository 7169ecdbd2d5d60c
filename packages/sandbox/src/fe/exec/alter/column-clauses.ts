// ADD / DROP / MODIFY COLUMN and ORDER BY applied to a schema draft with Doris's rules
// (SchemaChangeHandler.processAddColumn/processDropColumn/processModifyColumn/processReorderColumn): where a
// column lands in each index, which changes stay light (value columns only), and Doris's error messages.
import { type Column, findColumn } from '../../../catalog/column.js';
import { SHADOW_PREFIX } from '../../alter/alter-job.js';
import { buildColumn } from '../../ddl/column-builder.js';
import { checkNoGeneratedDependents } from '../../ddl/generated-columns.js';
import { checkColumnName } from '../../ddl/name-format.js';
import { dorisError } from '../../mysql/session-types.js';
import type { ColumnDefinition, ColumnPosition } from '../../sql/index.js';
import { baseSchema, type SchemaDraft, sameColumn, schemaOf, targetIndex } from './schema-draft.js';

function analyzeNewColumn(
  draft: SchemaDraft,
  def: ColumnDefinition,
  position: ColumnPosition | undefined,
  uid: number,
): Column {
  const { keysType } = draft.table;
  const isKey = def.isKey || (keysType === 'AGG_KEYS' && !def.aggregation);
  if (def.autoIncrement) throw dorisError(`Can not add auto-increment column ${def.name}`);
  if (def.generated) throw dorisError('Not supporting alter table add generated columns.');
  if (isKey && def.aggregation) {
    if (keysType === 'AGG_KEYS')
      throw dorisError(`Can not assign aggregation method on key column: ${def.name}`);
    const model = keysType === 'UNIQUE_KEYS' ? 'Unique' : 'Duplicate';
    throw dorisError(`Can not assign aggregation method on column in ${model} data model table: ${def.name}`);
  }
  if (def.nullable === false && def.default === undefined) {
    throw dorisError(`Field '${def.name}' doesn't have a default value`, 1364);
  }
  if (def.aggregation && position?.kind === 'First')
    throw dorisError(`Cannot add value column[${def.name}] at first`);
  const column = buildColumn(def, isKey, keysType, uid);
  if (
    keysType === 'AGG_KEYS' &&
    column.aggregation === 'SUM' &&
    column.defaultValue != null &&
    column.defaultValue !== '0'
  ) {
    throw dorisError(`The default value of '${def.name}' with SUM aggregation function must be zero`);
  }
  if (
    keysType === 'AGG_KEYS' &&
    draft.table.distribution.type === 'RANDOM' &&
    (column.aggregation === 'REPLACE' || column.aggregation === 'REPLACE_IF_NOT_NULL')
  ) {
    throw dorisError(
      `Can not add value column with aggregation type ${column.aggregation} for olap table with random distribution : ${def.name}`,
    );
  }
  return column;
}

/** checkAndAddColumn: inserts after `position`, after the last key (keys), or before hidden columns. */
function insertColumn(
  schema: Column[],
  column: Column,
  position: ColumnPosition | undefined,
  isBase: boolean,
): void {
  let posIndex = -1;
  let lastVisible = -1;
  const afterName = position?.kind === 'After' ? position.column.toLowerCase() : undefined;
  for (let i = 0; i < schema.length; i++) {
    const c = schema[i]!;
    if (c.name.toLowerCase() === column.name.toLowerCase()) {
      if (!isBase) throw dorisError(`Repeatedly add column: ${column.name}`);
      if (!sameColumn(c, column))
        throw dorisError(`Repeatedly add same column with different definition: ${column.name}`);
      return;
    }
    if (c.visible) lastVisible = i;
    if (afterName !== undefined) {
      if (c.name.toLowerCase() === afterName) posIndex = i;
    } else if (c.isKey) {
      posIndex = i;
    }
  }
  if (afterName !== undefined && posIndex === -1)
    throw dorisError(`Column[${position?.kind === 'After' ? position.column : ''}] does not found`);
  if (position?.kind === 'First') schema.splice(0, 0, column);
  else if (afterName !== undefined || column.isKey) schema.splice(posIndex + 1, 0, column);
  else if (lastVisible !== -1 && lastVisible < schema.length - 1) schema.splice(lastVisible + 1, 0, column);
  else schema.push(column);
}

export function addColumn(
  draft: SchemaDraft,
  def: ColumnDefinition,
  position: ColumnPosition | undefined,
  rollup: string | undefined,
): void {
  checkColumnName(def.name);
  const target = targetIndex(draft, rollup);
  const original = draft.table.indexes.get(draft.table.baseIndexId)!.columns;
  if (findColumn(original, def.name)) {
    throw dorisError(`Can not add column which already exists in base table: ${def.name}`);
  }
  const column = analyzeNewColumn(draft, def, position, draft.nextUid);
  const existing = findColumn(baseSchema(draft), def.name);
  if (!existing) draft.nextUid++;
  const col = existing ? { ...column, uniqueId: existing.uniqueId } : column;
  if (col.isKey) draft.light = false;
  const base = baseSchema(draft);
  switch (draft.table.keysType) {
    case 'UNIQUE_KEYS':
      if (col.isKey) {
        for (const [id, schema] of draft.schemas)
          insertColumn(schema, col, position, id === draft.table.baseIndexId);
      } else {
        insertColumn(base, col, position, true);
        if (target) insertColumn(schemaOf(draft, target.id), col, position, false);
      }
      return;
    case 'DUP_KEYS':
      if (!target) {
        insertColumn(base, col, position, true);
        return;
      }
      if (!col.isKey && target.keysType === 'AGG_KEYS')
        throw dorisError('Please add non-key column on base table directly');
      insertColumn(schemaOf(draft, target.id), col, position, false);
      insertColumn(base, col, col.isKey ? undefined : position, true);
      return;
    case 'AGG_KEYS':
      insertColumn(base, col, position, true);
      if (target) insertColumn(schemaOf(draft, target.id), col, position, false);
      return;
  }
}

export function dropColumn(draft: SchemaDraft, name: string, rollup: string | undefined): void {
  const { table } = draft;
  const target = targetIndex(draft, rollup);
  const lower = name.toLowerCase();
  const base = baseSchema(draft);
  checkNoGeneratedDependents(base, name);
  if (table.keysType === 'UNIQUE_KEYS') {
    if (base.some((c) => c.isKey && c.name.toLowerCase() === lower)) {
      throw dorisError('Can not drop key column in Unique data model table');
    }
    if (table.properties.get('function_column.sequence_col')?.toLowerCase() === lower) {
      throw dorisError(
        `Can not drop sequence mapping column[${name}] in Unique data model table[${table.name}]`,
      );
    }
  } else if (table.keysType === 'AGG_KEYS') {
    const schema = target ? schemaOf(draft, target.id) : base;
    const isKey = schema.some((c) => c.isKey && c.name.toLowerCase() === lower);
    const hasReplace = schema.some(
      (c) => !c.isKey && (c.aggregation === 'REPLACE' || c.aggregation === 'REPLACE_IF_NOT_NULL'),
    );
    if (isKey) draft.light = false;
    if (isKey && hasReplace) {
      throw dorisError(
        `Can not drop key column when ${target ? 'rollup' : 'table'} has value column with REPLACE aggregation method`,
      );
    }
  } else if (base.some((c) => c.isKey && c.name.toLowerCase() === lower)) {
    draft.light = false;
  }
  draft.indexes = draft.indexes.filter((ix) => !ix.columns.some((c) => c.toLowerCase() === lower));
  if (!target) {
    const at = base.findIndex((c) => c.name.toLowerCase() === lower);
    if (at < 0) throw dorisError(`Column does not exists: ${name}`);
    base.splice(at, 1);
    draft.droppedBaseColumns.push(name);
    // Dropping a base column drops it from every rollup as well (2.1 behaviour).
    for (const [id, schema] of draft.schemas) {
      if (id === table.baseIndexId) continue;
      const i = schema.findIndex((c) => c.name.toLowerCase() === lower);
      if (i >= 0) {
        if (schema[i]!.isKey) draft.light = false;
        schema.splice(i, 1);
      }
    }
    return;
  }
  const schema = schemaOf(draft, target.id);
  const at = schema.findIndex((c) => c.name.toLowerCase() === lower);
  if (at < 0) throw dorisError(`Column does not exists: ${name}`);
  if (schema[at]!.isKey) draft.light = false;
  schema.splice(at, 1);
}

function analyzeModifiedColumn(draft: SchemaDraft, def: ColumnDefinition, original: Column): Column {
  const { keysType } = draft.table;
  const isKey = def.isKey || (keysType === 'AGG_KEYS' && !def.aggregation);
  if (keysType === 'AGG_KEYS') {
    if (isKey && def.aggregation)
      throw dorisError(`Can not assign aggregation method on key column: ${def.name}`);
    if (!isKey && !def.aggregation)
      throw dorisError(`Aggregate method must be specified for value column: ${def.name}`);
  } else if (isKey && def.aggregation) {
    const model = keysType === 'UNIQUE_KEYS' ? 'Unique' : 'Duplicate';
    throw dorisError(`Can not assign aggregation method on column in ${model} data model table: ${def.name}`);
  }
  // Same representation as CREATE TABLE / ADD COLUMN, so an unchanged definition compares equal.
  return { ...buildColumn(def, isKey, keysType, original.uniqueId), name: original.name };
}

export function modifyColumn(
  draft: SchemaDraft,
  def: ColumnDefinition,
  position: ColumnPosition | undefined,
  rollup: string | undefined,
): void {
  const { table } = draft;
  const target = targetIndex(draft, rollup);
  if (target && !position)
    throw dorisError('Do not need to specify index name when just modifying column type');
  const findingId = target ? target.id : table.baseIndexId;
  const schema = schemaOf(draft, findingId);
  const lower = def.name.toLowerCase();
  const at = schema.findIndex((c) => c.name.toLowerCase() === lower);
  if (at < 0) throw dorisError(`Column[${def.name}] does not exists`);
  const original = schema[at]!;
  const modified = analyzeModifiedColumn(draft, def, original);
  const changed = !sameColumn(original, modified);
  let light = false;
  if (changed && !position && original.type.kind === 'VARCHAR' && modified.type.kind === 'VARCHAR') {
    if (original.type.length > modified.type.length) {
      throw dorisError(
        `Shorten type length is prohibited, srcType=varchar(${original.type.length}), dstType=varchar(${modified.type.length})`,
      );
    }
    light = draft.light;
  }
  if (!light) draft.light = false;
  if (
    changed &&
    table.keysType === 'UNIQUE_KEYS' &&
    table.properties.get('function_column.sequence_col')?.toLowerCase() === lower
  ) {
    throw dorisError(`Can not alter sequence column[${def.name}]`);
  }
  if (changed && original.autoIncrement !== modified.autoIncrement) {
    throw dorisError(`Can't modify the column[${original.name}]'s auto-increment attribute.`);
  }
  const heavyName = changed && !light ? `${SHADOW_PREFIX}${original.name}` : original.name;
  const placed = { ...modified, name: heavyName };
  if (position) {
    let last = -1;
    if (position.kind === 'After') {
      last = schema.findIndex(
        (c) => c.name.replace(SHADOW_PREFIX, '').toLowerCase() === position.column.toLowerCase(),
      );
      if (last < 0) throw dorisError(`Column[${position.column}] does not exists`);
    }
    if (last === at)
      throw dorisError(
        `Column[${position.kind === 'After' ? position.column : ''}] modify position is invalid`,
      );
    schema.splice(at, 1);
    schema.splice(last > at ? last : last + 1, 0, placed);
  } else {
    schema[at] = placed;
  }
  if (!changed) return;
  for (const [id, other] of draft.schemas) {
    if (id === findingId) continue;
    const i = other.findIndex((c) => c.name.toLowerCase() === lower);
    if (i < 0) continue;
    const old = other[i]!;
    const copy =
      table.keysType === 'DUP_KEYS'
        ? {
            ...placed,
            isKey: old.isKey,
            aggregation: old.aggregation,
            aggregationImplicit: old.aggregationImplicit,
          }
        : placed;
    other[i] = { ...copy, name: heavyName };
  }
}

export function reorderColumns(
  draft: SchemaDraft,
  names: readonly string[],
  rollup: string | undefined,
): void {
  const target = targetIndex(draft, rollup);
  const id = target ? target.id : draft.table.baseIndexId;
  const schema = schemaOf(draft, id);
  const seen = new Set<string>();
  const ordered: Column[] = [];
  for (const name of names) {
    const column = schema.find((c) => c.visible && c.name.toLowerCase() === name.toLowerCase());
    if (!column) throw dorisError(`Column[${name}] not exists`);
    ordered.push(column);
    if (seen.has(name.toLowerCase())) throw dorisError(`Reduplicative column[${name}]`);
    seen.add(name.toLowerCase());
  }
  if (draft.table.keysType === 'UNIQUE_KEYS') ordered.push(...schema.filter((c) => !c.visible));
  if (ordered.length !== schema.length) throw dorisError('Reorder stmt should contains all columns');
  draft.schemas.set(id, ordered);
  draft.light = false;
}
