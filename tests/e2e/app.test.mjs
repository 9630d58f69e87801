// The app mounts and can analyze its built-in sample.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';

appTest('mounts with a file input and a drop zone', async (app) => {
  assert.equal(await app.page.locator('[data-testid="file-input"]').count(), 1);
  await app.waitFor('[data-testid="drop-zone"]', 'attached');
});

appTest('has its own favicon (no request for a missing /favicon.ico)', async (app) => {
  const href = await app.page.getAttribute('link[rel="icon"]', 'href');
  assert.ok(href, 'a <link rel="icon">');
  const res = await app.page.request.get(new URL(href, app.origin).href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^image\/svg\+xml/);
});

appTest('"Load sample" shows rule results', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.waitFor('[data-testid="rule-result"]', 'attached');
  assert.ok((await app.page.locator('[data-testid="rule-result"]').count()) > 0);
});
