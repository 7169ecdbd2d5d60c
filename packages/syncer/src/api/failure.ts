// How an error thrown while answering a request is reported: which HTTP status, which `error_msg`.
// Expected failures keep their message; anything else becomes a 500 whose message never carries a stack.
import { JobServiceError } from '../model/job-service.js';
import { RequestError } from './request-error.js';

export interface Failure {
  readonly status: number;
  readonly message: string;
  /** False for bugs and broken dependencies, which deserve an error-level log with the stack. */
  readonly expected: boolean;
}

/** Errors of the clients layer and the wire protocols, by name (the API does not import those layers). */
const CLUSTER_ERRORS = new Set([
  'DorisSqlError',
  'DorisStatusError',
  'FeUnavailableError',
  'ThriftTransportError',
  'ThriftApplicationError',
  'ThriftProtocolError',
]);

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function numberMember(error: unknown, key: string): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : undefined;
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof RequestError)
    return { status: error.httpStatus, message: error.message, expected: true };
  // A second copy of the model module (or an engine built apart) would defeat instanceof; the name and
  // status are what the contract really is.
  const serviceStatus = numberMember(error, 'httpStatus');
  if (error instanceof JobServiceError || (error instanceof Error && error.name === 'JobServiceError')) {
    const status = serviceStatus ?? 400;
    return { status, message: messageOf(error), expected: status < 500 };
  }
  // The meta store's typed errors, should the engine let them through unchanged.
  if (error instanceof Error && error.name === 'JobNotFoundError') {
    return { status: 404, message: error.message, expected: true };
  }
  if (error instanceof Error && error.name === 'JobExistsError') {
    return { status: 409, message: error.message, expected: true };
  }
  // Fastify's own client errors (body too large, bad content type) carry a 4xx statusCode.
  const statusCode = numberMember(error, 'statusCode');
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, message: messageOf(error), expected: true };
  }
  // A cluster's failure the engine did not word itself (it names the address it came from): the
  // syncer's dependency failed, not the syncer.
  if (error instanceof Error && CLUSTER_ERRORS.has(error.name)) {
    return { status: 502, message: `a cluster answered with an error: ${error.message}`, expected: true };
  }
  return { status: 500, message: `internal error: ${messageOf(error)}`, expected: false };
}
