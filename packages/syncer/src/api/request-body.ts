// Request bodies, the way Go's handlers read them: JSON whatever the Content-Type says (curl -d sends
// application/x-www-form-urlencoded by default), on GET as well as POST. Integers are read without
// losing precision, since commit seqs are 64-bit.

import { JsonSyntaxError, type JsonValue, parseJson } from '@doris-ccr/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestError } from './request-error.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The one answer to a body past the limit, whether Fastify or readRawBody noticed it. */
export function bodyTooLarge(limit: number): RequestError {
  return new RequestError(`request body is larger than the limit of ${limit} bytes`, 413);
}

/** Fastify's own refusal of a body past its bodyLimit (checked on Content-Length and while reading). */
export function isFastifyBodyTooLarge(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
}

function parseBodyText(text: string): JsonValue | undefined {
  if (text.trim() === '') return undefined;
  try {
    return parseJson(text);
  } catch (error) {
    const detail = error instanceof JsonSyntaxError ? error.message : String(error);
    throw new RequestError(`request body is not valid JSON: ${detail}`);
  }
}

/** Replaces Fastify's parsers with one that reads every POST body as JSON text. */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, parseBodyText(String(text)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function hasRawBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

async function readRawBody(request: FastifyRequest, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw bodyTooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The request's JSON body. Fastify parses POST bodies itself but leaves GET bodies unread, and Go's
 * syncer accepts `curl -X GET -d '{…}'`, so a GET body is read here; a GET without one falls back to
 * the query string (`/job_status?name=j`), which is handy in a browser.
 */
export async function requestBody(request: FastifyRequest, limit: number): Promise<JsonValue | undefined> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return request.body as JsonValue | undefined;
  if (hasRawBody(request)) return parseBodyText(await readRawBody(request, limit));
  const query = request.query as Record<string, unknown> | undefined;
  if (!query || Object.keys(query).length === 0) return undefined;
  const object: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string') object[key] = value;
  }
  return object;
}
