// The single self-contained HTML file of a release (used by
// scripts/release.mjs; docs/release.md explains the design).
//
// It is made from Trunk's release output (dist/): the page's head and body
// are kept, and every file the page would load is put inside it:
//   - the CSS files, in order, as one <style> element;
//   - the icon as a data: URL;
//   - the wasm, gzip-compressed and base64-encoded, in a data block
//     (<script type="application/octet-stream">, never executed);
//   - the wasm-bindgen glue, followed by a small loader, as the page's one
//     inline script, at the end of the body. The loader inflates the wasm
//     with DecompressionStream, sets MIMECAST_AUDIT_WASM_SHA256 (the hex
//     SHA-256 of the wasm it runs), compiles and starts it. The same script,
//     turned into a blob: URL (MIMECAST_AUDIT_WORKER_URL, read by
//     src/analysis.rs), is the analysis worker: there it waits for the
//     compiled module the page sends and starts the Rust message pump.
//     It is a classic script, not a module (the glue's `export`s are
//     dropped and everything is wrapped in one function), because Chromium
//     refuses to start a module worker from a file:// page.
// Trunk's loader, the preload links, the manifest and any service worker
// are left out. The file's own CSP allows exactly the one script and the
// one style by hash, the worker from blob:, images from data: and nothing
// else; anything this script does not know how to inline fails the build.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

