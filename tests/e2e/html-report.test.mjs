// The HTML report opened the way a customer opens it: a file on disk, in a
// browser with no server. It must load nothing but itself, log no errors
// (a CSP violation is logged as one) and print with "Summary and plan" as
// its first page; with a baseline it says what changed since last review.
//
// The report is generated with the real command line (`cargo run`), so this
// test needs cargo but not the built dist/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs the CLI; the report is written to `out`. Exit 0 or 1 are both fine
 *  (1: a rule fails, which the sample is made for). */
function generate(args, out) {
  const run = spawnSync('cargo', ['run', '--quiet', '--bin', 'mimecast-audit', '--', '--format', 'html', '--output', out, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.ok(run.status === 0 || run.status === 1, `cargo run exited ${run.status}: ${run.stderr}`);
}

/** Opens `file` from file:// in a fresh Chromium; returns what it saw. */
async function open(file, body) {
  const app = await App.launch('file:///');
  const requests = [];
  const failed = [];
  app.page.on('request', (req) => requests.push(req.url()));
  app.page.on('requestfailed', (req) => failed.push(`${req.url()} (${req.failure()?.errorText})`));
  try {
    const url = pathToFileURL(file).href;
    await app.page.goto(url, { waitUntil: 'load' });
    await body(app.page, url);
    // Let anything lazy (fonts, images) try its luck before counting.
    await app.page.waitForTimeout(300);
    return { requests, failed, problems: app.problems, url };
  } finally {
    await app.close();
  }
}

test('the HTML report opens offline, loads only itself and prints the summary and plan first', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mimecast-audit-html-'));
  try {
    const out = join(dir, 'report with space.html');
    generate(['--customer', 'Northwind <Traders>', '--assessor', 'A. Auditor', 'samples/pitfall-tenant.bundle.json'], out);
    const html = await readFile(out, 'utf8');
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<link\b/i);
    assert.doesNotMatch(html, /\ssrc=/i);

    let pdf;
    const seen = await open(out, async (page) => {
      // Page 1: the names, escaped on the way in, read back as typed; one
      // human date; the grade in words; the numbered plan.
      const first = (await page.textContent('.summary-plan')).replace(/\s+/g, ' ');
      assert.match(first, /Summary and plan/);
      assert.match(first, /Customer\s*Northwind <Traders>/);
      assert.match(first, /Assessor\s*A\. Auditor/);
      assert.match(first, /Data as of\s*20 November 2026/);
      assert.doesNotMatch(first, /\d{4}-\d{2}-\d{2}T/, 'no raw ISO timestamp');
      assert.match(await page.textContent('.grade-meaning'), /^Spoofed and impersonating mail can reach users today/);
      const numbers = await page.$$eval('.plan tbody tr td.num', (tds) => tds.map((td) => Number(td.textContent)));
      assert.ok(numbers.length > 20, `${numbers.length} plan rows`);
      assert.deepEqual(numbers, numbers.map((_, i) => i + 1));
      // Long object ids wrap inside their column: the plan fits the page.
      const fit = await page.evaluate(() => ({
        plan: document.querySelector('.plan').getBoundingClientRect().right,
        body: document.querySelector('.summary-plan').getBoundingClientRect().right,
      }));
      assert.ok(fit.plan <= fit.body + 1, `plan ends at ${fit.plan}, page at ${fit.body}`);
      // The plan's rule links land on the rule's findings.
      const target = await page.$eval('.plan tbody tr a', (a) => a.getAttribute('href'));
      assert.equal(await page.locator(target).count(), 1, target);
      assert.equal(await page.locator('script').count(), 0);
      assert.equal(await page.locator('.cover').count(), 0, 'no mostly blank cover');

      await page.emulateMedia({ media: 'print' });
      const layout = await page.evaluate(() => {
        const first = document.body.firstElementChild;
        const style = (el) => getComputedStyle(el);
        return {
          first: `${first.localName}.${first.className}`,
          firstBreak: style(first).breakAfter,
          scopeNext: first.nextElementSibling.className,
          areaBreaks: [...document.querySelectorAll('.area')].map((a) => style(a).breakBefore),
          csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
        };
      });
      assert.equal(layout.first, 'section.summary-plan', 'the summary and plan come first');
      assert.equal(layout.firstBreak, 'page');
      assert.equal(layout.scopeNext, 'scope', 'then scope and limitations');
      assert.ok(layout.areaBreaks.length >= 5, `${layout.areaBreaks.length} areas`);
      assert.ok(layout.areaBreaks.every((b) => b === 'page'), layout.areaBreaks.join());
      assert.equal(layout.csp, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");

      pdf = await page.pdf({ format: 'A4', printBackground: true });
    });

    assert.deepEqual(seen.requests, [seen.url], 'exactly one request: the report itself');
    assert.deepEqual(seen.failed, []);
    assert.deepEqual(seen.problems, [], 'no console errors, page errors or foreign requests');

    // Summary and plan, one page per area (7) and the appendix at least.
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
    assert.ok(pages >= 10, `${pages} pages`);
    if (process.env.E2E_KEEP_PDF) await writeFile(process.env.E2E_KEEP_PDF, pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a tampered report cannot load anything: the CSP blocks it', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mimecast-audit-html-'));
  try {
    const out = join(dir, 'report.html');
    generate(['samples/missing-protections.bundle.json'], out);
    // Someone adds a remote image and a script to the file.
    const html = (await readFile(out, 'utf8')).replace(
      '</body>',
      '<img src="https://tracker.invalid/pixel.png"><script>document.title = "ran"</script></body>',
    );
    await writeFile(out, html);
    const seen = await open(out, async (page) => {
      assert.notEqual(await page.title(), 'ran', 'the inline script must not run');
    });
    // Chromium reports the attempt, then fails it inside the browser because
    // of the CSP: nothing goes out.
    assert.deepEqual(seen.failed, ['https://tracker.invalid/pixel.png (csp)']);
    assert.ok(
      seen.problems.some((p) => /Content Security Policy/i.test(p)),
      `expected CSP violations in the console, got: ${seen.problems.join(' | ')}`,
    );
    assert.ok(seen.problems.some((p) => /inline script/i.test(p)), seen.problems.join(' | '));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('with a baseline the report says what changed since last review', { timeout: 240_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mimecast-audit-html-'));
  try {
    const out = join(dir, 'since.html');
    generate(
      ['--customer', 'Contoso Ltd.', '--baseline', 'tests/fixtures/compare/before.bundle.json', 'tests/fixtures/compare/after.bundle.json'],
      out,
    );
    const seen = await open(out, async (page) => {
      const order = await page.$$eval('body > section', (s) => s.map((x) => x.id));
      assert.deepEqual(order.slice(0, 3), ['summary', 'scope', 'since-last-review'], order.join());
      const since = (await page.textContent('#since-last-review')).replace(/\s+/g, ' ');
      assert.match(since, /Since last review/);
      assert.match(since, /score 90 → 96 \(\+6\)/);
      assert.match(since, /1 new finding, 2 fixed/);
      assert.equal(await page.locator('#since-last-review .change-fixed li').count(), 2);
      // The accepted risks are the appendix, after the findings.
      const appendix = order.indexOf('accepted-risks');
      assert.ok(appendix > order.indexOf('overview'), order.join());
      assert.ok((await page.locator('#accepted-risks tbody tr').count()) >= 1);
    });
    assert.deepEqual(seen.problems, []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
