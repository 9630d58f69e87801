// The Privacy and verification page: it shows the Content-Security-Policy
// the page really carries (the one in dist/index.html), the SHA-256 of the
// wasm file in dist/ (computed in the page), the app's version and whether
// the offline copy is ready; it is reached and used with the keyboard; its
// wipe deletes a saved assessment for good (gone after a reload) and every
// cache but the app's own files. In the single-file build the page takes
// the hash from the loader instead of fetching the wasm.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appTest, DIST } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;

async function openPrivacy(app) {
  await app.page.click('[data-testid="tab-privacy"]');
  await app.waitFor('[data-testid="privacy-page"]');
}

appTest('the page shows the CSP of dist/index.html and the SHA-256 of its wasm', async (app) => {
  await openPrivacy(app);

  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)[1];
  const shown = await app.texts('[data-testid="csp-directive"]');
  assert.deepEqual(shown, csp.split(';').map((d) => d.trim()).filter(Boolean));
  assert.ok(shown.includes("connect-src 'self'"), `connect-src shown: ${shown}`);

  const wasm = (await readdir(DIST)).find((f) => f.endsWith('_bg.wasm'));
  const sha = createHash('sha256').update(await readFile(join(DIST, wasm))).digest('hex');
  await app.waitFor('[data-testid="wasm-sha256"]');
  assert.equal(await app.page.textContent('[data-testid="wasm-sha256"]'), sha);
  assert.equal(await app.page.textContent('[data-testid="wasm-file"]'), wasm);
  assert.match((await app.texts('.privacy-commands li')).join('\n'), new RegExp(`sha256sum ${wasm}`));

  const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
  const version = cargo.match(/\[workspace\.package\][^[]*?version = "([^"]+)"/)[1];
  assert.equal(await app.page.textContent('[data-testid="app-version"]'), version);

  await app.waitFor('[data-testid="offline-status"][data-state="ready"]');
});

appTest('in the single-file build the hash comes from its loader, not from a fetch', async (app) => {
  const planted = 'ab'.repeat(32);
  await app.page.addInitScript((h) => {
    globalThis.MIMECAST_AUDIT_WASM_SHA256 = Promise.resolve(h);
  }, planted);
  await app.page.reload();
  await app.waitFor('[data-testid="file-input"]', 'attached');
  await openPrivacy(app);
  await app.waitFor('[data-testid="wasm-sha256"]');
  assert.equal(await app.page.textContent('[data-testid="wasm-sha256"]'), planted);
  assert.equal(await app.page.locator('[data-testid="wasm-file"]').count(), 0, 'no file name: nothing was fetched');
});

appTest('wipe from the Privacy page, by keyboard: the saved assessment is gone, even after a reload', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.inputStatus('pitfall-tenant.bundle.json', 'ok');
  await app.storedWhen((d) => Object.keys(d.assessments ?? {}).length === 1);
  await app.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
  // A cache that is not the app's own files (made here): the wipe removes it.
  await app.page.evaluate(async () => (await caches.open('someone-else')).put('/x', new Response('x')));

  // To the tab and through the confirmation with the keyboard only.
  await app.page.focus('[data-testid="tab-privacy"]');
  await app.page.keyboard.press('Enter');
  await app.waitFor('[data-testid="privacy-kept"]');
  assert.match(await app.page.textContent('[data-testid="privacy-kept"]'), /^1 assessment is stored/);
  await app.waitFor('[data-testid="privacy-usage"]');
  await app.page.focus('[data-testid="privacy-wipe"]');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.activeElement?.dataset.testid === 'privacy-wipe-confirm', null, { timeout: 5000 });
  await app.page.keyboard.press('Enter');
  await app.waitFor('[data-testid="privacy-wiped"]');
  await app.waitFor('[data-testid="privacy-empty"]');

  const names = await app.page.evaluate(() => caches.keys());
  assert.equal(names.length, 1, `only the app's cache is left: ${names}`);
  assert.match(names[0], /^mimecast-audit-[0-9a-f]{16}$/);
  await app.storedWhen((d) => Object.keys(d.assessments ?? {}).length === 0 && Object.keys(d.files ?? {}).length === 0);
  assert.deepEqual(await app.localKeys(), []);

  await app.page.reload();
  await app.waitFor('[data-testid="file-input"]', 'attached');
  assert.equal(await app.page.locator('[data-testid="input-status"]').count(), 0, 'nothing is loaded after the reload');
  await openPrivacy(app);
  await app.waitFor('[data-testid="privacy-empty"]');
  const dump = await app.stored();
  assert.deepEqual(Object.keys(dump.assessments ?? {}), []);
});
