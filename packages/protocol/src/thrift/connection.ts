// One TCP connection to a Thrift server with at most one call in flight, as a blocking Doris FE/BE server
// expects. A timeout or a broken reply poisons the byte stream, so such a connection is closed, never reused.
import net from 'node:net';
import thrift, { type TBufferedTransport } from 'thrift';
import { asProtocolError } from './codec.js';
import { ThriftApplicationError, ThriftProtocolError, ThriftTransportError } from './errors.js';
import {
  encodeMessage,
  type MessageHeader,
  MessageType,
  readMessageBody,
  readMessageHeader,
  TApplicationException,
} from './message.js';
import type { MethodDef } from './service.js';

interface PendingCall {
  readonly method: MethodDef;
  readonly seqid: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class ThriftConnection {
  private pending: PendingCall | undefined;
  private nextSeqid = 1;
  private closedError: Error | undefined;

  private constructor(
    private readonly socket: net.Socket,
    private readonly target: string,
    maxMessageBytes: number,
  ) {
    const receive = thrift.TBufferedTransport.receiver(
      (transport) => this.onBytes(transport),
      undefined,
      maxMessageBytes,
    );
    socket.on('data', (chunk: Buffer) => {
      try {
        receive(chunk);
      } catch (error) {
        this.fail(
          new ThriftProtocolError(`reply from ${target} too large or malformed: ${(error as Error).message}`),
        );
      }
    });
    socket.on('error', (error) => this.fail(new ThriftTransportError(`${target}: ${error.message}`, 'IO')));
    socket.on('close', () => this.fail(new ThriftTransportError(`${target}: connection closed`, 'CLOSED')));
  }

  static open(
    host: string,
    port: number,
    connectTimeoutMs: number,
    maxMessageBytes: number,
  ): Promise<ThriftConnection> {
    const target = `${host}:${port}`;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new ThriftTransportError(`connect to ${target} timed out after ${connectTimeoutMs} ms`, 'CONNECT'),
        );
      }, connectTimeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new ThriftTransportError(`connect to ${target} failed: ${error.message}`, 'CONNECT'));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new ThriftConnection(socket, target, maxMessageBytes));
      });
    });
  }

  get usable(): boolean {
    return this.closedError === undefined && this.pending === undefined;
  }

  get closed(): boolean {
    return this.closedError !== undefined;
  }

  call(method: MethodDef, request: object, timeoutMs: number): Promise<unknown> {
    if (this.closedError) return Promise.reject(this.closedError);
    if (this.pending) return Promise.reject(new Error('ThriftConnection: a call is already in flight'));
    const seqid = this.nextSeqid++;
    const bytes = encodeMessage({ name: method.name, type: MessageType.CALL, seqid }, method.args, {
      [method.args.ordered[0]!.name]: request,
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          new ThriftTransportError(
            `${method.name} to ${this.target} timed out after ${timeoutMs} ms`,
            'TIMEOUT',
          ),
        );
      }, timeoutMs);
      this.pending = { method, seqid, resolve, reject, timer };
      this.socket.write(bytes);
    });
  }

  close(): void {
    this.fail(new ThriftTransportError(`${this.target}: connection closed by client`, 'CLOSED'));
  }

  private onBytes(transport: TBufferedTransport): void {
    const call = this.pending;
    if (!call) {
      this.fail(new ThriftProtocolError(`${this.target} sent bytes while no call was in flight`));
      return;
    }
    const input = new thrift.TBinaryProtocol(transport, false, true);
    let header: MessageHeader;
    let body: unknown;
    try {
      header = readMessageHeader(input);
      body = readMessageBody(
        input,
        header.type === MessageType.EXCEPTION ? TApplicationException : call.method.reply,
      );
      transport.commitPosition();
    } catch (error) {
      if (error instanceof thrift.InputBufferUnderrunError) {
        transport.rollbackPosition();
        return;
      }
      this.fail(asProtocolError(error, `reply to ${call.method.name}`));
      return;
    }
    this.pending = undefined;
    clearTimeout(call.timer);
    if (header.seqid !== call.seqid || header.name !== call.method.name) {
      const error = new ThriftProtocolError(
        `${this.target} answered ${header.name}#${header.seqid} to ${call.method.name}#${call.seqid}`,
      );
      call.reject(error);
      this.fail(error);
      return;
    }
    if (header.type === MessageType.EXCEPTION) {
      const ex = body as { message?: string; type?: number };
      call.reject(
        new ThriftApplicationError(`${call.method.name}: ${ex.message ?? 'unknown error'}`, ex.type ?? 0),
      );
      return;
    }
    if (header.type !== MessageType.REPLY) {
      call.reject(
        new ThriftProtocolError(`unexpected message type ${header.type} in reply to ${call.method.name}`),
      );
      return;
    }
    const success = (body as { success?: unknown }).success;
    if (success === undefined) {
      call.reject(new ThriftApplicationError(`${call.method.name} failed: unknown result`, 5));
      return;
    }
    call.resolve(success);
  }

  private fail(error: Error): void {
    if (!this.closedError) {
      this.closedError = error;
      this.socket.destroy();
    }
    const call = this.pending;
    if (call) {
      this.pending = undefined;
      clearTimeout(call.timer);
      call.reject(error);
    }
  }
}
