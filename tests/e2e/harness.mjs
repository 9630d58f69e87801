// Shared set-up for the end-to-end tests: serves the built dist/ folder,
// starts headless Chromium (the Debian one, through playwright-core) with a
// fresh profile per test, and watches every page for things that must never
// happen:
//   - a request to anything but the page's own origin (it is also aborted),
//   - a console message of type "error" (CSP violations are reported so),
//   - an uncaught exception in the page ("pageerror"),
//   - an HTTP error answer from our own server (e.g. a missing favicon).
// Any of these fails the test, whatever the test itself checked.
//
// Use `appTest(name, async (app) => { ... })` instead of `test`.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { serveDir } from './server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = resolve(process.env.E2E_DIST ?? join(ROOT, 'dist'));
export const FIXTURES = join(ROOT, 'tests/fixtures/e2e');
const WAIT_MS = Number(process.env.E2E_WAIT_MS ?? 15000);

// One static server per test file (node --test runs each file in its own
// process); serverUrl() starts it on first use.
let server;
export async function serverUrl() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html not found: build first (trunk build --release)`);
  }
  server ??= serveDir(DIST);
  return (await server).url;
}
after(async () => (await server)?.close());

/** A test that gets a freshly opened app page (see `App`). */
export function appTest(name, body, options = {}) {
  test(name, { timeout: 90_000, ...options }, async (t) => {
    const app = await App.launch(await serverUrl());
    try {
      await app.start();
      await body(app, t);
    } catch (err) {
      // The page's own complaints usually explain a failed wait best.
      if (app.problems.length) err.message += `\nPage problems:\n  ${app.problems.join('\n  ')}`;
      throw err;
    } finally {
      await app.close();
    }
    assert.deepEqual(app.problems, [], 'the page must stay quiet and on its own origin');
  });
}

/** Page object for the app: how the tests reach the UI. */
export class App {
  /** Starts Chromium with a fresh profile and starts watching the page. */
  static async launch(url) {
    const profile = await mkdtemp(join(tmpdir(), 'mimecast-audit-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    const app = new App(context, profile, url);
    await app.#watch();
    return app;
  }

  /** Opens the app and waits until it has mounted. */
  async start() {
    await this.page.goto(this.origin + '/');
    await this.waitFor('[data-testid="file-input"]', 'attached');
  }

  constructor(context, profile, url) {
    this.context = context;
    this.profile = profile;
    this.origin = new URL(url).origin;
    this.page = context.pages()[0];
    this.problems = [];
    // Settles when the first problem is seen, so waits stop early.
    this.problem = new Promise((resolve) => (this.onProblem = resolve));
  }

  #report(text) {
    if (this.problems.includes(text)) return;
    this.problems.push(text);
    this.onProblem(text);
  }

  async #watch() {
    const own = (url) => /^(data|blob):/.test(url) || new URL(url).origin === this.origin;
    await this.context.route('**/*', (route) => {
      const url = route.request().url();
      if (own(url)) return route.continue();
      this.#report(`request to another origin: ${url}`);
      return route.abort('blockedbyclient');
    });
    this.context.on('request', (req) => {
      if (!own(req.url())) this.#report(`request to another origin: ${req.url()}`);
    });
    this.page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const where = msg.location()?.url ? ` (${msg.location().url})` : '';
        this.#report(`console error: ${msg.text()}${where}`);
      }
    });
    this.page.on('pageerror', (err) => this.#report(`page error: ${err.message}`));
    this.page.on('response', (res) => {
      if (res.status() >= 400) this.#report(`HTTP ${res.status()} for ${res.url()}`);
    });
  }

  /** Closes the browser and starts it again on the same profile (what it
   *  stored is kept), then opens the app's page (without waiting for it). */
  async restart() {
    await this.context.close();
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    this.page = this.context.pages()[0];
    await this.#watch();
    await this.page.goto(this.origin + '/');
  }

  async close() {
    await this.context.close();
    await rm(this.profile, { recursive: true, force: true });
  }

  /** Waits for a selector (visible by default); gives up at the first problem. */
  async waitFor(selector, state = 'visible') {
    const found = this.page.locator(selector).first().waitFor({ state, timeout: WAIT_MS });
    const problem = this.problem.then((p) => {
      throw new Error(`page problem while waiting for ${selector}: ${p}`);
    });
    try {
      await Promise.race([found, problem]);
    } catch (err) {
      err.message += `\n${await this.describe(selector.replace(/\[data-status="[^"]*"\]/, ''))}`;
      throw err;
    }
  }

  /** Text dump of the elements matching `selector`, for failure messages. */
  async describe(selector) {
    const found = await this.page.$$eval(selector, (els) =>
      els.map((el) => {
        const attrs = [...el.attributes].map((a) => `${a.name}="${a.value}"`).join(' ');
        const text = el.textContent.replace(/\s+/g, ' ').trim().slice(0, 300);
        return `<${el.localName} ${attrs}> ${text}`;
      }),
    );
    return found.length
      ? `DOM for ${selector}:\n  ${found.join('\n  ')}`
      : `DOM has no ${selector}; body text: ${(await this.page.textContent('body'))?.replace(/\s+/g, ' ').trim().slice(0, 500)}`;
  }

  /** Text of every element matching `selector` (hidden ones included). */
  texts(selector) {
    return this.page.$$eval(selector, (els) => els.map((el) => el.textContent.replace(/\s+/g, ' ').trim()));
  }

  /** Loads fixture files through the file input. */
  async chooseFiles(names) {
    await this.page.setInputFiles('[data-testid="file-input"]', names.map((n) => join(FIXTURES, n)));
  }

  /** Drops fixture files on the drop zone, as a user dragging them would.
   *  The bytes travel as base64, so zips and UTF-16 files arrive intact. */
  async dropFiles(names) {
    const types = { '.json': 'application/json', '.zip': 'application/zip' };
    const files = await Promise.all(
      names.map(async (n) => ({
        name: basename(n),
        type: types[extname(n)] ?? '',
        b64: (await readFile(join(FIXTURES, n))).toString('base64'),
      })),
    );
    await this.waitFor('[data-testid="drop-zone"]', 'attached');
    await this.page.evaluate((files) => {
      const data = new DataTransfer();
      for (const f of files) {
        const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      const zone = document.querySelector('[data-testid="drop-zone"]');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      }
    }, files);
  }

  /** Waits until the input status of `file` is `status`; returns its text. */
  async inputStatus(file, status) {
    const sel = `[data-testid="input-status"][data-file="${file}"]`;
    await this.waitFor(`${sel}[data-status="${status}"]`, 'attached');
    await this.built();
    return (await this.texts(sel))[0];
  }

  /** Waits until rule `code` shows `status`; returns the rule element's text. */
  async ruleStatus(code, status) {
    const sel = `[data-testid="rule-result"][data-rule="${code}"]`;
    await this.waitFor(`${sel}[data-status="${status}"]`, 'attached');
    await this.built();
    return (await this.texts(sel))[0];
  }

  /**
   * Waits until every rule card's body is built: the page builds them one
   * per task after showing the report (`data-rendering` on the findings).
   */
  async built() {
    await this.waitFor('[data-rendering="true"]', 'detached');
  }

  /** Expands the (one-line) card of rule `code`, so its findings can be used. */
  async expandRule(code) {
    const card = `[data-testid="rule-result"][data-rule="${code}"]`;
    await this.waitFor(card, 'attached');
    if ((await this.page.getAttribute(card, 'data-expanded')) !== 'true') {
      await this.page.click(`${card} [data-testid="rule-toggle"]`);
    }
    await this.waitFor(`${card}[data-expanded="true"]`, 'attached');
    await this.built();
  }

  /**
   * Accepts the risk of the finding `finding` (a selector; its rule card
   * expanded) with a reason, owner and expiry, and waits until it shows as
   * accepted.
   */
  async acceptRisk(finding, { reason, owner, expires }) {
    await this.page.click(`${finding} [data-testid="accept-risk"] summary`);
    await this.page.fill(`${finding} [data-testid="accept-reason"]`, reason);
    await this.page.fill(`${finding} [data-testid="accept-owner"]`, owner);
    await this.page.fill(`${finding} [data-testid="accept-expires"]`, expires);
    await this.page.click(`${finding} [data-testid="accept-submit"]`);
    await this.waitFor(`${finding}[data-state="accepted"]`, 'attached');
  }

  /**
   * Clicks the export button `testid` and returns the download's name and
   * text; when the app first asks for the customer and assessor, the
   * question is skipped.
   */
  async exportFile(testid) {
    const download = this.page.waitForEvent('download');
    await this.page.click(`[data-testid="${testid}"]`);
    if (await this.page.locator('[data-testid="export-ask"]').isVisible()) {
      await this.page.click('[data-testid="export-skip"]');
    }
    const d = await download;
    return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
  }

  /**
   * What the app keeps in IndexedDB, by store and key: each record's JSON
   * parsed, or with `{ sizes: true }` only its length (for big files, kept
   * as a Blob of the text: its size). An
   * absent database reads as `{}` (and is not created).
   */
  stored({ sizes = false } = {}) {
    return this.page.evaluate((sizes) => new Promise((resolve, reject) => {
      const open = indexedDB.open('mimecast-audit');
      open.onupgradeneeded = () => open.transaction.abort();
      open.onerror = () => (open.error?.name === 'AbortError' ? resolve({}) : reject(open.error));
      open.onsuccess = () => {
        const db = open.result;
        const names = [...db.objectStoreNames];
        const out = Object.fromEntries(names.map((n) => [n, {}]));
        if (!names.length) return db.close(), resolve(out);
        const tx = db.transaction(names, 'readonly');
        for (const n of names) {
          const req = tx.objectStore(n).openCursor();
          req.onsuccess = () => {
            const c = req.result;
            if (!c) return;
            // A big list of files is stored as a Blob of its text.
            out[n][c.key] = sizes ? (c.value.size ?? c.value.length) : JSON.parse(c.value);
            c.continue();
          };
        }
        tx.oncomplete = () => (db.close(), resolve(out));
        tx.onerror = () => reject(tx.error);
      };
    }), sizes);
  }

  /** Waits until `check(await this.stored(options))` is true; returns that dump. */
  async storedWhen(check, options = {}, timeout = WAIT_MS) {
    const end = Date.now() + timeout;
    for (;;) {
      const dump = await this.stored(options);
      if (check(dump)) return dump;
      if (Date.now() > end) throw new Error(`IndexedDB never got there: ${JSON.stringify(dump).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Keys this app (or an earlier version of it) keeps in localStorage. */
  localKeys() {
    return this.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mimecast-audit.')));
  }

  /** Texts of the findings of rule `code`. */
  async findings(code) {
    await this.built();
    return this.texts(`[data-testid="finding"][data-rule="${code}"]`);
  }
}
