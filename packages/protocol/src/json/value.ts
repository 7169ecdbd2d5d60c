/**
 * The value tree produced by {@link parseJson}.
 *
 * JSON numbers written as plain integers (no fraction, no exponent) become `bigint`, so 64-bit ids never
 * lose precision; every other number (`1.5`, `2e3`) becomes a JS `number`.
 */
export type JsonPrimitive = null | boolean | string | bigint | number;
export type JsonArray = JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short human-readable name of the JSON type of `value`, for error messages. */
export function describeJsonType(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'bigint':
      return 'an integer';
    case 'number':
      return 'a non-integer number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    default:
      return 'an object';
  }
}
