// Trunk post_build hook: put the sha256 of the inline loader script into the
// Content-Security-Policy meta tag of the staged index.html.
//
// Trunk starts the app with one inline <script type="module"> that it writes
// itself; a strict CSP (no 'unsafe-inline') only lets it run when its hash is
// listed. index.html carries 'sha256-PLACEHOLDER' in script-src for this.
//
// The hook fails the build (non-zero exit) unless it finds exactly one CSP
// meta tag with exactly one placeholder and exactly one inline script: any new
// inline script must be a deliberate change here, not a silent hash.
//
// Usage: node scripts/csp-hash.mjs [path/to/index.html]
// (default: $TRUNK_STAGING_DIR/index.html, the file Trunk is about to publish)

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PLACEHOLDER = "'sha256-PLACEHOLDER'";

function fail(message) {
  console.error(`csp-hash: ${message}`);
  process.exit(1);
}

function target() {
  if (process.argv[2]) return process.argv[2];
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) fail('no file given and TRUNK_STAGING_DIR is not set');
  return join(staging, 'index.html');
}

const file = target();
let html;
try {
  html = readFileSync(file, 'utf8');
} catch (err) {
  fail(`cannot read ${file}: ${err.message}`);
}

// Script elements, with their attributes and their text exactly as written:
// the browser hashes the text between the tags byte for byte.
const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
const inline = scripts.filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs));
if (inline.length !== 1) {
  fail(`expected exactly 1 inline <script> (Trunk's loader), found ${inline.length} in ${file}`);
}
const [, attrs, body] = inline[0];
if (!/\btype\s*=\s*["']?module/i.test(attrs) || !/\bimport\b/.test(body)) {
  fail(`the inline script does not look like Trunk's module loader:\n${body.trim()}`);
}
const hash = `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;

// The CSP meta tag and its placeholder.
const metas = [...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy[^>]*>/gi)];
if (metas.length !== 1) fail(`expected exactly 1 CSP meta tag, found ${metas.length}`);
const meta = metas[0][0];
const count = meta.split(PLACEHOLDER).length - 1;
if (count !== 1) fail(`expected ${PLACEHOLDER} once in the CSP meta tag, found it ${count} times`);
if (/'unsafe-inline'/.test(meta)) fail("the CSP must not allow 'unsafe-inline'");

const filled = meta.replace(PLACEHOLDER, hash);
const out = html.slice(0, metas[0].index) + filled + html.slice(metas[0].index + meta.length);
if (out.includes(PLACEHOLDER)) fail('placeholder still present after filling');
writeFileSync(file, out);
console.log(`csp-hash: script-src ${hash} written to ${file}`);
