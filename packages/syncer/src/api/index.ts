// The syncer's HTTP API (syncer-operations.md §1).
export type { EndpointContext, FeatureFlag, JsonEndpoint } from './endpoints.js';
export { type FailpointChange, FailpointRegistry } from './failpoints.js';
export { describeFailure, type Failure } from './failure.js';
export { toJsonText } from './json-text.js';
export { RequestError } from './request-error.js';
export { REDACTED, redactSecrets } from './secret-redaction.js';
export { type ApiServer, type ApiServerOptions, createApiServer } from './server.js';
