// How the app keeps assessments in this browser (IndexedDB): assessments an
// earlier version kept in localStorage are moved over at the first start —
// one in the format of November 2026 (files inside the assessment,
// acceptances under the keys of that version) and one in the last
// localStorage format (files under their own key) — and open with every
// accepted risk in place; an edit followed at once by a reload is not lost
// (the debounced save is flushed when the page is hidden); the Assessments
// page shows how much is stored.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { appTest } from './harness.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const OLD = join(ROOT, 'tests/fixtures/assessments/saved-2026-11.json');

/** Keys and states of every finding on the report. */
const findingStates = async (app) => {
  await app.built();
  return app.page.$$eval('[data-testid="finding"]', (els) => els.map((el) => [el.dataset.key, el.dataset.state]));
};
const openOnes = (states) => states.filter(([, s]) => s === 'open').map(([k]) => k);

/** Stores `a` in localStorage as an earlier version did (files apart when `apart`). */
async function seedLocalStorage(app, a, apart) {
  await app.page.evaluate(({ a, apart }) => {
    const key = `mimecast-audit.assessment.${a.id}`;
    if (apart) {
      localStorage.setItem(key, JSON.stringify({ ...a, files: [] }));
      localStorage.setItem(`${key}.files`, JSON.stringify(a.files));
    } else {
      localStorage.setItem(key, JSON.stringify(a));
    }
    localStorage.setItem('mimecast-audit.index', JSON.stringify({
      current: a.id,
      assessments: [{ id: a.id, customer: a.customer, assessor: a.assessor, date: a.date, edited: '2026-11-20T10:00:00Z' }],
    }));
  }, { a, apart });
  await app.page.reload();
  await app.waitFor('[data-testid="rule-result"]', 'attached');
}

appTest('an assessment saved in the earlier format opens with its acceptances and is migrated', async (app) => {
  const saved = JSON.parse(await readFile(OLD, 'utf8'));
  assert.ok(saved.files.length > 0, 'the fixture has its files inside');
  await seedLocalStorage(app, saved, false);
  const states = await findingStates(app);
  assert.deepEqual(openOnes(states), ['ASP003:example.org'], `only the finding nobody accepted is open: ${JSON.stringify(states)}`);
  assert.ok(states.length >= 10, `${states.length} findings`);

  // Moved to IndexedDB (files apart, acceptances under today's keys) and
  // gone from localStorage.
  const keysOf = (dump) => dump.assessments?.[saved.id]?.acceptances?.map((x) => x.finding) ?? [];
  const now = await app.storedWhen((d) => keysOf(d).length > 0 && !keysOf(d).some((k) => k.includes('[0]')));
  assert.deepEqual(await app.localKeys(), [], 'nothing is left in localStorage');
  assert.equal(now.index.index.current, saved.id);
  assert.deepEqual(now.assessments[saved.id].files, [], 'the files are not inside the assessment');
  assert.equal(now.files[saved.id].length, saved.files.length);
  const keys = keysOf(now);
  assert.ok(!keys.some((k) => k.includes('[0]') || k.includes('Trust M365')), `rewritten: ${keys}`);
  assert.ok(keys.includes('ASP003:example.com'), 'keys that were right stay');

  // Read back from IndexedDB: the same files, the same accepted risks.
  await app.page.reload();
  await app.waitFor('[data-testid="finding"]', 'attached');
  const again = await findingStates(app);
  assert.deepEqual(openOnes(again), ['ASP003:example.org']);
  assert.equal(again.length, states.length, 'no file was lost on the way');
});

appTest('an assessment saved in the last localStorage format is moved to IndexedDB on the first start', async (app) => {
  const saved = JSON.parse(await readFile(OLD, 'utf8'));
  saved.customer = 'Moved Customer';
  await seedLocalStorage(app, saved, true);
  assert.deepEqual(openOnes(await findingStates(app)), ['ASP003:example.org']);
  assert.match((await app.texts('[data-testid="current-assessment"]'))[0], /Moved Customer/);

  const dump = await app.storedWhen((d) => d.files?.[saved.id] !== undefined);
  assert.deepEqual(dump.files[saved.id].map((f) => f.name), saved.files.map((f) => f.name));
  assert.equal(dump.files[saved.id][0].data, saved.files[0].data, 'the file bytes are moved as they were');
  const listed = dump.index.index.assessments.find((s) => s.id === saved.id);
  assert.equal(listed.customer, 'Moved Customer');
  assert.deepEqual(await app.localKeys(), []);

  // The list of assessments shows it, with what the browser stores.
  await app.page.click('[data-testid="tab-assessments"]');
  await app.waitFor(`[data-testid="assessment"][data-id="${saved.id}"]`);
  await app.waitFor('[data-testid="storage-usage"]');
  assert.match((await app.texts('[data-testid="storage-usage"]'))[0],
    /^Stored in this browser: \d+(\.\d)? (bytes|kB|MB|GB) of \d+(\.\d)? (kB|MB|GB|TB)$/);
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
