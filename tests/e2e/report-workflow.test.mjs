// The report workflow in the real build: score and charts, accepting a risk
// (it persists and leaves the score), exports from the app, comparing with an
// earlier export, and the print view with its cover.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appTest } from './harness.mjs';
import { csvRows } from './csv.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPARE = join(ROOT, 'tests/fixtures/compare');
/** The pitfall sample's report as the engine's native tests pin it. */
const PITFALL_GOLDEN = join(ROOT, 'tests/golden/pitfall-tenant.json');

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
  const golden = JSON.parse(await readFile(PITFALL_GOLDEN, 'utf8'));
  assert.equal(await scoreValue(app), golden.score.overall);
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
  // A high-severity rule with one finding: accepting it moves the score.
  const finding = '[data-testid="finding"][data-rule="ASP002"]';
  await app.expandRule('ASP002');
  await app.acceptRisk(finding, { reason: 'Exchange Online hybrid relay, replaced in Q1', owner: 'Mail team', expires: '2027-06-30' });
  assert.match((await app.texts(`${finding} [data-testid="acceptance"]`))[0], /until 2027-06-30 by Mail team/);
  assert.ok((await scoreValue(app)) > before, 'an accepted finding leaves the score');
  await app.page.reload();
  await app.waitFor(`${finding}[data-state="accepted"]`, 'attached');
  await app.expandRule('ASP002');
  await app.page.click(`${finding} [data-testid="revoke-acceptance"]`);
  await app.waitFor(`${finding}[data-state="open"]`, 'attached');
  assert.equal(await scoreValue(app), before);
});

const unescapeHtml = (s) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Page 1 of an exported HTML report: its text, and the plan's keys in order. */
function pageOne(html) {
  const section = html.match(/<section class="summary-plan"[\s\S]*?<\/section>/)?.[0] ?? '';
  const keys = [...section.matchAll(/<tr class="(?:open|accepted)" data-key="([^"]*)"><td class="num">(\d+)<\/td>/g)].map(
    (m) => ({ key: unescapeHtml(m[1]), number: Number(m[2]) }),
  );
  return { section, text: unescapeHtml(section.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' '), keys };
}

