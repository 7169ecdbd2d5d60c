// Log lines in the Go syncer's text format, secrets censored, and size-based rotation with retention.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatLogRecord, formatLogTime } from '@doris-ccr/protocol';
import { createSyncerLogger } from '../../src/cli/logger.js';
import { RotatingFile } from '../../src/cli/rotating-file.js';
import { tempDir } from './process-helpers.js';

const LINE = /^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] (TRACE|DEBUG| INFO| WARN|ERROR|FATAL) /;

function memoryLogger(level: 'info' | 'debug' | 'trace' | 'warn' | 'panic' = 'trace') {
  const lines: string[] = [];
  const { logger } = createSyncerLogger({ level, sink: { write: (text) => lines.push(text) } });
  return { logger, lines };
}

describe('log line format', () => {
  it('prints [local time] LEVEL message fields line=file:N', () => {
    const { logger, lines } = memoryLogger();
    logger.child({ job: 'ccr_job' }).warn({ commitSeq: 42, table: 'db.t 1' }, 'handle binlog failed');
    assert.equal(lines.length, 1);
    const line = lines[0] ?? '';
    assert.match(line, LINE);
    assert.match(
      line,
      /\] {2}WARN handle binlog failed job=ccr_job commitSeq=42 table="db\.t 1" line=(dist\/)?test\/cli\/logging\.test\.[jt]s:\d+\n$/,
    );
  });

  it('right-aligns levels to five characters, like logrus', () => {
    const { logger, lines } = memoryLogger();
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    assert.deepEqual(
      lines.map((line) => line.slice(26, 31)),
      ['TRACE', 'DEBUG', ' INFO', ' WARN', 'ERROR', 'FATAL'],
    );
  });

  it('filters by level (panic logs only fatal)', () => {
    const info = memoryLogger('info');
    info.logger.debug('hidden');
    info.logger.info('shown');
    assert.equal(info.lines.length, 1);
    const panic = memoryLogger('panic');
    panic.logger.error('hidden');
    panic.logger.fatal('shown');
    assert.equal(panic.lines.length, 1);
  });

  it('prints an error message, and its stack at error level', () => {
    const { logger, lines } = memoryLogger();
    logger.warn({ err: new Error('rpc timeout') }, 'retrying');
    logger.error({ err: new Error('disk full') }, 'write failed');
    assert.match(lines[0] ?? '', / WARN retrying err="rpc timeout" line=/);
    assert.doesNotMatch(lines[0] ?? '', /\n\t/);
    assert.match(lines[1] ?? '', /ERROR write failed err="disk full" line=\S+\n\tat /);
  });

  it('formats local time with milliseconds', () => {
    const at = new Date(2024, 11, 24, 6, 29, 32, 923).getTime();
    assert.equal(formatLogTime(at), '2024-12-24 06:29:32.923');
    assert.equal(
      formatLogRecord({ level: 30, time: at, msg: 'hello', job: 'j', line: 'src/x.ts:3' }),
      '[2024-12-24 06:29:32.923]  INFO hello job=j line=src/x.ts:3\n',
    );
  });

  it('censors passwords and tokens at any usual depth', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ password: 'p0', src: { password: 'p1' }, request: { dest: { password: 'p2' } } }, 'a');
    logger.info(
      { config: { db_password: 'p3', api_token: 'p4' }, headers: { authorization: 'Bearer p5' } },
      'b',
    );
    const text = lines.join('');
    for (const secret of ['p0', 'p1', 'p2', 'p3', 'p4', 'p5']) {
      assert.doesNotMatch(text, new RegExp(`\\b${secret}\\b`), secret);
    }
    assert.match(text, /"password":"\*\*\*\*\*\*"/);
  });
});

describe('log rotation', () => {
  it('rotates by size and keeps --log_retain_num files', () => {
    const dir = tempDir('ccr-rotate');
    const path = join(dir, 'ccr_syncer.log');
    let clock = new Date(2025, 0, 1, 0, 0, 0).getTime();
    const file = new RotatingFile(path, {
      maxBytes: 1000,
      retainNum: 3,
      retainDays: 0,
      now: () => {
        clock += 1000;
        return new Date(clock);
      },
    });
    const line = `${'x'.repeat(99)}\n`;
    for (let i = 0; i < 100; i++) file.write(line);
    file.close();
    const names = readdirSync(dir).sort();
    assert.equal(names.length, 4, names.join(' '));
    assert.ok(names.includes('ccr_syncer.log'));
    for (const name of names.filter((n) => n !== 'ccr_syncer.log')) {
      assert.match(name, /^ccr_syncer-2025-01-01T00-\d{2}-\d{2}\.000\.log$/);
      assert.equal(statSync(join(dir, name)).size, 1000);
    }
    assert.ok(statSync(path).size <= 1000);
  });

  it('deletes rotated files older than --log_retain_days', () => {
    const dir = tempDir('ccr-rotate-days');
    const path = join(dir, 'a.log');
    const old = join(dir, 'a-2020-01-01T00-00-00.000.log');
    writeFileSync(old, 'old\n');
    const tenDaysAgo = (Date.now() - 10 * 86_400_000) / 1000;
    utimesSync(old, tenDaysAgo, tenDaysAgo);
    const unrelated = join(dir, 'a-notes.log');
    writeFileSync(unrelated, 'keep\n');
    const file = new RotatingFile(path, { maxBytes: 10, retainNum: 0, retainDays: 7 });
    file.write('0123456789\n');
    file.write('0123456789\n');
    file.close();
    const names = readdirSync(dir);
    assert.ok(!names.includes('a-2020-01-01T00-00-00.000.log'), names.join(' '));
    assert.ok(names.includes('a-notes.log'));
    assert.equal(names.length, 3);
  });

  it('rotates through the syncer logger, every line intact', () => {
    const dir = tempDir('ccr-rotate-logger');
    const path = join(dir, 'syncer.log');
    const { logger, close } = createSyncerLogger({
      level: 'info',
      file: path,
      maxSizeBytes: 4096,
      retainNum: 100,
      retainDays: 0,
    });
    for (let i = 0; i < 400; i++) logger.child({ job: 'j' }).info({ i }, 'replayed binlog');
    close();
    const files = readdirSync(dir);
    assert.ok(files.length > 5, `expected several files, got ${files.join(' ')}`);
    const lines = files.flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean));
    assert.equal(lines.length, 400);
    for (const line of lines) assert.match(line, /^\[.{23}\] {2}INFO replayed binlog job=j i=\d+ line=/);
    const seen = new Set(lines.map((line) => /i=(\d+)/.exec(line)?.[1]));
    assert.equal(seen.size, 400);
  });
});
