// Coverage as the collection plan (open while something is missing, human
// titles, "API call …" or "Record in Checklist →", the request to send the
// customer: copyable and downloadable, also before anything is loaded),
// the comparison (score badge, review order, plain words) and "Clear" with
// undo.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appTest } from './harness.mjs';
import { SECTION_KEYS } from './sections.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COMPARE = join(ROOT, 'tests/fixtures/compare');
const row = (key) => `[data-testid="coverage-row"][data-section="${key}"]`;

async function loadOneFile(app) {
  await app.chooseFiles(['internal-domains.json']);
  await app.inputStatus('internal-domains.json', 'ok');
  await app.waitFor(`${row('internalDomains')}[data-state="collected"]`, 'attached');
}

async function download(app, testid) {
  const [d] = await Promise.all([app.page.waitForEvent('download'), app.page.click(`[data-testid="${testid}"]`)]);
  return { name: d.suggestedFilename(), text: await readFile(await d.path(), 'utf8') };
}

appTest('coverage is open while sections are missing, with human titles and how to collect each', async (app) => {
  await loadOneFile(app);
  assert.equal(await app.page.$eval('[data-testid="coverage"]', (d) => d.open), true, 'open: all but one section are missing');
  const titles = await app.texts('[data-testid="coverage-title"]');
  assert.equal(titles.length, SECTION_KEYS.length);
  assert.ok(titles.includes('Anti-spoofing policies'), titles.join(' | '));
  assert.deepEqual(titles.filter((t) => /[a-z][A-Z]/.test(t)), [], 'no camelCase keys as titles');
  const api = (await app.texts(`${row('antiSpoofingPolicies')} [data-testid="collect-step"]`))[0];
  assert.match(api, /^API call .*anti-spoofing\/policies/);
  assert.equal(await app.page.locator(`${row('antiSpoofingPolicies')} [data-testid="record-in-checklist"]`).count(), 0);
  const consoleRow = (await app.texts(row('managedSenders')))[0];
  assert.doesNotMatch(consoleRow, /\bload\b/i, 'a console-only section is never "loaded"');
  assert.match(consoleRow, /Email Delivery > Managed Senders/);
  await app.page.click(`${row('managedSenders')} [data-testid="record-in-checklist"]`);
  await app.waitFor('[data-testid="checklist-page"]');
  assert.equal(await app.page.getAttribute('[data-testid="tab-checklist"]', 'aria-current'), 'page');
  // It lands on that very section: in view, with the keyboard in it.
  const at = await app.page.$eval('#cl-managedSenders', (el) => ({
    top: el.getBoundingClientRect().top,
    focus: el.contains(document.activeElement),
    vh: window.innerHeight,
  }));
  assert.ok(at.top >= -1 && at.top < at.vh / 2 && at.focus, JSON.stringify(at));
});

appTest('coverage stays closed when every section is collected', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
  assert.match((await app.texts('[data-testid="coverage-counts"]'))[0], /0 incomplete · 0 missing/);
  assert.equal(await app.page.$eval('[data-testid="coverage"]', (d) => d.open), false);
  assert.equal(await app.page.locator('[data-testid="coverage"] [data-testid="collection-request"]').count(), 0);
  // Coverage is reactive: a partial export opens it again.
  await app.page.click('[data-testid="clear"]');
  await loadOneFile(app);
  assert.equal(await app.page.$eval('[data-testid="coverage"]', (d) => d.open), true);
});

appTest('the collection request is copied to the clipboard and names what is missing', async (app) => {
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await loadOneFile(app);
  const box = '[data-testid="coverage"] [data-testid="collection-request"]';
  await app.waitFor(box);
  const shown = await app.page.$eval(`${box} [data-testid="collection-text"]`, (t) => t.value);
  assert.ok(
    shown.includes(`Please export the following from your Mimecast tenant (${SECTION_KEYS.length - 1} items)`),
    shown.slice(0, 300),
  );
  assert.match(shown, /Anti-spoofing policies\n\n- API call: API 2\.0 GET \/policy-management\/cloud-gateway\/v1\/anti-spoofing\/policies/);
  assert.match(shown, /Managed senders\n\n- Administration Console: Email Delivery > Managed Senders/);
  assert.match(shown, /- Why: \d+ rules? needs? it: ASP\d{3} \(/, 'says which rules need each section');
  assert.doesNotMatch(shown, /\d\. Internal domains\n/, 'the loaded section is not asked for');
  await app.page.click(`${box} [data-testid="copy-collection"]`);
  await app.page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]')?.textContent.includes('Copied'));
  const copied = await app.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, shown);
});

appTest('the collection request downloads as Markdown with the API call of every missing section', async (app) => {
  await loadOneFile(app);
  const steps = await app.texts('[data-testid="coverage-row"][data-state="missing"] [data-testid="collect-step"]');
  assert.ok(steps.length >= 5, `API and DNS rows: ${steps.length}`);
  const { name, text } = await download(app, 'download-collection');
  assert.equal(name, 'mimecast-collection-request.md');
  for (const step of steps) {
    const call = step.replace(/^(API call|DNS lookup|Exchange Online PowerShell) /, '');
    assert.ok(text.includes(call), `the download names ${call}`);
  }
  assert.ok(!text.includes('get-internal-domain'), 'the collected section is not asked for');
});

