// Makes the release artifacts from Trunk's release build (run
// `trunk build --release` first; scripts/test.sh runs both):
//
//   release/mimecast-audit-<version>.html      the whole app in one file, for file://
//   release/mimecast-audit-<version>-site.zip  dist/ as it is, for any static host
//   release/SHA256SUMS                         `sha256sum -c SHA256SUMS` checks both
//
// <version> is the workspace version in Cargo.toml. docs/release.md explains
// the artifacts, the single file's CSP and the headers to serve the site with.
//
// Usage: node scripts/release.mjs [dist-folder] [release-folder]
// (defaults: dist and release, beside this scripts/ folder)

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { buildSingleFile } from './single-file.mjs';
import { zip } from './release-zip.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const out = resolve(process.argv[3] ?? join(ROOT, 'release'));

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

/** The `version` of `[workspace.package]` in the root Cargo.toml. */
function version() {
  const toml = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  const section = toml.split(/^\[workspace\.package\]\s*$/m)[1]?.split(/^\[/m)[0] ?? '';
  const v = section.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  if (!v) fail('no version in [workspace.package] of Cargo.toml');
  return v;
}

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
function files(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .sort();
}

let names;
try {
  names = files(dist);
} catch (err) {
  fail(`cannot read ${dist}: ${err.message} (run \`trunk build --release\` first)`);
}
if (names.some((n) => n.startsWith('.stage/'))) {
  fail(`${dist}/.stage exists: a trunk build is running or was interrupted; build again first`);
}
if (!names.includes('index.html')) fail(`${dist} has no index.html (run \`trunk build --release\` first)`);

const v = version();
const single = `mimecast-audit-${v}.html`;
const site = `mimecast-audit-${v}-site.zip`;

let page;
try {
  page = buildSingleFile(dist);
} catch (err) {
  fail(`single file: ${err.message}`);
}
const siteZip = zip(names.map((name) => ({ name, data: readFileSync(join(dist, name)) })));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const artifacts = [
  [single, Buffer.from(page.html, 'utf8')],
  [site, siteZip],
];
for (const [name, bytes] of artifacts) writeFileSync(join(out, name), bytes);
// The format of `sha256sum`: hash, two spaces (text mode), file name.
const sums = artifacts.map(([name, bytes]) => `${createHash('sha256').update(bytes).digest('hex')}  ${name}\n`);
writeFileSync(join(out, 'SHA256SUMS'), sums.join(''));

const gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).length;
console.log(`release: ${relative(process.cwd(), out) || '.'}/ (version ${v})`);
for (const [name, bytes] of artifacts) {
  console.log(`  ${name}: ${bytes.length} bytes, ${gz(bytes)} gzipped`);
}
console.log(`  (the single file runs a ${page.wasm}-byte wasm, sha256 ${page.wasmSha256})`);
console.log(`  SHA256SUMS: ${artifacts.length} artifacts`);
