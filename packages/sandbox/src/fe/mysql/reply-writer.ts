// Frames the server's answer to one command: 4-byte headers with consecutive sequence ids, payloads of 16 MB
// and more split over several packets, many small packets coalesced into one socket write, and the caller
// held back while the socket's buffer is full. Rows are encoded straight into the outgoing buffer because a
// result set is mostly rows and a Buffer per row would dominate the cost.
import type { Socket } from 'node:net';
import { MAX_PACKET_PAYLOAD } from './constants.js';

/** Size of the buffer packets are gathered in before being handed to the socket. */
const CHUNK_SIZE = 128 * 1024;
/** Strings up to this many UTF-16 units encode to at most 250 UTF-8 bytes: a 1-byte length prefix. */
const SHORT_STRING = 83;
const NULL_MARKER = 0xfb;

export class ReplyWriter {
  private sequenceId: number;
  private chunk = Buffer.allocUnsafe(CHUNK_SIZE);
  private used = 0;
  private blocked = false;

  /** `sequenceId` is the id of the first packet: one more than the last packet the client sent. */
  constructor(
    private readonly socket: Socket,
    sequenceId: number,
  ) {
    this.sequenceId = sequenceId & 0xff;
  }

  /** True once the socket can no longer be written to: the rest of the answer can be skipped. */
  get closed(): boolean {
    return this.socket.destroyed || !this.socket.writable;
  }

  /** True when the socket's buffer is full: the caller should `await drain()` before producing more. */
  get mustWait(): boolean {
    return this.blocked;
  }

  /** Appends one logical packet, splitting it when the payload reaches the 16 MB packet limit. */
  packet(payload: Buffer): void {
    let offset = 0;
    for (;;) {
      const length = Math.min(MAX_PACKET_PAYLOAD, payload.length - offset);
      this.physical(payload.subarray(offset, offset + length));
      offset += length;
      // A part of exactly the maximum length says "more follows", so such a payload ends with an empty part.
      if (length < MAX_PACKET_PAYLOAD) return;
    }
  }

  /** Appends a text-protocol row: each value as a length-prefixed UTF-8 string, NULL as 0xfb. */
  row(values: ReadonlyArray<string | null>): void {
    // Upper bound of the payload: a 9-byte length prefix and 3 UTF-8 bytes per UTF-16 unit for each value.
    let bound = 0;
    for (const value of values) bound += value === null ? 1 : 9 + value.length * 3;
    if (bound + 4 > CHUNK_SIZE) {
      this.packet(encodeRow(values));
      return;
    }
    if (this.used + bound + 4 > this.chunk.length) this.flush();
    const chunk = this.chunk;
    const start = this.used;
    let at = start + 4;
    for (const value of values) {
      if (value === null) {
        chunk[at++] = NULL_MARKER;
      } else if (value.length <= SHORT_STRING) {
        const written = chunk.write(value, at + 1, 'utf8');
        chunk[at] = written;
        at += 1 + written;
      } else {
        const length = Buffer.byteLength(value, 'utf8');
        at = writeLengthPrefix(chunk, at, length);
        at += chunk.write(value, at, length, 'utf8');
      }
    }
    this.writeHeader(chunk, start, at - start - 4);
    this.used = at;
  }

  /** Hands the gathered packets to the socket. */
  flush(): void {
    if (this.used === 0) return;
    const data = this.chunk.subarray(0, this.used);
    // The socket keeps a reference to `data` until it is sent, so the next packets need a fresh buffer.
    this.chunk = Buffer.allocUnsafe(CHUNK_SIZE);
    this.used = 0;
    this.send(data);
  }

  /**
   * Hands everything gathered so far to the socket and waits until the socket's buffer has drained (or the
   * socket is gone). While the socket is full nothing more is handed over.
   */
  async drain(): Promise<void> {
    for (;;) {
      if (this.blocked) {
        await waitForDrain(this.socket);
        this.blocked = false;
      }
      if (this.used === 0 || this.closed) return;
      this.flush();
    }
  }

  private physical(part: Buffer): void {
    if (part.length + 4 > CHUNK_SIZE) {
      // Large parts go to the socket as they are instead of being copied into the chunk.
      this.flush();
      const header = Buffer.allocUnsafe(4);
      this.writeHeader(header, 0, part.length);
      this.send(header);
      this.send(part);
      return;
    }
    if (this.used + part.length + 4 > this.chunk.length) this.flush();
    this.writeHeader(this.chunk, this.used, part.length);
    part.copy(this.chunk, this.used + 4);
    this.used += part.length + 4;
  }

  private writeHeader(target: Buffer, at: number, length: number): void {
    target[at] = length & 0xff;
    target[at + 1] = (length >>> 8) & 0xff;
    target[at + 2] = (length >>> 16) & 0xff;
    target[at + 3] = this.sequenceId;
    this.sequenceId = (this.sequenceId + 1) & 0xff;
  }

  private send(data: Buffer): void {
    if (this.closed) return;
    if (!this.socket.write(data)) this.blocked = true;
  }
}

/** Length-encoded integer (1, 3, 4 or 9 bytes) at `at`; returns the offset after it. */
function writeLengthPrefix(target: Buffer, at: number, n: number): number {
  if (n < 0xfb) {
    target[at] = n;
    return at + 1;
  }
  if (n <= 0xffff) {
    target[at] = 0xfc;
    target.writeUInt16LE(n, at + 1);
    return at + 3;
  }
  if (n <= 0xff_ffff) {
    target[at] = 0xfd;
    target.writeUIntLE(n, at + 1, 3);
    return at + 4;
  }
  target[at] = 0xfe;
  target.writeBigUInt64LE(BigInt(n), at + 1);
  return at + 9;
}

/** A row payload in its own buffer, for rows too large for the chunk (possibly beyond 16 MB). */
function encodeRow(values: ReadonlyArray<string | null>): Buffer {
  let size = 0;
  const lengths = values.map((value) => {
    if (value === null) {
      size += 1;
      return -1;
    }
    const length = Buffer.byteLength(value, 'utf8');
    size += length + (length < 0xfb ? 1 : length <= 0xffff ? 3 : length <= 0xff_ffff ? 4 : 9);
    return length;
  });
  const payload = Buffer.allocUnsafe(size);
  let at = 0;
  values.forEach((value, i) => {
    const length = lengths[i] ?? -1;
    if (value === null) {
      payload[at++] = NULL_MARKER;
      return;
    }
    at = writeLengthPrefix(payload, at, length);
    at += payload.write(value, at, length, 'utf8');
  });
  return payload;
}

function waitForDrain(socket: Socket): Promise<void> {
  if (socket.destroyed || !socket.writable) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      socket.off('error', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
    socket.on('error', done);
  });
}
