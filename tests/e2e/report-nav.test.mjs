// Getting around the report in the real build: a short page of one-line
// rule cards in the CSV's priority order, top fixes that open their card,
// expand-all, passes behind "Passed (N)", the skip link, a visible focus
// ring, the announcement after a load, the customer as the title, and the
// "Evaluate as of" setting apart from the filters.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { csvRows } from './csv.mjs';

async function loadSample(app) {
  await app.page.click('[data-testid="load-sample"]');
  await app.ruleStatus('ASP001', 'fail');
}

/** Codes of the visible (not passed) rule cards, in page order. */
function cardCodes(app) {
  return app.page.$$eval('[data-testid="area"] > .results__list > [data-testid="rule-result"]', (els) =>
    els.map((e) => ({ code: e.dataset.rule, status: e.dataset.status })),
  );
}

/** WCAG contrast ratio of two `rgb(...)` colours. */
function contrast(a, b) {
  const lum = (rgb) => {
    const [r, g, bl] = rgb.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The focused element's outline colour and the background it is drawn on
 *  (the first opaque background among its ancestors, the page's by default). */
function focusColours(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    let bg = 'rgb(255, 255, 255)';
    for (let p = el.parentElement; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) {
        bg = c;
        break;
      }
    }
    return { outline: style.outlineColor, style: style.outlineStyle, width: parseFloat(style.outlineWidth), bg, testid: el.dataset.testid };
  });
}

appTest('with the sample the report takes at most 112 px a rule at 1280 wide, each detail one click away', async (app) => {
  await app.page.setViewportSize({ width: 1280, height: 900 });
  await loadSample(app);
  const height = await app.page.evaluate(() => document.documentElement.scrollHeight);
  // The attack-path panel has its own budget: a few lines per result.
  const paths = await app.page.evaluate(() => {
    const panel = document.querySelector('[data-testid="attack-paths"]');
    return { height: panel?.getBoundingClientRect().height ?? 0, results: document.querySelectorAll('[data-testid="attack-path"]').length };
  });
  assert.ok(paths.results > 0 && paths.height <= 200 + 250 * paths.results, `attack paths: ${JSON.stringify(paths)}`);
  // 4,000 px for the 36 rules of the first catalog; the budget grows with the catalog.
  const rules = await app.page.$$eval('[data-testid="rule-result"]', (els) => els.length);
  assert.ok(rules >= 51, `rule cards: ${rules}`);
  assert.ok(height - paths.height <= 112 * rules, `scroll height ${height} (attack paths ${paths.height}) for ${rules} rules`);
  // Every card is one line; one click on it shows its findings and their evidence.
  const card = '[data-testid="rule-result"][data-rule="ASP006"]';
  assert.equal(await app.page.isVisible(`${card} [data-testid="finding"]`), false);
  await app.page.click(`${card} [data-testid="rule-toggle"]`);
  await app.waitFor(`${card} [data-testid="finding"] .evidence`);
  assert.equal(await app.page.getAttribute(`${card} [data-testid="rule-toggle"]`, 'aria-expanded'), 'true');
  await app.page.click(`${card} [data-testid="rule-toggle"]`);
  await app.waitFor(`${card} [data-testid="finding"]`, 'hidden');
});

appTest('a top fix opens, shows and focuses its rule card, also from the keyboard', async (app) => {
  await app.page.setViewportSize({ width: 1280, height: 900 });
  await loadSample(app);
  const fixes = await app.page.$$eval('[data-testid="top-fix"]', (els) => els.map((e) => e.dataset.rule));
  assert.equal(fixes.length, 5);
  await app.page.click(`[data-testid="top-fix"][data-rule="${fixes[0]}"] [data-testid="top-fix-link"]`);
  const card = (code) => `[data-testid="rule-result"][data-rule="${code}"]`;
  await app.waitFor(`${card(fixes[0])}[data-expanded="true"] [data-testid="finding"]`);
  await app.page.waitForFunction((code) => document.activeElement?.closest('[data-testid="rule-result"]')?.dataset.rule === code, fixes[0], { timeout: 5000 });
  assert.equal(await app.page.getAttribute(card(fixes[0]), 'id'), `rule-${fixes[0]}`);
  // Keyboard: focus the second link and press Enter.
  await app.page.focus(`[data-testid="top-fix"][data-rule="${fixes[1]}"] [data-testid="top-fix-link"]`);
  await app.page.keyboard.press('Enter');
  await app.waitFor(`${card(fixes[1])}[data-expanded="true"] [data-testid="finding"]`);
  await app.page.waitForFunction((code) => document.activeElement?.closest('[data-testid="rule-result"]')?.dataset.rule === code, fixes[1], { timeout: 5000 });
  const box = await app.page.locator(card(fixes[1])).boundingBox();
  assert.ok(box.y >= 0 && box.y < 900, `the card is in view: ${box.y}`);
  // A filter that hides the card gives way.
  await app.page.click('[data-testid="filter-status"][data-value="pass"]');
  await app.waitFor(card(fixes[2]), 'detached');
  await app.page.click(`[data-testid="top-fix"][data-rule="${fixes[2]}"] [data-testid="top-fix-link"]`);
  await app.waitFor(`${card(fixes[2])}[data-expanded="true"] [data-testid="finding"]`);
});

