// The CSV fast paths of coerceValue must give exactly what the general conversion gives (or defer to it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { DorisType } from '../../src/types/index.js';
import { coerceValue } from '../../src/types/index.js';

function outcome(type: DorisType, input: Parameters<typeof coerceValue>[1]): string {
  try {
    return `ok:${JSON.stringify(coerceValue(type, input))}`;
  } catch (error) {
    return `error:${(error as Error).message}`;
  }
}

const types: DorisType[] = [
  { kind: 'TINYINT' },
  { kind: 'INT' },
  { kind: 'BIGINT' },
  { kind: 'DECIMAL', precision: 10, scale: 2 },
  { kind: 'DECIMAL', precision: 5, scale: 0 },
  { kind: 'DATE' },
  { kind: 'DATETIME', scale: 0 },
  { kind: 'VARCHAR', length: 6 },
];

const texts = fc.oneof(
  fc.stringMatching(/^-?\d{1,20}(\.\d{0,6})?$/),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/),
  fc.string({ maxLength: 8 }),
);

describe('coercion fast paths', () => {
  it('agree with the general conversion for CSV text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...types), texts, (type, text) => {
        assert.equal(outcome(type, text), outcome(type, { kind: 'string', text }), `${type.kind} ${text}`);
      }),
      { numRuns: 3000 },
    );
  });
});
