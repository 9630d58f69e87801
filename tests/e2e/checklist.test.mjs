// The console checklist and assessments in the real build: entered settings
// drive the findings live, everything survives a reload (IndexedDB), an
// exported assessment bundle imports back to the same results after a wipe,
// field errors sit next to their field, and a section held both by a loaded
// file and by the checklist lets the user choose the source.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appTest } from './harness.mjs';

const section = (key) => `[data-testid="checklist-section"][data-section="${key}"]`;
const item = (key, i) => `${section(key)} [data-testid="checklist-item"][data-index="${i}"]`;
const field = (key, i, f) => `${item(key, i)} [data-testid="field"][data-key="${f}"]`;
const fieldError = (key, i, f) => `${item(key, i)} [data-testid="field-error"][data-key="${f}"]`;

async function openChecklist(app) {
  await app.page.click('[data-testid="tab-checklist"]');
  await app.waitFor('[data-testid="checklist-page"]');
}

/** Adds an item to a section; returns its index. */
async function addItem(app, key) {
  const before = await app.page.locator(`${section(key)} [data-testid="checklist-item"]`).count();
  await app.page.click(`${section(key)} [data-testid="add-item"]`);
  await app.waitFor(item(key, before));
  return before;
}

/** Rule code → {status, findings} as the Report page shows them. */
async function pageResults(app) {
  await app.page.click('[data-testid="tab-report"]');
  await app.waitFor('[data-testid="rule-result"]', 'attached');
  await app.built();
  return app.page.$$eval('[data-testid="rule-result"]', (els) =>
    Object.fromEntries(
      els.map((el) => [el.dataset.rule, { status: el.dataset.status, findings: el.querySelectorAll('[data-testid="finding"]').length }]),
    ),
  );
}

/** Enters a spam definition whose auto-allow action is "Do Nothing" and a
 *  policy that applies it. */
async function enterSpamSettings(app) {
  await openChecklist(app);
  const d = await addItem(app, 'spamScanningDefinitions');
  await app.page.fill(field('spamScanningDefinitions', d, 'description'), 'Default spam scanning');
  await app.page.selectOption(field('spamScanningDefinitions', d, 'level'), { label: 'Moderate' });
  await app.page.selectOption(field('spamScanningDefinitions', d, 'spamAction'), { label: 'Hold for Review' });
  await app.page.selectOption(field('spamScanningDefinitions', d, 'autoAllowSpamAction'), { label: 'Do Nothing' });
  await app.page.selectOption(field('spamScanningDefinitions', d, 'permittedSenderSpamAction'), { label: 'Hold for Review' });
  const p = await addItem(app, 'spamScanningPolicies');
  await app.page.fill(field('spamScanningPolicies', p, 'description'), 'Inbound spam scanning');
  const definition = field('spamScanningPolicies', p, 'definitionId');
  const options = await app.page.locator(`${definition} option`).allTextContents();
  assert.ok(options.some((o) => o.includes('Default spam scanning')), `the policy offers the entered definition: ${options}`);
  await app.page.selectOption(definition, { label: options.find((o) => o.includes('Default spam scanning')) });
  await app.page.selectOption(field('spamScanningPolicies', p, 'to'), { label: 'Internal Addresses' });
}

appTest('a spam definition with auto-allow "Do Nothing" and a policy using it fail SPM001, live', async (app) => {
  await openChecklist(app);
  // Before anything is entered, the policy's definition list says to add one first.
  await addItem(app, 'spamScanningPolicies');
  assert.match((await app.texts(`${section('spamScanningPolicies')} .cl-hint`))[0], /Spam Scanning definitions/);
  await app.page.click(`${item('spamScanningPolicies', 0)} [data-testid="remove-item"]`);
  await app.waitFor(`${section('spamScanningPolicies')} [data-testid="checklist-item"]`, 'detached');

  await enterSpamSettings(app);
  // The section shows the rules it unlocks, with their live outcome.
  await app.waitFor(`${section('spamScanningPolicies')} [data-testid="unlocked-rule"][data-rule="SPM001"][data-status="fail"]`, 'attached');
  assert.equal(await app.page.locator(`${section('spamScanningPolicies')} [data-testid="field-error"]`).count(), 0, 'no field errors');
  await app.page.click('[data-testid="tab-report"]');
  assert.match(await app.ruleStatus('SPM001', 'fail'), /Default spam scanning|auto/i);
  assert.equal((await app.findings('SPM001')).length, 1);
  // The entered data is listed like a loaded file, and counted as collected.
  assert.match(await app.inputStatus('checklist (entered)', 'ok'), /Spam scanning definitions, Spam scanning policies/);
  await app.waitFor('[data-testid="coverage-row"][data-section="spamScanningDefinitions"][data-state="collected"]', 'attached');

  // Back in the checklist, "Hold for Review" for auto-allowed senders fixes it.
  await openChecklist(app);
  await app.page.selectOption(field('spamScanningDefinitions', 0, 'autoAllowSpamAction'), { label: 'Hold for Review' });
  await app.waitFor(`${section('spamScanningDefinitions')} [data-testid="unlocked-rule"][data-rule="SPM001"][data-status="pass"]`, 'attached');
});

