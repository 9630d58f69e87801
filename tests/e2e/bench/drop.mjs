// Benchmark (not a test): how long a dropped export takes to become
// findings on the screen, next to the browser's own floor and the native
// command line, in one run:
//
//   node tests/e2e/bench/drop.mjs [dist-folder]        (SIZE_MB=10 by default)
//
// 1. drop → rendered: in a fresh page, from the file input's `change`
//    event to the first frame after the file's status line and the score
//    are on the page (read, parse, analysis, rendering — all of it);
// 2. the floor: the same page's `JSON.parse` of the same text;
// 3. the native CLI (`target/release/mimecast-audit --format json`, built by
//    `cargo build --release`) on the same file, whole process.
// Medians of RUNS (default 3) runs each. Goals of issue 13: drop → rendered
// ≤ 3× the floor; the browser ≤ 2.5× the CLI.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from '../server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser.mjs';
import { syntheticOfSize } from './synthetic.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = resolve(process.argv[2] ?? process.env.E2E_DIST ?? join(ROOT, 'dist'));
const SIZE_MB = Number(process.env.SIZE_MB ?? 10);
const RUNS = Number(process.env.RUNS ?? 3);
const NAME = 'synthetic.bundle.json';
const CLI = join(ROOT, 'target/release/mimecast-audit');

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const text = syntheticOfSize(SIZE_MB * 1024 * 1024);
const buffer = Buffer.from(text);
const work = await mkdtemp(join(tmpdir(), 'mimecast-audit-drop-'));
const file = join(work, NAME);
await writeFile(file, buffer);

const server = await serveDir(dist);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const drops = [];
const floors = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
    // Time stamps taken in the page: the change event, then the first frame
    // with the file's status line and the score on it.
    await page.evaluate((name) => {
      const input = document.querySelector('[data-testid="file-input"]');
      input.addEventListener('change', () => {
        window.__t0 = performance.now();
        const done = () =>
          document.querySelector(`[data-testid="input-status"][data-file="${name}"]`) &&
          document.querySelector('[data-testid="score-value"]');
        const watch = new MutationObserver(() => {
          if (!done()) return;
          watch.disconnect();
          requestAnimationFrame(() => (window.__t1 = performance.now()));
        });
        watch.observe(document.body, { childList: true, subtree: true, attributes: true });
      }, { capture: true });
    }, NAME);
    await page.setInputFiles('[data-testid="file-input"]', { name: NAME, mimeType: 'application/json', buffer });
    await page.waitForFunction(() => window.__t1 !== undefined, null, { timeout: 600_000 });
    drops.push(await page.evaluate(() => window.__t1 - window.__t0));
    floors.push(
      await page.evaluate((t) => {
        const t0 = performance.now();
        JSON.parse(t);
        return performance.now() - t0;
      }, text),
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const natives = [];
if (existsSync(CLI)) {
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const r = spawnSync(CLI, ['--format', 'json', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    natives.push(performance.now() - t0);
    if (r.error) throw r.error;
  }
}
await rm(work, { recursive: true, force: true });

const drop = median(drops);
const floor = median(floors);
console.log(`drop of a ${(buffer.length / 1e6).toFixed(1)} MB export (${RUNS} runs, medians):`);
console.log(`  drop → rendered findings: ${drop.toFixed(0)} ms`);
console.log(`  JSON.parse in the page:   ${floor.toFixed(0)} ms`);
console.log(`  drop / parse floor:       ${(drop / floor).toFixed(1)}x (goal ≤ 3x)`);
if (natives.length) {
  const native = median(natives);
  console.log(`  native CLI, whole process: ${native.toFixed(0)} ms`);
  console.log(`  browser / native:          ${(drop / native).toFixed(1)}x (goal ≤ 2.5x)`);
} else {
  console.log('  native CLI: not built (cargo build --release), not compared');
}
