// The pages around the report (issue 12 items 4, 5 and the Rules page):
// the checklist knows which sections the loaded files cover, which other
// sections a rule needs, and moves a section's progress by itself; the
// Assessments list says which customer is which (score, grade, files, last
// edit) and "Open" goes to the report; the Rules page has contents and a
// search.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';

const section = (key) => `[data-testid="checklist-section"][data-section="${key}"]`;
const toc = (key) => `[data-testid="toc-section"][data-section="${key}"]`;
const SAMPLE = 'pitfall-tenant.bundle.json';

async function openTab(app, tab, page) {
  await app.page.click(`[data-testid="tab-${tab}"]`);
  await app.waitFor(`[data-testid="${page}"]`);
}

async function loadSample(app) {
  await app.page.click('[data-testid="load-sample"]');
  await app.inputStatus(SAMPLE, 'ok');
}

appTest('a checklist section a loaded file covers names the file, in the list and on the card', async (app) => {
  await openTab(app, 'checklist', 'checklist-page');
  // Nothing loaded: to do, no file named.
  await app.waitFor(`${section('spamScanningDefinitions')}[data-progress="todo"]`, 'attached');
  assert.equal(await app.page.locator('[data-testid="covered-by"]').count(), 0);

  await app.page.click('[data-testid="tab-report"]');
  await loadSample(app);
  await openTab(app, 'checklist', 'checklist-page');
  const card = `${section('spamScanningDefinitions')} [data-testid="covered-by"]`;
  await app.waitFor(card);
  assert.equal((await app.texts(card))[0], `Covered by ${SAMPLE}`);
  assert.equal((await app.texts(`${toc('spamScanningDefinitions')} [data-testid="toc-covered"]`))[0], `Covered by ${SAMPLE}`);
  // The progress says so, not "To do · No definition entered yet".
  assert.equal(await app.page.getAttribute(section('spamScanningDefinitions'), 'data-progress'), 'from_files');
  const list = (await app.texts(toc('spamScanningDefinitions')))[0];
  assert.match(list, /From files/);
  assert.doesNotMatch(list, /To do/);
  const empty = (await app.texts(`${section('spamScanningDefinitions')} .cl-empty`))[0];
  assert.match(empty, /the findings use the loaded file/);
  assert.doesNotMatch(empty, /entered yet/);
  // A rule failing from that very data is shown beside it.
  const failing = await app.page.locator(`${section('spamScanningDefinitions')} [data-testid="unlocked-rule"][data-status="fail"]`).count();
  assert.ok(failing > 0, 'a rule fails from the loaded definitions');
  // The user's choice still wins over the derived progress.
  await app.page.selectOption(`${section('spamScanningDefinitions')} [data-testid="section-status"]`, 'done');
  await app.waitFor(`${toc('spamScanningDefinitions')}[data-progress="done"]`, 'attached');
});

