// Schema-driven encoding and decoding of Thrift values in the binary protocol. The Apache `thrift` runtime
// reads the wire primitives, binary-writer.ts writes them; this file maps them to the declared structs and
// keeps i64 exact as a bigint on both sides.
import thrift, { type TBinaryProtocol } from 'thrift';
import { BinaryWriter, type ThriftWriter } from './binary-writer.js';
import { ThriftProtocolError } from './errors.js';
import { assertNever, type StructDef, type ThriftType, WireType, wireTypeOf } from './schema.js';

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;
const INT_RANGES = { byte: [-128, 127], i16: [-32768, 32767], i32: [-2147483648, 2147483647] } as const;

/** Creates a protocol whose flush hands the written bytes to `onBytes`. Strict (versioned) message headers. */
export function createWriter(onBytes: (bytes: Buffer) => void): ThriftWriter {
  return new BinaryWriter(onBytes);
}

/** Creates a protocol that reads from a complete in-memory buffer. */
export function createReader(bytes: Uint8Array): TBinaryProtocol {
  const transport = new thrift.TBufferedTransport();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  transport.readCursor = 0;
  transport.writeCursor = buf.length;
  (transport as unknown as { inBuf: Buffer }).inBuf = buf;
  return new thrift.TBinaryProtocol(transport, false, true);
}

export function writeStruct(out: ThriftWriter, def: StructDef, value: object): void {
  const record = value as Record<string, unknown>;
  out.writeStructBegin(def.name);
  for (const field of def.ordered) {
    const fieldValue = record[field.name];
    if (fieldValue === undefined || fieldValue === null) {
      if (field.def.required) {
        throw new ThriftProtocolError(`required field '${field.name}' of ${def.name} is not set`);
      }
      continue;
    }
    out.writeFieldBegin(field.name, wireTypeOf(field.def.type), field.def.id);
    writeValue(out, field.def.type, fieldValue, `${def.name}.${field.name}`);
    out.writeFieldEnd();
  }
  out.writeFieldStop();
  out.writeStructEnd();
}

function writeValue(out: ThriftWriter, type: ThriftType, value: unknown, path: string): void {
  switch (type.kind) {
    case 'bool':
      if (typeof value !== 'boolean') throw mismatch(path, 'a boolean', value);
      out.writeBool(value);
      return;
    case 'byte':
    case 'i16':
    case 'i32': {
      const [min, max] = INT_RANGES[type.kind];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw mismatch(path, `an ${type.kind} integer`, value);
      }
      if (type.kind === 'byte') out.writeByte(value);
      else if (type.kind === 'i16') out.writeI16(value);
      else out.writeI32(value);
      return;
    }
    case 'i64': {
      if (typeof value !== 'bigint' || value < I64_MIN || value > I64_MAX)
        throw mismatch(path, 'an i64 bigint', value);
      out.writeI64(value);
      return;
    }
    case 'double':
      if (typeof value !== 'number') throw mismatch(path, 'a number', value);
      out.writeDouble(value);
      return;
    case 'string':
      if (typeof value !== 'string') throw mismatch(path, 'a string', value);
      out.writeString(value);
      return;
    case 'binary':
      if (!(value instanceof Uint8Array)) throw mismatch(path, 'bytes', value);
      out.writeBinary(value);
      return;
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) throw mismatch(path, 'an array', value);
      if (type.kind === 'list') out.writeListBegin(wireTypeOf(type.elem), value.length);
      else out.writeSetBegin(wireTypeOf(type.elem), value.length);
      value.forEach((elem, i) => {
        writeValue(out, type.elem, elem, `${path}[${i}]`);
      });
      if (type.kind === 'list') out.writeListEnd();
      else out.writeSetEnd();
      return;
    }
    case 'map': {
      if (!(value instanceof Map)) throw mismatch(path, 'a Map', value);
      out.writeMapBegin(wireTypeOf(type.key), wireTypeOf(type.value), value.size);
      for (const [k, v] of value) {
        writeValue(out, type.key, k, `${path}.key`);
        writeValue(out, type.value, v, `${path}[${String(k)}]`);
      }
      out.writeMapEnd();
      return;
    }
    case 'struct':
      if (typeof value !== 'object' || value === null)
        throw mismatch(path, `a ${type.def.name} object`, value);
      writeStruct(out, type.def, value);
      return;
    default:
      assertNever(type);
  }
}

