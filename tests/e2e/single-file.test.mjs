// The release's single HTML file (scripts/release.mjs), opened from disk
// (file://) in a browser context that is offline, where every request that
// is not for a file:, blob: or data: URL is aborted and recorded: it must
// work like the served app (the same findings and score for every sample,
// zips, the checklist, exports, assessments kept across a reload) and make
// no request at all to anything else. Its CSP is the strict one.
//
// The file is looked for in release/ beside E2E_DIST (E2E_RELEASE overrides).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App, DIST, serverUrl } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RELEASE = resolve(process.env.E2E_RELEASE ?? join(DIST, '..', 'release'));
const VERSION = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8')
  .split(/^\[workspace\.package\]\s*$/m)[1]
  .match(/^version\s*=\s*"([^"]+)"/m)[1];
const FILE = join(RELEASE, `mimecast-audit-${VERSION}.html`);
const SAMPLES = join(ROOT, 'samples');

function singleFile() {
  assert.ok(
    existsSync(FILE),
    `${FILE} not found: make the release first (node scripts/release.mjs, after trunk build --release)`,
  );
  return FILE;
}

/**
 * Opens the single file in an offline context; every request is recorded
 * (`app.requests`) and any that is not file:, blob: or data: is aborted and
 * counted as a problem, as are console errors and page errors (App's own
 * watch). Returns the App.
 */
async function openSingleFile() {
  const url = pathToFileURL(singleFile()).href;
  const app = await App.launch(url);
  app.requests = [];
  app.workers = [];
  const local = (u) => /^(file|blob|data):/.test(u);
  await app.context.setOffline(true);
  // Routes added last are tried first: this one sees every request first.
  await app.context.route('**/*', (route) => {
    const u = route.request().url();
    if (local(u)) return route.fallback();
    app.problems.push(`request that would leave: ${u}`);
    return route.abort('blockedbyclient');
  });
  app.context.on('request', (req) => {
    app.requests.push(req.url());
    if (!local(req.url())) app.problems.push(`request that would leave: ${req.url()}`);
  });
  app.page.on('worker', (w) => app.workers.push(w.url()));
  app.url = url;
  await app.page.goto(url);
  await app.waitFor('[data-testid="file-input"]', 'attached');
  return app;
}

/** A test on the single file; it also fails on any request that leaves. */
function fileTest(name, body, options = {}) {
  test(name, { timeout: 120_000, ...options }, async (t) => {
    const app = await openSingleFile();
    try {
      await body(app, t);
    } catch (err) {
      if (app.problems.length) err.message += `\nPage problems:\n  ${app.problems.join('\n  ')}`;
      throw err;
    } finally {
      await app.close();
    }
    assert.deepEqual(app.problems, [], 'the page must stay quiet and make no request that leaves');
    const leaving = app.requests.filter((u) => !/^(blob|data):/.test(u) && u !== app.url);
    assert.deepEqual(leaving, [], 'no request but the file itself (and its own blob:/data: URLs)');
  });
}

async function loadSample(app) {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
}

/** The parsed directives of the CSP meta tag the page carries. */
async function cspOf(page) {
  const content = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  return Object.fromEntries(
    content.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]),
  );
}

