// A typed Thrift server: unframed binary protocol, any number of calls per connection, answered in order.
// Calls on one connection run one at a time (a blocking Doris server does the same); connections run in
// parallel. Unknown methods and handler crashes are answered with a TApplicationException, as Java does.
import net from 'node:net';
import thrift, { type TBufferedTransport } from 'thrift';
import { asProtocolError } from './codec.js';
import { ApplicationExceptionType } from './errors.js';
import {
  encodeMessage,
  type MessageHeader,
  MessageType,
  readMessageBody,
  readMessageHeader,
  TApplicationException,
} from './message.js';
import { WireType } from './schema.js';
import type { CallContext, MethodDef, ServiceDef, ServiceHandlers } from './service.js';

export interface ThriftServerOptions {
  readonly maxMessageBytes?: number;
  /** Called when a handler throws; the client gets an INTERNAL_ERROR exception either way. */
  readonly onError?: (error: unknown, method: string) => void;
}

export interface ThriftServer {
  readonly server: net.Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

type Incoming = {
  header: MessageHeader;
  method: MethodDef | undefined;
  args: Record<string, unknown> | undefined;
};

export function createThriftServer<S extends ServiceDef>(
  svc: S,
  handlers: ServiceHandlers<S>,
  options: ThriftServerOptions = {},
): ThriftServer {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serveConnection(svc, handlers, options, socket);
  });
  return {
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as net.AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serveConnection<S extends ServiceDef>(
  svc: S,
  handlers: ServiceHandlers<S>,
  options: ThriftServerOptions,
  socket: net.Socket,
): void {
  const queue: Incoming[] = [];
  let running = false;
  const context: CallContext = { remoteAddress: `${socket.remoteAddress}:${socket.remotePort}` };

  const drain = async () => {
    if (running) return;
    running = true;
    for (let next = queue.shift(); next; next = queue.shift()) {
      const reply = await answer(handlers, options, next, context);
      if (socket.destroyed) return;
      socket.write(reply);
    }
    running = false;
  };

  const receive = thrift.TBufferedTransport.receiver(
    (transport: TBufferedTransport) => {
      // Stop when every received byte is consumed: probing an empty buffer would throw (and build a stack
      // trace for) an underrun error after every message.
      while (transport.readCursor < transport.writeCursor) {
        const input = new thrift.TBinaryProtocol(transport, false, true);
        try {
          const header = readMessageHeader(input);
          const method = svc.methods[header.name];
          let args: Record<string, unknown> | undefined;
          if (method) {
            args = readMessageBody(input, method.args);
          } else {
            input.skip(WireType.STRUCT);
            input.readMessageEnd();
          }
          transport.commitPosition();
          queue.push({ header, method, args });
        } catch (error) {
          if (error instanceof thrift.InputBufferUnderrunError) {
            transport.rollbackPosition();
            break;
          }
          // The stream cannot be resynchronised after a malformed message: drop the connection.
          options.onError?.(asProtocolError(error, 'request'), 'decode');
          socket.destroy();
          return;
        }
      }
      void drain();
    },
    undefined,
    options.maxMessageBytes ?? 1 << 30,
  );
  socket.on('data', (chunk: Buffer) => {
    try {
      receive(chunk);
    } catch (error) {
      options.onError?.(error, 'receive');
      socket.destroy();
    }
  });
}

async function answer<S extends ServiceDef>(
  handlers: ServiceHandlers<S>,
  options: ThriftServerOptions,
  incoming: Incoming,
  context: CallContext,
): Promise<Buffer> {
  const { header, method, args } = incoming;
  const exception = (message: string, type: number) =>
    encodeMessage(
      { name: header.name, type: MessageType.EXCEPTION, seqid: header.seqid },
      TApplicationException,
      {
        message,
        type,
      },
    );
  if (!method || !args) {
    return exception(`Invalid method name: '${header.name}'`, ApplicationExceptionType.UNKNOWN_METHOD);
  }
  if (header.type !== MessageType.CALL) {
    return exception(
      `${header.name}: expected a CALL message`,
      ApplicationExceptionType.INVALID_MESSAGE_TYPE,
    );
  }
  const request = args[method.args.ordered[0]!.name] ?? {};
  try {
    const handler = handlers[header.name as keyof S['methods']] as (r: unknown, c: CallContext) => unknown;
    const result = await handler(request, context);
    return encodeMessage({ name: header.name, type: MessageType.REPLY, seqid: header.seqid }, method.reply, {
      success: result,
    });
  } catch (error) {
    options.onError?.(error, header.name);
    const message = error instanceof Error ? error.message : String(error);
    return exception(
      `Internal error processing ${header.name}: ${message}`,
      ApplicationExceptionType.INTERNAL_ERROR,
    );
  }
}
