// The served app is an installable, offline Progressive Web App:
//   - the web manifest is valid and its icons are in dist/;
//   - the service worker lists exactly the build's own files;
//   - after one visit the app starts, loads the sample and analyses it with
//     the network off;
//   - a new build is offered with a banner, the page is not reloaded by
//     itself (its state is kept), and the banner's button reloads into the
//     new build.

import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { App, appTest, DIST, serverUrl } from './harness.mjs';
import { serveDir } from './server.mjs';

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** Every file under `dir`, relative, with "/" separators. */
async function files(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();
}

/** The build id and file list written into a built sw.js. */
function swList(text) {
  const build = text.match(/const BUILD = '([^']*)';/)?.[1];
  const list = text.match(/const FILES = (\[[\s\S]*?\]);/)?.[1];
  return { build, files: JSON.parse(list) };
}

/** Waits until a service worker controls the page. */
async function controlled(app) {
  await app.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 20_000 });
}

test('the web manifest is valid, linked from the page and served as a manifest', async () => {
  const text = await readFile(join(DIST, 'manifest.webmanifest'), 'utf8');
  const m = JSON.parse(text);
  assert.equal(m.name, 'Mimecast Configuration Audit');
  assert.ok(m.short_name && m.short_name.length <= 15, `short name: ${m.short_name}`);
  assert.equal(m.display, 'standalone');
  assert.equal(m.start_url, './');
  // The colours are the page's: the header's and the background's.
  const css = await readFile(join(DIST, (await files(DIST)).find((f) => /^main-.*\.css$/.test(f))), 'utf8');
  assert.match(css, new RegExp(m.theme_color, 'i'), 'theme colour from the CSS');
  assert.match(css, new RegExp(`--bg:\\s*${m.background_color}`, 'i'), 'background colour from the CSS');

  // Every icon is in dist/ with the size it claims; 192 and 512 px exist.
  const sizes = new Set();
  for (const icon of m.icons) {
    const bytes = await readFile(join(DIST, icon.src));
    if (icon.type === 'image/png') {
      assert.equal(pngSize(bytes), icon.sizes, icon.src);
      sizes.add(icon.sizes);
    } else {
      assert.equal(icon.type, 'image/svg+xml');
      assert.match(bytes.toString('utf8'), /^<svg\b/);
    }
  }
  assert.deepEqual([...sizes].sort(), ['192x192', '512x512']);

  const base = await serverUrl();
  const html = await (await fetch(base)).text();
  assert.match(html, /<link rel="manifest" href="manifest\.webmanifest"/);
  const served = await fetch(new URL('manifest.webmanifest', base));
  assert.equal(served.headers.get('content-type'), 'application/manifest+json');
  const csp = html.match(/http-equiv="Content-Security-Policy"[^>]*content="([^"]*)"/)[1];
  assert.match(csp, /manifest-src 'self'/);
  assert.match(csp, /worker-src 'self'/);
});

test('the service worker precaches exactly the build\'s own files', async () => {
  const { build, files: listed } = swList(await readFile(join(DIST, 'sw.js'), 'utf8'));
  assert.match(build, /^[0-9a-f]{16}$/, 'a build id was written');
  const all = await files(DIST);
  const want = all.filter((f) => f !== 'sw.js').map((f) => (f === 'index.html' ? './' : f));
  assert.deepEqual([...listed].sort(), want.sort());
  assert.ok(listed.some((f) => f.endsWith('_bg.wasm')), 'the wasm');
  assert.ok(listed.includes('analysis-worker.js'), 'the analysis worker');
  assert.ok(listed.includes('./'), 'the page itself');
});

