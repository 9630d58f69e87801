// The report workflow in the real build: score and charts, accepting a risk
// (it persists and leaves the score), exports from the app, comparing with an
// earlier export, and the print view with its cover.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appTest } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPARE = join(ROOT, 'tests/fixtures/compare');

async function loadSample(app) {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
}

async function scoreValue(app) {
  return Number((await app.texts('[data-testid="score-value"]'))[0]);
}

async function download(app, testid) {
  const [d] = await Promise.all([app.page.waitForEvent('download'), app.page.click(`[data-testid="${testid}"]`)]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

appTest('the executive summary shows score, grade, formula, charts and top fixes', async (app) => {
  await loadSample(app);
  await app.waitFor('[data-testid="executive-summary"]');
  assert.equal(await scoreValue(app), 11);
  assert.match((await app.texts('[data-testid="grade"]'))[0], /^F/);
  assert.match((await app.texts('[data-testid="formula"]'))[0], /critical 10, high 6, medium 3, low 1/);
  for (const chart of ['chart-severity', 'chart-area', 'chart-coverage']) {
    const bars = await app.page.$$eval(`[data-testid="${chart}"] .chart__row`, (rows) => rows.map((r) => Number(r.dataset.value)));
    assert.ok(bars.length >= 5 && bars.some((v) => v > 0), `${chart}: ${bars}`);
  }
  const fixes = await app.page.$$eval('[data-testid="top-fix"] .sev', (els) => els.map((e) => e.textContent));
  assert.equal(fixes.length, 5);
  assert.equal(fixes[0], 'critical', `the most severe fix comes first: ${fixes}`);
});

appTest('accepting a risk moves the finding to its own state, raises the score, and survives a reload', async (app) => {
  await loadSample(app);
  const before = await scoreValue(app);
  const finding = '[data-testid="finding"][data-rule="ASP006"]';
  await app.expandRule('ASP006');
  await app.page.click(`${finding} [data-testid="accept-risk"] summary`);
  await app.page.fill(`${finding} [data-testid="accept-reason"]`, 'Legacy brand kept for redirects');
  await app.page.fill(`${finding} [data-testid="accept-owner"]`, 'Mail team');
  await app.page.fill(`${finding} [data-testid="accept-expires"]`, '2027-06-30');
  await app.page.click(`${finding} [data-testid="accept-submit"]`);
  await app.waitFor(`${finding}[data-state="accepted"]`, 'attached');
  assert.match((await app.texts(`${finding} [data-testid="acceptance"]`))[0], /until 2027-06-30 by Mail team/);
  assert.ok((await scoreValue(app)) > before, 'an accepted finding leaves the score');
  await app.page.reload();
  await app.waitFor(`${finding}[data-state="accepted"]`, 'attached');
  await app.expandRule('ASP006');
  await app.page.click(`${finding} [data-testid="revoke-acceptance"]`);
  await app.waitFor(`${finding}[data-state="open"]`, 'attached');
  assert.equal(await scoreValue(app), before);
});

appTest('exports download from the app: HTML, CSV (redactable), Markdown, SARIF, JSON', async (app) => {
  await loadSample(app);
  const html = await download(app, 'export-html');
  assert.match(html.name, /\.html$/);
  assert.match(html.text, /^<!DOCTYPE html>/i);
  assert.ok(!/<script/i.test(html.text) && !/\ssrc=/i.test(html.text), 'self-contained, no scripts or loaded resources');
  const csv = await download(app, 'export-csv');
  // The action plan: a UTF-8 byte order mark (for Excel), then the columns.
  assert.match(csv.text.split('\n')[0], /^\uFEFFpriority,code,title,severity,object,action,console path/);
  assert.match(csv.text, /northwind/);
  await app.page.check('[data-testid="redact"]');
  const redacted = await download(app, 'export-csv');
  assert.match(redacted.name, /redacted/);
  assert.ok(!/northwind/i.test(redacted.text), 'no tenant domain in the redacted export');
  const sarif = JSON.parse((await download(app, 'export-sarif')).text);
  assert.equal(sarif.version, '2.1.0');
  const json = JSON.parse((await download(app, 'export-json')).text);
  assert.equal(json.schema, 'mimecast-audit-report');
  assert.match((await download(app, 'export-markdown')).text, /^# /m);
});

appTest('comparing with an earlier export shows new, fixed, unchanged and accepted findings', async (app) => {
  await app.page.setInputFiles('[data-testid="file-input"]', join(COMPARE, 'after.bundle.json'));
  await app.inputStatus('after.bundle.json', 'ok');
  await app.page.setInputFiles('[data-testid="baseline-input"]', join(COMPARE, 'before.bundle.json'));
  await app.waitFor('[data-testid="comparison"]');
  assert.match((await app.texts('[data-testid="compare-counts"]'))[0], /1 new · 2 fixed · 2 unchanged · 1 accepted/);
  assert.match((await app.texts('[data-testid="compare-score"]'))[0], /86 → 94 \(\+8\)/);
  assert.ok((await app.texts('[data-testid="rule-change"]')).length > 0);
});

appTest('the print view starts with a cover and hides the controls', async (app) => {
  await loadSample(app);
  await app.page.emulateMedia({ media: 'print' });
  assert.ok(await app.page.isVisible('[data-testid="print-cover"]'));
  assert.ok(!(await app.page.isVisible('[data-testid="drop-zone"]')));
  assert.match((await app.texts('[data-testid="print-cover"]'))[0], /Score\s*11\/100/);
  await app.page.emulateMedia({ media: 'screen' });
  assert.ok(!(await app.page.isVisible('[data-testid="print-cover"]')));
});
