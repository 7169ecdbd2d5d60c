// ALTER TABLE … ENABLE FEATURE (SchemaChangeHandler's EnableFeatureClause): BATCH_DELETE adds the hidden
// delete sign column, SEQUENCE_LOAD a hidden sequence column of the given type, to every index of a UNIQUE
// table — a schema change job that rewrites the data, never a light one. Tables created by Doris 2.x (and
// by the sandbox) already have the delete sign, so BATCH_DELETE is refused for them as Doris refuses it.
import { type Column, findColumn, SEQUENCE_COLUMN, VERSION_COLUMN } from '../../../catalog/column.js';
import { InvalidTypeError, parseTypeName } from '../../../types/index.js';
import { dorisError } from '../../mysql/session-types.js';
import type { EnableFeatureClause } from '../../sql/index.js';
import { baseSchema, type SchemaDraft } from './schema-draft.js';

const SEQUENCE_TYPES = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'LARGEINT', 'DATE', 'DATETIME']);

function sequenceColumn(
  draft: SchemaDraft,
  clause: EnableFeatureClause,
): { column: Column; typeText: string } {
  const typeText = clause.properties.find(
    (p) => p.key.toLowerCase() === 'function_column.sequence_type',
  )?.value;
  if (typeText === undefined) throw dorisError('Sequence load need specify the sequence type');
  let type: Column['type'];
  try {
    type = parseTypeName(typeText);
  } catch (error) {
    if (error instanceof InvalidTypeError) throw dorisError(error.message);
    throw error;
  }
  if (!SEQUENCE_TYPES.has(type.kind))
    throw dorisError('sequence type only support integer types and date types');
  const column: Column = {
    name: SEQUENCE_COLUMN,
    type,
    nullable: true,
    isKey: false,
    aggregation: 'REPLACE',
    aggregationImplicit: false,
    autoIncrement: false,
    comment: '',
    uniqueId: draft.nextUid++,
    visible: false,
  };
  return { column, typeText };
}

/** Adds a hidden column to every index, before the version column as Doris orders hidden columns. */
function addHidden(draft: SchemaDraft, column: Column): void {
  for (const schema of draft.schemas.values()) {
    const version = schema.findIndex((c) => c.name === VERSION_COLUMN);
    schema.splice(version < 0 ? schema.length : version, 0, column);
  }
}

export function enableFeature(draft: SchemaDraft, clause: EnableFeatureClause): void {
  const { table } = draft;
  switch (clause.feature) {
    case 'BATCH_DELETE':
      if (table.keysType !== 'UNIQUE_KEYS') throw dorisError('Batch delete only supported in unique tables.');
      // every UNIQUE table the sandbox creates has the delete sign (only Doris 1.x tables lacked it)
      throw dorisError('Can not enable batch delete support, already supported batch delete.');
    case 'SEQUENCE_LOAD': {
      if (table.keysType !== 'UNIQUE_KEYS')
        throw dorisError('Sequence load only supported in unique tables.');
      if (findColumn(baseSchema(draft), SEQUENCE_COLUMN)) {
        throw dorisError('Can not enable sequence column support, already supported sequence column.');
      }
      const { column, typeText } = sequenceColumn(draft, clause);
      addHidden(draft, column);
      draft.newProperties['function_column.sequence_type'] = typeText;
      draft.light = false;
      draft.heavy = true;
      return;
    }
    default:
      throw dorisError(`unknown feature name: ${clause.feature}`);
  }
}
