// Layout on a phone (360 px) and on a desktop (1280 px): no page scrolls
// sideways, chart text is readable (at least 12 px as rendered, after the
// SVG is scaled), and coverage badges stay on one line.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';
import { SECTION_KEYS } from './sections.mjs';

const WIDTHS = [360, 1280];
const PAGES = [
  { tab: 'tab-report', ready: '[data-testid="rule-result"]' },
  { tab: 'tab-checklist', ready: '[data-testid="checklist-page"]' },
  { tab: 'tab-rules', ready: '[data-testid="rules-page"]' },
  { tab: 'tab-assessments', ready: '[data-testid="assessments-page"]' },
  { tab: 'tab-privacy', ready: '[data-testid="wasm-sha256"]' },
];

/** Elements whose right edge lies beyond the viewport, for the failure
 *  message (innermost first, the first 15). */
function overflowing(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const out = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= vw + 0.5) continue;
      // Skip elements inside a container that scrolls or clips sideways.
      let p = el.parentElement;
      let contained = false;
      while (p && p !== document.body) {
        const ox = getComputedStyle(p).overflowX;
        if (ox !== 'visible' && p.getBoundingClientRect().right <= vw + 0.5) {
          contained = true;
          break;
        }
        p = p.parentElement;
      }
      if (contained) continue;
      const id = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      out.push(`${el.localName}${id}${cls} right=${Math.round(r.right)} "${el.textContent.trim().slice(0, 40)}"`);
    }
    return out.slice(-15);
  });
}

async function assertNoSidewaysScroll(app, what) {
  const { scroll, inner } = await app.page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  if (scroll > inner) {
    assert.fail(`${what}: scrollWidth ${scroll} > ${inner}; beyond the right edge:\n  ${(await overflowing(app.page)).join('\n  ')}`);
  }
}

for (const width of WIDTHS) {
  appTest(`no page scrolls sideways at ${width} px (sample loaded)`, async (app) => {
    await app.page.setViewportSize({ width, height: 800 });
    // The first screen, with the request for everything opened.
    await app.page.click('[data-testid="collection-empty"] summary');
    await app.waitFor('[data-testid="collection-empty"] [data-testid="collection-text"]');
    await assertNoSidewaysScroll(app, `the empty Report at ${width} px`);
    await app.page.click('[data-testid="load-sample"]');
    await app.ruleStatus('ASP001', 'fail');
    for (const { tab, ready } of PAGES) {
      await app.page.click(`[data-testid="${tab}"]`);
      await app.waitFor(ready, 'attached');
      // Open what can be opened: details blocks hide wide content.
      await app.page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
      await assertNoSidewaysScroll(app, `${tab} at ${width} px`);
    }
  });

  appTest(`chart text is at least 12 px as rendered at ${width} px`, async (app) => {
    await app.page.setViewportSize({ width, height: 800 });
    await app.page.click('[data-testid="load-sample"]');
    await app.waitFor('[data-testid="chart-area"]');
    const sizes = await app.page.$$eval('.chart svg text', (texts) =>
      texts.map((t) => {
        const scale = t.ownerSVGElement.getScreenCTM().a;
        return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale };
      }),
    );
    assert.ok(sizes.length > 10, `chart texts found: ${sizes.length}`);
    const small = sizes.filter((s) => s.px < 11.95);
    assert.deepEqual(small, [], 'every chart label and value is rendered at 12 px or more');
  });

  appTest(`chart labels are not clipped at ${width} px`, async (app) => {
    await app.page.setViewportSize({ width, height: 800 });
    await app.page.click('[data-testid="load-sample"]');
    await app.waitFor('[data-testid="chart-area"]');
    const clipped = await app.page.$$eval('.chart svg .chart__label', (labels) =>
      labels
        .filter((t) => {
          // Drawn outside the SVG's box only if the SVG lets it overflow,
          // and never beyond the figure (which clips what scrolls in it).
          const svg = t.ownerSVGElement;
          const box = getComputedStyle(svg).overflow === 'visible' ? svg.closest('.chart') : svg;
          return t.getBoundingClientRect().left < box.getBoundingClientRect().left - 0.5;
        })
        .map((t) => t.textContent),
    );
    assert.deepEqual(clipped, [], 'no label is cut off on the left');
  });

  appTest(`coverage badges stay on one line at ${width} px`, async (app) => {
    await app.page.setViewportSize({ width, height: 800 });
    await app.chooseFiles(['internal-domains.json']);
    await app.inputStatus('internal-domains.json', 'ok');
    await app.waitFor('[data-testid="coverage-row"] .cov');
    const badges = await app.page.$$eval('[data-testid="coverage-row"] .cov', (els) =>
      els.map((el) => {
        const lh = parseFloat(getComputedStyle(el).fontSize) * 1.6;
        return { text: el.textContent, height: el.getBoundingClientRect().height, lh, lines: el.getClientRects().length };
      }),
    );
    assert.equal(badges.length, SECTION_KEYS.length);
    for (const b of badges) {
      assert.ok(b.lines === 1 && b.height <= b.lh, `${b.text} on one line: ${JSON.stringify(b)}`);
    }
  });
}
