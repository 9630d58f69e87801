// Catalog wave 2 in the real build: the administrator authentication form
// (a single object that is the whole section, with a list of API
// applications inside it) drives ADM001 and ADM002 live, and the report
// shows each rule's control mapping.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';

const KEY = 'adminAuthentication';
const section = `[data-testid="checklist-section"][data-section="${KEY}"]`;
const settings = `${section} [data-testid="checklist-item"][data-index="settings"]`;
const field = (k) => `${settings} [data-testid="field"][data-key="${k}"]`;
const unlocked = (code, status) => `${section} [data-testid="unlocked-rule"][data-rule="${code}"][data-status="${status}"]`;

async function openChecklist(app) {
  await app.page.click('[data-testid="tab-checklist"]');
  await app.waitFor('[data-testid="checklist-page"]');
}

appTest('administrator authentication entered in the checklist fails ADM001 and ADM002 live, with their controls', async (app) => {
  await openChecklist(app);
  // Every wave 2 console-only section has its form.
  for (const key of ['urlProtectDefinitions', 'urlProtectPolicies', 'urlProtectBypassPolicies', 'attachmentProtectDefinitions',
    'attachmentProtectPolicies', 'attachmentProtectBypassPolicies', 'attachmentManagementDefinitions',
    'attachmentManagementPolicies', 'dangerousFileTypes', KEY]) {
    await app.waitFor(`[data-testid="checklist-section"][data-section="${key}"]`, 'attached');
  }
  await app.page.click(`${section} [data-testid="add-item"]`);
  await app.waitFor(settings);

  // The profile exists, with neither Two-Step Authentication nor SAML.
  await app.page.check(field('adminProfile.exists'));
  await app.waitFor(unlocked('ADM001', 'fail'), 'attached');
  assert.equal(await app.page.isChecked(field('adminProfile.twoStepAuthentication')), false);
  assert.equal(await app.page.isChecked(field('adminProfile.enforceSaml')), false);
  // API applications were not recorded yet: ADM002 cannot be judged.
  await app.waitFor(unlocked('ADM002', 'not_assessed'), 'attached');

  // One API application with a built-in full-power role.
  await app.page.click(`${settings} [data-testid="add-record"]`);
  await app.waitFor(field('apiApplications.0.name'));
  await app.page.fill(field('apiApplications.0.name'), 'SIEM export');
  await app.page.fill(field('apiApplications.0.role'), 'Super Administrator');
  await app.page.fill(field('apiApplications.0.products'), 'Threats, Security Events and Data for CG');
  await app.waitFor(unlocked('ADM002', 'fail'), 'attached');
  assert.equal(await app.page.locator(`${section} [data-testid="field-error"]`).count(), 0, 'no field errors');

  await app.page.click('[data-testid="tab-report"]');
  for (const [code, text] of [['ADM001', /password alone/], ['ADM002', /SIEM export.*Super Administrator/]]) {
    await app.ruleStatus(code, 'fail');
    await app.expandRule(code);
    const found = await app.findings(code);
    assert.equal(found.length, 1, `${code}: ${found}`);
    assert.match(found[0], text);
  }
  const controls = async (code) =>
    app.page.$$eval(`[data-testid="rule-result"][data-rule="${code}"] [data-testid="rule-controls"] [data-control]`, (els) =>
      els.map((el) => el.dataset.control));
  assert.deepEqual(await controls('ADM001'), ['CIS 6.5', 'NIST IA-2(1)']);
  assert.deepEqual(await controls('ADM002'), ['CIS 6.8', 'NIST AC-6']);

  // Fixing both in the checklist turns them to pass.
  await openChecklist(app);
  await app.page.check(field('adminProfile.twoStepAuthentication'));
  await app.page.selectOption(field('adminProfile.twoStepMethod'), { value: 'third_party_app' });
  await app.waitFor(unlocked('ADM001', 'pass'), 'attached');
  await app.page.fill(field('apiApplications.0.role'), 'Config Reader');
  await app.waitFor(unlocked('ADM002', 'pass'), 'attached');
  // A required application name left empty is flagged under the list, by number.
  await app.page.fill(field('apiApplications.0.name'), '');
  await app.waitFor(`${settings} [data-testid="field-error"][data-key="apiApplications"]`, 'attached');
  assert.match((await app.texts(`${settings} [data-testid="field-error"][data-key="apiApplications"]`))[0], /Application 1: Application Name is required/);
  await app.page.click(`${settings} [data-testid="remove-record"]`);
  await app.waitFor(field('apiApplications.0.name'), 'detached');
  await app.waitFor(unlocked('ADM002', 'pass'), 'attached');
});
