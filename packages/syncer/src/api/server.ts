// The syncer's HTTP API: the Go syncer's paths and JSON keys (syncer-operations.md §1), plus what it
// lacks — validated requests, real HTTP status codes, optional bearer-token auth (every endpoint but
// /version; /metrics has its own optional token), redacted passwords, and /failpoint only when
// explicitly enabled.
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import type { JobService } from '../model/job-service.js';
import { bearerTokenMatches } from './bearer-auth.js';
import { consoleAssetsDir, registerConsole } from './console-assets.js';
import {
  type EndpointContext,
  FAILPOINT_ENDPOINT,
  type FeatureFlag,
  JSON_ENDPOINTS,
  type JsonEndpoint,
} from './endpoints.js';
import { FailpointRegistry } from './failpoints.js';
import { describeFailure } from './failure.js';
import { bodyObject } from './fields.js';
import { toJsonText } from './json-text.js';
import {
  bodyTooLarge,
  DEFAULT_BODY_LIMIT,
  installJsonBodyParser,
  isFastifyBodyTooLarge,
  requestBody,
} from './request-body.js';
import { RequestError } from './request-error.js';
import { ENDPOINT_SCHEMAS } from './schemas.js';

export interface ApiServerOptions {
  readonly service: JobService;
  /** When set, every endpoint but /version and /metrics requires `Authorization: Bearer <apiToken>`. */
  readonly apiToken?: string;
  /** When set, /metrics requires `Authorization: Bearer <metricsToken>`; without it /metrics is open. */
  readonly metricsToken?: string;
  /** Registers /failpoint; without it the path answers 404. */
  readonly failpointsEnabled?: boolean;
  /** The registry /failpoint writes to, shared with the job engine; a private one when absent. */
  readonly failpoints?: FailpointRegistry;
  /** Answer of /version. */
  readonly version: string;
  /** Answer of /features. */
  readonly features: readonly FeatureFlag[];
  readonly logger: Logger;
  /** Largest accepted request body in bytes (default 1 MiB; the Go syncer has no limit). */
  readonly bodyLimit?: number;
  /** The built web console served at /ui/ (default: the @doris-ccr/console package's build). */
  readonly consoleDir?: string;
}

export type ApiServer = FastifyInstance;

const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Go accepts every method; GET and POST are what its clients use. HEAD is left out on purpose. */
const METHODS: Array<'GET' | 'POST'> = ['GET', 'POST'];

function sendJson(reply: FastifyReply, status: number, answer: Record<string, unknown>): FastifyReply {
  return reply.code(status).type(JSON_CONTENT_TYPE).send(toJsonText(answer));
}

function pathOf(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? request.url : request.url.slice(0, at);
}

