// Takes the screenshots the README links to (docs/screenshots/), from the
// built dist/ in headless Chromium, with the pitfall sample loaded:
//
//   node tests/e2e/tools/screenshots.mjs [dist-folder]
//
//   report-first-screen.png  the Report page's first screen at 1280×900
//   html-first-page.png      the top of page 1 of the HTML hand-over ("Summary and plan")
//   phone.png                the Report page at 390×844
//   collection-plan.png      coverage as the collection plan (two raw API files loaded)
//
// Not a test: run it after a visible change and commit the pictures.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDir } from '../server.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dist = resolve(process.argv[2] ?? process.env.E2E_DIST ?? join(ROOT, 'dist'));
const OUT = join(ROOT, 'docs/screenshots');

const server = await serveDir(dist);
const profile = await mkdtemp(join(tmpdir(), 'mimecast-audit-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 900 },
  acceptDownloads: true,
});
const page = context.pages()[0] ?? (await context.newPage());
const rule = (code) => `[data-testid="rule-result"][data-rule="${code}"]`;

try {
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="file-input"]', { state: 'attached' });
  // Name the customer and assessor first, so the title and the export show them.
  await page.click('[data-testid="tab-assessments"]');
  await page.fill('[data-testid="assessment-customer"]', 'Northwind Traders');
  await page.fill('[data-testid="assessment-assessor"]', 'Dana Whitfield');
  await page.click('[data-testid="tab-report"]');
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector(`${rule('ASP001')}[data-status="fail"]`, { state: 'attached' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'report-first-screen.png') });

  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-html"]')]);
  const html = await readFile(await d.path(), 'utf8');
  const report = await context.newPage();
  await report.setViewportSize({ width: 1000, height: 1400 });
  await report.setContent(html);
  await report.emulateMedia({ media: 'print' });
  // The top of page 1, as an A4 page shows it (the plan continues below).
  await report.screenshot({ path: join(OUT, 'html-first-page.png'), clip: { x: 0, y: 0, width: 1000, height: 1400 } });
  await report.close();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'phone.png') });

  await page.setViewportSize({ width: 1280, height: 900 });
  // Two raw API files: most sections still to collect.
  await page.click('[data-testid="clear"]');
  await page.setInputFiles('[data-testid="file-input"]', [
    join(ROOT, 'tests/fixtures/e2e/internal-domains.json'),
    join(ROOT, 'tests/fixtures/e2e/anti-spoofing.json'),
  ]);
  await page.waitForSelector('[data-testid="coverage"][open]');
  // The sticky section menu would be drawn across an element screenshot.
  await page.evaluate(() => document.querySelectorAll('.report-bar--sticky').forEach((e) => (e.style.position = 'static')));
  const coverage = page.locator('[data-testid="coverage"]');
  await coverage.scrollIntoViewIfNeeded();
  await coverage.screenshot({ path: join(OUT, 'collection-plan.png') });
  console.log('screenshots written to docs/screenshots/');
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
  server.close();
}