/** Clicks an export button and answers the customer question, if it comes. */
async function exportNamed(app, testid, customer, assessor) {
  await app.page.click(`[data-testid="${testid}"]`);
  await app.waitFor('[data-testid="export-ask"]');
  await app.page.fill('[data-testid="export-customer"]', customer);
  await app.page.fill('[data-testid="export-assessor"]', assessor);
  const [d] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-continue"]')]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

appTest('before the first export the app asks for customer and assessor, then names the file after them', async (app) => {
  await loadSample(app);
  await app.page.click('[data-testid="export-html"]');
  await app.waitFor('[data-testid="export-ask"]');
  // Nothing downloaded yet, and the placeholder name is not offered as a value.
  assert.equal(await app.page.inputValue('[data-testid="export-customer"]'), '');
  await app.page.fill('[data-testid="export-customer"]', 'Contoso Ltd.');
  await app.page.fill('[data-testid="export-assessor"]', 'Ann Auditor');
  const [d] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-continue"]')]);
  const html = { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
  assert.match(html.name, /^contoso-ltd-\d{4}-\d{2}-\d{2}-audit\.html$/);
  assert.ok(!(await app.page.isVisible('[data-testid="export-ask"]')), 'the question closes');
  // Page 1: customer, assessor, one human date, the grade in words, the plan.
  const p1 = pageOne(html.text);
  assert.match(p1.text, /Summary and plan/);
  assert.match(p1.text, /Customer Contoso Ltd\./);
  assert.match(p1.text, /Assessor Ann Auditor/);
  assert.match(p1.text, /Data as of \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/);
  assert.doesNotMatch(html.text, /Untitled assessment/);
  assert.match(p1.text, /Spoofed and impersonating mail can reach users today: \d+ critical problems/);
  // The numbered plan is the CSV's order, row for row.
  const csv = await download(app, 'export-csv');
  assert.match(csv.name, /^contoso-ltd-\d{4}-\d{2}-\d{2}-audit\.csv$/, 'asked once: the CSV follows at once');
  const rows = csvRows(csv.text);
  const [header, ...body] = rows;
  const key = header.indexOf('key');
  const priority = header.indexOf('priority');
  assert.ok(body.length > 20, `${body.length} CSV rows`);
  assert.deepEqual(
    p1.keys.map((k) => k.key),
    body.map((r) => r[key]),
  );
  assert.deepEqual(
    p1.keys.map((k) => k.number),
    body.map((r) => Number(r[priority])),
  );
  // The names were saved into the assessment: a reload does not ask again.
  await app.page.reload();
  await app.ruleStatus('ASP001', 'fail');
  const md = await download(app, 'export-markdown');
  assert.match(md.name, /^contoso-ltd-\d{4}-\d{2}-\d{2}-audit\.md$/);
  assert.match(md.text, /\*\*Customer:\*\* `Contoso Ltd\.` · \*\*Assessor:\*\* `Ann Auditor`/);
});

appTest('"Skip" exports without names and asks no more; Redact is unticked after each export', async (app) => {
  await loadSample(app);
  await app.page.check('[data-testid="redact"]');
  await app.page.click('[data-testid="export-csv"]');
  await app.waitFor('[data-testid="export-ask"]');
  const [d] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-skip"]')]);
  assert.match(d.suggestedFilename(), /^customer-redacted-\d{4}-\d{2}-\d{2}-audit\.csv$/);
  assert.ok(!/northwind/i.test(await readFile(await d.path(), 'utf8')), 'no tenant domain in the redacted export');
  assert.equal(await app.page.isChecked('[data-testid="redact"]'), false, 'Redact resets after the export');
  const plain = await download(app, 'export-csv');
  assert.match(plain.name, /^mimecast-audit-\d{4}-\d{2}-\d{2}\.csv$/, 'no customer named');
  assert.match(plain.text, /northwind/);
  const html = await download(app, 'export-html');
  assert.match(pageOne(html.text).text, /Customer not named/);
});

appTest('exports download from the app: HTML, CSV (redactable), Markdown, SARIF, JSON', async (app) => {
  await loadSample(app);
  const html = await exportNamed(app, 'export-html', 'Northwind Traders', 'A. Auditor');
  assert.match(html.name, /\.html$/);
  assert.match(html.text, /^<!DOCTYPE html>/i);
  assert.ok(!/<script/i.test(html.text) && !/\ssrc=/i.test(html.text), 'self-contained, no scripts or loaded resources');
  const csv = await download(app, 'export-csv');
  // The action plan: a UTF-8 byte order mark (for Excel), then the columns.
  assert.match(csv.text.split('\n')[0], /^\uFEFFpriority,code,title,severity,object,action,console path/);
  assert.match(csv.text, /northwind/);
  await app.page.check('[data-testid="redact"]');
  const redacted = await download(app, 'export-csv');
  assert.match(redacted.name, /^customer-redacted-/);
  assert.ok(!/northwind/i.test(redacted.name + redacted.text), 'no tenant name in the redacted export or its name');
  assert.equal(await app.page.isChecked('[data-testid="redact"]'), false, 'Redact resets after the export');
  const sarif = JSON.parse((await download(app, 'export-sarif')).text);
  assert.equal(sarif.version, '2.1.0');
  const json = JSON.parse((await download(app, 'export-json')).text);
  assert.equal(json.schema, 'mimecast-audit-report');
  assert.match((await download(app, 'export-markdown')).text, /^# /m);
});

appTest('"Print / PDF" never wraps onto a line of its own on a desktop', async (app) => {
  await loadSample(app);
  for (const width of [1280, 1024]) {
    await app.page.setViewportSize({ width, height: 900 });
    const box = async (sel) => (await app.page.locator(sel).boundingBox());
    const print = await box('[data-testid="print"]');
    const redact = await box('.exports__redact');
    const json = await box('[data-testid="export-json"]');
    const mid = (b) => b.y + b.height / 2;
    assert.ok(Math.abs(mid(print) - mid(redact)) < 8, `${width}: print ${JSON.stringify(print)} vs redact ${JSON.stringify(redact)}`);
    if (width === 1280) {
      assert.ok(Math.abs(mid(print) - mid(json)) < 8, `1280: the whole bar on one line (${JSON.stringify(print)} vs ${JSON.stringify(json)})`);
    }
  }
});

appTest('comparing with an earlier export shows new, fixed, unchanged and accepted findings', async (app) => {
  await app.page.setInputFiles('[data-testid="file-input"]', join(COMPARE, 'after.bundle.json'));
  await app.inputStatus('after.bundle.json', 'ok');
  await app.page.setInputFiles('[data-testid="baseline-input"]', join(COMPARE, 'before.bundle.json'));
  await app.waitFor('[data-testid="comparison"]');
  assert.match((await app.texts('[data-testid="compare-counts"]'))[0], /1 new · 2 fixed · 2 unchanged · 1 accepted/);
  assert.match((await app.texts('[data-testid="compare-score"]'))[0], /90 → 96 \(\+6\)/);
  assert.ok((await app.texts('[data-testid="rule-change"]')).length > 0);
});

appTest('with a baseline loaded, the HTML and Markdown exports say what changed since last review', async (app) => {
  await app.page.setInputFiles('[data-testid="file-input"]', join(COMPARE, 'after.bundle.json'));
  await app.inputStatus('after.bundle.json', 'ok');
  await app.page.click('[data-testid="export-html"]');
  await app.waitFor('[data-testid="export-ask"]');
  const [d] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-skip"]')]);
  assert.doesNotMatch(await readFile(await d.path(), 'utf8'), /Since last review/, 'no baseline, no comparison');
  await app.page.setInputFiles('[data-testid="baseline-input"]', join(COMPARE, 'before.bundle.json'));
  await app.waitFor('[data-testid="comparison"]');
  const html = await download(app, 'export-html');
  assert.match(html.text, /Since last review/);
  assert.match(html.text, /90 → 96/, 'the score change of this baseline');
  const md = await download(app, 'export-markdown');
  assert.match(md.text, /Since last review/);
});

appTest('the print view starts with a cover and hides the controls', async (app) => {
  await loadSample(app);
  await app.page.emulateMedia({ media: 'print' });
  assert.ok(await app.page.isVisible('[data-testid="print-cover"]'));
  assert.ok(!(await app.page.isVisible('[data-testid="drop-zone"]')));
  const golden = JSON.parse(await readFile(PITFALL_GOLDEN, 'utf8'));
  assert.match((await app.texts('[data-testid="print-cover"]'))[0], new RegExp(`Score\\s*${golden.score.overall}/100`));
  await app.page.emulateMedia({ media: 'screen' });
  assert.ok(!(await app.page.isVisible('[data-testid="print-cover"]')));
});
