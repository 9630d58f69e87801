// Two customers are never mixed silently: files that name another account
// than the open assessment's are not added before the user answers, and the
// default answer starts a new assessment for them.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';

const OTHER = '../../../samples/clean-tenant.bundle.json'; // another account

async function loadSampleThenOther(app) {
  await app.page.click('[data-testid="load-sample"]');
  await app.inputStatus('pitfall-tenant.bundle.json', 'ok');
  await app.chooseFiles([OTHER]);
  await app.waitFor('[data-testid="mix-question"]');
}

appTest('files of another account start a new assessment by default', async (app) => {
  await loadSampleThenOther(app);
  const text = (await app.texts('[data-testid="mix-question"]'))[0];
  assert.match(text, /Tailspin Toys \(sample\) \(CUSA00B111\)/);
  assert.match(text, /CEUA12B345/);
  // Nothing was added yet; the focus is on the default answer.
  assert.equal(await app.page.locator('[data-testid="input-status"]').count(), 1);
  assert.equal(await app.page.evaluate(() => document.activeElement?.dataset.testid), 'mix-new');
  await app.page.keyboard.press('Enter');
  await app.inputStatus('clean-tenant.bundle.json', 'ok');
  assert.equal(await app.page.locator('[data-testid="input-status"]').count(), 1, 'only the new files');
  assert.match(await app.page.textContent('[data-testid="current-assessment"]'), /Tailspin Toys \(sample\)/);
  await app.page.click('[data-testid="tab-assessments"]');
  await app.waitFor('[data-testid="assessment"]');
  assert.equal(await app.page.locator('[data-testid="assessment"]').count(), 2, 'the first one is kept');
});

appTest('files of another account can still be added on purpose, with a warning', async (app) => {
  await loadSampleThenOther(app);
  await app.page.click('[data-testid="mix-add"]');
  const status = await app.inputStatus('clean-tenant.bundle.json', 'ok');
  assert.match(status, /another customer/);
  assert.equal(await app.page.locator('[data-testid="mix-question"]').count(), 0);
});