fileTest('opens from disk offline: the sample loads in the worker, under the strict CSP', async (app) => {
  await loadSample(app);
  assert.ok(Number.isFinite(Number((await app.texts('[data-testid="score-value"]'))[0])), 'a score');

  const csp = await cspOf(app.page);
  assert.deepEqual(csp['default-src'], ["'none'"]);
  assert.deepEqual(csp['connect-src'], ["'none'"], 'nothing may be fetched');
  const scripts = csp['script-src'];
  assert.ok(scripts.includes("'wasm-unsafe-eval'"), 'wasm may compile');
  assert.ok(scripts.length >= 2 && scripts.every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s) || s === "'wasm-unsafe-eval'"),
    `scripts only by hash: ${scripts}`);
  assert.ok(csp['style-src'].length >= 1 && csp['style-src'].every((s) => /^'sha256-/.test(s)), `styles only by hash: ${csp['style-src']}`);
  assert.deepEqual(csp['worker-src'], ['blob:']);
  assert.deepEqual(csp['img-src'], ['data:']);
  assert.deepEqual(Object.keys(csp).sort(),
    ['base-uri', 'connect-src', 'default-src', 'form-action', 'img-src', 'script-src', 'style-src', 'worker-src']);
  const tokens = Object.values(csp).flat();
  for (const broad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'self'", '*', 'http:', 'https:', 'file:']) {
    assert.ok(!tokens.includes(broad), `no ${broad}: ${tokens.join(' ')}`);
  }
  // The one inline script and the one style the page has are the hashed ones.
  const hashes = await app.page.evaluate(async () => {
    const hash = async (t) => 'sha256-' + btoa(String.fromCharCode(...new Uint8Array(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(t)))));
    const code = [...document.querySelectorAll('script')].filter((s) => !s.type || s.type === 'module');
    return { scripts: await Promise.all(code.map((s) => hash(s.textContent))),
      styles: await Promise.all([...document.querySelectorAll('style')].map((s) => hash(s.textContent))) };
  });
  assert.deepEqual(hashes.scripts.map((h) => `'${h}'`), scripts.filter((s) => s !== "'wasm-unsafe-eval'"));
  assert.deepEqual(hashes.styles.map((h) => `'${h}'`), csp['style-src']);
  // No service worker or manifest in the single file.
  assert.equal(await app.page.locator('link[rel="manifest"]').count(), 0);
  assert.equal(await app.page.evaluate(() => navigator.serviceWorker?.controller ?? null), null);

  // The analysis ran in the worker the file starts from a blob: URL.
  assert.equal(app.workers.length, 1, `one worker: ${app.workers}`);
  assert.match(app.workers[0], /^blob:/);
  // The hash of the running wasm is published, and is the build's.
  const wasm = readFileSync(join(DIST, readdirSync(DIST).find((f) => f.endsWith('.wasm'))));
  const published = await app.page.evaluate(async () => await globalThis.MIMECAST_AUDIT_WASM_SHA256);
  assert.equal(published, createHash('sha256').update(wasm).digest('hex'));
});

fileTest('a zip of raw API files loads', async (app) => {
  await app.dropFiles(['exports.zip']);
  assert.match(await app.inputStatus('exports.zip/tenant export/api1/response (1).json', 'ok'), /Internal domains/);
  assert.match(await app.inputStatus('exports.zip/tenant export/api2/response (2).json', 'ok'), /Anti-spoofing policies/);
  await app.waitFor('[data-testid="rule-result"]', 'attached');
});

fileTest('every export downloads, with the findings in it', async (app) => {
  await loadSample(app);
  const formats = { 'export-html': '.html', 'export-csv': '.csv', 'export-markdown': '.md', 'export-sarif': '.sarif', 'export-json': '.json' };
  for (const [testid, ext] of Object.entries(formats)) {
    const { name, text } = await app.exportFile(testid);
    assert.ok(name.endsWith(ext), `${testid}: ${name}`);
    assert.match(text, /ASP001/, `${testid} holds the findings`);
  }
  const [bundle] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="save-bundle"]')]);
  assert.match(bundle.suggestedFilename(), /\.json$/);
  assert.match(readFileSync(await bundle.path(), 'utf8'), /pitfall|Tailspin|account/i);
});