appTest('in priority order the cards follow the CSV action plan; by area they are grouped', async (app) => {
  await loadSample(app);
  assert.equal(await app.page.inputValue('[data-testid="sort"]'), 'priority');
  const cards = await cardCodes(app);
  const failing = cards.filter((c) => c.status === 'fail').map((c) => c.code);
  assert.ok(failing.length > 5, JSON.stringify(cards));
  // Failures first, then not assessed; no pass among them.
  const firstOther = cards.findIndex((c) => c.status !== 'fail');
  assert.ok(cards.slice(firstOther < 0 ? cards.length : firstOther).every((c) => c.status === 'not_assessed'), JSON.stringify(cards));
  const rows = csvRows((await app.exportFile('export-csv')).text);
  const code = rows[0].indexOf('code');
  assert.ok(code >= 0, rows[0].join(','));
  const fromCsv = [...new Set(rows.slice(1).filter((r) => r.length > code).map((r) => r[code]))];
  assert.deepEqual(failing, fromCsv);
  // By area: one group per area, the critical ASP001 no longer first.
  await app.page.selectOption('[data-testid="sort"]', 'area');
  await app.waitFor('[data-testid="area"][data-area="anti-spoofing"]', 'attached');
  const areas = await app.page.$$eval('[data-testid="area"]', (els) => els.map((e) => e.dataset.area));
  assert.ok(areas.length > 2 && !areas.includes('all'), JSON.stringify(areas));
  assert.notDeepEqual((await cardCodes(app)).map((c) => c.code), cards.map((c) => c.code));
});

appTest('expand all opens every card and collapse all closes them', async (app) => {
  await loadSample(app);
  const button = '[data-testid="expand-all"]';
  assert.equal((await app.texts(button))[0], 'Expand all');
  await app.page.click(button);
  const states = () => app.page.$$eval('[data-testid="area"] > .results__list > [data-testid="rule-result"]', (els) => els.map((e) => e.dataset.expanded));
  assert.deepEqual([...new Set(await states())], ['true']);
  assert.equal((await app.texts(button))[0], 'Collapse all');
  assert.ok(await app.page.isVisible('[data-testid="finding"]'));
  await app.page.click(button);
  assert.deepEqual([...new Set(await states())], ['false']);
  assert.equal((await app.texts(button))[0], 'Expand all');
});