appTest('a rule says which other sections it needs, and the link opens the section', async (app) => {
  await openTab(app, 'checklist', 'checklist-page');
  const rule = `${section('spamScanningDefinitions')} [data-testid="unlocked-rule"][data-rule="SPM001"]`;
  const need = `${rule} [data-testid="also-needs"][data-section="spamScanningPolicies"]`;
  await app.waitFor(need);
  assert.equal(await app.page.getAttribute(need, 'data-covered'), 'false');
  assert.match((await app.texts(need))[0], /missing/);
  await app.page.click(`${need} [data-testid="open-section"]`);
  await app.page.waitForFunction(() => document.activeElement?.id === 'cl-spamScanningPolicies-title');
  const top = await app.page.$eval('#cl-spamScanningPolicies-title', (el) => el.getBoundingClientRect().top);
  assert.ok(top > -2 && top < 900, `the section is scrolled into view (top ${top})`);

  // A section that comes from a file is named with its API call, not linked.
  const fromFile = `${section('syncRecoverTasks')} [data-testid="also-needs"][data-section="connectors"]`;
  await app.waitFor(fromFile, 'attached');
  assert.match((await app.texts(fromFile))[0], /from a file: .*\//i);
  assert.equal(await app.page.locator(`${fromFile} [data-testid="open-section"]`).count(), 0);
});

appTest('entering data moves a section to "in progress" by itself and incomplete items are flagged', async (app) => {
  await openTab(app, 'checklist', 'checklist-page');
  const s = section('spamScanningPolicies');
  await app.waitFor(`${s}[data-progress="todo"]`, 'attached');
  assert.equal(await app.page.inputValue(`${s} [data-testid="section-status"]`), 'todo');
  await app.page.click(`${s} [data-testid="add-item"]`);
  await app.page.fill(`${s} [data-testid="checklist-item"][data-index="0"] [data-testid="field"][data-key="description"]`, 'Inbound spam scanning');
  await app.waitFor(`${s}[data-progress="in_progress"]`, 'attached');
  await app.waitFor(`${toc('spamScanningPolicies')}[data-progress="in_progress"]`, 'attached');
  const selected = await app.page.$eval(`${s} [data-testid="section-status"]`, (el) => el.selectedOptions[0].textContent);
  assert.equal(selected, 'In progress');
  // The policy names no definition yet: the item and the section are flagged.
  await app.waitFor(`${s} [data-testid="item-flag"]`);
  assert.match((await app.texts(`${s} [data-testid="item-flag"]`))[0], /Incomplete/);
  assert.match((await app.texts(`${s} [data-testid="section-flag"]`))[0], /1 item is incomplete/);
  assert.match((await app.texts(`${toc('spamScanningPolicies')} [data-testid="toc-flag"]`))[0], /1 incomplete/);
  assert.match((await app.texts('[data-testid="checklist-progress"]'))[0], /1 in progress/);
  // Marked done while incomplete: still flagged.
  await app.page.selectOption(`${s} [data-testid="section-status"]`, 'done');
  await app.waitFor(`${s}[data-progress="done"]`, 'attached');
  assert.match((await app.texts(`${s} [data-testid="section-flag"]`))[0], /Marked done, but 1 item is incomplete/);
  // Removing the item clears the flag.
  await app.page.click(`${s} [data-testid="remove-item"]`);
  await app.waitFor(`${s} [data-testid="section-flag"]`, 'detached');
});

appTest('a new assessment has an empty customer with a placeholder; Open goes to the report', async (app) => {
  await loadSample(app);
  await openTab(app, 'assessments', 'assessments-page');
  await app.page.fill('[data-testid="assessment-customer"]', 'Northwind Traders');
  // The sample's assessment is listed with its score, grade, files and last edit.
  const first = '[data-testid="assessment"]';
  await app.waitFor(`${first} [data-testid="assessment-edited"]`);
  const score = (await app.texts(`${first} [data-testid="assessment-score"]`))[0];
  assert.match(score, /^Score \d+ · [A-F]/);
  assert.equal((await app.texts(`${first} [data-testid="assessment-files"]`))[0], '1 file');
  assert.match((await app.texts(`${first} [data-testid="assessment-edited"]`))[0], /^Last edited \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/);

  // A new assessment: the name is a placeholder, not a value.
  assert.equal(await app.page.getAttribute('[data-testid="new-customer"]', 'placeholder'), 'Customer name');
  await app.page.click('[data-testid="new-assessment"]');
  await app.page.waitForFunction(() => document.querySelectorAll('[data-testid="assessment"]').length === 2);
  assert.equal(await app.page.inputValue('[data-testid="assessment-customer"]'), '');
  assert.equal(await app.page.getAttribute('[data-testid="assessment-customer"]', 'placeholder'), 'Customer name');
  assert.match(await app.page.textContent('[data-testid="current-assessment"]'), /Untitled assessment/);

  // The kept one still shows its standing (stored, not re-analysed); the new one has none.
  const northwind = '[data-testid="assessment"]:has-text("Northwind Traders")';
  assert.match((await app.texts(`${northwind} [data-testid="assessment-score"]`))[0], /^Score \d+ · [A-F]/);
  // Until the worker has analysed the new one, the report is still the old
  // one's: its score must not be shown under the new name.
  const untitled = '[data-testid="assessment"]:has-text("Untitled assessment")';
  const untitledScore = `${untitled} [data-testid="assessment-score"]`;
  assert.doesNotMatch((await app.texts(untitledScore))[0], /^Score/);
  await app.waitFor(`${untitledScore}:text-is("Not scored")`, 'attached');

  // Open lands on the Report, with that customer.
  await app.page.click(`${northwind} [data-testid="open-assessment"]`);
  await app.waitFor('[data-testid="tab-report"][aria-current="page"]', 'attached');
  await app.inputStatus(SAMPLE, 'ok');
  assert.match(await app.page.textContent('[data-testid="current-assessment"]'), /Northwind Traders/);
});

appTest('an assessment stored without a standing says it was not analysed yet', async (app) => {
  await app.page.evaluate(() => {
    const a = { id: 'old1', customer: 'Contoso', assessor: '', date: '2026-11-01', files: [] };
    localStorage.setItem('mimecast-audit.assessment.old1', JSON.stringify(a));
    localStorage.setItem('mimecast-audit.index', JSON.stringify({
      current: null,
      assessments: [{ id: 'old1', customer: 'Contoso', assessor: '', date: '2026-11-01' }],
    }));
  });
  await app.page.reload();
  await openTab(app, 'assessments', 'assessments-page');
  const row = '[data-testid="assessment"][data-id="old1"]';
  await app.waitFor(row);
  assert.equal((await app.texts(`${row} [data-testid="assessment-score"]`))[0], 'Not analysed yet');
  assert.equal(await app.page.locator(`${row} [data-testid="assessment-edited"]`).count(), 0);
});

appTest('the Rules page has a contents list and a search that filters and counts', async (app) => {
  await openTab(app, 'rules', 'rules-page');
  const docs = '[data-testid="rule-doc"]';
  const visible = () => app.page.locator(`${docs}:visible`).count();
  const total = await app.page.locator(docs).count();
  assert.ok(total >= 36);
  assert.equal(await app.page.locator('[data-testid="contents-link"]').count(), total, 'every rule in the contents');
  assert.equal((await app.texts('[data-testid="rules-count"]'))[0], `${total} rules`);

  // A contents link jumps to its rule.
  const link = '[data-testid="contents-link"][data-rule="SPM001"]';
  await app.page.click(link);
  await app.page.waitForFunction(() => location.hash === '#rule-SPM001');
  const top = await app.page.$eval('#rule-SPM001', (el) => el.getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 5, `SPM001 at the top of the window (top ${top})`);

  // Search by code prefix.
  await app.page.fill('[data-testid="rules-search"]', 'IMP');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="rules-count"]').textContent.includes('IMP'));
  const imp = await app.page.$$eval(`${docs}:not([hidden])`, (els) => els.map((e) => e.dataset.rule));
  assert.ok(imp.length > 0 && imp.length < total);
  assert.ok(imp.every((c) => c.startsWith('IMP')), `only IMP rules: ${imp}`);
  assert.equal(await visible(), imp.length);
  assert.equal((await app.texts('[data-testid="rules-count"]'))[0], `${imp.length} rules match “IMP”`);
  const links = await app.page.$$eval('[data-testid="contents-link"]', (els) => els.filter((e) => e.offsetParent).map((e) => e.dataset.rule));
  assert.deepEqual(links, imp, 'the contents follow the search');

  // Search by a word of the documentation.
  await app.page.fill('[data-testid="rules-search"]', 'dmarc');
  await app.page.waitForFunction(() => document.querySelector('[data-testid="rules-count"]').textContent.includes('dmarc'));
  const dmarc = await app.page.$$eval(`${docs}:not([hidden])`, (els) => els.map((e) => e.textContent.toLowerCase()));
  assert.ok(dmarc.length > 0 && dmarc.length < total);
  assert.ok(dmarc.every((t) => t.includes('dmarc')));

  // Nonsense finds nothing and says so; clearing restores every rule.
  await app.page.fill('[data-testid="rules-search"]', 'zzqqxx');
  await app.waitFor('text=No rule matches');
  assert.equal(await visible(), 0);
  await app.page.click('[data-testid="rules-search-clear"]');
  await app.page.waitForFunction((n) => document.querySelector('[data-testid="rules-count"]').textContent === `${n} rules`, total);
  assert.equal(await visible(), total);
});