appTest('items are added, duplicated and removed; a target asks for a value only when its type needs one', async (app) => {
  await openChecklist(app);
  const key = 'permittedSenderPolicies';
  await addItem(app, key);
  await app.page.fill(field(key, 0, 'description'), 'Scanner relay');
  // Applies From: Email Domain asks for the domain; Everyone asks for nothing.
  await app.page.selectOption(field(key, 0, 'from'), { label: 'Email Domain' });
  const domain = field(key, 0, 'from.domain');
  await app.waitFor(domain);
  assert.match((await app.texts(`label[for="${await app.page.getAttribute(domain, 'id')}"]`))[0], /Applies From: Email Domain/);
  await app.page.fill(domain, 'not a domain');
  await app.waitFor(fieldError(key, 0, 'from'));
  await app.page.fill(domain, 'scanner.example');
  await app.waitFor(fieldError(key, 0, 'from'), 'detached');
  await app.page.selectOption(field(key, 0, 'from'), { label: 'Profile Group' });
  await app.waitFor(field(key, 0, 'from.groupId'));
  assert.equal(await app.page.locator(domain).count(), 0);
  await app.page.selectOption(field(key, 0, 'from'), { label: 'Everyone' });
  await app.waitFor(field(key, 0, 'from.groupId'), 'detached');

  await app.page.click(`${item(key, 0)} [data-testid="duplicate-item"]`);
  await app.waitFor(item(key, 1));
  assert.equal(await app.page.inputValue(field(key, 1, 'description')), 'Scanner relay (copy)');
  // Keyboard focus moves into the copy.
  await app.page.waitForFunction(() => document.activeElement?.dataset.key === 'description', null, { timeout: 5000 });
  await app.page.click(`${item(key, 0)} [data-testid="remove-item"]`);
  await app.waitFor(item(key, 1), 'detached');
  assert.equal(await app.page.inputValue(field(key, 0, 'description')), 'Scanner relay (copy)');
  await app.page.waitForFunction(() => document.activeElement?.dataset.testid === 'add-item', null, { timeout: 5000 });
});

appTest('the assessment survives a reload: values, customer name, status and findings', async (app) => {
  await app.page.click('[data-testid="tab-assessments"]');
  await app.page.fill('[data-testid="assessment-customer"]', 'Northwind Traders');
  await app.page.fill('[data-testid="assessment-assessor"]', 'Alex Doe');
  await enterSpamSettings(app);
  await app.page.selectOption(`${section('spamScanningDefinitions')} [data-testid="section-status"]`, 'done');
  await app.page.selectOption(`${section('continuityMonitors')} [data-testid="section-status"]`, 'not_applicable');
  const before = await pageResults(app);
  assert.equal(before.SPM001.status, 'fail');

  await app.page.reload();
  await app.waitFor('[data-testid="file-input"]', 'attached');
  assert.match((await app.texts('[data-testid="current-assessment"]'))[0], /Northwind Traders · Alex Doe/);
  await app.ruleStatus('SPM001', 'fail');
  assert.deepEqual(await pageResults(app), before);
  await openChecklist(app);
  assert.equal(await app.page.inputValue(field('spamScanningDefinitions', 0, 'description')), 'Default spam scanning');
  assert.equal(await app.page.inputValue(field('spamScanningDefinitions', 0, 'autoAllowSpamAction')), 'do_nothing');
  assert.equal(await app.page.inputValue(`${section('spamScanningDefinitions')} [data-testid="section-status"]`), 'done');
  assert.equal(await app.page.inputValue(`${section('continuityMonitors')} [data-testid="section-status"]`), 'not_applicable');
  assert.equal(await app.page.inputValue(`${section('spamScanningPolicies')} [data-testid="section-status"]`), 'todo');
  await app.page.click('[data-testid="tab-assessments"]');
  assert.equal(await app.page.inputValue('[data-testid="assessment-customer"]'), 'Northwind Traders');
  assert.equal(await app.page.locator('[data-testid="assessment"]').count(), 1);
});

