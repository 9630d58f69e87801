// Accessibility in the real build: axe-core finds no serious or critical
// violation on the Report, Checklist, Rules, Assessments and Privacy views, and the
// checklist can be used with the keyboard alone.
//
// axe is injected as a script, which the page's CSP (rightly) blocks, so
// these tests start their own Chromium context with `bypassCSP: true`. The
// rest is watched as the shared harness does: nothing but the page's own
// origin may be contacted, and the page must log no error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser.mjs';
import { serverUrl } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const WAIT_MS = Number(process.env.E2E_WAIT_MS ?? 15000);
/** A fresh Chromium profile with the CSP bypassed, watched like the harness's. */
async function launch() {
  const origin = new URL(await serverUrl()).origin;
  const profile = await mkdtemp(join(tmpdir(), 'mimecast-audit-a11y-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: true,
  });
  const page = context.pages()[0];
  const problems = [];
  const report = (p) => problems.includes(p) || problems.push(p);
  const own = (url) => /^(data|blob):/.test(url) || new URL(url).origin === origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (own(url)) return route.continue();
    report(`request to another origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  context.on('request', (req) => own(req.url()) || report(`request to another origin: ${req.url()}`));
  page.on('console', (msg) => msg.type() === 'error' && report(`console error: ${msg.text()}`));
  page.on('pageerror', (err) => report(`page error: ${err.message}`));
  page.on('response', (res) => res.status() >= 400 && report(`HTTP ${res.status()} for ${res.url()}`));
  await page.goto(origin + '/');
  await page.locator('[data-testid="file-input"]').waitFor({ state: 'attached', timeout: WAIT_MS });
  return {
    page,
    problems,
    waitFor: (sel, state = 'visible') => page.locator(sel).first().waitFor({ state, timeout: WAIT_MS }),
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

function a11yTest(name, body) {
  test(name, { timeout: 120_000 }, async () => {
    const s = await launch();
    try {
      await body(s);
    } catch (err) {
      if (s.problems.length) err.message += `\nPage problems:\n  ${s.problems.join('\n  ')}`;
      throw err;
    } finally {
      await s.close();
    }
    assert.deepEqual(s.problems, [], 'the page must stay quiet and on its own origin');
  });
}

/** Runs axe on the whole page; fails on any serious or critical violation. */
async function assertNoSeriousViolations(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${what}: axe found\n${bad.map((v) => `  ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n')}`);
}

const section = (key) => `[data-testid="checklist-section"][data-section="${key}"]`;

a11yTest('axe: the Report page with the sample loaded', async ({ page, waitFor }) => {
  await page.click('[data-testid="load-sample"]');
  await waitFor('[data-testid="rule-result"][data-rule="ASP001"][data-status="fail"]', 'attached');
  await page.click('[data-testid="coverage"] summary');
  await assertNoSeriousViolations(page, 'Report');
  // The cards' details (hidden while collapsed, so unseen by axe until opened).
  await page.click('[data-testid="expand-all"]');
  await page.click('[data-testid="passed-group"] summary');
  await waitFor('[data-testid="finding"] .evidence');
  await assertNoSeriousViolations(page, 'Report, every card expanded');
  // By area, and on a phone (evidence as label/value pairs).
  await page.selectOption('[data-testid="sort"]', 'area');
  await page.setViewportSize({ width: 390, height: 844 });
  await waitFor('[data-testid="area"][data-area="anti-spoofing"]');
  await assertNoSeriousViolations(page, 'Report by area, 390 px wide');
});

a11yTest('axe: the Checklist page with one item of each kind open', async ({ page, waitFor }) => {
  await page.click('[data-testid="tab-checklist"]');
  await waitFor('[data-testid="checklist-page"]');
  const keys = await page.$$eval('[data-testid="checklist-section"]', (els) => els.map((e) => e.dataset.section));
  assert.equal(keys.length, 23, 'one form per console-only section');
  await assertNoSeriousViolations(page, 'Checklist, empty');
  for (const key of keys) {
    await page.click(`${section(key)} [data-testid="add-item"]`);
    await waitFor(`${section(key)} [data-testid="checklist-item"]`);
  }
  // A target with a value, a field error and a conflict-free reference.
  const item = `${section('permittedSenderPolicies')} [data-testid="checklist-item"]`;
  await page.selectOption(`${item} [data-testid="field"][data-key="from"]`, 'email_domain');
  await page.fill(`${item} [data-testid="field"][data-key="sourceIPs"]`, '10.0.0.300/8');
  await waitFor(`${item} [data-testid="field-error"]`);
  await assertNoSeriousViolations(page, 'Checklist, one item of each kind');
});

a11yTest('axe: the Rules page', async ({ page, waitFor }) => {
  await page.click('[data-testid="tab-rules"]');
  await waitFor('[data-testid="rules-page"]');
  await assertNoSeriousViolations(page, 'Rules');
});

a11yTest('axe: the Assessments view', async ({ page, waitFor }) => {
  await page.click('[data-testid="load-sample"]');
  await page.click('[data-testid="tab-assessments"]');
  await waitFor('[data-testid="assessment"]');
  await page.click('[data-testid="assessment"] [data-testid="rename-assessment"]');
  await page.click('[data-testid="wipe"]');
  await waitFor('[data-testid="wipe-confirm"]');
  await assertNoSeriousViolations(page, 'Assessments');
});

a11yTest('axe: the Privacy page with the wipe question open', async ({ page, waitFor }) => {
  await page.click('[data-testid="load-sample"]');
  await page.click('[data-testid="tab-privacy"]');
  await waitFor('[data-testid="wasm-sha256"]');
  await page.click('[data-testid="privacy-wipe"]');
  await waitFor('[data-testid="privacy-wipe-confirm"]');
  await assertNoSeriousViolations(page, 'Privacy');
});

a11yTest('keyboard only: reach "Add" in the spam definitions section and fill a field', async ({ page, waitFor }) => {
  const active = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      const sec = el?.closest('[data-testid="checklist-section"]');
      return { testid: el?.dataset.testid ?? '', key: el?.dataset.key ?? '', section: sec?.dataset.section ?? '', tag: el?.localName, outline: el ? getComputedStyle(el).outlineStyle : '' };
    });
  const tabTo = async (want, limit = 400) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const a = await active();
      if (want(a)) return a;
    }
    throw new Error(`not reached with ${limit} Tab presses; focus is on ${JSON.stringify(await active())}`);
  };
  const tab = await tabTo((a) => a.testid === 'tab-checklist');
  assert.notEqual(tab.outline, 'none', 'the focused control shows a focus ring');
  await page.keyboard.press('Enter');
  await waitFor('[data-testid="checklist-page"]');
  const add = await tabTo((a) => a.testid === 'add-item' && a.section === 'spamScanningDefinitions');
  assert.equal(add.tag, 'button');
  assert.notEqual(add.outline, 'none');
  await page.keyboard.press('Enter');
  await waitFor(`${section('spamScanningDefinitions')} [data-testid="checklist-item"]`);
  // Focus moves to the new item's first field.
  await page.waitForFunction(() => document.activeElement?.dataset.key === 'description', null, { timeout: 5000 });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Typed with the keyboard');
  const field = (k) => `${section('spamScanningDefinitions')} [data-testid="field"][data-key="${k}"]`;
  assert.equal(await page.inputValue(field('description')), 'Typed with the keyboard');
  await waitFor(`${section('spamScanningDefinitions')} .cl-item__title:has-text("Typed with the keyboard")`);
  // On to the next field, Spam Detection Level, and pick a value with the arrow keys.
  const next = await tabTo((a) => a.tag === 'select' || a.tag === 'input', 5);
  assert.equal(next.key, 'level');
  await page.keyboard.press('ArrowDown');
  assert.notEqual(await page.inputValue(field('level')), '');
  // Everything entered is kept.
  await page.reload();
  await page.locator('[data-testid="file-input"]').waitFor({ state: 'attached', timeout: WAIT_MS });
  await page.click('[data-testid="tab-checklist"]');
  assert.equal(await page.inputValue(field('description')), 'Typed with the keyboard');
});