function mismatch(path: string, expected: string, value: unknown): ThriftProtocolError {
  const shown =
    typeof value === 'bigint' ? `${value}n` : typeof value === 'object' ? typeof value : String(value);
  return new ThriftProtocolError(`${path} must be ${expected}, got ${shown}`);
}

/**
 * Reads a struct. Fields the schema does not know (a newer Doris) and fields whose wire type differs from the
 * declaration are skipped, as generated Thrift code does; a missing required field is an error.
 */
export function readStruct<T>(input: TBinaryProtocol, def: StructDef): T {
  const result: Record<string, unknown> = {};
  input.readStructBegin();
  for (;;) {
    const header = input.readFieldBegin();
    if (header.ftype === WireType.STOP) break;
    const field = def.byId.get(header.fid);
    if (field && wireTypeOf(field.def.type) === header.ftype) {
      result[field.name] = readValue(input, field.def.type);
    } else {
      input.skip(header.ftype);
    }
    input.readFieldEnd();
  }
  input.readStructEnd();
  for (const field of def.ordered) {
    if (field.def.required && result[field.name] === undefined) {
      throw new ThriftProtocolError(`required field '${field.name}' was not present in struct ${def.name}`);
    }
  }
  return result as T;
}

// i64 and binary are read straight from the transport's buffer: the runtime copies each into a buffer made
// by the deprecated `new Buffer()`, whose deprecation check alone showed in the sandbox's profile.
function readI64(input: TBinaryProtocol): bigint {
  const trans = input.trans;
  trans.ensureAvailable(8);
  const value = trans.inBuf.readBigInt64BE(trans.readCursor);
  trans.readCursor += 8;
  return value;
}

function readBinary(input: TBinaryProtocol): Buffer {
  const length = input.readI32();
  if (length < 0) throw new ThriftProtocolError(`negative binary length ${length}`);
  const trans = input.trans;
  trans.ensureAvailable(length);
  const bytes = Buffer.allocUnsafe(length);
  trans.inBuf.copy(bytes, 0, trans.readCursor, trans.readCursor + length);
  trans.readCursor += length;
  return bytes;
}

function readValue(input: TBinaryProtocol, type: ThriftType): unknown {
  switch (type.kind) {
    case 'bool':
      return input.readBool();
    case 'byte':
      return input.readByte();
    case 'i16':
      return input.readI16();
    case 'i32':
      return input.readI32();
    case 'i64':
      return readI64(input);
    case 'double':
      return input.readDouble();
    case 'string':
      return input.readString();
    case 'binary':
      return readBinary(input);
    case 'list':
    case 'set': {
      const header = type.kind === 'list' ? input.readListBegin() : input.readSetBegin();
      const items: unknown[] = [];
      if (header.etype !== wireTypeOf(type.elem)) {
        for (let i = 0; i < header.size; i++) input.skip(header.etype);
        return items;
      }
      for (let i = 0; i < header.size; i++) items.push(readValue(input, type.elem));
      if (type.kind === 'list') input.readListEnd();
      else input.readSetEnd();
      return items;
    }
    case 'map': {
      const header = input.readMapBegin();
      const map = new Map<unknown, unknown>();
      const matches = header.ktype === wireTypeOf(type.key) && header.vtype === wireTypeOf(type.value);
      for (let i = 0; i < header.size; i++) {
        if (!matches) {
          input.skip(header.ktype);
          input.skip(header.vtype);
          continue;
        }
        const k = readValue(input, type.key);
        map.set(k, readValue(input, type.value));
      }
      input.readMapEnd();
      return map;
    }
    case 'struct':
      return readStruct(input, type.def);
    default:
      return assertNever(type);
  }
}

/** Encodes one struct (no message header) to bytes. */
export function encodeStruct<T extends object>(def: StructDef, value: T): Buffer {
  let bytes: Buffer = Buffer.alloc(0);
  const out = createWriter((b) => {
    bytes = b;
  });
  writeStruct(out, def, value);
  out.flush();
  return bytes;
}

/** Decodes one struct from bytes that hold exactly that struct. */
export function decodeStruct<T>(def: StructDef, bytes: Uint8Array): T {
  try {
    return readStruct<T>(createReader(bytes), def);
  } catch (error) {
    throw asProtocolError(error, def.name);
  }
}

export function asProtocolError(error: unknown, what: string): Error {
  if (error instanceof ThriftProtocolError) return error;
  if (error instanceof thrift.InputBufferUnderrunError) {
    return new ThriftProtocolError(`truncated ${what}: the bytes end before the struct does`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ThriftProtocolError(`malformed ${what}: ${message}`);
}
