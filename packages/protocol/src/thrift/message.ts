// Thrift messages: a strict versioned header (0x80010000 | type, method name, sequence id) followed by the
// args, result or TApplicationException struct. Unframed: the end of a message is where its struct ends.
import type { TBinaryProtocol } from 'thrift';
import { createWriter, readStruct, writeStruct } from './codec.js';
import { ThriftProtocolError } from './errors.js';
import { opt, type StructDef, struct, t } from './schema.js';

export const MessageType = { CALL: 1, REPLY: 2, EXCEPTION: 3, ONEWAY: 4 } as const;

export const TApplicationException = struct('TApplicationException', {
  message: opt(1, t.string),
  type: opt(2, t.i32),
});

export interface MessageHeader {
  readonly name: string;
  readonly type: number;
  readonly seqid: number;
}

export function encodeMessage(header: MessageHeader, body: StructDef, value: object): Buffer {
  let bytes: Buffer = Buffer.alloc(0);
  const out = createWriter((b) => {
    bytes = b;
  });
  out.writeMessageBegin(header.name, header.type, header.seqid);
  writeStruct(out, body, value);
  out.writeMessageEnd();
  out.flush();
  return bytes;
}

export function readMessageHeader(input: TBinaryProtocol): MessageHeader {
  const raw = input.readMessageBegin();
  // A non-strict (old-style) header gives the name as raw bytes.
  const name =
    typeof raw.fname === 'string' ? raw.fname : Buffer.from(raw.fname as Uint8Array).toString('utf8');
  if (raw.mtype < MessageType.CALL || raw.mtype > MessageType.ONEWAY) {
    throw new ThriftProtocolError(`invalid message type ${raw.mtype} for '${name}'`);
  }
  return { name, type: raw.mtype, seqid: raw.rseqid };
}

export function readMessageBody<T>(input: TBinaryProtocol, body: StructDef): T {
  const value = readStruct<T>(input, body);
  input.readMessageEnd();
  return value;
}
