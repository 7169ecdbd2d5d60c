// Typed access to the parts of the `mysql2` package that implement the server side of the protocol. They are
// not covered by its type declarations and most are not reachable through its `exports` map, so they are
// loaded by file path from the installed package. Only the members this folder uses are declared.
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageRoot = dirname(require.resolve('mysql2'));

function load<T>(relativePath: string): T {
  return require(join(packageRoot, relativePath)) as T;
}

/** mysql2's packet buffer: a payload at `buffer[start + 4 .. end)` with read and write cursors. */
export interface Mysql2Packet {
  sequenceId: number;
  /** How many physical packets were joined into this one (more than 1 above 16 MB). */
  numPackets: number;
  buffer: Buffer;
  offset: number;
  readonly start: number;
  readonly end: number;
  peekByte(): number;
  writeInt8(n: number): void;
  writeInt16(n: number): void;
  writeInt32(n: number): void;
  writeBuffer(b: Buffer): void;
  writeLengthCodedNumber(n: number): void;
  writeLengthCodedString(s: string, encoding: string): void;
  writeNullTerminatedString(s: string, encoding: string): void;
  writeString(s: string, encoding: string): void;
}

export interface Mysql2PacketClass {
  new (sequenceId: number, buffer: Buffer, start: number, end: number): Mysql2Packet;
  /** A zero-length buffer whose write methods do nothing: a dry run of a writer yields the payload size. */
  MockBuffer(): Buffer;
}

/** Arguments of mysql2's server greeting (`Packets.Handshake`). */
export interface HandshakeArgs {
  protocolVersion: number;
  serverVersion: string;
  connectionId: number;
  statusFlags: number;
  characterSet: number;
  capabilityFlags: number;
  authPluginData1?: Buffer;
  authPluginData2?: Buffer;
  authCallback?: (params: AuthCallbackParams, done: (err: unknown, mysqlError?: unknown) => void) => void;
}

export interface AuthCallbackParams {
  user: string;
  database: string;
  address: string | undefined;
  authPluginData1: Buffer;
  authPluginData2: Buffer;
  authToken: Buffer;
}

export interface Mysql2HandshakeClass {
  new (args: HandshakeArgs): { toPacket(sequenceId: number): Mysql2Packet };
}

/** The parsed HandshakeResponse41, kept by mysql2 on the connection. */
export interface ClientHelloReply {
  user: string;
  database?: string;
  authPluginName?: string;
  clientFlags: number;
  encoding?: string;
}

/** The server-side mysql2 connection, narrowed to what the sandbox uses. */
export interface Mysql2ServerConnection {
  readonly stream: Socket;
  sequenceId: number;
  serverConfig: HandshakeArgs & { encoding?: string };
  clientHelloReply?: ClientHelloReply;
  _paused: boolean;
  handlePacket(packet?: Mysql2Packet): void;
  writePacket(packet: Mysql2Packet): void;
  addCommand(command: object): object;
  pause(): void;
  resume(): void;
  on(event: string, listener: (...args: never[]) => void): this;
}

export interface Mysql2ConnectionClass {
  new (options: { config: object }): Mysql2ServerConnection;
}

export interface Mysql2ConnectionConfigClass {
  new (options: { stream: Socket; isServer: true }): object;
}

/**
 * mysql2's server handshake command: its first state sends the greeting, the second parses the client's
 * HandshakeResponse41 and calls `authCallback`, after which it dispatches commands as connection events.
 */
export interface ServerHandshakeInstance {
  args: HandshakeArgs;
  serverHello: { authPluginData1: Buffer; authPluginData2: Buffer };
  /** The state that parses the client's reply and calls `authCallback`. */
  readClientReply(packet: Mysql2Packet, connection: Mysql2ServerConnection): unknown;
}

export interface ServerHandshakeClass {
  new (args: HandshakeArgs): ServerHandshakeInstance;
  prototype: ServerHandshakeInstance;
}

export const Packet = load<Mysql2PacketClass>('lib/packets/packet.js');
export const Handshake = load<Mysql2HandshakeClass>('lib/packets/handshake.js');
export const ServerHandshake = load<ServerHandshakeClass>('lib/commands/server_handshake.js');
export const Connection = load<Mysql2ConnectionClass>('lib/connection.js');
export const ConnectionConfig = load<Mysql2ConnectionConfigClass>('lib/connection_config.js');
