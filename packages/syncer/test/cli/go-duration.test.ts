// Go's duration syntax, as the Go syncer's -connect_timeout and friends accept it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGoDuration, parseGoDuration } from '../../src/cli/go-duration.js';

describe('parseGoDuration', () => {
  it('reads single and combined units', () => {
    assert.equal(parseGoDuration('10s'), 10_000);
    assert.equal(parseGoDuration('1m'), 60_000);
    assert.equal(parseGoDuration('1h30m'), 5_400_000);
    assert.equal(parseGoDuration('1m30s'), 90_000);
    assert.equal(parseGoDuration('300ms'), 300);
    assert.equal(parseGoDuration('1.5s'), 1500);
    assert.equal(parseGoDuration('.5s'), 500);
    assert.equal(parseGoDuration('1500us'), 1.5);
    assert.equal(parseGoDuration('2000000ns'), 2);
    assert.equal(parseGoDuration('1µs'), 0.001);
    assert.equal(parseGoDuration('0'), 0);
    assert.equal(parseGoDuration('-2s'), -2000);
    assert.equal(parseGoDuration('+2s'), 2000);
  });

  it('refuses what Go refuses', () => {
    for (const text of ['', '10', 's', '1x', '1 s', '1s2', '--1s', '1.s.s']) {
      assert.throws(() => parseGoDuration(text), /invalid duration/, text);
    }
  });

  it('formats whole durations the short Go way', () => {
    assert.equal(formatGoDuration(0), '0s');
    assert.equal(formatGoDuration(33_000), '33s');
    assert.equal(formatGoDuration(120_000), '2m');
    assert.equal(formatGoDuration(7_200_000), '2h');
    assert.equal(formatGoDuration(1500), '1500ms');
  });
});
