// How the app keeps assessments in this browser: an assessment stored in the
// format of November 2026 (files inside the assessment, acceptances under the
// keys of that version) still opens with every accepted risk in place, and
// is re-saved in today's format (files under their own key, keys rewritten);
// an edit followed at once by a reload is not lost (the debounced save is
// flushed when the page is hidden).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appTest } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const OLD = join(ROOT, 'tests/fixtures/assessments/saved-2026-11.json');

appTest('an assessment saved in the earlier format opens with its acceptances and is migrated', async (app) => {
  const saved = JSON.parse(await readFile(OLD, 'utf8'));
  await app.page.evaluate((a) => {
    localStorage.setItem(`mimecast-audit.assessment.${a.id}`, JSON.stringify(a));
    localStorage.setItem('mimecast-audit.index', JSON.stringify({
      current: a.id,
      assessments: [{ id: a.id, customer: a.customer, assessor: a.assessor, date: a.date }],
    }));
  }, saved);
  await app.page.reload();
  await app.waitFor('[data-testid="rule-result"]', 'attached');
  const states = await app.page.$$eval('[data-testid="finding"]', (els) =>
    els.map((el) => [el.dataset.key, el.dataset.state]));
  const open = states.filter(([, s]) => s === 'open').map(([k]) => k);
  assert.deepEqual(open, ['ASP003:example.org'], `only the finding nobody accepted is open: ${JSON.stringify(states)}`);
  assert.ok(states.length >= 10, `${states.length} findings`);

  // Re-saved in today's format: files apart, acceptances under today's keys.
  await app.page.waitForFunction((id) => localStorage.getItem(`mimecast-audit.assessment.${id}.files`) !== null, saved.id);
  const now = await app.page.evaluate((id) => ({
    a: JSON.parse(localStorage.getItem(`mimecast-audit.assessment.${id}`)),
    files: JSON.parse(localStorage.getItem(`mimecast-audit.assessment.${id}.files`)),
  }), saved.id);
  assert.deepEqual(now.a.files, [], 'the files are no longer inside the assessment');
  assert.equal(now.files.length, 1);
  const keys = now.a.acceptances.map((x) => x.finding);
  assert.ok(!keys.some((k) => k.includes('[0]') || k.includes('Trust M365')), `rewritten: ${keys}`);
  assert.ok(keys.includes('ASP003:example.com'), 'keys that were right stay');

  // Read back in the new format: the same files, the same accepted risks.
  await app.page.reload();
  await app.waitFor('[data-testid="finding"]', 'attached');
  const again = await app.page.$$eval('[data-testid="finding"]', (els) =>
    els.map((el) => [el.dataset.key, el.dataset.state]));
  assert.deepEqual(again.filter(([, s]) => s === 'open').map(([k]) => k), ['ASP003:example.org']);
  assert.equal(again.length, states.length, 'no file was lost on the way');
});

appTest('an edit followed at once by a reload is kept', async (app) => {
  await app.page.click('[data-testid="tab-checklist"]');
  const section = '[data-testid="checklist-section"][data-section="spamScanningDefinitions"]';
  await app.page.click(`${section} [data-testid="add-item"]`);
  const field = `${section} [data-testid="checklist-item"][data-index="0"] [data-testid="field"][data-key="description"]`;
  await app.waitFor(field);
  await app.page.fill(field, 'Typed just before leaving');
  await app.page.reload(); // no wait: the pending save must be flushed
  await app.page.click('[data-testid="tab-checklist"]');
  await app.waitFor(field);
  assert.equal(await app.page.inputValue(field), 'Typed just before leaving');
});