appTest('passes wait behind one "Passed (N)" per group, with pass wording and no severity', async (app) => {
  await loadSample(app);
  const summary = (await app.texts('[data-testid="summary"]'))[0];
  const passed = Number(summary.match(/(\d+) passed/)[1]);
  assert.ok(passed > 0, summary);
  const groups = () =>
    app.page.$$eval('[data-testid="passed-group"]', (els) =>
      els.map((d) => ({
        open: d.open,
        label: d.querySelector('summary').textContent,
        cards: [...d.querySelectorAll('[data-testid="rule-result"]')].map((c) => ({ status: c.dataset.status, sev: c.querySelectorAll('.rule__head .sev').length, text: c.querySelector('.rule__title').textContent })),
      })),
    );
  const one = await groups();
  assert.equal(one.length, 1, 'one group in priority order');
  assert.equal(one[0].open, false);
  assert.equal(one[0].label, `Passed (${passed})`);
  assert.equal(one[0].cards.length, passed);
  for (const c of one[0].cards) {
    assert.equal(c.status, 'pass');
    assert.equal(c.sev, 0, 'no severity badge on a pass');
    assert.match(c.text, /^Checked, not found: /);
  }
  // Outside the disclosure, no pass.
  assert.ok((await cardCodes(app)).every((c) => c.status !== 'pass'));
  // By area: one disclosure per area with passes, adding up.
  await app.page.selectOption('[data-testid="sort"]', 'area');
  await app.waitFor('[data-testid="area"][data-area="anti-spoofing"]', 'attached');
  const many = await groups();
  assert.ok(many.length > 1);
  assert.equal(many.reduce((n, g) => n + Number(g.label.match(/\((\d+)\)/)[1]), 0), passed);
  await app.page.click('[data-testid="passed-group"] summary');
  assert.ok(await app.page.isVisible('[data-testid="passed-group"] [data-testid="rule-result"]'));
});

appTest('a not-assessed card says which sections to load, by their titles', async (app) => {
  await app.chooseFiles(['anti-spoofing.json']);
  await app.waitFor('[data-testid="rule-result"][data-status="not_assessed"]', 'attached');
  const card = '[data-testid="rule-result"][data-status="not_assessed"]';
  await app.page.click(`${card} [data-testid="rule-toggle"]`);
  const text = (await app.texts(`${card} [data-testid="rule-missing"]`))[0];
  assert.match(text, /^To assess it, load: [A-Z]/);
  assert.doesNotMatch(text, /load: [a-z]+[A-Z]/, 'a title, not a camelCase key');
});

appTest('the skip link is the first stop and moves the focus to the findings', async (app) => {
  await loadSample(app);
  // A fresh page (the sample stays loaded): no click has moved the focus.
  await app.page.reload();
  await app.ruleStatus('ASP001', 'fail');
  await app.page.keyboard.press('Tab');
  const first = await app.page.evaluate(() => ({ testid: document.activeElement.dataset.testid, top: document.activeElement.getBoundingClientRect().top }));
  assert.equal(first.testid, 'skip-link');
  assert.ok(first.top >= 0, 'visible when focused');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.activeElement?.id === 'findings', null, { timeout: 5000 });
  // The next Tab reaches the findings' own controls.
  await app.page.keyboard.press('Tab');
  assert.ok(await app.page.evaluate(() => !!document.activeElement.closest('#findings')));
  // From another page it leads back to the report's findings.
  await app.page.click('[data-testid="tab-rules"]');
  await app.waitFor('[data-testid="rules-page"]');
  await app.page.focus('[data-testid="skip-link"]');
  await app.page.keyboard.press('Enter');
  await app.page.waitForFunction(() => document.activeElement?.id === 'findings', null, { timeout: 5000 });
});

appTest('the focus ring has at least 3:1 contrast on the dark header and on the page', async (app) => {
  await loadSample(app);
  await app.page.reload();
  await app.ruleStatus('ASP001', 'fail');
  for (let i = 0; i < 10; i++) {
    await app.page.keyboard.press('Tab');
    if ((await app.page.evaluate(() => document.activeElement.dataset.testid)) === 'tab-report') break;
  }
  const header = await focusColours(app.page);
  assert.equal(header.testid, 'tab-report');
  assert.notEqual(header.style, 'none');
  assert.ok(header.width >= 2);
  assert.ok(contrast(header.outline, header.bg) >= 3, `header: ${JSON.stringify(header)} ${contrast(header.outline, header.bg)}`);
  await app.page.focus('[data-testid="expand-all"]');
  await app.page.keyboard.press('Shift+Tab');
  await app.page.keyboard.press('Tab');
  const body = await focusColours(app.page);
  assert.equal(body.testid, 'expand-all');
  assert.notEqual(body.style, 'none');
  assert.ok(contrast(body.outline, body.bg) >= 3, `page: ${JSON.stringify(body)} ${contrast(body.outline, body.bg)}`);
});

