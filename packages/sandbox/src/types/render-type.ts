import type { DorisType, StructField } from './doris-type.js';
import { assertNever } from './errors.js';

/**
 * The type as SHOW CREATE TABLE prints it in Doris 2.1+: lower case, no integer display widths, decimalv3 as
 * `decimal(p,s)` (no space), DATETIMEV2 as `datetime` or `datetime(s)`, DATEV2 as `date`, STRING as `text`,
 * JSONB as `json`. Array elements are rendered the same way and their nullability is not shown, as in
 * Doris's Type.hideVersionForVersionColumn; MAP and STRUCT follow MapType/StructType.toSql.
 */
function renderField(field: StructField): string {
  const comment = field.comment === '' ? '' : ` COMMENT '${field.comment.replaceAll("'", "\\'")}'`;
  return `${field.name}:${renderTypeSql(field.type)}${comment}`;
}

export function renderTypeSql(type: DorisType): string {
  switch (type.kind) {
    case 'BOOLEAN':
      return 'boolean';
    case 'TINYINT':
      return 'tinyint';
    case 'SMALLINT':
      return 'smallint';
    case 'INT':
      return 'int';
    case 'BIGINT':
      return 'bigint';
    case 'LARGEINT':
      return 'largeint';
    case 'FLOAT':
      return 'float';
    case 'DOUBLE':
      return 'double';
    case 'DECIMAL':
      return `decimal(${type.precision},${type.scale})`;
    case 'DATE':
      return 'date';
    case 'DATETIME':
      return type.scale > 0 ? `datetime(${type.scale})` : 'datetime';
    case 'CHAR':
      return `char(${type.length})`;
    case 'VARCHAR':
      return `varchar(${type.length})`;
    case 'STRING':
      return 'text';
    case 'JSON':
      return 'json';
    case 'ARRAY':
      return `array<${renderTypeSql(type.element)}>`;
    case 'MAP':
      return `map<${renderTypeSql(type.key)},${renderTypeSql(type.value)}>`;
    case 'STRUCT':
      return `struct<${type.fields.map(renderField).join(',')}>`;
    case 'VARIANT':
      return 'variant';
    default:
      return assertNever(type);
  }
}
