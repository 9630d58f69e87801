// The release folder (scripts/release.mjs) beside E2E_DIST: the site zip
// unpacks to exactly dist/'s files, SHA256SUMS verifies every artifact and
// lists nothing else, and the single file carries exactly dist/'s wasm.
// The zip is read here with a reader of its own (central directory, then
// each entry), not with the code that wrote it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { DIST } from './harness.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RELEASE = resolve(process.env.E2E_RELEASE ?? join(DIST, '..', 'release'));
const VERSION = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8')
  .split(/^\[workspace\.package\]\s*$/m)[1]
  .match(/^version\s*=\s*"([^"]+)"/m)[1];
const HTML = `mimecast-audit-${VERSION}.html`;
const ZIP = `mimecast-audit-${VERSION}-site.zip`;

function artifact(name) {
  const path = join(RELEASE, name);
  assert.ok(existsSync(path), `${path} not found: make the release first (node scripts/release.mjs, after trunk build --release)`);
  return readFileSync(path);
}

/** name → bytes of every file in a zip. */
function unzip(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'an end-of-central-directory record');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(bytes.readUInt32LE(at), 0x02014b50, 'a central directory header');
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = bytes.readUInt32LE(at + 42);
    assert.equal(bytes.readUInt32LE(local), 0x04034b50, `${name}: a local header`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + size);
    const data = method === 0 ? raw : method === 8 ? zlib.inflateRawSync(raw) : assert.fail(`${name}: method ${method}`);
    assert.equal(zlib.crc32 ? zlib.crc32(data) : crc, crc, `${name}: CRC`);
    assert.ok(!out.has(name), `${name} once`);
    out.set(name, data);
    at += 46 + skip;
  }
  return out;
}

function distFiles() {
  return readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(DIST, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .sort();
}

test('the site zip unpacks to exactly the files of dist/', () => {
  const files = unzip(artifact(ZIP));
  const names = distFiles();
  assert.ok(names.includes('index.html') && names.some((n) => n.endsWith('.wasm')), `dist/: ${names}`);
  assert.deepEqual([...files.keys()].sort(), names);
  for (const name of names) {
    assert.ok(files.get(name).equals(readFileSync(join(DIST, name))), `${name}: the same bytes`);
  }
});

test('SHA256SUMS verifies every artifact and names nothing else', () => {
  const lines = artifact('SHA256SUMS').toString('utf8').split('\n').filter(Boolean);
  const listed = lines.map((line) => {
    const m = line.match(/^([0-9a-f]{64}) {2}(\S.*)$/);
    assert.ok(m, `sha256sum format: ${line}`);
    return m.slice(1);
  });
  const names = listed.map(([, name]) => name).sort();
  assert.deepEqual(names, [HTML, ZIP].sort());
  const inFolder = readdirSync(RELEASE).filter((n) => n !== 'SHA256SUMS').sort();
  assert.deepEqual(inFolder, names, 'every file of the release folder is listed');
  for (const [hash, name] of listed) {
    assert.equal(createHash('sha256').update(artifact(name)).digest('hex'), hash, name);
  }
});

test("the single file carries dist/'s wasm, gzipped, and nothing to fetch", () => {
  const html = artifact(HTML).toString('utf8');
  const block = html.match(/<script type="application\/octet-stream" id="mimecast-audit-wasm">([^<]*)<\/script>/);
  assert.ok(block, 'the wasm data block');
  const wasm = zlib.gunzipSync(Buffer.from(block[1].trim(), 'base64'));
  const shipped = readFileSync(join(DIST, distFiles().find((n) => n.endsWith('.wasm'))));
  assert.ok(wasm.equals(shipped), 'the same wasm as dist/');
  // Outside the inline script, style and data block, nothing names a URL
  // other than data: (the icon).
  const markup = html.replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>/gi, '<$1$2>');
  const urls = [...markup.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
  assert.ok(urls.length > 0 && urls.every((u) => u.startsWith('data:')), `${urls.map((u) => u.slice(0, 40))}`);
});
