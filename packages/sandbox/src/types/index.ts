export { type AggregateKind, addInType, aggregate } from './aggregate.js';
export {
  type BinlogArrayType,
  type BinlogColumnType,
  type BinlogScalarType,
  typeBinlogName,
  typeToBinlogJson,
} from './binlog-type.js';
export { coerceValue } from './coerce-value.js';
export { compareUtf8, compareValues } from './compare-values.js';
export { hashForDistribution } from './distribution-hash.js';
export type { DorisType, DorisTypeKind, StoredValue } from './doris-type.js';
export { type CoerceContext, InvalidTypeError, ValueError } from './errors.js';
export { formatDouble, formatFloat } from './float-format.js';
export { jsonElements, jsonMember, jsonObjectMembers, jsonScalarText } from './json-member.js';
export { canonicalJsonText, type JsonInputValue } from './json-text.js';
export { parseTypeName, typeFromParts } from './parse-type.js';
export { renderTypeSql } from './render-type.js';
export { renderValue } from './render-value.js';
export { avgResultType, avgValues, sumResultType, sumValues } from './sum-avg.js';
export type { JsonLoadInput, LiteralInput, ValueInput } from './value-input.js';
export { nestedVariantText, renderVariant, type VariantValue, variantMember } from './variant-nested.js';
