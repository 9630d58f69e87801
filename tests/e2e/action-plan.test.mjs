// The action plan's owners: an owner and due date given to an open finding
// in the app are kept with the assessment and fill the plan's columns in
// the CSV and the HTML hand-over.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { csvRecords } from './csv.mjs';

/** Fills the finding's assignment form, submits it and waits for its summary line to read `summary`. */
async function assign(app, finding, owner, due, summary) {
  await app.page.click(`${finding} [data-testid="assign-summary"]`);
  await app.page.fill(`${finding} [data-testid="assign-owner"]`, owner);
  await app.page.fill(`${finding} [data-testid="assign-due"]`, due);
  await app.page.click(`${finding} [data-testid="assign-submit"]`);
  await app.page.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.textContent === want,
    [`${finding} [data-testid="assign-summary"]`, summary],
  );
}

appTest('an owner and due date given to a finding fill the action plan and survive a reload', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
  const finding = '[data-testid="finding"][data-rule="ASP006"]';
  await app.expandRule('ASP006');
  const key = await app.page.getAttribute(finding, 'data-key');
  const score = (await app.texts('[data-testid="score-value"]'))[0];
  await assign(app, finding, 'Mail team', '2027-01-31', 'Owner: Mail team · due 2027-01-31');
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
  await assign(app, finding, '', '', 'Assign an owner and due date');
});