appTest('after a load the live region announces findings, score and grade', async (app) => {
  await loadSample(app);
  const status = '[role="status"][aria-live="polite"]';
  await app.page.waitForFunction((s) => document.querySelector(s)?.textContent.startsWith('Loaded:'), status, { timeout: 5000 });
  const text = (await app.texts(status))[0];
  const score = (await app.texts('[data-testid="score-value"]'))[0];
  const grade = (await app.texts('[data-testid="grade"]'))[0];
  const findings = (await app.texts('[data-testid="summary"]'))[0].match(/(\d+) findings/)[1];
  assert.equal(text, `Loaded: ${findings} findings, score ${score}, ${grade}`);
});

appTest('the report is titled by the open customer, with a muted placeholder when unset', async (app) => {
  const title = '[data-testid="report-title"]';
  await app.waitFor(title);
  assert.equal((await app.texts(title))[0], 'Untitled assessment');
  assert.match(await app.page.getAttribute(title, 'class'), /report-title--unset/);
  await app.page.click('[data-testid="tab-assessments"]');
  await app.page.fill('[data-testid="new-customer"]', 'Contoso Ltd');
  await app.page.click('[data-testid="new-assessment"]');
  await app.page.click('[data-testid="tab-report"]');
  await app.waitFor(`${title}:has-text("Contoso Ltd — health check")`);
  assert.doesNotMatch(await app.page.getAttribute(title, 'class'), /report-title--unset/);
});

appTest('"Evaluate as of" is a labelled setting apart from the filters', async (app) => {
  await loadSample(app);
  assert.equal(await app.page.locator('.filters [data-testid="analysis-date"]').count(), 0);
  const input = app.page.getByLabel('Evaluate as of');
  assert.equal(await input.getAttribute('data-testid'), 'analysis-date');
  const help = await app.page.textContent(`#${await input.getAttribute('aria-describedby')}`);
  assert.match(help, /treats as today/);
  await input.fill('2026-01-01');
  await app.ruleStatus('DNS005', 'pass');
  await app.page.click('[data-testid="analysis-date-reset"]');
  await app.ruleStatus('DNS005', 'fail');
});

appTest('the section menu links to each section of the report', async (app) => {
  await loadSample(app);
  const links = await app.page.$$eval('[data-testid="section-menu"] a', (els) => els.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(links.map((l) => l[0]), ['Summary', 'Attack paths', 'Coverage', 'Findings', 'Compare']);
  for (const [, href] of links) assert.equal(await app.page.locator(href).count(), 1, href);
  await app.page.click('[data-testid="section-menu"] a[href="#findings"]');
  // The menu's bar (with the customer's name) sticks to the top, above the section.
  const [menu, findings] = await Promise.all([
    app.page.locator('.report-bar:has([data-testid="section-menu"])').boundingBox(),
    app.page.locator('#findings').boundingBox(),
  ]);
  assert.ok(Math.abs(menu.y) <= 1, `the menu sticks to the top: ${menu.y}`);
  assert.ok(findings.y >= menu.y + menu.height - 1, `not under the menu: ${findings.y} vs ${menu.y + menu.height}`);
});

appTest('under 600 px wide the evidence reads as label/value pairs', async (app) => {
  await loadSample(app);
  await app.expandRule('ASP001');
  const cell = '[data-testid="rule-result"][data-rule="ASP001"] .evidence td';
  const wide = await app.page.$eval(cell, (td) => ({ display: getComputedStyle(td).display, before: getComputedStyle(td, '::before').content }));
  assert.equal(wide.display, 'table-cell');
  await app.page.setViewportSize({ width: 390, height: 844 });
  const narrow = await app.page.$$eval(cell, (tds) =>
    tds.slice(0, 3).map((td) => ({ display: getComputedStyle(td).display, before: getComputedStyle(td, '::before').content, label: td.dataset.label })),
  );
  assert.deepEqual(narrow.map((c) => c.before), ['"File"', '"Path"', '"Value"']);
  assert.ok(narrow.every((c) => c.display !== 'table-cell'), JSON.stringify(narrow));
  // The table keeps its header for screen readers (visually hidden, not removed).
  const head = await app.page.$eval('[data-testid="rule-result"][data-rule="ASP001"] .evidence thead', (t) => getComputedStyle(t).display);
  assert.notEqual(head, 'none');
  // The card's own line stays within the page.
  const over = await app.page.evaluate(() => document.querySelector('#findings').scrollWidth - document.querySelector('#findings').clientWidth);
  assert.ok(over <= 0, `findings overflow by ${over}px`);
});
