// Stream-load CSV splitting: what a user's file turns into, record by record.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvRecords, type StreamLoadFormat } from '../../src/fe/http/stream-load-parse.js';

const csv = (overrides: Partial<StreamLoadFormat> = {}): StreamLoadFormat => ({
  format: 'csv',
  columnSeparator: ',',
  lineDelimiter: '\n',
  stripOuterArray: false,
  readJsonByLine: false,
  skipLines: 0,
  ...overrides,
});

describe('csvRecords', () => {
  it('splits lines and fields, turns \\N into NULL and ignores only the final empty line', () => {
    const records = [...csvRecords('1,a\n\\N,b\n\n3,\\N\n', csv())];
    assert.deepEqual(records, [['1', 'a'], [{ kind: 'null' }, 'b'], [''], ['3', { kind: 'null' }]]);
  });

  it('accepts CRLF line ends and a last line without a delimiter', () => {
    assert.deepEqual(
      [...csvRecords('1,a\r\n2,b', csv())],
      [
        ['1', 'a'],
        ['2', 'b'],
      ],
    );
  });

  it('skips header lines and honours multi-character separators', () => {
    const text = 'h1||h2<END>1||x<END>2||y<END>';
    const records = [
      ...csvRecords(text, csv({ columnSeparator: '||', lineDelimiter: '<END>', skipLines: 1 })),
    ];
    assert.deepEqual(records, [
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });

  it('keeps a carriage return inside a field when lines end with another delimiter', () => {
    assert.deepEqual([...csvRecords('a\r;b\r', csv({ lineDelimiter: ';' }))], [['a\r'], ['b\r']]);
  });
});
