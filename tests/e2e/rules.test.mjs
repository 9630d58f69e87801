// The whole rule catalog in the real build: the sample tenant shows the same
// results as the command-line tool, the views filter and search, and the
// Rules page documents every rule.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appTest } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The CLI's JSON report for a sample bundle (same engine, native build). */
function cliReport(sample) {
  const run = spawnSync('cargo', ['run', '--quiet', '--bin', 'mimecast-audit', '--', '--format', 'json', join(ROOT, 'samples', sample)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(run.status === 0 || run.status === 1, `CLI exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** Rule code → {status, findings} as the page shows them. */
async function pageResults(app) {
  await app.built();
  return app.page.$$eval('[data-testid="rule-result"]', (els) =>
    Object.fromEntries(
      els.map((el) => [el.dataset.rule, { status: el.dataset.status, findings: el.querySelectorAll('[data-testid="finding"]').length }]),
    ),
  );
}

appTest('the sample tenant shows the same results as the CLI', async (app) => {
  const cli = cliReport('pitfall-tenant.bundle.json');
  await app.page.click('[data-testid="load-sample"]');
  await app.inputStatus('pitfall-tenant.bundle.json', 'ok');
  await app.ruleStatus('ASP001', 'fail');
  const page = await pageResults(app);
  const want = Object.fromEntries(cli.results.map((r) => [r.code, { status: r.status, findings: r.findings.length }]));
  assert.deepEqual(page, want);
  assert.ok(Object.keys(want).length >= 36, 'the whole catalog runs');
});

appTest('the clean sample passes every rule', async (app) => {
  await app.page.click('[data-testid="load-clean-sample"]');
  await app.inputStatus('clean-tenant.bundle.json', 'ok');
  await app.ruleStatus('ASP001', 'pass');
  const statuses = Object.values(await pageResults(app)).map((r) => r.status);
  assert.ok(statuses.length >= 36);
  assert.deepEqual([...new Set(statuses)], ['pass']);
});

appTest('severity, outcome and text filters narrow the results', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
  const all = (await app.texts('[data-testid="rule-result"]')).length;
  await app.page.click('[data-testid="filter-severity"][data-value="critical"]');
  const sev = await app.page.$$eval('[data-testid="rule-result"] .sev', (els) => els.map((e) => e.textContent));
  assert.ok(sev.length > 0 && sev.length < all);
  assert.deepEqual([...new Set(sev)], ['critical']);
  await app.page.click('[data-testid="reset-filters"]');
  await app.page.fill('[data-testid="search"]', 'northwind-shop.example');
  const codes = await app.page.$$eval('[data-testid="rule-result"]', (els) => els.map((e) => e.dataset.rule));
  assert.ok(codes.includes('ASP003') && codes.length < all, JSON.stringify(codes));
  await app.page.fill('[data-testid="search"]', 'no-such-thing-anywhere');
  await app.waitFor('[data-testid="no-match"]');
});

appTest('the analysis date changes which policies are in force', async (app) => {
  await app.page.click('[data-testid="load-sample"]');
  // The sample's all-staff DNS authentication policy ended on 2026-06-30.
  await app.ruleStatus('DNS005', 'fail');
  await app.page.fill('[data-testid="analysis-date"]', '2026-01-01');
  await app.ruleStatus('DNS005', 'pass');
  assert.match((await app.texts('[data-testid="summary"]'))[0], /analysis date 2026-01-01/);
  // The date belongs to the assessment: it survives a reload.
  await app.page.reload();
  await app.ruleStatus('DNS005', 'pass');
  assert.equal(await app.page.inputValue('[data-testid="analysis-date"]'), '2026-01-01');
  await app.page.click('[data-testid="analysis-date-reset"]');
  await app.ruleStatus('DNS005', 'fail');
});

appTest('the Rules page documents every rule under the fixed headings', async (app) => {
  await app.page.click('[data-testid="tab-rules"]');
  await app.waitFor('[data-testid="rules-page"]');
  const docs = await app.texts('[data-testid="rule-doc"]');
  assert.ok(docs.length >= 36);
  for (const d of docs) {
    for (const h of ['Why it matters', 'What triggers it', 'How to fix it', 'Console:']) assert.ok(d.includes(h), `${h} in ${d.slice(0, 80)}`);
  }
});
