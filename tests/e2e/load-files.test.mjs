// Loading raw Mimecast API exports, by file input and by drag and drop: the
// acceptance scenario of the first rules, missing sections, and bad files.

import assert from 'node:assert/strict';
import { appTest } from './harness.mjs';

const EXPORTS = ['internal-domains.json', 'anti-spoofing.json', 'spf-bypass.json'];

// example.com is covered by an anti-spoofing policy and has an SPF bypass that
// trusts Microsoft 365's shared SPF record; example.org has no policy at all.
async function expectAcceptance(app) {
  for (const file of EXPORTS) await app.inputStatus(file, 'ok');

  await app.ruleStatus('ASP001', 'fail');
  const asp001 = await app.findings('ASP001');
  assert.ok(
    asp001.some((t) => t.includes('Bypass for Office 365 and CRM mailers') && t.includes('spf.protection.outlook.com')),
    `an ASP001 finding names the policy and spf.protection.outlook.com; findings: ${JSON.stringify(asp001)}`,
  );

  await app.ruleStatus('ASP003', 'fail');
  const asp003 = await app.findings('ASP003');
  assert.equal(asp003.length, 1, `exactly one ASP003 finding (example.org); findings: ${JSON.stringify(asp003)}`);
  assert.match(asp003[0], /example\.org/);
}

appTest('acceptance: three API exports through the file input', async (app) => {
  await app.chooseFiles(EXPORTS);
  await expectAcceptance(app);
});

appTest('acceptance: the same three files dropped on the drop zone', async (app) => {
  await app.dropFiles(EXPORTS);
  await expectAcceptance(app);
});

appTest('internal domains alone: the anti-spoofing rules are not assessed', async (app) => {
  await app.chooseFiles(['internal-domains.json']);
  await app.inputStatus('internal-domains.json', 'ok');
  assert.match(await app.ruleStatus('ASP001', 'not_assessed'), /load: Anti-spoofing SPF-based bypass policies/);
  assert.match(await app.ruleStatus('ASP003', 'not_assessed'), /load: .*Anti-spoofing policies/);
});

appTest('a file with a JSON syntax error is reported with its line; the others still load', async (app) => {
  await app.chooseFiles([...EXPORTS, 'broken.json']);
  assert.match(await app.inputStatus('broken.json', 'error'), /line 3/);
  for (const file of EXPORTS) await app.inputStatus(file, 'ok');
  await app.ruleStatus('ASP001', 'fail');
});

appTest('well-formed JSON that is not a Mimecast export is an input error', async (app) => {
  await app.chooseFiles(['not-mimecast.json']);
  assert.match(await app.inputStatus('not-mimecast.json', 'error'), /not a Mimecast configuration export/i);
});
