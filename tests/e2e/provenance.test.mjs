// Provenance in the app (issue 14, item 5): the loaded files' SHA-256 are
// shown under "Loaded files" exactly as sha256sum prints them, and the JSON
// report the app exports carries the same, with the rule catalog.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appTest, FIXTURES } from './harness.mjs';

const FILES = ['internal-domains.json', 'anti-spoofing.json'];
const sha256 = (name) => createHash('sha256').update(readFileSync(join(FIXTURES, name))).digest('hex');

appTest('each loaded file is shown and exported with its SHA-256 and the rule catalog', async (app) => {
  await app.chooseFiles(FILES);
  for (const file of FILES) await app.inputStatus(file, 'ok');
  const details = app.page.getByTestId('provenance');
  await details.locator('summary').click();
  assert.match(await details.locator('summary').innerText(), /mimecast-audit .*rule catalog \S+ \(\d+ rules, sha-[0-9a-f]{12}\)/);
  const rows = details.getByTestId('provenance-file');
  assert.equal(await rows.count(), FILES.length);
  for (const [i, file] of FILES.entries()) {
    const row = rows.nth(i);
    assert.equal(await row.getAttribute('data-file'), file);
    assert.equal(await row.locator('.provenance__hash').innerText(), sha256(file));
  }

  const { text } = await app.exportFile('export-json');
  const report = JSON.parse(text);
  assert.deepEqual(
    report.provenance.files.map((f) => [f.name, f.sha256]),
    FILES.map((f) => [f, sha256(f)]),
  );
  assert.match(report.provenance.catalogFingerprint, /^sha-[0-9a-f]{12}$/);
});
