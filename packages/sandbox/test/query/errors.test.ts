import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqlError } from '../../src/fe/mysql/session-types.js';
import { fails, run, sampleResolver } from './support.js';

describe('errors', () => {
  const r = sampleResolver();

  it('names unknown columns with the clause, as Nereids does', () => {
    fails(
      'SELECT nope FROM t',
      "errCode = 2, detailMessage = Unknown column 'nope' in 'table list' in PROJECT clause",
      r,
    );
    fails('SELECT id FROM t WHERE nope = 1', "Unknown column 'nope' in 'table list' in FILTER clause", r);
    fails('SELECT id FROM t ORDER BY nope', "Unknown column 'nope' in 'table list' in SORT clause", r);
    fails(
      'SELECT COUNT(*) FROM t GROUP BY nope',
      "Unknown column 'nope' in 'table list' in AGGREGATE clause",
      r,
    );
    fails(
      'SELECT COUNT(*) FROM t HAVING nope > 1',
      "Unknown column 'nope' in 'table list' in HAVING clause",
      r,
    );
    fails('SELECT t.nope FROM t', "Unknown column 'nope' in 't' in PROJECT clause", r);
    fails('SELECT x.id FROM t', "Unknown column 'id' in 'x' in PROJECT clause", r);
    fails('SELECT nope', "Unknown column 'nope' in 'table list' in PROJECT clause");
  });

  it('reports errors as SqlError with code 1105', () => {
    try {
      run('SELECT nope FROM t', r);
      assert.fail('expected an error');
    } catch (error) {
      assert.ok(error instanceof SqlError);
      assert.equal(error.code, 1105);
      assert.equal(error.sqlState, 'HY000');
    }
  });

  it('reports ambiguous columns of a join', () => {
    fails('SELECT id FROM t a JOIN t b ON a.id = b.id', 'id is ambiguous', r);
  });

  it('reports what the sandbox does not support', () => {
    fails('SELECT a.id FROM t a JOIN t b USING (id)', 'not supported by doris-sandbox', r);
  });

  it('passes resolver errors through', () => {
    fails('SELECT * FROM missing', 'Table [missing] does not exist', r);
  });

  it('requires a FROM clause for *', () => {
    fails('SELECT *', 'No tables used');
  });

  it('rejects out-of-range positions', () => {
    fails('SELECT id FROM t ORDER BY 3', "Unknown column '3' in 'order clause'", r);
    fails('SELECT id, COUNT(*) FROM t GROUP BY 0', "Unknown column '0' in 'group statement'", r);
  });
});
