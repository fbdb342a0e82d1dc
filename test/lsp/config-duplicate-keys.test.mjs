// The editor's side of a config that gives a key twice (test/cli/config-duplicate-keys.test.mjs has
// the CLI's): one error on the config file, at the repeated key, naming it and the first one's line;
// it goes away once the config is fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { examplesWorkspace, startServer } from './lsp-client.mjs';

const TIMEOUT = { timeout: 20000 };
const WAIT = 5000;
const Changed = 2;

test('a config with one rule id twice is one error at the repeated key; fixing it clears it', TIMEOUT, async (t) => {
  const root = examplesWorkspace({ '.charterlintrc.yaml': 'rules:\n  uncovered-region: off\n  uncovered-region: error\n' });
  const client = await startServer(root, { t });
  const config = client.uri('.charterlintrc.yaml');
  const params = await client.waitForDiagnostics(config, (d) => d.length > 0, WAIT);
  assert.equal(params.diagnostics.length, 1, JSON.stringify(params.diagnostics));
  const [problem] = params.diagnostics;
  assert.equal(problem.severity, 1);
  assert.match(problem.message, /"uncovered-region" is repeated in rules \(first on line 2\)/);
  assert.deepEqual(problem.range.start, { line: 2, character: 2 }, 'on the second `uncovered-region`');

  const mark = client.mark();
  fs.writeFileSync(client.file('.charterlintrc.yaml'), 'rules:\n  uncovered-region: off\n');
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  await client.waitForDiagnostics(config, (d) => d.length === 0, WAIT, { since: mark });
  assert.ok(client.alive);
});

test('a config with `rules:` twice is reported at the second `rules:`', TIMEOUT, async (t) => {
  const root = examplesWorkspace({ '.charterlintrc.yaml': '# team config\nrules:\n  uncovered-region: off\nrules:\n  missing-responsibility: off\n' });
  const client = await startServer(root, { t });
  const params = await client.waitForDiagnostics(client.uri('.charterlintrc.yaml'), (d) => d.length > 0, WAIT);
  assert.match(params.diagnostics[0].message, /"rules" is repeated \(first on line 2\)/);
  assert.deepEqual(params.diagnostics[0].range.start, { line: 3, character: 0 });
});
