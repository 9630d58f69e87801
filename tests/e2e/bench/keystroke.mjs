// Benchmark (not a test): time per checklist keystroke with the pitfall
// sample loaded, in headless Chromium against the built dist/.
//
//   node tests/e2e/bench/keystroke.mjs [dist-folder]
//   SYNTHETIC=2000 node tests/e2e/bench/keystroke.mjs [dist-folder]
//
// With SYNTHETIC=n, a synthetic tenant of n internal domains, anti-spoofing
// policies, permitted-sender policies and managed senders (the shape of the
// engine benchmark's) is dropped in addition to the sample, to show how the
// cost of a keystroke grows with the loaded files.
//
// Each keystroke appends one character to a checklist text field, fires its
// `input` event, waits for the page to settle (a task after every microtask
// the event queued) and forces style and layout, so the time covers the
// handler, the analysis it triggers, the DOM updates and the storage write.
// Prints the median and 90th percentile over the measured keystrokes, next
// to the same page's time for a bare `JSON.parse` of the sample bundle (a
// floor measured in the same run).

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from '../server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser.mjs';
import { synthetic } from './synthetic.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = resolve(process.argv[2] ?? process.env.E2E_DIST ?? join(ROOT, 'dist'));
const KEYS = Number(process.env.KEYS ?? 40);
const WARMUP = 5;
const SYNTHETIC = Number(process.env.SYNTHETIC ?? 0);

const server = await serveDir(dist);
const profile = await mkdtemp(join(tmpdir(), 'mimecast-audit-bench-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const page = context.pages()[0];
  await page.goto(server.url);
  await page.click('[data-testid="load-sample"]');
  await page.locator('[data-testid="rule-result"]').first().waitFor({ state: 'attached' });
  if (SYNTHETIC > 0) {
    const buffer = Buffer.from(synthetic(SYNTHETIC));
    await page.setInputFiles('[data-testid="file-input"]', { name: 'synthetic.bundle.json', mimeType: 'application/json', buffer });
    // Another tenant than the sample's: builds that ask before mixing
    // tenants are told to add it anyway.
    const asked = page.locator('[data-testid="mix-add"]');
    await asked.waitFor({ timeout: 5_000 }).then(() => asked.click(), () => {});
    await page.locator('[data-testid="input-status"][data-file="synthetic.bundle.json"]').waitFor({ state: 'attached', timeout: 120_000 });
  }
  await page.click('[data-testid="tab-checklist"]');
  const section = '[data-testid="checklist-section"][data-section="spamScanningDefinitions"]';
  await page.click(`${section} [data-testid="add-item"]`);
  const field = `${section} [data-testid="checklist-item"] [data-testid="field"][data-key="description"]`;
  await page.locator(field).first().waitFor();

  const sample = await readFile(join(ROOT, 'samples/pitfall-tenant.bundle.json'), 'utf8');
  const result = await page.evaluate(
    async ({ field, keys, warmup, sample }) => {
      const settle = () => new Promise((r) => setTimeout(r, 0));
      const times = [];
      for (let i = 0; i < keys + warmup; i++) {
        const el = document.querySelector(field); // the field may be re-created
        const t0 = performance.now();
        el.value += String.fromCharCode(97 + (i % 26));
        el.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'x', inputType: 'insertText' }));
        await settle();
        void document.body.offsetHeight; // style and layout of what changed
        if (i >= warmup) times.push(performance.now() - t0);
      }
      const parse = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        JSON.parse(sample);
        parse.push(performance.now() - t0);
      }
      return { times, parse };
    },
    { field, keys: KEYS, warmup: WARMUP, sample },
  );
  const q = (v, p) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(p * v.length))];
  const median = q(result.times, 0.5);
  const floor = q(result.parse, 0.5);
  const loaded = SYNTHETIC > 0 ? `pitfall sample and a ${SYNTHETIC}-domain synthetic tenant` : 'pitfall sample';
  console.log(`checklist keystroke, ${loaded} loaded (${KEYS} keystrokes):`);
  console.log(`  median ${median.toFixed(1)} ms, p90 ${q(result.times, 0.9).toFixed(1)} ms, max ${Math.max(...result.times).toFixed(1)} ms`);
  console.log(`  JSON.parse of the sample bundle (${sample.length} bytes): median ${floor.toFixed(2)} ms`);
  console.log(`  keystroke / parse floor: ${(median / floor).toFixed(1)}x`);
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
  await server.close();
}
