// The page never freezes: a 50 MB export is read, parsed and analysed in
// the analysis worker while the page stays responsive (no main-thread task
// over 100 ms, watched with a PerformanceObserver on long tasks), each file
// shows a progress bar with its phase and bytes, and Cancel stops a load
// and leaves the assessment as it was.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { appTest } from './harness.mjs';
import { bigBundle } from './big-bundle.mjs';

const NAME = 'big-tenant.bundle.json';
const MB = 1e6;
/** The longest main-thread task allowed during load and analysis. */
const LIMIT_MS = 100;
// One task may reach this, as a margin for a busy machine: decoding the
// report the worker sends is the biggest task left (78–103 ms on these
// two-core machines while the report carried all 621 of this tenant's attack
// paths; since the scenario budget keeps a few dozen, its report is a
// sixteenth of that size); every other task stays well under LIMIT_MS.
const ONE_TASK_MS = 150;

const dir = await mkdtemp(join(tmpdir(), 'mimecast-audit-worker-'));
after(() => rm(dir, { recursive: true, force: true }));
const big = join(dir, NAME);
await writeFile(big, bigBundle(50 * MB));

/**
 * Starts recording long tasks and every progress label the page shows, once
 * the page's own start-up (compiling the wasm, the worker, the first layout)
 * is over: what is measured is the load of the file.
 */
async function watch(app) {
  await app.page.evaluate(() => new Promise((settled) => {
    let last = performance.now();
    new PerformanceObserver(() => { last = performance.now(); }).observe({ type: 'longtask', buffered: true });
    const check = () => (performance.now() - last > 1000 ? settled() : setTimeout(check, 100));
    check();
  }));
  await app.page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    window.__labels = new Set();
    const note = () => {
      for (const el of document.querySelectorAll('[data-testid="load-progress-file"]')) {
        const bar = el.querySelector('progress');
        window.__labels.add(`${el.dataset.phase}|${el.textContent}|${bar?.max}|${bar?.getAttribute('value')}`);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    window.__since = performance.now();
  });
}

/** Waits (long: 50 MB) for the big file's status line. */
async function loaded(app) {
  const sel = `[data-testid="input-status"][data-file="${NAME}"][data-status="ok"]`;
  await Promise.race([
    app.page.locator(sel).waitFor({ state: 'attached', timeout: 300_000 }),
    app.problem.then((p) => assert.fail(`page problem: ${p}`)),
  ]);
}

appTest('a 50 MB export loads with progress; at most one main-thread task over 100 ms, none over 150 ms', async (app) => {
  await watch(app);
  await app.page.setInputFiles('[data-testid="file-input"]', big);
  await app.waitFor('[data-testid="load-progress"]');
  await loaded(app);
  assert.ok((await app.page.locator('[data-testid="rule-result"][data-status="fail"]').count()) > 0, 'findings are shown');
  assert.equal(await app.page.locator('[data-testid="load-progress"]').count(), 0, 'the bars are gone');
  // What a screen reader hears once it is done.
  await app.page.waitForFunction(() =>
    [...document.querySelectorAll('[role="status"]')].some((el) => /^Loaded: \d+ finding/.test(el.textContent)));
  // The save that follows the load (a moment later) counts too. (Reading
  // IndexedDB from the test would itself block the page: it is checked
  // after the long tasks are counted.)
  await app.page.waitForTimeout(3000);

  const labels = [...await app.page.evaluate(() => [...window.__labels])];
  const reading = labels.filter((l) => l.startsWith('reading|'));
  assert.ok(reading.some((l) => / [\d.]+ MB of 5\d\.\d MB\|/.test(l)), `reading with bytes: ${reading.join(' / ')}`);
  assert.ok(reading.some((l) => { const [, , max, value] = l.split('|'); return Number(value) > 0 && Number(value) < Number(max); }),
    `a bar part-way: ${reading.join(' / ')}`);
  assert.ok(labels.some((l) => /^parsing\|.*: parsing, 5\d\.\d MB/.test(l)), `parsing shown: ${labels.join(' / ')}`);
  assert.ok(labels.some((l) => l.startsWith('analysing|')), `analysing shown: ${labels.join(' / ')}`);

  const long = await app.page.evaluate(() => window.__long.filter((t) => t.start >= window.__since));
  const worst = Math.max(0, ...long.map((t) => t.ms));
  console.log(`longest main-thread task during load, analysis and save: ${worst.toFixed(0)} ms (${long.length} over 50 ms)`);
  const over = long.filter((t) => t.ms > LIMIT_MS);
  assert.ok(over.length <= 1 && worst <= ONE_TASK_MS, `main-thread tasks over ${LIMIT_MS} ms: ${JSON.stringify(long)}`);
  // The observer does see a blocked page: a task of 150 ms made on purpose.
  await app.page.evaluate(() => setTimeout(() => { const t = performance.now(); while (performance.now() - t < 150); }, 0));
  await app.page.waitForFunction(() => window.__long.some((t) => t.ms >= 150));
  await app.storedWhen((d) => Object.values(d.files ?? {}).some((size) => size > 50 * MB), { sizes: true }, 120_000);
}, { timeout: 600_000 });

appTest('Cancel stops a load and leaves the assessment as it was', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.inputStatus('pitfall-tenant.bundle.json', 'ok');
  const statuses = () => app.page.$$eval('[data-testid="input-status"]', (els) => els.map((el) => el.dataset.file));
  const score = () => app.texts('[data-testid="score-value"]');
  const before = { files: await statuses(), score: await score() };
  await app.storedWhen((d) => Object.keys(d.files ?? {}).length === 1, { sizes: true });

  await app.page.setInputFiles('[data-testid="file-input"]', big);
  await app.waitFor('[data-testid="load-progress-file"]');
  await app.page.click('[data-testid="cancel-load"]');
  assert.equal(await app.page.locator('[data-testid="load-progress"]').count(), 0, 'no bars after Cancel');
  assert.deepEqual(await app.texts('[data-testid="load-notice"]'), ['Loading cancelled.']);
  // Long enough for the cancelled load to have finished had it gone on.
  await app.page.waitForTimeout(3000);
  assert.deepEqual({ files: await statuses(), score: await score() }, before, 'the assessment as before');

  await app.page.reload();
  await app.inputStatus('pitfall-tenant.bundle.json', 'ok');
  assert.deepEqual(await statuses(), before.files, 'nothing of the cancelled load was stored');

  // The restarted worker analyses the next load as usual.
  await app.chooseFiles(['spf-bypass.json']);
  await app.inputStatus('spf-bypass.json', 'ok');
}, { timeout: 300_000 });