appTest('before anything is loaded, the request for everything is offered', async (app) => {
  await app.waitFor('[data-testid="collection-empty"]');
  await app.page.click('[data-testid="collection-empty"] summary');
  const text = await app.page.$eval('[data-testid="collection-empty"] [data-testid="collection-text"]', (t) => t.value);
  assert.ok(text.includes(`(${SECTION_KEYS.length} items)`), text.slice(0, 400));
  for (const title of ['Internal domains', 'Managed senders', 'DNS records of internal domains', 'Audit events']) {
    assert.match(text, new RegExp(`\\d+\\. ${title}\\n`), title);
  }
  const { text: saved } = await download(app, 'download-collection');
  assert.equal(saved, text);
  await loadOneFile(app);
  assert.equal(await app.page.locator('[data-testid="collection-empty"]').count(), 0, 'gone once data is loaded');
});

async function compareGroups(app) {
  return app.page.$$eval('[data-testid="compare-group"]', (gs) =>
    gs.map((g) => ({ kind: g.dataset.kind, open: g.open, n: g.querySelectorAll('li').length, head: g.querySelector('summary').textContent })),
  );
}

appTest('the comparison shows the score change as a badge, new → fixed → changed, in plain words', async (app) => {
  await app.page.setInputFiles('[data-testid="file-input"]', join(COMPARE, 'after.bundle.json'));
  await app.inputStatus('after.bundle.json', 'ok');
  await app.page.setInputFiles('[data-testid="baseline-input"]', join(COMPARE, 'before.bundle.json'));
  await app.waitFor('[data-testid="comparison"]');
  assert.equal((await app.texts('[data-testid="compare-badge"]'))[0], '+6 since baseline');
  // The same badge sits in the summary, next to the grade, linking to the comparison.
  assert.deepEqual(await app.texts('[data-testid="summary-compare-badge"]'), ['+6 since baseline']);
  assert.equal(await app.page.getAttribute('[data-testid="summary-compare-badge"]', 'href'), '#compare');
  const groups = await compareGroups(app);
  assert.deepEqual(groups.map((g) => g.kind).slice(0, 3), ['new', 'fixed', 'changed']);
  assert.deepEqual(groups.map((g) => g.kind).slice(3).sort(), ['accepted', 'unchanged', 'unknown']);
  assert.deepEqual(groups.filter((g) => g.open).map((g) => g.kind), ['new'], 'the first non-empty of new and fixed opens');
  assert.equal(groups[1].head, 'Fixed (2)');
  const section = (await app.texts('.compare'))[0];
  assert.doesNotMatch(section, /not_assessed|not_analysed|\b(fail|pass) →|→ (fail|pass)\b/, 'no status names');
  const changes = await app.texts('[data-testid="rule-change"]');
  assert.ok(changes.length > 0);
  for (const c of changes) assert.match(c, / — (was failing|passed|was not assessed|was not checked by that version), (now fails|now passes|now not assessed|no longer checked)/, c);
  for (const c of changes) assert.ok(!c.includes('_'), c);
  const areas = await app.page.$$eval('[data-testid="compare-area"]', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.ok(areas.length > 0);
  const fixed = areas.reduce((n, r) => n + Number(r[4]), 0);
  const fresh = areas.reduce((n, r) => n + Number(r[3]), 0);
  assert.deepEqual([fresh, fixed], [1, 2], 'the per-area table adds up to the counts');
});

appTest('a comparison where only fixes happened opens "Fixed", most severe first', async (app) => {
  await app.page.click('[data-testid="load-clean-sample"]');
  await app.waitFor('[data-testid="rule-result"]', 'attached');
  await app.page.setInputFiles('[data-testid="baseline-input"]', join(ROOT, 'samples/pitfall-tenant.bundle.json'));
  await app.waitFor('[data-testid="comparison"]');
  const badge = (await app.texts('[data-testid="compare-badge"]'))[0];
  assert.match(badge, /^\+\d+ since baseline$/);
  const groups = await compareGroups(app);
  assert.equal(groups[0].kind, 'new');
  assert.deepEqual([groups[0].n, groups[0].open], [0, false], 'an empty New stays closed');
  assert.ok(groups[1].n > 10 && groups[1].open, `Fixed is open: ${JSON.stringify(groups[1])}`);
  const rank = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  const sev = await app.page.$$eval('[data-testid="compare-finding"][data-kind="fixed"]', (els) => els.map((e) => e.dataset.severity));
  const ranks = sev.map((s) => rank[s]);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `most severe first: ${sev}`);
  assert.ok(new Set(sev).size > 1);
});

appTest('"Clear" offers Undo, which restores exactly the files', async (app) => {
  await app.chooseFiles(['internal-domains.json', 'anti-spoofing.json', 'spf-bypass.json']);
  await app.ruleStatus('ASP001', 'fail');
  const before = await app.page.$$eval('[data-testid="input-status"]', (els) => els.map((e) => `${e.dataset.file}:${e.dataset.status}:${e.textContent}`));
  const findings = (await app.findings('ASP001')).length;
  await app.page.click('[data-testid="clear"]');
  await app.waitFor('[data-testid="empty-state"]');
  assert.match((await app.texts('[data-testid="undo-clear"]'))[0], /Cleared 3 loaded files\./);
  await app.page.click('[data-testid="undo"]');
  await app.ruleStatus('ASP001', 'fail');
  const after = await app.page.$$eval('[data-testid="input-status"]', (els) => els.map((e) => `${e.dataset.file}:${e.dataset.status}:${e.textContent}`));
  assert.deepEqual(after, before);
  assert.equal((await app.findings('ASP001')).length, findings);
  assert.equal(await app.page.locator('[data-testid="undo-clear"]').count(), 0, 'the offer ends with the undo');
  // The restored files are saved again: they survive a reload.
  await app.page.waitForTimeout(1000);
  await app.page.reload();
  await app.inputStatus('spf-bypass.json', 'ok');
});
