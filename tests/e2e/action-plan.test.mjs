// The action plan's owners: an owner and due date given to an open finding
// in the app are kept with the assessment and fill the plan's columns in
// the CSV and the HTML hand-over.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { csvRecords } from './csv.mjs';

appTest('an owner and due date given to a finding fill the action plan and survive a reload', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
  const finding = '[data-testid="finding"][data-rule="ASP006"]';
  await app.expandRule('ASP006');
  const key = await app.page.getAttribute(finding, 'data-key');
  const score = (await app.texts('[data-testid="score-value"]'))[0];
  await app.page.click(`${finding} [data-testid="assign-summary"]`);
  await app.page.fill(`${finding} [data-testid="assign-owner"]`, 'Mail team');
  await app.page.fill(`${finding} [data-testid="assign-due"]`, '2027-01-31');
  await app.page.click(`${finding} [data-testid="assign-submit"]`);
  await app.page.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent === 'Owner: Mail team · due 2027-01-31',
    `${finding} [data-testid="assign-summary"]`,
  );
  assert.equal((await app.texts('[data-testid="score-value"]'))[0], score, 'an owner is not an accepted risk');
  assert.equal(await app.page.getAttribute(finding, 'data-state'), 'open');

  await app.page.reload();
  await app.expandRule('ASP006');
  assert.equal((await app.texts(`${finding} [data-testid="assign-summary"]`))[0], 'Owner: Mail team · due 2027-01-31');

  const rows = csvRecords((await app.exportFile('export-csv')).text);
  const row = rows.find((r) => r.key === key);
  assert.ok(row, `a row for ${key}`);
  assert.equal(row.owner, 'Mail team');
  assert.equal(row['due date'], '2027-01-31');
  assert.ok(rows.filter((r) => r.key !== key).every((r) => r.owner === '' || r.status === 'accepted'), 'only that finding has an owner');
  const html = (await app.exportFile('export-html')).text;
  const planRow = html.match(new RegExp(`<tr class="open" data-key="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">[\\s\\S]*?</tr>`))?.[0] ?? '';
  assert.match(planRow, /Mail team/);
  assert.match(planRow, /2027-01-31|31 January 2027/);

  // Clearing both fields removes the assignment.
  await app.page.click(`${finding} [data-testid="assign-summary"]`);
  await app.page.fill(`${finding} [data-testid="assign-owner"]`, '');
  await app.page.fill(`${finding} [data-testid="assign-due"]`, '');
  await app.page.click(`${finding} [data-testid="assign-submit"]`);
  await app.page.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent === 'Assign an owner and due date',
    `${finding} [data-testid="assign-summary"]`,
  );
});
