// Renders the app icon (assets/icon.svg) to the PNG sizes the web manifest
// lists (assets/icon-192.png, assets/icon-512.png), with the same headless
// Chromium the end-to-end tests use. Run it after changing icon.svg; the
// PNGs are committed, so the build needs no browser.
//
// Usage: node scripts/make-icons.mjs

import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';

const ASSETS = resolve(dirname(fileURLToPath(import.meta.url)), '../assets');
const svg = await readFile(join(ASSETS, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const body = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>html,body{margin:0}svg{display:block}</style>${body}`);
    await page.screenshot({ path: join(ASSETS, `icon-${size}.png`), omitBackground: false });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('make-icons: wrote assets/icon-192.png and assets/icon-512.png');
