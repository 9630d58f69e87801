// Control mappings (issue 15, item 5): each rule names its CIS v8 safeguards
// and NIST 800-53 controls on the Rules page and in its card; the report
// filters by a control ("show findings for CIS 9.5"); the CSV carries them.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { csvRecords } from './csv.mjs';

const cards = (app) => app.page.locator('[data-testid="rule-result"]:visible');

async function visibleCodes(app) {
  return (await cards(app).evaluateAll((els) => els.map((e) => e.dataset.rule))).sort();
}

/** Waits until the visible cards are exactly `codes` (sorted). */
async function until(app, codes) {
  const deadline = Date.now() + 20_000;
  let seen;
  while (Date.now() < deadline) {
    seen = await visibleCodes(app);
    if (JSON.stringify(seen) === JSON.stringify(codes)) return;
    await app.page.waitForTimeout(100);
  }
  assert.deepEqual(seen, codes);
}

appTest('the control filter shows exactly the rules mapped to CIS 9.5', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.waitFor('[data-testid="rule-result"]', 'attached');
  await app.built();
  const all = await visibleCodes(app);

  // Which rules map to CIS 9.5, as each card's own controls line says.
  const mapped = [];
  for (const code of all) {
    const card = app.page.locator(`[data-testid="rule-result"][data-rule="${code}"]`);
    const n = await card.locator('[data-testid="rule-controls"] [data-control="CIS 9.5"]').count();
    if (n > 0) mapped.push(code);
  }
  assert.ok(mapped.length >= 5 && mapped.length < all.length, `CIS 9.5 maps a part of the catalog: ${mapped}`);

  const select = app.page.getByTestId('filter-control');
  const label = await select.locator('option[value="CIS 9.5"]').innerText();
  assert.match(label, /^CIS 9\.5 – Implement DMARC \(\d+ failed\)$/);
  await select.selectOption('CIS 9.5');
  await until(app, mapped.sort());

  // Reset brings every rule back.
  await app.page.click('[data-testid="reset-filters"]');
  await until(app, all);
  assert.equal(await select.inputValue(), '');
});

appTest('the Rules page and the CSV name each rule\'s controls', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.waitFor('[data-testid="rule-result"]', 'attached');
  const { text } = await app.exportFile('export-csv');
  const dns004 = csvRecords(text).find((r) => r.code === 'DNS004');
  assert.ok(dns004, 'the sample fails DNS004');
  assert.equal(dns004['CIS v8'], '9.5');
  assert.equal(dns004['NIST 800-53'], 'SI-8');

  await app.page.click('[data-testid="tab-rules"]');
  const doc = app.page.locator('[data-testid="rule-doc"][data-rule="SRC001"]');
  const line = doc.getByTestId('rule-controls');
  assert.match(await line.innerText(), /CIS 11\.2 – Perform Automated Backups/);
  assert.match(await line.innerText(), /NIST CP-9 – System Backup/);
});
