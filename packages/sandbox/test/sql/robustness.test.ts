import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseStatements, SqlSyntaxError, UnsupportedStatementError } from '../../src/fe/sql/index.js';

/** Fragments that steer random input into deep parser paths. */
const FRAGMENTS = [
  'SELECT',
  'FROM',
  'WHERE',
  'CREATE',
  'TABLE',
  'ALTER',
  'ADD',
  'DROP',
  'PARTITION',
  'VALUES',
  'LESS',
  'THAN',
  'IN',
  'MAXVALUE',
  'DISTRIBUTED',
  'BY',
  'HASH',
  'BUCKETS',
  'AUTO',
  'PROPERTIES',
  'SHOW',
  'INSERT',
  'INTO',
  'GRANT',
  'ON',
  'TO',
  'BACKUP',
  'SNAPSHOT',
  'RESTORE',
  'SET',
  'NAMES',
  'COLUMN',
  'KEY',
  'NOT',
  'NULL',
  'DEFAULT',
  'CURRENT_TIMESTAMP',
  'ARRAY',
  'DECIMAL',
  'VARCHAR',
  'INT',
  'CAST',
  'AS',
  'CASE',
  'WHEN',
  'END',
  'LIMIT',
  'ORDER',
  'GROUP',
  'JOIN',
  'USING',
  'INVERTED',
  'INDEX',
  'ROLLUP',
  'TEMPORARY',
  'WITH',
  'LABEL',
  'VIEW',
  'MATERIALIZED',
  'TRUNCATE',
  'RECOVER',
  'ADMIN',
  'CONFIG',
  'FRONTEND',
  'LIKE',
  'BETWEEN',
  'AND',
  'OR',
  '(',
  ')',
  '[',
  ',',
  ';',
  '.',
  '*',
  '=',
  '<',
  '>',
  '-',
  '+',
  '@',
  '@@x',
  '`q`',
  '``',
  "'s'",
  '"d"',
  "'",
  '"',
  '`',
  '1',
  '9223372036854775807',
  '1.5',
  '1e5',
  '--',
  '#',
  '/*',
  '*/',
  '\n',
  ' ',
  'é',
  '表',
  '\\',
];

function assertOnlyParserErrors(sql: string): void {
  try {
    parseStatements(sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError || error instanceof UnsupportedStatementError) {
      assert.ok(error.line >= 1 && error.column >= 1, 'position is set');
      assert.ok(error.message.startsWith('errCode = 2, detailMessage = '));
      return;
    }
    throw error;
  }
}

describe('robustness', () => {
  it('random strings never throw anything but SqlSyntaxError / UnsupportedStatementError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (sql) => assertOnlyParserErrors(sql)),
      { numRuns: 2000 },
    );
  });

  it('random token soups never throw anything but parser errors', () => {
    const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(' '));
    fc.assert(
      fc.property(soup, (sql) => assertOnlyParserErrors(sql)),
      { numRuns: 4000 },
    );
  });

  it('mutations of valid statements never throw anything but parser errors', () => {
    const seeds = [
      'CREATE TABLE t (k INT NOT NULL, v DECIMAL(10,2) SUM DEFAULT "0") AGGREGATE KEY(k) PARTITION BY RANGE(k) (PARTITION p VALUES LESS THAN ("10")) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ("a" = "b")',
      'ALTER TABLE `d`.`t` ADD PARTITION `p` VALUES [("1"), ("2")) ("version_info" = "1") DISTRIBUTED BY HASH(`k`) BUCKETS 8',
      "SELECT a, COUNT(*) FROM t WHERE b IN (1, 2) AND c LIKE 'x%' GROUP BY a ORDER BY a DESC LIMIT 1, 2",
      'INSERT INTO t PARTITION (p1) WITH LABEL l (a, b) VALUES (1, "x"), (-2, NULL)',
      "GRANT SELECT_PRIV ON db.* TO 'u'@'%'",
      'BACKUP SNAPSHOT d.l TO `__keep_on_local__` ON (t PARTITION (p1)) PROPERTIES ("type" = "full")',
    ];
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.nat(), fc.nat(), fc.string({ maxLength: 5 }))
      .map(([seed, at, cut, insert]) => {
        const i = at % (seed.length + 1);
        return seed.slice(0, i) + insert + seed.slice(i + (cut % 4));
      });
    fc.assert(
      fc.property(mutated, (sql) => assertOnlyParserErrors(sql)),
      { numRuns: 4000 },
    );
  });
});
