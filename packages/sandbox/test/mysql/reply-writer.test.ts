import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { ReplyWriter } from '../../src/fe/mysql/reply-writer.js';
import { writeQueryResults } from '../../src/fe/mysql/results.js';
import type { ResultSet } from '../../src/fe/mysql/session-types.js';
import { readLengthEncoded } from './raw-client.js';

const TEXT = { deprecateEof: false, binary: false, onError: () => {} };

/** Collects what is written; `accept` decides what write() returns (false = the buffer is full). */
class FakeSocket extends EventEmitter {
  readonly writes: Buffer[] = [];
  destroyed = false;
  writable = true;
  accept = true;

  write(data: Buffer): boolean {
    this.writes.push(Buffer.from(data));
    return this.accept;
  }

  asSocket(): Socket {
    return this as unknown as Socket;
  }

  /** Splits everything written into [sequence id, payload] packets. */
  packets(): Array<[number, Buffer]> {
    const all = Buffer.concat(this.writes);
    const out: Array<[number, Buffer]> = [];
    for (let at = 0; at < all.length; ) {
      const length = all.readUIntLE(at, 3);
      out.push([all[at + 3] ?? -1, all.subarray(at + 4, at + 4 + length)]);
      at += 4 + length;
    }
    return out;
  }
}

/** Decodes a text row payload. */
function decodeRow(payload: Buffer): Array<string | null> {
  const values: Array<string | null> = [];
  for (let at = 0; at < payload.length; ) {
    if (payload[at] === 0xfb) {
      values.push(null);
      at++;
      continue;
    }
    const [length, start] = readLengthEncoded(payload, at);
    values.push(payload.subarray(start, start + length).toString('utf8'));
    at = start + length;
  }
  return values;
}

describe('ReplyWriter', () => {
  it('numbers packets from the given id and wraps after 255', () => {
    const socket = new FakeSocket();
    const writer = new ReplyWriter(socket.asSocket(), 250);
    for (let i = 0; i < 10; i++) writer.packet(Buffer.from([i]));
    writer.flush();
    const packets = socket.packets();
    assert.deepEqual(
      packets.map(([seq]) => seq),
      [250, 251, 252, 253, 254, 255, 0, 1, 2, 3],
    );
    assert.deepEqual(
      packets.map(([, payload]) => payload[0]),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  it('encodes row values with the shortest length prefix, NULL as 0xfb', () => {
    const rows: Array<Array<string | null>> = [
      [null, '', 'a', '中文', '😀'],
      ['中'.repeat(83), '中'.repeat(84), 'x'.repeat(250), 'x'.repeat(251)],
      ['y'.repeat(70_000), '😀'.repeat(100)],
      ['z'.repeat(200_000)], // larger than the writer's buffer: encoded on its own
    ];
    const socket = new FakeSocket();
    const writer = new ReplyWriter(socket.asSocket(), 1);
    for (const row of rows) writer.row(row);
    writer.flush();
    const packets = socket.packets();
    assert.deepEqual(
      packets.map(([, payload]) => decodeRow(payload)),
      rows,
    );
    const second = packets[1]?.[1] ?? Buffer.alloc(0);
    assert.equal(second[0], 249); // 83 three-byte characters fit a 1-byte prefix
    assert.equal(second[250], 0xfc); // 84 of them (252 bytes) need the 3-byte form
    const third = packets[2]?.[1] ?? Buffer.alloc(0);
    assert.equal(third[0], 0xfd); // 70 000 bytes: 4-byte form
    assert.deepEqual(
      packets.map(([seq]) => seq),
      [1, 2, 3, 4],
    );
  });

  it('stops producing rows while the socket is full and resumes on drain', async () => {
    const rowCount = 200_000;
    const resultSet: ResultSet = {
      kind: 'resultSet',
      columns: [
        { name: 'id', kind: 'bigint' },
        { name: 'name', kind: 'varchar' },
      ],
      rows: Array.from({ length: rowCount }, (_, i) => [String(i), `name-${i}`]),
    };
    const socket = new FakeSocket();
    socket.accept = false;
    const writer = new ReplyWriter(socket.asSocket(), 1);
    let done = false;
    const writing = writeQueryResults(writer, [resultSet], undefined, TEXT).then(() => {
      done = true;
    });
    await tick();
    // Only one buffer's worth went out; the rest waits for 'drain'.
    assert.equal(socket.writes.length, 1);
    const firstBytes = socket.writes[0]?.length ?? 0;
    assert.ok(firstBytes <= 128 * 1024, `${firstBytes} bytes`);
    await tick();
    assert.equal(socket.writes.length, 1);
    let drains = 0;
    while (!done) {
      socket.emit('drain');
      drains++;
      await tick();
    }
    await writing;
    writer.flush();
    assert.ok(drains > 20, `${drains} drains`);
    const packets = socket.packets();
    assert.equal(packets.length, 1 + 2 + 1 + rowCount + 1);
    assert.deepEqual(decodeRow(packets.at(-2)?.[1] ?? Buffer.alloc(0)), ['199999', 'name-199999']);
    assert.equal(packets.at(-1)?.[1][0], 0xfe);
    // Sequence ids keep counting (mod 256) across all those packets.
    assert.equal(packets.at(-1)?.[0], packets.length % 256);
  });

  it('abandons a result once the socket is gone', async () => {
    const socket = new FakeSocket();
    socket.accept = false;
    const writer = new ReplyWriter(socket.asSocket(), 1);
    const resultSet: ResultSet = {
      kind: 'resultSet',
      columns: [{ name: 'v', kind: 'varchar' }],
      rows: Array.from({ length: 100_000 }, () => ['some value']),
    };
    const writing = writeQueryResults(writer, [resultSet], undefined, TEXT);
    await tick();
    socket.destroyed = true;
    socket.writable = false;
    socket.emit('close');
    await writing;
    assert.equal(socket.writes.length, 1);
  });
});