export function createApiServer(options: ApiServerOptions): ApiServer {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const context: EndpointContext = {
    service: options.service,
    features: options.features,
    failpoints: options.failpoints ?? new FailpointRegistry(),
  };
  const app = Fastify({
    // Typed as Fastify's base logger so the instance keeps Fastify's default generics.
    loggerInstance: options.logger as FastifyBaseLogger,
    // Fastify's request logging would print request ids but no job; the onResponse hook below logs one
    // line per request instead, and never the body, which may hold cluster passwords.
    logController: new Fastify.LogController({ disableRequestLogging: true }),
    bodyLimit,
    exposeHeadRoutes: false,
    forceCloseConnections: 'idle',
  });
  installJsonBodyParser(app);
  // Route schemas only describe the API for /openapi.json: requests.ts validates (with the messages Go's
  // clients know) and answers are written as JSON text, so neither validator nor serializer is compiled.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.register(swagger, {
    openapi: {
      info: {
        title: 'ccr-syncer',
        version: options.version,
        description:
          'Cross-cluster replication for Apache Doris. Every endpoint takes GET or POST with a JSON body ' +
          '(GET also takes the members as query parameters).',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '--api_token' } },
      },
    },
  });

  // Job names seen by the handlers, for the request log line.
  const jobOfRequest = new WeakMap<FastifyRequest, string>();

  /** Refuses the request (401) unless it carries the token; no token configured: open, as in Go. */
  const requireToken = (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string | undefined,
    flag: string,
  ) => {
    if (token === undefined || token === '') return;
    if (bearerTokenMatches(request.headers.authorization, token)) return;
    reply.header('www-authenticate', 'Bearer');
    throw new RequestError(`missing or invalid bearer token (Authorization: Bearer <${flag}>)`, 401);
  };

  const runJsonEndpoint = async (endpoint: JsonEndpoint, request: FastifyRequest, reply: FastifyReply) => {
    try {
      if (request.method === 'GET' && endpoint.mutating && hasOnlyQuery(request)) {
        // A link or a prefetch must not pause or delete a job: GET changes state only with a body,
        // as Go clients send it (curl -X GET -d '{…}').
        throw new RequestError(`${endpoint.path} needs a JSON body; query parameters are read-only`);
      }
      // One path for every endpoint: the body (or query) read within the limit, parsed as JSON, and an
      // object (absent reads as {}); then the endpoint's own reader checks its members.
      const body = bodyObject(await requestBody(request, bodyLimit));
      const name = body.name;
      if (typeof name === 'string' && name !== '') jobOfRequest.set(request, name.slice(0, 200));
      const keys = await endpoint.run(body, context, { address: request.ip });
      return sendJson(reply, 200, { success: true, ...keys });
    } catch (error) {
      return sendFailure(request, reply, error, endpoint.onError);
    }
  };

  const sendFailure = (
    request: FastifyRequest,
    reply: FastifyReply,
    error: unknown,
    extraKeys: Readonly<Record<string, unknown>> = {},
  ) => {
    const failure = describeFailure(error);
    if (!failure.expected) request.log.error({ err: error, path: pathOf(request) }, 'api request failed');
    return sendJson(reply, failure.status, { success: false, error_msg: failure.message, ...extraKeys });
  };

  const endpoints = [...JSON_ENDPOINTS, ...(options.failpointsEnabled ? [FAILPOINT_ENDPOINT] : [])];
  const jsonPaths = new Set(endpoints.map((e) => e.path));

  // Before the body is read: a caller without the token gets nothing parsed on its behalf.
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    // Reads too: job details name hosts, users and databases, and get_lag costs an FE call each.
    if (jsonPaths.has(path)) requireToken(request, reply, options.apiToken, 'api_token');
    // Scrapers usually hold a token of their own, not the one that can delete jobs.
    else if (path === '/metrics') requireToken(request, reply, options.metricsToken, 'metrics_token');
  });
  // Registered after @fastify/swagger (as a plugin, so its route hook sees every route).
  app.register(async (api) => {
    for (const endpoint of endpoints) {
      const schema = ENDPOINT_SCHEMAS[endpoint.path];
      const handler = (request: FastifyRequest, reply: FastifyReply) =>
        runJsonEndpoint(endpoint, request, reply);
      const common = schema
        ? {
            summary: schema.summary,
            response: schema.response,
            // With --api_token every JSON endpoint needs it, reads included.
            security: [{ bearer: [] }],
          }
        : undefined;
      // OpenAPI has no GET body: a read's members are documented as query parameters (which it takes too).
      const query = schema?.body && !endpoint.mutating ? { querystring: schema.body } : {};
      api.route({
        method: 'GET',
        url: endpoint.path,
        ...(common ? { schema: { ...common, ...query } } : {}),
        handler,
      });
      const body = schema?.body ? { body: schema.body } : {};
      api.route({
        method: 'POST',
        url: endpoint.path,
        ...(common ? { schema: { ...common, ...body } } : {}),
        handler,
      });
    }
  });

  registerConsole(app, options.consoleDir ?? consoleAssetsDir());

  app.route({
    method: 'GET',
    url: '/openapi.json',
    schema: { hide: true },
    // The API's description, generated from the route schemas (schemas.ts).
    handler: (_request, reply) => sendJson(reply, 200, app.swagger() as Record<string, unknown>),
  });

  app.route({
    method: METHODS,
    url: '/version',
    // Go answers with the bare version object, no `success` key.
    handler: (_request, reply) => sendJson(reply, 200, { version: options.version }),
  });

  app.route({
    method: METHODS,
    url: '/metrics',
    handler: async (request, reply) => {
      try {
        const text = await options.service.metrics();
        return reply.code(200).type(METRICS_CONTENT_TYPE).send(text);
      } catch (error) {
        return sendFailure(request, reply, error);
      }
    },
  });

  const knownPaths = new Set([...jsonPaths, '/version', '/metrics']);
  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request);
    if (knownPaths.has(path)) {
      reply.header('allow', METHODS.join(', '));
      return sendJson(reply, 405, {
        success: false,
        error_msg: `${request.method} ${path} is not served: use ${METHODS.join(' or ')}`,
      });
    }
    const message =
      path === FAILPOINT_ENDPOINT.path
        ? 'failpoints are disabled; start the syncer with --enable_failpoints to use /failpoint'
        : `unknown endpoint: ${request.method} ${path}`;
    return sendJson(reply, 404, { success: false, error_msg: message });
  });

  // Errors raised before a handler runs: unreadable JSON, body too large, unsupported media type.
  app.setErrorHandler((error, request, reply) =>
    sendFailure(request, reply, clientError(error, request, bodyLimit)),
  );

  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const job = jobOfRequest.get(request);
    const line = {
      method: request.method,
      path: pathOf(request),
      status,
      ms: Math.round(reply.elapsedTime),
      ...(job === undefined ? {} : { job }),
    };
    const message = 'api request';
    // Monitoring polls get_lag and metrics all day long: successful reads are debug, changes are info.
    if (status >= 500) request.log.error(line, message);
    else if (status >= 400) request.log.warn(line, message);
    else if (isMutatingPath(line.path, endpoints)) request.log.info(line, message);
    else request.log.debug(line, message);
  });

  return app;
}

/** Fastify's refusals before a handler runs, reworded to say what was wrong and what is accepted. */
function clientError(error: unknown, request: FastifyRequest, bodyLimit: number): unknown {
  if (isFastifyBodyTooLarge(error)) return bodyTooLarge(bodyLimit);
  if ((error as { code?: unknown } | null)?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const header = String(request.headers['content-type'] ?? '').slice(0, 100);
    return new RequestError(`unreadable Content-Type "${header}": send the body as application/json`, 415);
  }
  return error;
}

function hasOnlyQuery(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

function isMutatingPath(path: string, endpoints: readonly JsonEndpoint[]): boolean {
  return endpoints.some((endpoint) => endpoint.path === path && endpoint.mutating);
}
