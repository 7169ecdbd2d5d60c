// The subset of the Apache `thrift` npm runtime that the codec uses. The package ships no types of its own and
// the DefinitelyTyped ones describe an older API, so we declare exactly what we call.
declare module 'thrift' {
  interface FieldHeader {
    fname: string | null;
    ftype: number;
    fid: number;
  }
  interface MessageHeader {
    fname: string;
    mtype: number;
    rseqid: number;
  }
  class TBufferedTransport {
    constructor(buffer?: Buffer, callback?: (msg: Buffer) => void);
    static receiver(
      callback: (transport: TBufferedTransport) => void,
      seqid?: number,
      maxLength?: number,
    ): (data: Buffer) => void;
    commitPosition(): void;
    rollbackPosition(): void;
    readCursor: number;
    writeCursor: number;
    inBuf: Buffer;
    ensureAvailable(len: number): void;
  }
  class TBinaryProtocol {
    constructor(trans: TBufferedTransport, strictRead?: boolean, strictWrite?: boolean);
    trans: TBufferedTransport;
    readMessageBegin(): MessageHeader;
    readMessageEnd(): void;
    readStructBegin(): void;
    readStructEnd(): void;
    readFieldBegin(): FieldHeader;
    readFieldEnd(): void;
    readMapBegin(): { ktype: number; vtype: number; size: number };
    readMapEnd(): void;
    readListBegin(): { etype: number; size: number };
    readListEnd(): void;
    readSetBegin(): { etype: number; size: number };
    readSetEnd(): void;
    readBool(): boolean;
    readByte(): number;
    readI16(): number;
    readI32(): number;
    readDouble(): number;
    readString(): string;
    skip(type: number): void;
  }
  class InputBufferUnderrunError extends Error {}
  const thrift: {
    TBufferedTransport: typeof TBufferedTransport;
    TBinaryProtocol: typeof TBinaryProtocol;
    InputBufferUnderrunError: typeof InputBufferUnderrunError;
  };
  export default thrift;
  export type { FieldHeader, InputBufferUnderrunError, MessageHeader, TBinaryProtocol, TBufferedTransport };
}
