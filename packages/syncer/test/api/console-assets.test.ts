// /ui/: the web console's files (packages/console's build) are served without the API token — they hold
// no data — while every call the page makes still needs it; /openapi.json documents /lag_history, not /ui.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Harness, startHarness } from './api-harness.js';

describe('web console assets at /ui/', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ apiToken: 'tok' });
  });
  after(async () => {
    await h?.close();
  });

  it('serves the page and its bundle without the token; /ui redirects to /ui/', async () => {
    const page = await h.call('/ui/', undefined, { method: 'GET' });
    assert.equal(page.status, 200);
    assert.match(page.contentType, /^text\/html/);
    assert.match(page.text, /<script type="module" src="app\.js">/);
    const bundle = await h.call('/ui/app.js', undefined, { method: 'GET' });
    assert.equal(bundle.status, 200);
    assert.match(bundle.contentType, /javascript/);
    assert.ok(bundle.text.length > 10_000, 'Preact and uPlot are bundled');
    const css = await h.call('/ui/app.css', undefined, { method: 'GET' });
    assert.match(css.text, /\.uplot/, 'uPlot’s stylesheet is bundled');
    const bare = await fetch(`${h.base}/ui`, { redirect: 'manual' });
    await bare.arrayBuffer();
    assert.ok(bare.status >= 300 && bare.status < 400, `${bare.status}`);
    assert.equal(bare.headers.get('location'), '/ui/');
    const missing = await h.call('/ui/nothing.js', undefined, { method: 'GET' });
    assert.equal(missing.status, 404);
  });

  it('the data the page reads still needs the token', async () => {
    const refused = await h.call('/lag_history', { name: 'job1' });
    assert.equal(refused.status, 401);
    const wrong = await h.call('/lag_history', { name: 'job1' }, { token: 'nope' });
    assert.equal(wrong.status, 401);
    const ok = await h.call('/lag_history', { name: 'job1' }, { token: 'tok' });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json, {
      success: true,
      samples: [{ at: 1_700_000_000_000, lag_seconds: 2.5, lag_binlogs: 3 }],
      interval_seconds: 1,
    });
  });

  it('/openapi.json lists /lag_history and not the console’s files', async () => {
    const doc = (await h.call('/openapi.json', undefined, { method: 'GET' })).json as {
      paths: Record<string, unknown>;
    };
    assert.ok(doc.paths['/lag_history']);
    assert.deepEqual(
      Object.keys(doc.paths).filter((p) => p.startsWith('/ui')),
      [],
    );
  });
});