fileTest('an assessment (accepted risk, checklist entry) survives a reload, in IndexedDB', async (app) => {
  await loadSample(app);
  const finding = '[data-testid="finding"][data-rule="ASP006"]';
  await app.expandRule('ASP006');
  await app.acceptRisk(finding, { reason: 'Legacy brand kept for redirects', owner: 'Mail team', expires: '2027-06-30' });

  const section = '[data-testid="checklist-section"][data-section="permittedSenderPolicies"]';
  const description = `${section} [data-testid="checklist-item"][data-index="0"] [data-testid="field"][data-key="description"]`;
  await app.page.click('[data-testid="tab-checklist"]');
  await app.waitFor('[data-testid="checklist-page"]');
  await app.page.click(`${section} [data-testid="add-item"]`);
  await app.waitFor(description);
  await app.page.fill(description, 'Scanner relay');
  await app.page.press(description, 'Tab');
  // Kept in this browser's IndexedDB, which works on file:// pages.
  await app.storedWhen((d) => JSON.stringify(d).includes('Scanner relay') && JSON.stringify(d).includes('Mail team'));

  await app.page.reload();
  await app.waitFor('[data-testid="file-input"]', 'attached');
  await app.page.click('[data-testid="tab-checklist"]');
  await app.waitFor(description);
  assert.equal(await app.page.inputValue(description), 'Scanner relay');
  await app.page.click('[data-testid="tab-report"]');
  await app.waitFor(`${finding}[data-state="accepted"]`, 'attached');
});

// ---- the same findings and score as the served app, for every sample ----

/** What the report shows, once it has settled (the same twice in a row). */
async function results(app) {
  await app.waitFor('[data-testid="score-value"]', 'attached');
  await app.waitFor('[data-testid="rule-result"]', 'attached');
  const snapshot = () => app.page.evaluate(() => {
    const text = (el) => el.textContent.replace(/\s+/g, ' ').trim();
    const all = (sel, f) => [...document.querySelectorAll(sel)].map(f);
    return {
      busy: document.querySelectorAll('[data-testid="load-progress"], [data-rendering="true"]').length,
      score: all('[data-testid="score-value"]', text),
      grade: all('[data-testid="grade"]', text),
      inputs: all('[data-testid="input-status"]', (el) => `${el.dataset.file}: ${el.dataset.status}: ${text(el)}`),
      rules: all('[data-testid="rule-result"]', (el) => `${el.dataset.rule}: ${el.dataset.status}: ${text(el)}`),
      findings: all('[data-testid="finding"]', (el) => `${el.dataset.rule}: ${text(el)}`),
    };
  });
  let last = '';
  for (let i = 0; i < 100; i++) {
    const now = await snapshot();
    const json = JSON.stringify(now);
    if (!now.busy && json === last) return now;
    last = json;
    await app.page.waitForTimeout(300);
  }
  throw new Error(`the report never settled: ${last.slice(0, 500)}`);
}

/** Every sample: the two built-in ones (buttons) and the files in samples/. */
const SAMPLE_RUNS = {
  'built-in pitfall sample': (app) => app.page.click('[data-testid="load-sample"]'),
  'built-in clean sample': (app) => app.page.click('[data-testid="load-clean-sample"]'),
  ...Object.fromEntries(
    ['clean-tenant.bundle.json', 'missing-protections.bundle.json', 'pitfall-tenant.bundle.json', 'demo-tenant', 'raw-api']
      .map((name) => {
        const path = join(SAMPLES, name);
        const files = name.endsWith('.json')
          ? [path]
          : readdirSync(path).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f));
        return [`samples/${name}`, (app) => app.page.setInputFiles('[data-testid="file-input"]', files)];
      }),
  ),
};

async function servedResults(load) {
  const app = await App.launch(await serverUrl());
  try {
    await app.start();
    await load(app);
    const r = await results(app);
    assert.deepEqual(app.problems, []);
    return r;
  } finally {
    await app.close();
  }
}

for (const [sample, load] of Object.entries(SAMPLE_RUNS)) {
  fileTest(`the same findings and score as the served app: ${sample}`, async (app) => {
    await load(app);
    const offline = await results(app);
    const served = await servedResults(load);
    assert.ok(served.inputs.length > 0 && served.rules.length > 0, `the sample loaded: ${JSON.stringify(served).slice(0, 300)}`);
    assert.deepEqual(offline, served);
  });
}
