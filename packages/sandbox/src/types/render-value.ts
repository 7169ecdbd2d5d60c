import type { DorisType, StoredValue } from './doris-type.js';
import { assertNever } from './errors.js';
import { formatDouble, formatFloat } from './float-format.js';

function isStringElement(type: DorisType): boolean {
  return type.kind === 'CHAR' || type.kind === 'VARCHAR' || type.kind === 'STRING';
}

/**
 * Doris prints an array as `[e1, e2]`: string elements wrapped in double quotes (without escaping), NULL
 * elements as `null`, everything else as the element type prints on its own (DataTypeArraySerDe with the
 * MySQL result writer's options).
 */
function renderArray(element: DorisType, items: readonly StoredValue[]): string {
  const quote = isStringElement(element);
  const parts = items.map((item: StoredValue): string => {
    const text = renderValue(element, item);
    if (text === null) return 'null';
    return quote ? `"${text}"` : text;
  });
  return `[${parts.join(', ')}]`;
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
    case 'FLOAT':
      return formatFloat(Math.fround(Number(stored)));
    case 'DOUBLE':
      return formatDouble(Number(stored));
    case 'ARRAY':
      return Array.isArray(stored) ? renderArray(type.element, stored) : String(stored);
    default:
      return assertNever(type);
  }
}
