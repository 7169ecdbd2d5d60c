// /openapi.json: generated from the route schemas, it lists every JSON endpoint with its body and answer,
// marks them as needing the bearer token (--api_token covers reads too), and describes what the server really answers —
// while the requests are still validated by the syncer's own readers (their messages, not a schema's).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JSON_ENDPOINTS } from '../../src/api/endpoints.js';
import { type Harness, startHarness } from './api-harness.js';

interface Operation {
  summary?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }
  >;
}

describe('/openapi.json', () => {
  let h: Harness;
  let doc: { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>> };
  before(async () => {
    h = await startHarness({ apiToken: 'tok' });
    const answer = await h.call('/openapi.json', undefined, { method: 'GET' });
    assert.equal(answer.status, 200);
    doc = answer.json as typeof doc;
  });
  after(async () => {
    await h?.close();
  });

  it('is OpenAPI 3 with the syncer’s version and every JSON endpoint, GET and POST', () => {
    assert.match(doc.openapi, /^3\./);
    assert.equal(doc.info.version, 'v9.9.9:abc');
    for (const endpoint of JSON_ENDPOINTS) {
      const ops = doc.paths[endpoint.path];
      assert.ok(ops?.get && ops.post, `${endpoint.path} documented`);
      assert.ok(ops.post.summary, `${endpoint.path} has a summary`);
      assert.ok(ops.post.security && ops.get.security, `${endpoint.path} needs the token`);
    }
    assert.equal(doc.paths['/openapi.json'], undefined, 'the document does not list itself');
  });

  it('describes bodies and answers: job_events takes since, job_status answers lag and runway', () => {
    const events = doc.paths['/job_events']!.post!;
    const body = events.requestBody!.content['application/json']!.schema;
    assert.deepEqual(Object.keys(body.properties!).sort(), ['limit', 'name', 'since']);
    const status = doc.paths['/job_status']!.post!.responses['200']!.content!['application/json']!.schema;
    const fields = Object.keys((status.properties!.status as { properties: object }).properties);
    for (const f of ['state', 'lag_seconds', 'runway_seconds', 'runway_warning', 'stalled_since'])
      assert.ok(fields.includes(f), f);
  });

  it('leaves validation to the syncer’s readers: their messages, and bodies the schema would not list', async () => {
    const empty = await h.call('/pause', {}, { token: 'tok' });
    assert.equal(empty.status, 400);
    assert.equal(empty.json?.error_msg, 'name is empty');
    const lag = await h.call('/get_lag', { name: 'j1', extra: 1 }, { token: 'tok' });
    assert.notEqual(lag.status, 500);
  });
});
