// A storage library's or a programming error never reaches a client with its own text: SQL, thrift and
// job statuses get Doris's generic message and the real error goes to the log.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { publicMessage } from '../../src/fe/internal-error.js';
import { dorisError } from '../../src/fe/mysql/session-types.js';

function sqliteConstraintError(): unknown {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE tablet_rows (id INTEGER PRIMARY KEY)');
  db.exec('INSERT INTO tablet_rows VALUES (1)');
  try {
    db.exec('INSERT INTO tablet_rows VALUES (1)');
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('the duplicate insert did not fail');
}

describe('errors a client may see', () => {
  it('hides a SQLite error behind Doris-shaped text and logs the real one', () => {
    const logged: string[] = [];
    const message = publicMessage(sqliteConstraintError(), (line) => logged.push(line));
    assert.equal(message, 'Unexpected exception: internal error of doris-sandbox, see its log');
    assert.doesNotMatch(message, /UNIQUE|tablet_rows|SQLITE/);
    assert.match(logged.join('\n'), /UNIQUE constraint failed: tablet_rows\.id/);
  });

  it('hides programming errors the same way', () => {
    const logged: string[] = [];
    const typeError = (() => {
      try {
        (undefined as unknown as { x: number }).x;
      } catch (error) {
        return error;
      }
    })();
    assert.match(
      publicMessage(typeError, (l) => logged.push(l)),
      /^Unexpected exception/,
    );
    assert.equal(logged.length, 1);
  });

  it("keeps Doris's own errors as they are", () => {
    const logged: string[] = [];
    const error = dorisError("Unknown table 't'");
    assert.equal(
      publicMessage(error, (l) => logged.push(l)),
      error.message,
    );
    assert.deepEqual(logged, []);
  });
});
