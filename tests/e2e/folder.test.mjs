// Choosing a folder: the JSON and zip files in it (and its subfolders) are
// read, a zip exactly like one given directly; every other entry is listed
// with the reason it was left out, never dropped without a word.

import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appTest, FIXTURES } from './harness.mjs';

appTest('a chosen folder reads its zips and JSON files and lists what it skips', async (app) => {
  const dir = await mkdtemp(join(tmpdir(), 'mimecast-audit-folder-'));
  try {
    const folder = join(dir, 'tenant');
    await mkdir(join(folder, 'more'), { recursive: true });
    await copyFile(join(FIXTURES, 'exports.zip'), join(folder, 'exports.zip'));
    await copyFile(join(FIXTURES, 'internal-domains.json'), join(folder, 'more', 'internal-domains.json'));
    await writeFile(join(folder, 'notes.txt'), 'collected on Monday');
    await writeFile(join(folder, '.hidden.json'), '{}');

    await app.page.setInputFiles('[data-testid="folder-input"]', folder);
    // The zip's entries load like a zip given directly.
    await app.waitFor('[data-testid="input-status"][data-status="ok"]', 'attached');
    const names = await app.page.$$eval('[data-testid="input-status"]', (els) => els.map((e) => e.dataset.file));
    assert.ok(names.some((n) => n.startsWith('exports.zip/')), `zip entries: ${names}`);
    assert.ok(names.includes('internal-domains.json'), `${names}`);
    const skipped = await app.texts('[data-testid="skipped-file"]');
    assert.ok(skipped.some((s) => /notes\.txt: not JSON or zip/.test(s)), `${skipped}`);
    assert.ok(skipped.some((s) => /\.hidden\.json: hidden/.test(s)), `${skipped}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
