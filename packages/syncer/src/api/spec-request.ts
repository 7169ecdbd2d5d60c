// The `src`/`dest` member of a create_ccr request, checked member by member before the job service is
// asked anything. Keys the syncer fills in itself (frontends, db_id, table_id) are dropped.
import type { JsonObject } from '@doris-ccr/protocol';
import { isJsonObject } from '@doris-ccr/protocol';
import { type Spec, specProblem } from '../model/spec.js';
import { describe, optionalString, optionalStringMap } from './fields.js';
import { RequestError } from './request-error.js';

/** Ports are strings in the Go syncer's JSON; a JSON integer is accepted too and turned into text. */
function portText(spec: JsonObject, key: string, path: string): string {
  const value = spec[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  throw new RequestError(`${path}.${key} is invalid: ${describe(value)}`);
}

export function readSpec(body: JsonObject, side: 'src' | 'dest'): Spec {
  const value = body[side];
  if (value === undefined || value === null) throw new RequestError(`${side} is missing`);
  if (!isJsonObject(value)) throw new RequestError(`${side} must be an object`);
  const hostMapping = optionalStringMap(value, 'host_mapping', `${side}.host_mapping`);
  const spec: Spec = {
    host: optionalString(value, 'host', `${side}.host`),
    port: portText(value, 'port', side),
    thrift_port: portText(value, 'thrift_port', side),
    user: optionalString(value, 'user', `${side}.user`),
    password: optionalString(value, 'password', `${side}.password`),
    database: optionalString(value, 'database', `${side}.database`),
    table: optionalString(value, 'table', `${side}.table`),
    cluster: optionalString(value, 'cluster', `${side}.cluster`),
    ...(Object.keys(hostMapping).length > 0 ? { host_mapping: hostMapping } : {}),
  };
  // The model's check words its findings like the Go syncer ("thrift_port is invalid: abc"); the side
  // prefix says which of the two specs is meant.
  const problem = specProblem(spec);
  if (problem !== undefined) throw new RequestError(`${side}.${problem}`);
  return spec;
}
