// Holds the write lock of a SQLite file for a while from another process, the way a second syncer or a
// backup tool might, to show that the store waits (busy timeout) instead of failing.
//   node sqlite-lock-holder.js <file> <hold ms>
import { writeSync } from 'node:fs';
import Database from 'better-sqlite3';

const [file, holdMs] = process.argv.slice(2);
if (!file) throw new Error('usage: sqlite-lock-holder <file> <hold ms>');
const db = new Database(file);
db.exec('BEGIN IMMEDIATE');
db.prepare('UPDATE progresses SET updated_at = updated_at').run();
writeSync(1, 'locked\n');
setTimeout(
  () => {
    db.exec('COMMIT');
    db.close();
    writeSync(1, 'released\n');
  },
  Number(holdMs ?? 500),
);
