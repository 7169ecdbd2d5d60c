// A minimal MySQL client over a raw socket, for checking what mysql2's client tolerates but stricter clients
// (go-sql-driver) do not: exact sequence ids, packet splitting, byte layouts. Written from the protocol
// description, independently of the server code under test.
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';

const MAX_PAYLOAD = 0xff_ffff;

export interface Greeting {
  readonly protocolVersion: number;
  readonly serverVersion: string;
  readonly connectionId: number;
  readonly scramble: Buffer;
  readonly capabilities: number;
  readonly plugin: string;
}

export interface HandshakeResponse {
  readonly user: string;
  readonly token: Buffer;
  readonly plugin?: string;
  readonly database?: string;
  readonly sequenceId: number;
  /** Capability flags asked for beyond the basic set (e.g. CLIENT_DEPRECATE_EOF). */
  readonly extraFlags?: number;
}

export const CLIENT_DEPRECATE_EOF = 0x0100_0000;

export class RawClient {
  private socket: Socket | undefined;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private wake: (() => void) | undefined;
  private ended = false;
  /** The sequence id the next physical packet from the server must carry. */
  private expectedSequenceId = 0;
  lastSequenceId = -1;
  /** Physical packets received, for tests of packet splitting. */
  readonly physicalLengths: number[] = [];
  /** Negotiated CLIENT_DEPRECATE_EOF: result sets have no EOF packets, an OK with 0xfe ends them. */
  deprecateEof = false;

  static token(password: string, scramble: Buffer): Buffer {
    if (password === '') return Buffer.alloc(0);
    const sha1 = (...parts: Buffer[]) => {
      const h = createHash('sha1');
      for (const p of parts) h.update(p);
      return h.digest();
    };
    const stage1 = sha1(Buffer.from(password));
    const mask = sha1(scramble, sha1(stage1));
    return Buffer.from(stage1.map((b, i) => b ^ (mask[i] ?? 0)));
  }

  static parseError(payload: Buffer | undefined): { code: number; sqlState: string; message: string } {
    if (payload?.[0] !== 0xff) throw new Error(`not an ERR packet: ${payload?.toString('hex')}`);
    return {
      code: payload.readUInt16LE(1),
      sqlState: payload.subarray(4, 9).toString('ascii'),
      message: payload.subarray(9).toString('utf8'),
    };
  }