appTest('export the assessment, wipe all local data, import it: the same outcomes', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
  await enterSpamSettings(app);
  await app.page.click('[data-testid="tab-assessments"]');
  await app.page.fill('[data-testid="assessment-customer"]', 'Contoso <b>Ltd</b>');
  const before = await pageResults(app);
  assert.equal(before.SPM001.status, 'fail');
  assert.equal(before.ASP001.status, 'fail');

  await app.page.click('[data-testid="tab-assessments"]');
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-assessment"]')]);
  const path = await download.path();
  const bundle = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(bundle.format, 'mimecast-config-bundle');
  assert.equal(bundle.assessment.customer, 'Contoso <b>Ltd</b>');
  assert.equal(bundle.spamScanningDefinitions[0].autoAllowSpamAction, 'do_nothing');

  // The wipe asks first; the question is answered with a second button.
  await app.page.click('[data-testid="wipe"]');
  await app.waitFor('[data-testid="wipe-confirm"]');
  await app.page.waitForFunction(() => document.activeElement?.dataset.testid === 'wipe-confirm', null, { timeout: 5000 });
  await app.page.click('[data-testid="wipe-confirm"]');
  await app.waitFor('[data-testid="no-assessments"]');
  assert.deepEqual(await app.page.evaluate(() => Object.keys(localStorage)), []);
  const empty = (d) => Object.values(d).every((store) => Object.keys(store).length === 0);
  const dump = await app.storedWhen(empty);
  assert.deepEqual(Object.keys(dump).sort(), ['assessments', 'files', 'index'], 'the database itself stays, empty');
  await app.page.click('[data-testid="tab-report"]');
  await app.waitFor('[data-testid="empty-state"]');

  await app.page.click('[data-testid="tab-assessments"]');
  await app.page.setInputFiles('[data-testid="import-assessment"]', path);
  await app.waitFor('[data-testid="assessment"]');
  assert.equal(await app.page.inputValue('[data-testid="assessment-customer"]'), 'Contoso <b>Ltd</b>');
  // User text is text, never markup.
  assert.equal(await app.page.locator('header b, [data-testid="assessment"] b').count(), 0);
  assert.deepEqual(await pageResults(app), before);
  await openChecklist(app);
  assert.equal(await app.page.inputValue(field('spamScanningDefinitions', 0, 'autoAllowSpamAction')), 'do_nothing');
});

appTest('a bad CIDR in Source IP Ranges shows an error naming the line, next to the field', async (app) => {
  await openChecklist(app);
  const key = 'permittedSenderPolicies';
  await addItem(app, key);
  const ips = field(key, 0, 'sourceIPs');
  await app.page.fill(ips, '192.0.2.0/24\n10.0.0.300/8');
  await app.waitFor(fieldError(key, 0, 'sourceIPs'));
  const [message] = await app.texts(fieldError(key, 0, 'sourceIPs'));
  assert.match(message, /line 2/);
  assert.match(message, /10\.0\.0\.300\/8/);
  assert.equal(await app.page.getAttribute(ips, 'aria-invalid'), 'true');
  const errorId = await app.page.getAttribute(fieldError(key, 0, 'sourceIPs'), 'id');
  assert.ok((await app.page.getAttribute(ips, 'aria-describedby')).split(' ').includes(errorId));
  await app.page.fill(ips, '192.0.2.0/24\n10.0.0.0/8');
  await app.waitFor(fieldError(key, 0, 'sourceIPs'), 'detached');
  assert.equal(await app.page.getAttribute(ips, 'aria-invalid'), null);
});

