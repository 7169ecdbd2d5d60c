// Turns column definitions of CREATE TABLE / ADD COLUMN into catalog columns: resolves the type, key and
// aggregation rules of the key model, nullability defaults, and validates DEFAULT values.
import {
  type AggregationKind,
  type Column,
  DELETE_SIGN_COLUMN,
  SEQUENCE_COLUMN,
  VERSION_COLUMN,
} from '../../catalog/column.js';
import type { KeysType } from '../../catalog/table.js';
import type { DorisType } from '../../types/doris-type.js';
import { coerceValue, InvalidTypeError, typeFromParts, ValueError } from '../../types/index.js';
import { dorisError } from '../mysql/session-types.js';
import type { ColumnDefinition, DataType } from '../sql/index.js';
import { generatedOf } from './generated-columns.js';

/** ARRAY, MAP and STRUCT with their parts converted by `part` (column types and CAST targets differ there). */
export function complexTypeToDoris(type: DataType, part: (t: DataType) => DorisType): DorisType | undefined {
  switch (type.kind) {
    case 'ArrayType':
      return typeFromParts('ARRAY', [], part(type.element));
    case 'MapType':
      return { kind: 'MAP', key: part(type.key), value: part(type.value) };
    case 'StructType':
      return {
        kind: 'STRUCT',
        fields: type.fields.map((f) => ({ name: f.name, type: part(f.type), comment: f.comment ?? '' })),
      };
    default:
      return undefined;
  }
}

export function astTypeToDoris(type: DataType): DorisType {
  try {
    const complex = complexTypeToDoris(type, astTypeToDoris);
    if (complex !== undefined) return complex;
    if (type.kind !== 'ScalarType') throw new InvalidTypeError(`Unknown data type`);
    const params: number[] = [];
    if (type.name === 'CHAR' || type.name === 'VARCHAR') {
      if (type.length !== undefined) params.push(type.length);
    } else if (type.name === 'DECIMAL') {
      if (type.precision !== undefined) params.push(type.precision);
      if (type.scale !== undefined) params.push(type.scale);
    } else if (type.name === 'DATETIME' && type.precision !== undefined) {
      params.push(type.precision);
    }
    return typeFromParts(type.name, params);
  } catch (error) {
    if (error instanceof InvalidTypeError) throw dorisError(error.message);
    throw error;
  }
}

export function defaultText(def: ColumnDefinition): string | null | undefined {
  const d = def.default;
  if (!d) return undefined;
  switch (d.kind) {
    case 'NullDefault':
      return null;
    case 'StringDefault':
      return d.value;
    case 'NumberDefault':
      return d.text;
    case 'CurrentTimestampDefault':
      return 'CURRENT_TIMESTAMP';
    case 'CurrentDateDefault':
      return 'CURRENT_DATE';
  }
}

export function buildColumn(
  def: ColumnDefinition,
  isKey: boolean,
  keysType: KeysType,
  uniqueId: number,
): Column {
  const type = astTypeToDoris(def.type);
  const generated = generatedOf(def);
  let aggregation: AggregationKind = def.aggregation ?? 'NONE';
  let implicit = false;
  if (isKey && def.aggregation) {
    throw dorisError(`Key column ${def.name} can not set aggregation type`);
  }
  if (!isKey) {
    if (keysType === 'AGG_KEYS' && !def.aggregation) {
      throw dorisError(`The column[${def.name}] must set aggregation type in aggregate key table`);
    }
    if (keysType !== 'AGG_KEYS' && def.aggregation) {
      throw dorisError(
        `Column[${def.name}] can not set aggregation type in ${keysType === 'DUP_KEYS' ? 'duplicate' : 'unique'} key table`,
      );
    }
    if (keysType === 'UNIQUE_KEYS') {
      aggregation = 'REPLACE';
      implicit = true;
    }
  }
  if (isKey && (type.kind === 'FLOAT' || type.kind === 'DOUBLE')) {
    throw dorisError(`Float or double can not used as a key, use decimal instead.`);
  }
  if (isKey && ['JSON', 'STRING', 'ARRAY', 'MAP', 'STRUCT', 'VARIANT'].includes(type.kind)) {
    throw dorisError(
      `${type.kind === 'STRING' ? 'String Type' : type.kind} should not be used in key column[${def.name}].`,
    );
  }
  const nullable = def.autoIncrement ? false : (def.nullable ?? true);
  const defaultValue = defaultText(def);
  if (defaultValue === null && !nullable) {
    throw dorisError(`Can not set null default value to non nullable column: ${def.name}`);
  }
  if (
    typeof defaultValue === 'string' &&
    defaultValue !== 'CURRENT_TIMESTAMP' &&
    defaultValue !== 'CURRENT_DATE'
  ) {
    try {
      coerceValue(type, defaultValue, { column: def.name });
    } catch (error) {
      if (error instanceof ValueError)
        throw dorisError(`Invalid default value for '${def.name}': ${error.message}`);
      throw error;
    }
  }
  return {
    name: def.name,
    type,
    nullable,
    isKey,
    aggregation,
    aggregationImplicit: implicit,
    ...(defaultValue === undefined ? {} : { defaultValue }),
    autoIncrement: def.autoIncrement !== undefined,
    ...(def.autoIncrement?.start === undefined
      ? {}
      : { autoIncrementStart: def.autoIncrement.start.toString() }),
    comment: def.comment ?? '',
    uniqueId,
    visible: true,
    ...(generated === undefined ? {} : { generated }),
  };
}

/** Hidden columns Doris adds: delete sign (and version) for UNIQUE KEY, a sequence column when asked for. */
export function hiddenColumns(
  keysType: KeysType,
  sequenceType: DorisType | undefined,
  nextUid: () => number,
): Column[] {
  if (keysType !== 'UNIQUE_KEYS') return [];
  const hidden = (name: string, type: DorisType, defaultValue: string | undefined): Column => ({
    name,
    type,
    nullable: false,
    isKey: false,
    aggregation: 'REPLACE',
    aggregationImplicit: false,
    ...(defaultValue === undefined ? {} : { defaultValue }),
    autoIncrement: false,
    comment: '',
    uniqueId: nextUid(),
    visible: false,
  });
  const columns = [hidden(DELETE_SIGN_COLUMN, { kind: 'TINYINT' }, '0')];
  if (sequenceType) columns.push({ ...hidden(SEQUENCE_COLUMN, sequenceType, undefined), nullable: true });
  columns.push(hidden(VERSION_COLUMN, { kind: 'BIGINT' }, '0'));
  return columns;
}
