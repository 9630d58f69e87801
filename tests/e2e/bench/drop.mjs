// Benchmark (not a test): how long a dropped export takes to become
// findings on the screen, next to the browser's own floor and the native
// command line, in one run:
//
//   node tests/e2e/bench/drop.mjs [dist-folder]        (SIZE_MB=10 by default)
//   SHAPE=big SIZE_MB=50 node tests/e2e/bench/drop.mjs  (the e2e tests' big tenant)
//
// 1. drop → rendered: in a fresh page, from the file input's `change`
//    event to the first frame after the file's status line and the score
//    are on the page (read, parse, analysis, rendering — all of it);
// 2. the floor: the same page's `JSON.parse` of the same text;
// 3. the native CLI (`target/release/mimecast-audit --format json`, built by
//    `cargo build --release`) on the same file, whole process.
// Medians of RUNS (default 3) runs each. Goals of issue 13: drop → rendered
// ≤ 3× the floor; the browser ≤ 2.5× the CLI.
//
// Then the phases of the median run, each as a ratio to that run's floor:
// the app marks each step of a load with `performance.mark('mca:<step>')`,
// on the page and in the analysis worker (src/analysis/marks.rs); both
// timelines are read (each on its own `timeOrigin`), merged and printed as
// the time from each mark to the next. The run waits for the files to be
// stored (after the app's save delay) so that storing is shown too, after
// the rendered mark (it is not part of drop → rendered).

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
import { bigBundle } from '../big-bundle.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = resolve(process.argv[2] ?? process.env.E2E_DIST ?? join(ROOT, 'dist'));
const SIZE_MB = Number(process.env.SIZE_MB ?? 10);
const RUNS = Number(process.env.RUNS ?? 3);
const NAME = 'synthetic.bundle.json';
const CLI = join(ROOT, 'target/release/mimecast-audit');

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
// SHAPE=big: the big tenant of the end-to-end tests (few domains and
// policies, many managed senders) instead of the benchmark's synthetic one.
const text = process.env.SHAPE === 'big' ? bigBundle(SIZE_MB * 1e6) : syntheticOfSize(SIZE_MB * 1024 * 1024);
const buffer = Buffer.from(text);
const work = await mkdtemp(join(tmpdir(), 'mimecast-audit-drop-'));
const file = join(work, NAME);
await writeFile(file, buffer);

const server = await serveDir(dist);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const drops = [];
const floors = [];
const timelines = [];
const longs = [];
/** The `mca:` marks of one timeline (page or worker), on the wall clock. */
const marksOf = (where) =>
  where.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('mca:'))
      .map((m) => ({ name: m.name.slice(4), at: performance.timeOrigin + m.startTime })),
  );
try {
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
    // Time stamps taken in the page: the change event, then the first frame
    // with the file's status line and the score on it.
    await page.evaluate((name) => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ at: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask' });
      const input = document.querySelector('[data-testid="file-input"]');
      input.addEventListener('change', () => {
        window.__t0 = performance.now();
        performance.mark('mca:drop');
        const done = () =>
          document.querySelector(`[data-testid="input-status"][data-file="${name}"]`) &&
          document.querySelector('[data-testid="score-value"]');
        const watch = new MutationObserver(() => {
          if (!done()) return;
          watch.disconnect();
          requestAnimationFrame(() => {
            window.__t1 = performance.now();
            performance.mark('mca:rendered');
          });
        });
        watch.observe(document.body, { childList: true, subtree: true, attributes: true });
      }, { capture: true });
    }, NAME);
    await page.setInputFiles('[data-testid="file-input"]', file);
    await page.waitForFunction(() => window.__t1 !== undefined, null, { timeout: 600_000 });
    drops.push(await page.evaluate(() => window.__t1 - window.__t0));
    // Storing comes after the save delay; then both timelines are read.
    await page
      .waitForFunction(
        () => performance.getEntriesByName('mca:page-stored').some((m) => m.startTime > window.__t0),
        null,
        { timeout: 120_000 },
      )
      .catch(() => {});
    const marks = await marksOf(page);
    // The page's long tasks (over 50 ms) between the drop and the render,
    // as marks of their own (start and end).
    const tasks = await page.evaluate(() =>
      window.__long
        .filter((t) => t.at >= window.__t0 && t.at <= window.__t1)
        .map((t) => ({ at: performance.timeOrigin + t.at, ms: t.ms })),
    );
    longs.push(tasks);
    for (const worker of page.workers()) marks.push(...(await marksOf(worker)));
    timelines.push(marks.sort((a, b) => a.at - b.at));
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
// The run whose drop time is the median, with its own floor.
const mid = drops.indexOf(drop);
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

// The phases of the median run: from each mark to the next one.
const marks = timelines[mid];
const from = marks.findIndex((m) => m.name === 'drop');
const steps = marks.slice(from);
const own = floors[mid];
console.log(`phases of the median run (ms, and × that run's JSON.parse of ${own.toFixed(0)} ms):`);
for (let i = 0; i + 1 < steps.length; i++) {
  const ms = steps[i + 1].at - steps[i].at;
  const name = `${steps[i].name} → ${steps[i + 1].name}`;
  console.log(`  ${name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / own).toFixed(2).padStart(6)}x`);
}
const at = (name) => steps.find((m) => m.name === name)?.at;
const stored = steps.filter((m) => m.name === 'page-stored').at(-1)?.at;
if (at('rendered') !== undefined) {
  const total = at('rendered') - at('drop');
  console.log(`  drop → rendered (marks)                      ${total.toFixed(0).padStart(6)} ms  ${(total / own).toFixed(2).padStart(6)}x`);
}
if (stored !== undefined && at('page-store') !== undefined) {
  const ms = stored - at('page-store');
  console.log(`  storing (page-store → page-stored)           ${ms.toFixed(0).padStart(6)} ms  ${(ms / own).toFixed(2).padStart(6)}x`);
}
const tasks = longs[mid];
const worst = Math.max(0, ...tasks.map((t) => t.ms));
const busy = tasks.reduce((sum, t) => sum + t.ms, 0);
console.log(
  `  page long tasks before the render: ${tasks.length}, ${busy.toFixed(0)} ms in all, the longest ${worst.toFixed(0)} ms`,
);
for (const t of tasks) {
  const before = steps.filter((m) => m.at <= t.at).at(-1);
  console.log(`    ${t.ms.toFixed(0).padStart(5)} ms from ${((t.at - at('drop'))).toFixed(0)} ms (after ${before?.name})`);
}