appTest('a loaded file and the checklist both hold a section: the user chooses which one counts', async (app) => {
  await enterSpamSettings(app);
  await app.page.click('[data-testid="tab-report"]');
  await app.ruleStatus('SPM001', 'fail');
  const file = {
    format: 'mimecast-config-bundle',
    version: 1,
    spamScanningDefinitions: [
      { id: 'definition-1', description: 'Default spam scanning', level: 'moderate', spamAction: 'hold_for_review', autoAllowSpamAction: 'hold_for_review', permittedSenderSpamAction: 'hold_for_review' },
    ],
  };
  await app.page.setInputFiles('[data-testid="file-input"]', { name: 'older.bundle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await app.inputStatus('older.bundle.json', 'ok');
  const chooser = '[data-testid="conflict"][data-section="spamScanningDefinitions"]';
  await app.waitFor(chooser);
  assert.equal(await app.page.inputValue(chooser), 'entered');
  await app.ruleStatus('SPM001', 'fail');
  await app.page.selectOption(chooser, 'files');
  await app.ruleStatus('SPM001', 'pass');
  // The choice is part of the assessment: it survives a reload.
  await app.page.reload();
  await app.waitFor(chooser);
  assert.equal(await app.page.inputValue(chooser), 'files');
  await app.ruleStatus('SPM001', 'pass');
  await app.page.selectOption(chooser, 'entered');
  await app.ruleStatus('SPM001', 'fail');
});

appTest('assessments are created, renamed, opened and deleted', async (app) => {
  await enterSpamSettings(app);
  await app.page.click('[data-testid="tab-assessments"]');
  await app.page.fill('[data-testid="assessment-customer"]', 'First customer');
  const first = await app.page.getAttribute('[data-testid="assessment"]', 'data-id');
  await app.page.fill('[data-testid="new-customer"]', 'Second customer');
  await app.page.fill('[data-testid="new-assessor"]', 'Sam');
  await app.page.click('[data-testid="new-assessment"]');
  await app.waitFor('[data-testid="assessment"] >> nth=1');
  assert.match((await app.texts('[data-testid="current-assessment"]'))[0], /Second customer · Sam/);
  // The new assessment starts empty.
  await app.page.click('[data-testid="tab-report"]');
  await app.waitFor('[data-testid="empty-state"]');

  await app.page.click('[data-testid="tab-assessments"]');
  const row = `[data-testid="assessment"][data-id="${first}"]`;
  await app.page.click(`${row} [data-testid="rename-assessment"]`);
  await app.page.fill(`${row} [data-testid="rename-input"]`, 'First customer, renamed');
  await app.page.click(`${row} [data-testid="rename-save"]`);
  assert.match((await app.texts(row))[0], /First customer, renamed/);
  await app.page.click(`${row} [data-testid="open-assessment"]`);
  // Opening reads it from IndexedDB first.
  await app.waitFor('[data-testid="current-assessment"]:has-text("First customer, renamed")');
  await app.page.click('[data-testid="tab-report"]');
  await app.ruleStatus('SPM001', 'fail');

  await app.page.click('[data-testid="tab-assessments"]');
  await app.page.click(`${row} [data-testid="delete-assessment"]`);
  await app.page.click(`${row} [data-testid="delete-confirm"]`);
  await app.waitFor(row, 'detached');
  assert.equal(await app.page.locator('[data-testid="assessment"]').count(), 1);
  await app.waitFor('[data-testid="current-assessment"]:has-text("Second customer")');
});

appTest('a full storage is reported, not ignored', async (app) => {
  await openChecklist(app);
  // The browser's quota for this origin is used up: every write to
  // IndexedDB is refused, as a full disk would make it (quotas are too big to
  // fill in a test), then make a change.
  await app.page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await app.page.click('[data-testid="tab-report"]');
  await app.page.click('[data-testid="load-sample"]');
  await app.waitFor('[data-testid="storage-error"]');
  assert.match((await app.texts('[data-testid="storage-error"]'))[0], /full/);
  // The report still works on what is in memory.
  await app.ruleStatus('ASP001', 'fail');
});

appTest('a bundle imported as an assessment: its console settings become editable, with the same outcomes', async (app) => {
  const sample = new URL('../../samples/pitfall-tenant.bundle.json', import.meta.url).pathname;
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
  const asFile = await pageResults(app);

  await app.page.click('[data-testid="tab-assessments"]');
  await app.page.setInputFiles('[data-testid="import-assessment"]', sample);
  await app.waitFor('[data-testid="notice"]');
  assert.match((await app.texts('[data-testid="notice"]'))[0], /Imported/);
  assert.deepEqual(await pageResults(app), asFile);
  await openChecklist(app);
  // Every console-only section of the sample is now an entered item.
  for (const key of ['permittedSenderPolicies', 'spamScanningPolicies', 'impersonationDefinitions', 'syncRecoverTasks']) {
    assert.ok((await app.page.locator(`${section(key)} [data-testid="checklist-item"]`).count()) > 0, key);
  }
  assert.equal(await app.page.inputValue(field('spamScanningDefinitions', 0, 'autoAllowSpamAction')), 'do_nothing');
  assert.equal(await app.page.inputValue(`${item('threatRemediation', 'settings')} [data-testid="field"][data-key="mode"]`), 'notify_only');
  // Editing an imported record works like any other.
  await app.page.selectOption(field('spamScanningDefinitions', 0, 'autoAllowSpamAction'), 'hold_for_review');
  await app.waitFor(`${section('spamScanningDefinitions')} [data-testid="unlocked-rule"][data-rule="SPM001"][data-status="pass"]`, 'attached');
});

appTest('a dropped assessment bundle is offered to be opened as an assessment', async (app) => {
  await enterSpamSettings(app);
  await app.page.click('[data-testid="tab-assessments"]');
  await app.page.fill('[data-testid="assessment-customer"]', 'Fabrikam');
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-assessment"]')]);
  const text = await readFile(await download.path(), 'utf8');
  await app.page.fill('[data-testid="new-customer"]', 'Someone else');
  await app.page.click('[data-testid="new-assessment"]');
  await app.page.click('[data-testid="tab-report"]');
  await app.page.setInputFiles('[data-testid="file-input"]', { name: 'fabrikam.bundle.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await app.waitFor('[data-testid="assessment-offer"]');
  assert.match((await app.texts('[data-testid="assessment-offer"]'))[0], /fabrikam\.bundle\.json is a saved assessment of Fabrikam/);
  await app.page.click('[data-testid="open-offered-assessment"]');
  await app.waitFor('[data-testid="assessment-offer"]', 'detached');
  assert.match((await app.texts('[data-testid="current-assessment"]'))[0], /Fabrikam/);
  await app.ruleStatus('SPM001', 'fail');
  // The file went with it: "Someone else" has no files.
  await app.page.click('[data-testid="tab-assessments"]');
  const other = await app.page.locator('[data-testid="assessment"]', { hasText: 'Someone else' }).getAttribute('data-id');
  await app.page.click(`[data-testid="assessment"][data-id="${other}"] [data-testid="open-assessment"]`);
  await app.page.click('[data-testid="tab-report"]');
  await app.waitFor('[data-testid="empty-state"]');
});

appTest('the saved assessment bundle gives the same results in the CLI as in the app', async (app) => {
  const { spawnSync } = await import('node:child_process');
  const { dirname, resolve } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
  await enterSpamSettings(app);
  const inApp = await pageResults(app);
  await app.page.click('[data-testid="tab-assessments"]');
  const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-assessment"]')]);
  const run = spawnSync('cargo', ['run', '--quiet', '--bin', 'mimecast-audit', '--', '--format', 'json', await download.path()], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `CLI exit ${run.status}: ${run.stderr}`);
  const cli = JSON.parse(run.stdout);
  const fromCli = Object.fromEntries(cli.results.map((r) => [r.code, { status: r.status, findings: r.findings.length }]));
  assert.deepEqual(fromCli, inApp);
  assert.equal(fromCli.SPM001.status, 'fail');
});

appTest('export, wipe and import keep every outcome for every sample and for sections collected empty', async (app) => {
  const inputs = [
    '../../../samples/pitfall-tenant.bundle.json',
    '../../../samples/clean-tenant.bundle.json',
    '../../../samples/missing-protections.bundle.json',
    'every-section-empty.bundle.json',
  ];
  for (const input of inputs) {
    await app.page.click('[data-testid="tab-report"]');
    await app.chooseFiles([input]);
    await app.waitFor('[data-testid="rule-result"]', 'attached');
    const before = await pageResults(app);
    await app.page.click('[data-testid="tab-assessments"]');
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.click('[data-testid="export-assessment"]')]);
    const path = await download.path();
    await app.page.click('[data-testid="wipe"]');
    await app.page.click('[data-testid="wipe-confirm"]');
    await app.waitFor('[data-testid="no-assessments"]');
    await app.page.setInputFiles('[data-testid="import-assessment"]', path);
    await app.waitFor('[data-testid="assessment"]');
    assert.deepEqual(await pageResults(app), before, input);
    if (input.startsWith('every-section')) {
      // Collected and empty stays collected: the platform rules are judged.
      assert.notEqual(before.SRC001.status, 'not_assessed');
      assert.notEqual(before.CON001.status, 'not_assessed');
    }
    // Start the next input from nothing.
    await app.page.click('[data-testid="tab-assessments"]');
    await app.page.click('[data-testid="wipe"]');
    await app.page.click('[data-testid="wipe-confirm"]');
    await app.waitFor('[data-testid="no-assessments"]');
  }
});