  /** Connects and reads the greeting. */
  async open(port: number): Promise<Greeting> {
    const socket = connect(port, '127.0.0.1');
    this.socket = socket;
    socket.on('data', (data: Buffer) => {
      this.chunks.push(data);
      this.buffered += data.length;
      this.wake?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
    socket.on('error', () => {});
    this.expectedSequenceId = 0;
    const p = await this.readPacket();
    const versionEnd = p.indexOf(0, 1);
    let at = versionEnd + 1;
    const connectionId = p.readUInt32LE(at);
    at += 4;
    const part1 = p.subarray(at, at + 8);
    at += 9;
    const capsLow = p.readUInt16LE(at);
    at += 2 + 1 + 2; // charset, status
    const capsHigh = p.readUInt16LE(at);
    at += 2 + 1 + 10; // auth data length, reserved
    const part2 = p.subarray(at, at + 12);
    at += 13;
    const pluginEnd = p.indexOf(0, at);
    return {
      protocolVersion: p[0] ?? -1,
      serverVersion: p.subarray(1, versionEnd).toString(),
      connectionId,
      scramble: Buffer.concat([part1, part2]),
      capabilities: capsLow | (capsHigh << 16),
      plugin: p.subarray(at, pluginEnd).toString(),
    };
  }

  /** Connects and logs in with mysql_native_password; fails unless the server answers OK. */
  async connect(
    port: number,
    user: string,
    password: string,
    database?: string,
    extraFlags = 0,
  ): Promise<Greeting> {
    const greeting = await this.open(port);
    this.sendHandshakeResponse({
      user,
      token: RawClient.token(password, greeting.scramble),
      database,
      sequenceId: 1,
      extraFlags,
    });
    this.deprecateEof = (extraFlags & greeting.capabilities & CLIENT_DEPRECATE_EOF) !== 0;
    const [reply] = await this.readResponse();
    if (reply?.[0] !== 0x00) throw new Error(`login failed: ${reply?.toString('hex')}`);
    return greeting;
  }

  sendHandshakeResponse(r: HandshakeResponse): void {
    // PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH | LONG_PASSWORD | MULTI_STATEMENTS | MULTI_RESULTS (+ DB)
    let flags = 0x200 | 0x8000 | 0x80000 | 0x1 | 0x10000 | 0x20000;
    if (r.database !== undefined) flags |= 0x8;
    flags |= r.extraFlags ?? 0;
    const fixed = Buffer.alloc(32);
    fixed.writeUInt32LE(flags >>> 0, 0);
    fixed.writeUInt32LE(MAX_PAYLOAD, 4);
    fixed[8] = 45;
    const parts = [fixed, Buffer.from(`${r.user}\0`), Buffer.from([r.token.length]), r.token];
    if (r.database !== undefined) parts.push(Buffer.from(`${r.database}\0`));
    parts.push(Buffer.from(`${r.plugin ?? 'mysql_native_password'}\0`));
    this.sendPacket(Buffer.concat(parts), r.sequenceId);
  }

  /** Sends one payload (split if needed) starting at `sequenceId`; the answer must continue from there. */
  sendPacket(payload: Buffer, sequenceId: number): void {
    let seq = sequenceId;
    let offset = 0;
    for (;;) {
      const length = Math.min(MAX_PAYLOAD, payload.length - offset);
      const header = Buffer.from([length & 0xff, (length >> 8) & 0xff, length >> 16, seq & 0xff]);
      this.socket?.write(Buffer.concat([header, payload.subarray(offset, offset + length)]));
      seq++;
      offset += length;
      if (length < MAX_PAYLOAD) break;
    }
    this.expectedSequenceId = seq & 0xff;
  }

  /** Sends a command (sequence id 0) and reads the complete answer. */
  async command(command: number, body: Buffer): Promise<Buffer[]> {
    this.sendPacket(Buffer.concat([Buffer.from([command]), body]), 0);
    return this.readResponse();
  }

  async query(sql: string): Promise<Buffer[]> {
    return this.command(0x03, Buffer.from(sql, 'utf8'));
  }

  /** Reads the answer to a command sent earlier with sequence id 0 (for pipelined commands). */
  async readAnswer(): Promise<Buffer[]> {
    this.expectedSequenceId = 1;
    return this.readResponse();
  }

  /**
   * Reads one complete answer: an OK, ERR or other single packet, or result sets (column count, definitions,
   * EOF, rows, EOF; without the EOFs and ending with an OK `0xfe` under CLIENT_DEPRECATE_EOF), following
   * SERVER_MORE_RESULTS_EXISTS to the last result.
   */
  async readResponse(): Promise<Buffer[]> {
    const packets: Buffer[] = [];
    for (;;) {
      const first = await this.readPacket();
      packets.push(first);
      if (first[0] === 0xff || first[0] === 0xfe) return packets;
      if (first[0] === 0x00) {
        if (!(okStatus(first) & 0x0008)) return packets;
        continue;
      }
      const [columns] = readLengthEncoded(first, 0);
      packets.push(...(await this.readDefinitions(columns)));
      let last: Buffer;
      do {
        last = await this.readPacket();
        packets.push(last);
      } while (!isEnd(last, this.deprecateEof) && last[0] !== 0xff);
      if (last[0] === 0xff || !(this.endStatus(last) & 0x0008)) return packets;
    }
  }

  /** The answer to COM_STMT_PREPARE: the OK, then parameter and column definitions, each list with its end. */
  async readPrepareResponse(): Promise<Buffer[]> {
    const ok = await this.readPacket();
    if (ok[0] !== 0x00) return [ok];
    const columns = ok.readUInt16LE(5);
    const params = ok.readUInt16LE(7);
    const params_ = params > 0 ? await this.readDefinitions(params) : [];
    const columns_ = columns > 0 ? await this.readDefinitions(columns) : [];
    return [ok, ...params_, ...columns_];
  }

  /** `count` column definitions and the EOF after them (none under CLIENT_DEPRECATE_EOF). */
  private async readDefinitions(count: number): Promise<Buffer[]> {
    const packets: Buffer[] = [];
    for (let i = 0; i < count; i++) packets.push(await this.readPacket());
    if (!this.deprecateEof) packets.push(await this.readPacket());
    return packets;
  }

  /** Status flags of the packet that ends a result set. */
  private endStatus(end: Buffer): number {
    return this.deprecateEof ? okStatus(end) : end.readUInt16LE(3);
  }

  /** Reads one logical packet, joining the parts of a split one, and checks the sequence ids. */
  async readPacket(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for (;;) {
      const header = await this.take(4);
      const length = header.readUIntLE(0, 3);
      const seq = header[3] ?? -1;
      if (seq !== this.expectedSequenceId) {
        throw new Error(`packet out of order: expected sequence id ${this.expectedSequenceId}, got ${seq}`);
      }
      this.expectedSequenceId = (seq + 1) & 0xff;
      this.lastSequenceId = seq;
      this.physicalLengths.push(length);
      parts.push(await this.take(length));
      if (length < MAX_PAYLOAD) return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    }
  }

  /** Resolves when the server closes the connection. */
  async waitClosed(): Promise<void> {
    while (!this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  get isClosed(): boolean {
    return this.ended;
  }

  close(): void {
    this.socket?.destroy();
  }

  private async take(n: number): Promise<Buffer> {
    while (this.buffered < n) {
      if (this.ended) throw new Error('connection closed by the server');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }
}

/** Reads a length-encoded integer; returns [value, offset after it]. */
export function readLengthEncoded(b: Buffer, at: number): [number, number] {
  const first = b[at] ?? 0;
  if (first < 0xfb) return [first, at + 1];
  if (first === 0xfc) return [b.readUInt16LE(at + 1), at + 3];
  if (first === 0xfd) return [b.readUIntLE(at + 1, 3), at + 4];
  return [Number(b.readBigUInt64LE(at + 1)), at + 9];
}

/** The end of a result set: an EOF (5 bytes), or an OK with header 0xfe under CLIENT_DEPRECATE_EOF. */
function isEnd(p: Buffer, deprecateEof: boolean): boolean {
  return p[0] === 0xfe && (deprecateEof ? p.length < 0xff_ffff : p.length < 9);
}

/** Status flags of an OK packet (also one with header 0xfe). */
export function okStatus(ok: Buffer): number {
  const [, afterRows] = readLengthEncoded(ok, 1);
  const [, afterId] = readLengthEncoded(ok, afterRows);
  return ok.readUInt16LE(afterId);
}

export interface ColumnDefinition {
  readonly name: string;
  readonly charset: number;
  readonly length: number;
  readonly type: number;
  readonly flags: number;
  readonly decimals: number;
}

export function parseColumnDefinition(p: Buffer): ColumnDefinition {
  let at = 0;
  const strings: string[] = [];
  for (let i = 0; i < 6; i++) {
    const [length, start] = readLengthEncoded(p, at);
    strings.push(p.subarray(start, start + length).toString('utf8'));
    at = start + length;
  }
  at += 1; // 0x0c
  return {
    name: strings[4] ?? '',
    charset: p.readUInt16LE(at),
    length: p.readUInt32LE(at + 2),
    type: p[at + 6] ?? -1,
    flags: p.readUInt16LE(at + 7),
    decimals: p[at + 9] ?? -1,
  };
}
