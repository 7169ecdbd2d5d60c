export { JsonSyntaxError, parseJson } from './parse.js';
export {
  asBoolean,
  asInt,
  asInt64,
  asList,
  asObject,
  asString,
  JsonReadError,
  type MemberNames,
  ObjectReader,
  parseIdKey,
} from './reader.js';
export {
  describeJsonType,
  isJsonObject,
  type JsonArray,
  type JsonObject,
  type JsonPrimitive,
  type JsonValue,
} from './value.js';