const TYPES = { '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/** The CSP of the single file, given the hashes of its script and style. */
export function singleFileCsp(scriptHash, styleHash) {
  return [
    "default-src 'none'",
    `script-src '${scriptHash}' 'wasm-unsafe-eval'`,
    `style-src '${styleHash}'`,
    'img-src data:',
    'worker-src blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `sha256-<base64>` of a text, as CSP hashes inline elements. */
function cspHash(text) {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function attr(tag, name) {
  const m = tag.match(new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? (m[2] ?? m[3] ?? m[4]) : undefined;
}

/** The dist/ file a page URL such as `/main-1234.css` names. */
function local(dist, href, what) {
  if (!href || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
    throw new Error(`${what} ${href ?? '(no href)'} is not a file of dist/`);
  }
  return join(dist, decodeURIComponent(href.replace(/^\.?\//, '').split(/[?#]/)[0]));
}

/** Text that is safe inside a raw-text <script>/<style> element. */
function rawText(text, what) {
  if (/<\/script|<!--|<script|<\/style/i.test(text)) {
    throw new Error(`${what} contains "</script", "<script", "</style" or "<!--": it cannot be inlined as is`);
  }
  return text;
}

/** The loader that follows the glue in the page's one script. */
const LOADER = `
// ---- single-file loader (scripts/single-file.mjs) ----
if (typeof document === 'undefined') {
  // The analysis worker, started from this same script: the page's first
  // message carries the module it compiled (and the glue, which is here).
  self.addEventListener(
    'message',
    async (event) => {
      await __wbg_init({ module_or_path: event.data.module });
      analysis_worker();
    },
    { once: true },
  );
} else {
  if (document.readyState === 'loading') {
    await new Promise((done) => addEventListener('DOMContentLoaded', done, { once: true }));
  }
  const source = document.getElementById('mimecast-audit-app').textContent;
  globalThis.MIMECAST_AUDIT_WORKER_URL = URL.createObjectURL(
    new Blob([source], { type: 'text/javascript' }),
  );
  const packed = atob(document.getElementById('mimecast-audit-wasm').textContent.trim());
  const gzipped = new Uint8Array(packed.length);
  for (let i = 0; i < packed.length; i++) gzipped[i] = packed.charCodeAt(i);
  const inflated = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));
  const bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  globalThis.MIMECAST_AUDIT_WASM_SHA256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const wasm = await __wbg_init({ module_or_path: await WebAssembly.compile(bytes) });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
}
`;

/** The glue as the body of a classic script: no `export`, no `import.meta`. */
function classicGlue(glue) {
  const text = glue
    .replace(/^export\s+(?=(?:async\s+)?function\b|class\b|const\b|let\b|var\b)/gm, '')
    .replace(/^export\s*\{[^}]*\};?[ \t]*$/gm, '')
    .replace(/\bimport\.meta\.url\b/g, 'location.href');
  const left = text.match(/^\s*export\b.*|^\s*import\b.*|\bimport\s*\.\s*meta\b|\bimport\s*\(/m);
  if (left) throw new Error(`the glue still has \`${left[0].trim()}\` after dropping its exports`);
  return text;
}

/**
 * Builds the single file from `dist` (Trunk's release output). Returns
 * `{ html, wasm, wasmSha256 }`: the page's text, the size of the wasm it
 * holds, and the hex SHA-256 of that wasm.
 */
export function buildSingleFile(dist) {
  // Comments go: they describe the served page (its CSP placeholder).
  let html = readFileSync(join(dist, 'index.html'), 'utf8').replace(/<!--[\s\S]*?-->\s*/g, '');

  // Trunk's loader names the glue and the wasm.
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
  const loaders = scripts.filter(([, attrs, body]) => /type\s*=\s*["']?module/i.test(attrs) && /\binit\b/.test(body));
  if (loaders.length !== 1 || scripts.length !== 1) {
    throw new Error(`expected exactly one <script> in dist/index.html, Trunk's loader; found ${scripts.length}`);
  }
  const trunk = loaders[0][2];
  const glueHref = trunk.match(/from\s+'([^']+\.js)'/)?.[1];
  const wasmHref = trunk.match(/module_or_path:\s*'([^']+\.wasm)'/)?.[1];
  if (!glueHref || !wasmHref) throw new Error(`cannot find the glue and the wasm in Trunk's loader:\n${trunk}`);
  const glue = readFileSync(local(dist, glueHref, 'the glue'), 'utf8');
  const wasm = readFileSync(local(dist, wasmHref, 'the wasm'));
  for (const needed of ['async function __wbg_init(', 'export function analysis_worker(']) {
    if (!glue.includes(needed)) throw new Error(`the glue has no \`${needed}\`: the loader needs it`);
  }
  if (/^\s*import\b/m.test(glue)) throw new Error('the glue imports other files (snippets?): inline them first');

  // Every <link>: stylesheets become one <style>, icons data: URLs, the rest goes.
  const css = [];
  let styleAt = -1;
  html = html.replace(/<link\b[^>]*>/gi, (tag, at) => {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr(tag, 'href');
    if (rel.includes('stylesheet')) {
      css.push(readFileSync(local(dist, href, 'stylesheet'), 'utf8'));
      if (styleAt < 0) styleAt = at;
      return css.length === 1 ? '<!--STYLE-->' : '';
    }
    if (rel.some((r) => r === 'icon' || r === 'apple-touch-icon')) {
      const type = TYPES[extname(href ?? '').toLowerCase()];
      if (!type) throw new Error(`icon ${href}: unknown image type`);
      const data = readFileSync(local(dist, href, 'icon')).toString('base64');
      return `<link rel="${attr(tag, 'rel')}" href="data:${type};base64,${data}" />`;
    }
    if (rel.some((r) => ['modulepreload', 'preload', 'manifest'].includes(r))) return '';
    throw new Error(`dist/index.html has a <link rel="${rel.join(' ')}"> this script does not know how to inline`);
  });
  if (!css.length) throw new Error('dist/index.html links no stylesheet');
  const style = rawText(css.join('\n'), 'the CSS');

  // The page's one script: the glue, then the loader, in one function.
  const app = rawText(`(async () => {\n'use strict';\n${classicGlue(glue)}\n${LOADER}\n})();\n`, 'the glue');
  try {
    new vm.Script(app, { filename: 'single-file app script' });
  } catch (err) {
    throw new Error(`the page's script does not compile: ${err.message}`);
  }
  const gzipped = zlib.gzipSync(wasm, { level: 9 });

  const csp = singleFileCsp(cspHash(app), cspHash(style));
  const metas = [...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy[^>]*>/gi)];
  if (metas.length !== 1) throw new Error(`expected one CSP meta tag in dist/index.html, found ${metas.length}`);
  html = html
    .replace(metas[0][0], `<meta http-equiv="Content-Security-Policy" content="${csp}" />`)
    .replace('<!--STYLE-->', () => `<style>${style}</style>`)
    .replace(loaders[0][0], '')
    .replace(
      /<\/body>/i,
      () =>
        `<script type="application/octet-stream" id="mimecast-audit-wasm">\n${gzipped.toString('base64')}\n</script>\n` +
        `<script id="mimecast-audit-app">${app}</script>\n</body>`,
    );

  // Nothing may point outside the file any more.
  const markup = html.replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>/gi, '<$1$2>');
  const outside = [...markup.matchAll(/\b(?:src|href)\s*=\s*["']?(?!data:|#)([^"'\s>]+)/gi)].map((m) => m[1]);
  if (outside.length) throw new Error(`the single file still references: ${outside.join(', ')}`);
  return {
    html,
    wasm: wasm.length,
    wasmSha256: createHash('sha256').update(wasm).digest('hex'),
  };
}
