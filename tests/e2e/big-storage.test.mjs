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

const NAME = 'big-tenant.bundle.json';
const MB = 1e6;

/** A valid bundle of about `bytes` bytes: a few domains and policies, and
 *  as many managed senders as fill the rest. */
function bigBundle(bytes) {
  const n = 200;
  const r = (count, f) => Array.from({ length: count }, (_, i) => f(i));
  const head = {
    format: 'mimecast-config-bundle', version: 1, generatedAt: '2026-11-20T10:00:00Z',
    internalDomains: r(n, (i) => ({ id: `d${i}`, domain: `d${i}.example`, sendOnly: false })),
    antiSpoofingPolicies: r(n, (i) => ({
      id: `a${i}`, description: `Anti-spoofing d${i}`, option: 'apply_non_mimecast',
      from: { type: 'email_domain', domain: `d${i}.example` }, to: { type: 'internal_addresses' }, enabled: true })),
    permittedSenderPolicies: r(n, (i) => ({
      id: `p${i}`, description: `Vendor ${i}`, option: 'permit_sender',
      from: { type: 'email_domain', domain: `vendor${i}.example` }, to: { type: 'everyone' }, enabled: true })),
  };
  const parts = [JSON.stringify(head).slice(0, -1), ',"managedSenders":['];
  let size = parts[0].length + parts[1].length;
  for (let i = 0; size < bytes; i++) {
    const entry = JSON.stringify({ id: `m${i}`, to: `user${i % 977}@d${i % n}.example`, sender: `sender${i}@partner${i % 5000}.example`, type: 'Permit' });
    parts.push(i ? `,${entry}` : entry);
    size += entry.length + 1;
  }
  parts.push(']}');
  return parts.join('');
}

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
