// Input formats in the real build: a zip and a UTF-16 file dropped together,
// a file that could be several sections (the user chooses), the coverage
// view, and saving everything as a bundle.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appTest } from './harness.mjs';
import { SECTION_KEYS } from './sections.mjs';

appTest('a zip of API responses and a UTF-16 file dropped together are analyzed', async (app) => {
  await app.dropFiles(['exports.zip', 'spf-bypass-utf16.json']);
  assert.match(await app.inputStatus('exports.zip/tenant export/api1/response (1).json', 'ok'), /Internal domains/);
  assert.match(await app.inputStatus('exports.zip/tenant export/api2/response (2).json', 'ok'), /Anti-spoofing policies/);
  assert.match(await app.inputStatus('spf-bypass-utf16.json', 'ok'), /Anti-spoofing SPF-based bypass policies/);
  await app.ruleStatus('ASP001', 'fail');
  const asp003 = await app.findings('ASP003');
  assert.equal(asp003.length, 1);
  assert.match(asp003[0], /example\.org/);
  // The README and the macOS metadata in the zip are not inputs.
  assert.equal((await app.texts('[data-testid="input-status"]')).length, 3);
});

appTest('an ambiguous file asks for its section, and the choice is applied', async (app) => {
  await app.chooseFiles(['ambiguous-policy.json']);
  assert.match(await app.inputStatus('ambiguous-policy.json', 'error'), /cannot tell which section/);
  const select = app.page.locator('[data-testid="section-choice"][data-file="ambiguous-policy.json"]');
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(options, ['antiSpoofingPolicies', 'permittedSenderPolicies', 'blockedSenderPolicies', 'greylistingPolicies']);
  await select.selectOption('blockedSenderPolicies');
  assert.match(await app.inputStatus('ambiguous-policy.json', 'ok'), /Blocked senders policies/);
});

appTest('the coverage view says what is missing and how to collect it', async (app) => {
  await app.chooseFiles(['internal-domains.json']);
  await app.inputStatus('internal-domains.json', 'ok');
  const row = (key) => `[data-testid="coverage-row"][data-section="${key}"]`;
  await app.waitFor(`${row('internalDomains')}[data-state="collected"]`, 'attached');
  const missing = (await app.texts(row('antiSpoofingPolicies')))[0];
  assert.match(missing, /Missing/);
  assert.match(missing, /anti-spoofing\/policies/, 'names the API call');
  const consoleOnly = (await app.texts(row('permittedSenderPolicies')))[0];
  assert.match(consoleOnly, /Policies > Gateway Policies > Permitted Senders/, 'names the console path');
  const states = await app.page.$$eval('[data-testid="coverage-row"]', (rows) => rows.map((r) => r.dataset.state));
  assert.equal(states.length, SECTION_KEYS.length);
  assert.equal(states.filter((s) => s === 'collected').length, 1);
});

appTest('"Save bundle" downloads everything loaded as one bundle that loads back the same', async (app) => {
  await app.chooseFiles(['internal-domains.json', 'anti-spoofing.json', 'spf-bypass.json']);
  await app.ruleStatus('ASP001', 'fail');
  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.page.click('[data-testid="save-bundle"]'),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  const bundle = JSON.parse(text);
  assert.equal(bundle.format, 'mimecast-config-bundle');
  assert.equal(bundle.version, 1);
  assert.equal(bundle.internalDomains.length, 2);
  await app.page.click('[data-testid="clear"]');
  await app.waitFor('[data-testid="empty-state"]');
  await app.page.setInputFiles('[data-testid="file-input"]', {
    name: 'saved.bundle.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  assert.match(await app.inputStatus('saved.bundle.json', 'ok'), /Internal domains, Anti-spoofing policies, Anti-spoofing SPF-based bypass policies/);
  await app.ruleStatus('ASP001', 'fail');
  assert.equal((await app.findings('ASP003')).length, 1);
});
