/** The bytes on the wire do not fit the declared struct, or a value to encode does not fit its field. */
export class ThriftProtocolError extends Error {
  override readonly name = 'ThriftProtocolError';
}

/** TApplicationException type ids (Thrift's own, shared by every language runtime). */
export const ApplicationExceptionType = {
  UNKNOWN: 0,
  UNKNOWN_METHOD: 1,
  INVALID_MESSAGE_TYPE: 2,
  WRONG_METHOD_NAME: 3,
  BAD_SEQUENCE_ID: 4,
  MISSING_RESULT: 5,
  INTERNAL_ERROR: 6,
  PROTOCOL_ERROR: 7,
} as const;

/** A Thrift EXCEPTION reply: the server could not run the call at all (unknown method, crash, bad message). */
export class ThriftApplicationError extends Error {
  override readonly name = 'ThriftApplicationError';
  constructor(
    message: string,
    readonly type: number,
  ) {
    super(message);
  }
}

/** The connection failed, closed, or a call did not answer in time. Always safe to retry on a new connection. */
export class ThriftTransportError extends Error {
  override readonly name = 'ThriftTransportError';
  constructor(
    message: string,
    readonly code: 'CONNECT' | 'TIMEOUT' | 'CLOSED' | 'IO',
  ) {
    super(message);
  }
}
