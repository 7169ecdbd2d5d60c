// TBinaryProtocol encoding (strict message headers) into one growing buffer. The `thrift` runtime's own
// writer allocates a Buffer through the deprecated `new Buffer()` for every byte, integer and string it
// writes, and Node checks that deprecation on each call: in profiles of both the sandbox and the syncer this
// cost more than the rest of the encoding. Reading still goes through the runtime's protocol.
import { WireType } from './schema.js';

const VERSION_1 = 0x80010000 | 0;

/** The write side of TBinaryProtocol, as the codec uses it. */
export interface ThriftWriter {
  writeMessageBegin(name: string, type: number, seqid: number): void;
  writeMessageEnd(): void;
  writeStructBegin(name: string): void;
  writeStructEnd(): void;
  writeFieldBegin(name: string, type: number, id: number): void;
  writeFieldEnd(): void;
  writeFieldStop(): void;
  writeMapBegin(keyType: number, valueType: number, size: number): void;
  writeMapEnd(): void;
  writeListBegin(elemType: number, size: number): void;
  writeListEnd(): void;
  writeSetBegin(elemType: number, size: number): void;
  writeSetEnd(): void;
  writeBool(value: boolean): void;
  writeByte(value: number): void;
  writeI16(value: number): void;
  writeI32(value: number): void;
  /** i64 stays a bigint end to end, so ids and commit seqs above 2^53 stay exact. */
  writeI64(value: bigint): void;
  writeDouble(value: number): void;
  writeString(value: string): void;
  writeBinary(value: Uint8Array): void;
  /** Hands the bytes written so far to the sink and starts over. */
  flush(): void;
}

export class BinaryWriter implements ThriftWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(
    private readonly onBytes: (bytes: Buffer) => void,
    initialSize = 256,
  ) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const bigger = Buffer.allocUnsafe(size);
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  writeMessageBegin(name: string, type: number, seqid: number): void {
    this.writeI32(VERSION_1 | type);
    this.writeString(name);
    this.writeI32(seqid);
  }

  writeMessageEnd(): void {}
  writeStructBegin(): void {}
  writeStructEnd(): void {}

  writeFieldBegin(_name: string, type: number, id: number): void {
    this.writeByte(type);
    this.writeI16(id);
  }

  writeFieldEnd(): void {}

  writeFieldStop(): void {
    this.writeByte(WireType.STOP);
  }

  writeMapBegin(keyType: number, valueType: number, size: number): void {
    this.writeByte(keyType);
    this.writeByte(valueType);
    this.writeI32(size);
  }

  writeMapEnd(): void {}

  writeListBegin(elemType: number, size: number): void {
    this.writeByte(elemType);
    this.writeI32(size);
  }

  writeListEnd(): void {}

  writeSetBegin(elemType: number, size: number): void {
    this.writeListBegin(elemType, size);
  }

  writeSetEnd(): void {}

  writeBool(value: boolean): void {
    this.writeByte(value ? 1 : 0);
  }

  writeByte(value: number): void {
    this.room(1);
    this.buf.writeInt8(value, this.pos);
    this.pos += 1;
  }

  writeI16(value: number): void {
    this.room(2);
    this.buf.writeInt16BE(value, this.pos);
    this.pos += 2;
  }

  writeI32(value: number): void {
    this.room(4);
    this.buf.writeInt32BE(value | 0, this.pos);
    this.pos += 4;
  }

  writeI64(value: bigint): void {
    this.room(8);
    this.buf.writeBigInt64BE(value, this.pos);
    this.pos += 8;
  }

  writeDouble(value: number): void {
    this.room(8);
    this.buf.writeDoubleBE(value, this.pos);
    this.pos += 8;
  }

  writeString(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    this.room(4 + length);
    this.buf.writeInt32BE(length, this.pos);
    this.buf.write(value, this.pos + 4, length, 'utf8');
    this.pos += 4 + length;
  }

  writeBinary(value: Uint8Array): void {
    this.room(4 + value.byteLength);
    this.buf.writeInt32BE(value.byteLength, this.pos);
    this.buf.set(value, this.pos + 4);
    this.pos += 4 + value.byteLength;
  }

  flush(): void {
    // The sink keeps these bytes; a later write starts a buffer of its own.
    const bytes = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(256);
    this.pos = 0;
    this.onBytes(bytes);
  }
}
