// The report's attack-path panel in the real build: on the built-in sample
// it shows the results `mimecast-audit explain --scenarios` prints for the
// same tenant (scenario, answer, the findings that explain each); a path's
// finding link opens and focuses that finding's card, the card's link back
// focuses the path, and the trace opens by keyboard with every step of the
// engine's trace.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appTest } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The attack paths the CLI derives for the built-in sample (the tenant
 *  the app's "Load sample" opens; same engine, native build). */
function cliScenarios() {
  const run = spawnSync('cargo', ['run', '--quiet', '--bin', 'mimecast-audit', '--', 'explain', '--scenarios', '--sample'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(run.status, 0, `CLI exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** How many explaining findings a row links by name (the panel's cap). */
const SHOWN_FINDINGS = 10;

/** The panel's rows as the page shows them, once every batch is built. */
async function pageRows(app) {
  await app.waitFor('[data-testid="attack-paths"]', 'attached');
  await app.built();
  return app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="attack-path"]')].map((row) => ({
      id: row.id.replace(/^ap-/, ''),
      scenario: row.dataset.scenario,
      reach: row.dataset.reach,
      findings: [...row.querySelectorAll('[data-testid="attack-path-finding"]')].map((a) => a.textContent.trim()),
    })),
  );
}

async function loadSample(app) {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
}

appTest('the panel shows the scenario results the CLI prints for the sample', async (app) => {
  const cli = cliScenarios();
  assert.ok(cli.evaluated && cli.results.length > 0, 'the sample has attack paths');
  await loadSample(app);
  const rows = await pageRows(app);
  assert.deepEqual(
    rows,
    cli.results.map((r) => ({
      id: r.id,
      scenario: r.scenario,
      reach: r.reachesInbox,
      findings: r.findings.slice(0, SHOWN_FINDINGS),
    })),
  );
  // At least one path reaches the inbox and at least one is stopped, so
  // the comparison above covers both answers.
  assert.ok(rows.some((r) => r.reach === 'yes') && rows.some((r) => r.reach === 'no'), JSON.stringify(rows.map((r) => r.reach)));
  // The section menu leads to the panel.
  const menu = await app.page.locator('a[href="#attack-paths"]').count();
  assert.ok(menu >= 1, 'the section menu links the panel');
});

appTest('a path links to its finding and back, and its trace opens by keyboard', async (app) => {
  const cli = cliScenarios();
  const path = cli.results.find((r) => r.reachesInbox === 'yes' && r.findings.length > 0);
  assert.ok(path, 'a path that reaches the inbox with an explaining finding');
  const key = path.findings[0];
  await loadSample(app);
  await pageRows(app);
  const row = `[id="ap-${path.id}"]`;

  // From the path to the finding: Enter on the link reveals the (collapsed)
  // rule card and focuses the finding.
  await app.page.locator(`${row} [data-testid="attack-path-finding"]`).first().focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction((k) => document.activeElement?.dataset?.key === k, key, { timeout: 15000 });
  const card = `[data-testid="rule-result"][data-rule="${key.split(':')[0]}"]`;
  assert.equal(await app.page.getAttribute(card, 'data-expanded'), 'true', 'the rule card was opened');

  // From the finding back to the path it opens.
  const finding = `[data-testid="finding"][data-key="${key}"]`;
  const back = app.page.locator(`${finding} [data-testid="finding-opens-link"][href="#ap-${path.id}"]`);
  assert.equal(await back.count(), 1, `the finding links ${path.id}`);
  await back.focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction((id) => document.activeElement?.id === `ap-${id}`, path.id, { timeout: 15000 });

  // The trace: collapsed, then opened with the keyboard, one line per step.
  const toggle = app.page.locator(`${row} [data-testid="attack-path-toggle"]`);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await app.page.locator(`${row} [data-testid="attack-path-details"]`).isVisible(), false);
  await toggle.focus();
  await app.page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await app.waitFor(`${row} [data-testid="attack-path-trace"]`);
  const steps = await app.page.locator(`${row} [data-testid="attack-path-trace"] > li`).count();
  assert.equal(steps, path.trace.length, 'one line per step of the engine trace');
  const verdict = (await app.page.textContent(`${row} [data-testid="attack-path-verdict"]`)).trim();
  assert.match(verdict, /reach/i, verdict);
});
