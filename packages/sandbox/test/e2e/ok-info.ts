// The info message of an OK packet (`{'label':…}` after a load) as mysql2 reports it from Doris and from the
// sandbox: Doris writes it as a length-encoded string without announcing CLIENT_SESSION_TRACK, so mysql2
// reads the rest of the packet and keeps the length byte in front. This takes it off and checks it.
import assert from 'node:assert/strict';

export function okInfo(result: { readonly info: string }): string {
  const message = result.info.slice(1);
  // Messages under 128 bytes have a length byte that decodes to one ASCII character.
  if (Buffer.byteLength(message) < 0x80) assert.equal(result.info.charCodeAt(0), Buffer.byteLength(message));
  return message;
}