appTest('after one visit the app starts, loads the sample and analyses it offline', async (app) => {
  await controlled(app);
  const cached = await app.page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((n) => n.startsWith('mimecast-audit-')));
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  const { files: listed } = swList(await readFile(join(DIST, 'sw.js'), 'utf8'));
  assert.deepEqual(cached.sort(), listed.map((f) => (f === './' ? '/' : `/${f}`)).sort(), 'the cache holds the list, nothing else');

  await app.context.setOffline(true);
  // Offline indeed: an address that is not one of the app's files cannot
  // be opened (in a second tab, whose failure the harness does not watch).
  const probe = await app.context.newPage();
  await assert.rejects(probe.goto(`${app.origin}/not-cached.txt`), /ERR_INTERNET_DISCONNECTED/);
  await probe.close();

  await app.page.reload();
  await app.waitFor('[data-testid="file-input"]', 'attached');
  await app.page.click('[data-testid="load-sample"]');
  await app.inputStatus('pitfall-tenant.bundle.json', 'ok');
  await app.waitFor('[data-testid="rule-result"][data-status="fail"]', 'attached');
  assert.ok((await app.page.locator('[data-testid="rule-result"]').count()) > 10, 'the rules ran');
  // Nothing new was stored in the cache by the visit (no cache-on-fetch).
  const after = await app.page.evaluate(async () => {
    const names = await caches.keys();
    return Promise.all(names.map(async (n) => [n, (await (await caches.open(n)).keys()).length]));
  });
  assert.equal(after.length, 1, `one cache: ${JSON.stringify(after)}`);
  assert.equal(after[0][1], listed.length);
  await app.context.setOffline(false);
});

test('a new build is offered, never switched to by itself, and the button reloads into it', { timeout: 120_000 }, async () => {
  // A copy of dist/ that the test can turn into a "new build".
  const dir = await mkdtemp(join(tmpdir(), 'mimecast-audit-pwa-'));
  await cp(DIST, dir, { recursive: true });
  const server = await serveDir(dir);
  const app = await App.launch(server.url);
  try {
    await app.start();
    await controlled(app);
    const swText = await readFile(join(dir, 'sw.js'), 'utf8');
    const { build: oldBuild } = swList(swText);

    // State that a reload would lose.
    await app.page.click('[data-testid="load-sample"]');
    await app.inputStatus('pitfall-tenant.bundle.json', 'ok');
    await app.page.evaluate(() => (window.keptUntilReload = 'kept'));
    let navigations = 0;
    app.page.on('framenavigated', (f) => f === app.page.mainFrame() && navigations++);

    // The new build: another id in sw.js, a mark in index.html.
    const newBuild = 'feedfacecafe0001';
    await writeFile(join(dir, 'sw.js'), swText.replace(`const BUILD = '${oldBuild}';`, `const BUILD = '${newBuild}';`));
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    await writeFile(join(dir, 'index.html'), html.replace('</body>', '<!-- new build for the test --></body>'));

    await app.page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await app.waitFor('[data-testid="update-banner"]');
    assert.match(await app.page.textContent('[data-testid="update-banner"]'), /A new version is available — Reload to update/);

    // Offered, not applied: same page, same state, old worker in charge.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(navigations, 0, 'the page was not reloaded by itself');
    assert.equal(await app.page.evaluate(() => window.keptUntilReload), 'kept');
    assert.equal(await app.page.locator('[data-testid="input-status"]').count(), 1, 'the loaded file is still shown');
    await app.page.click('[data-testid="tab-privacy"]');
    await app.waitFor('[data-testid="offline-build"]');
    assert.equal(await app.page.textContent('[data-testid="offline-build"]'), oldBuild);
    await app.page.click('[data-testid="tab-report"]');

    // The button: the new worker takes over, the page reloads into it.
    const reloaded = app.page.waitForEvent('framenavigated', { timeout: 20_000 });
    await app.page.click('[data-testid="update-reload"]');
    await reloaded;
    await app.waitFor('[data-testid="file-input"]', 'attached');
    assert.equal(await app.page.evaluate(() => window.keptUntilReload), undefined, 'a new page');
    assert.match(await app.page.content(), /<!-- new build for the test -->/, 'the new index.html');
    await app.page.click('[data-testid="tab-privacy"]');
    await app.waitFor('[data-testid="offline-build"]');
    assert.equal(await app.page.textContent('[data-testid="offline-build"]'), newBuild);
    assert.equal(await app.page.locator('[data-testid="update-banner"]').count(), 0, 'no banner for the version running');
    // The old build's cache is gone.
    const names = await app.page.evaluate(() => caches.keys());
    assert.deepEqual(names, [`mimecast-audit-${newBuild}`]);
  } catch (err) {
    if (app.problems.length) err.message += `\nPage problems:\n  ${app.problems.join('\n  ')}`;
    throw err;
  } finally {
    await app.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(app.problems, [], 'the page must stay quiet and on its own origin');
});
