// The report the extension shows in a webview ("Org Charter: Show Report") comes from the
// server's orgCharter/report request: the same HTML as `charter-lint --format html`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { startOnExamples } from './lsp-client.mjs';

const TIMEOUT = { timeout: 30000 };

test('orgCharter/report returns the organization report: relative paths shown, absolute paths to open', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  const { html, root } = await client.request('orgCharter/report', { uri });
  assert.equal(root, client.root);
  assert.match(html, /<h3>Findings<\/h3>/);
  assert.match(html, /<h3>Responsibility matrix<\/h3>/);
  // americas.charter.yaml's unknown reports_to "hso" (line 8, column 17), shown relative to the folder.
  assert.match(html, /<code>americas\.charter\.yaml:8:17<\/code>/);
  assert.ok(!html.includes(`<code>${client.root}`), 'no absolute paths shown');
  const absolute = path.join(client.root, 'americas.charter.yaml');
  assert.ok(html.includes(`data-file="${absolute}" data-line="7" data-character="16"`), 'the row carries the place to open');
  // Each org chart box opens its role: emea.charter.yaml's rsm-dach has its id on line 18 (0-based 17).
  const emea = path.join(client.root, 'emea.charter.yaml');
  assert.ok(html.includes(`data-role="rsm-dach" data-file="${emea}" data-line="17" data-character="8"`), 'the rsm-dach box carries the place of its id');
  // The summary counts every severity, hints included.
  assert.match(html, /<p class="summary">4 file\(s\): 1 error, 12 warnings, 2 info, 0 hints\.<\/p>/);
});

test('orgCharter/report for a file that is not a charter of the workspace says so', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const { html } = await client.request('orgCharter/report', { uri: client.uri('nowhere.yaml') });
  assert.match(html, /not a charter/);
});
