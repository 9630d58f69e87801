// A big export is kept: a generated 50 MB bundle (hundreds of thousands of
// managed senders) loaded into an assessment is stored in IndexedDB and is
// still there, with the same results, after a reload and after the browser
// is closed and started again on the same profile; the Assessments page
// shows the space it takes.

import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { appTest } from './harness.mjs';
import { bigBundle } from './big-bundle.mjs';

const NAME = 'big-tenant.bundle.json';
const MB = 1e6;

const dir = await mkdtemp(join(tmpdir(), 'mimecast-audit-big-'));
after(() => rm(dir, { recursive: true, force: true }));

/** The file's status line and the status of every rule, as shown. */
async function shown(app) {
  // Reading and analysing 50 MB takes longer than the harness's usual wait.
  const sel = `[data-testid="input-status"][data-file="${NAME}"][data-status="ok"]`;
  await Promise.race([
    app.page.locator(sel).waitFor({ state: 'attached', timeout: 300_000 }),
    app.problem.then((p) => assert.fail(`page problem: ${p}`)),
  ]);
  const status = await app.inputStatus(NAME, 'ok');
  const rules = await app.page.$$eval('[data-testid="rule-result"]', (els) =>
    els.map((el) => `${el.dataset.rule}=${el.dataset.status}`));
  return { status, rules };
}

/** What the Assessments page says this browser stores, in bytes. */
async function storedBytes(app) {
  await app.page.click('[data-testid="tab-assessments"]');
  await app.waitFor('[data-testid="storage-usage"]');
  const text = (await app.texts('[data-testid="storage-usage"]'))[0];
  const found = text.match(/^Stored in this browser: ([\d.]+) (bytes|kB|MB|GB) of [\d.]+ (?:kB|MB|GB|TB)$/);
  assert.ok(found, text);
  return Number(found[1]) * { bytes: 1, kB: 1e3, MB: 1e6, GB: 1e9 }[found[2]];
}

appTest('a 50 MB export survives a reload and a browser restart', async (app) => {
  const file = join(dir, NAME);
  await writeFile(file, bigBundle(50 * MB));
  const bytes = (await stat(file)).size;
  assert.ok(bytes >= 50 * MB && bytes < 64 * 1024 * 1024, `${bytes} bytes: 50 MB, under the per-file limit`);

  const empty = await storedBytes(app);
  await app.page.click('[data-testid="tab-report"]');
  await app.page.setInputFiles('[data-testid="file-input"]', file);
  const before = await shown(app);
  assert.match(before.status, /Managed senders/);
  assert.ok(before.rules.length >= 10, `${before.rules.length} rules`);

  // Stored whole (base64 makes it a third bigger), with no error shown.
  const isStored = (d) => Object.values(d.files ?? {}).some((size) => size > bytes);
  const sizes = await app.storedWhen(isStored, { sizes: true }, 120_000);
  assert.equal(Object.keys(sizes.files).length, 1, 'one assessment, its files in one record');
  assert.equal(await app.page.locator('[data-testid="storage-error"]').count(), 0);

  await app.page.reload();
  assert.deepEqual(await shown(app), before, 'the same file and results after a reload');

  // The browser compresses what it stores: the usage grows by less than
  // the file, but by megabytes.
  const after = await storedBytes(app);
  assert.ok(after - empty >= 5 * MB, `the stored export counts: ${empty} bytes before, ${after} after`);

  await app.restart();
  assert.deepEqual(await shown(app), before, 'the same file and results after the browser restarts');
}, { timeout: 600_000 });
