// Trunk post_build hook: write the list of the build's files and a build id
// into the staged service worker (sw.js), so that it precaches exactly the
// app's own files of this build.
//
// It must run after scripts/csp-hash.mjs (Trunk.toml runs the two one after
// the other in one hook: hooks of one stage run at the same time): the build
// id is a hash of the final files, index.html with its filled CSP included,
// and the hook refuses an index.html whose CSP placeholder is still there.
//
// The list holds every file of the staged folder except sw.js itself (the
// browser fetches that one to look for updates); index.html is listed as
// "./", the page's address. The build fails (non-zero exit) when sw.js lacks
// its two placeholders, or when a file the page names is missing from the
// folder.
//
// Usage: node scripts/sw-precache.mjs [path/to/dist]
// (default: $TRUNK_STAGING_DIR, the folder Trunk is about to publish)

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const BUILD_PLACEHOLDER = "'BUILD-ID-PLACEHOLDER'";
const FILES_PLACEHOLDER = '[/* PRECACHE-FILES */]';

function fail(message) {
  console.error(`sw-precache: ${message}`);
  process.exit(1);
}

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) fail('no folder given and TRUNK_STAGING_DIR is not set');

/** Every file under `root`, as a URL path relative to it, sorted. */
function walk(root, at = root) {
  return readdirSync(at, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(root, join(at, e.name)) : [relative(root, join(at, e.name))]))
    .map((p) => p.split(sep).join('/'))
    .sort();
}

const all = walk(dir);
if (!all.includes('index.html')) fail(`no index.html in ${dir}`);
if (!all.includes('sw.js')) fail(`no sw.js in ${dir}`);

const html = readFileSync(join(dir, 'index.html'), 'utf8');
if (html.includes("'sha256-PLACEHOLDER'")) fail('index.html still has its CSP placeholder: run csp-hash.mjs first');

// Every same-origin file the page names (href/src) must be in the list, or
// the app would not start offline.
const named = [...html.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)]
  .map((m) => m[1])
  .filter((u) => !/^(?:[a-z]+:|#|\/\/)/i.test(u))
  .map((u) => u.replace(/^\.?\//, '').replace(/[?#].*$/, ''));
const missing = named.filter((u) => u && !all.includes(u));
if (missing.length) fail(`index.html names files that are not in ${dir}: ${missing.join(', ')}`);

const files = all.filter((f) => f !== 'sw.js').map((f) => (f === 'index.html' ? './' : f));

const hash = createHash('sha256');
for (const f of all.filter((f) => f !== 'sw.js')) {
  hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
}
const build = hash.digest('hex').slice(0, 16);

const swFile = join(dir, 'sw.js');
const sw = readFileSync(swFile, 'utf8');
for (const p of [BUILD_PLACEHOLDER, FILES_PLACEHOLDER]) {
  const count = sw.split(p).length - 1;
  if (count !== 1) fail(`expected ${p} once in sw.js, found it ${count} times`);
}
const filled = sw
  .replace(BUILD_PLACEHOLDER, `'${build}'`)
  .replace(FILES_PLACEHOLDER, JSON.stringify(files, null, 2));
writeFileSync(swFile, filled);
console.log(`sw-precache: build ${build}, ${files.length} files written to ${swFile}`);
