import type { DorisType, StoredValue } from './doris-type.js';
import { assertNever } from './errors.js';
import { formatDouble, formatFloat } from './float-format.js';
import { renderVariant, type VariantValue } from './variant-nested.js';

function isStringElement(type: DorisType): boolean {
  return type.kind === 'CHAR' || type.kind === 'VARCHAR' || type.kind === 'STRING';
}

/**
 * Doris prints an array as `[e1, e2]`: string elements wrapped in double quotes (without escaping), NULL
 * elements as `null`, everything else as the element type prints on its own (DataTypeArraySerDe with the
 * MySQL result writer's options).
 */
function renderArray(element: DorisType, items: readonly StoredValue[]): string {
  return `[${items.map((item: StoredValue): string => renderNested(element, item)).join(', ')}]`;
}

/** An element, key, value or field inside a complex value: `null`, strings in double quotes. */
function renderNested(type: DorisType, value: StoredValue | undefined): string {
  const text = value === undefined ? null : renderValue(type, value);
  if (text === null) return 'null';
  return isStringElement(type) ? `"${text}"` : text;
}

/** A MAP prints as `{k:v, k:v}` and a STRUCT as `{"name":v, …}`, nested values as inside an array. */
function renderMap(type: DorisType & { kind: 'MAP' }, pairs: readonly StoredValue[]): string {
  const parts = pairs.map((pair: StoredValue): string => {
    const [k, v] = Array.isArray(pair) ? pair : [pair, null];
    return `${renderNested(type.key, k)}:${renderNested(type.value, v)}`;
  });
  return `{${parts.join(', ')}}`;
}

function renderStruct(type: DorisType & { kind: 'STRUCT' }, values: readonly StoredValue[]): string {
  const parts = type.fields.map((f, i): string => `"${f.name}":${renderNested(f.type, values[i])}`);
  return `{${parts.join(', ')}}`;
}

/**
 * The text Doris sends over the MySQL text protocol for a stored value, or null for SQL NULL.
 * BOOLEAN prints as 1/0; DECIMAL and DATETIME already carry exactly `scale` fraction digits when stored.
 */
export function renderValue(type: DorisType, stored: StoredValue): string | null {
  if (stored === null) return null;
  switch (type.kind) {
    case 'BOOLEAN':
      return Number(stored) !== 0 ? '1' : '0';
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'LARGEINT':
    case 'DECIMAL':
    case 'DATE':
    case 'DATETIME':
    case 'CHAR':
    case 'VARCHAR':
    case 'STRING':
    case 'JSON':
      return String(stored);
    case 'VARIANT':
      return Array.isArray(stored) ? renderVariant(stored as VariantValue) : String(stored);
    case 'FLOAT':
      return formatFloat(Math.fround(Number(stored)));
    case 'DOUBLE':
      return formatDouble(Number(stored));
    case 'ARRAY':
      return Array.isArray(stored) ? renderArray(type.element, stored) : String(stored);
    case 'MAP':
      return Array.isArray(stored) ? renderMap(type, stored) : String(stored);
    case 'STRUCT':
      return Array.isArray(stored) ? renderStruct(type, stored) : String(stored);
    default:
      return assertNever(type);
  }
}
