// The served page carries a strict Content-Security-Policy whose script hash
// was filled in at build time, and the app still starts under it.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { appTest, serverUrl } from './harness.mjs';

test('index.html has a strict CSP with the real hash of the loader script', async () => {
  const html = await (await fetch(await serverUrl())).text();

  const metas = [...html.matchAll(/<meta\b[^>]*http-equiv="Content-Security-Policy"[^>]*content="([^"]*)"/gi)];
  assert.equal(metas.length, 1, 'exactly one CSP meta tag');
  const csp = metas[0][1];
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));

  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.doesNotMatch(csp, /PLACEHOLDER/, 'the build must fill the placeholder');
  assert.match(csp, /default-src 'none'/);
  assert.match(scriptSrc, /'wasm-unsafe-eval'/);
  // The service worker and the web manifest (installable, offline) come from
  // the page's own origin only.
  assert.match(csp, /(^|; )worker-src 'self'(;|$)/);
  assert.match(csp, /(^|; )manifest-src 'self'(;|$)/);

  const hashes = [...scriptSrc.matchAll(/'sha256-([A-Za-z0-9+/]{43}=)'/g)].map((m) => m[1]);
  assert.equal(hashes.length, 1, `one sha256 source in: ${scriptSrc}`);

  // ...and it is the hash of the one inline script in the page.
  const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, a]) => !/\bsrc=/.test(a));
  assert.equal(inline.length, 1, 'one inline script (the loader)');
  assert.equal(createHash('sha256').update(inline[0][2]).digest('base64'), hashes[0]);
});

appTest('the app starts under that CSP', async (app) => {
  // App.start() already waited for the file input; the CSP is the page's own.
  const csp = await app.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.doesNotMatch(csp, /PLACEHOLDER|unsafe-inline/);
  assert.equal(await app.page.title(), 'Mimecast Configuration Audit');
});
