// The check every golden vector makes: our encoder writes exactly the hand-written bytes, and our decoder
// reads them back into the value.
import assert from 'node:assert/strict';
import { decodeStruct, encodeStruct } from '../../src/index.js';

export function assertGolden<T extends object>(
  def: Parameters<typeof encodeStruct>[0],
  value: T,
  bytes: Buffer,
): void {
  assert.equal(encodeStruct(def, value).toString('hex'), bytes.toString('hex'));
  assert.deepEqual(decodeStruct(def, bytes), value);
}
