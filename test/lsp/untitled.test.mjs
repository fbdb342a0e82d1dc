// Untitled (unsaved) documents: linted when their name says they are charters, as VS Code's
// "New Charter" command creates them (`untitled:<folder>/new-team.charter.yaml`) or as a person
// names one (`untitled:team.charter.yaml`); `untitled:Untitled-1` is not a charter. Diagnostics go
// to the untitled URI itself. The skeletons come from the server (`orgCharter/skeletons`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { startOnExamples, startServer, tmpDir, summarize } from './lsp-client.mjs';

const TIMEOUT = { timeout: 30000 };
const rules = (diagnostics) => [...new Set(diagnostics.map((d) => d.code))].sort();

async function skeleton(client, roleType) {
  const { choices } = await client.request('orgCharter/skeletons', { folder: client.uri('') });
  const choice = choices.find((c) => c.roleType === roleType);
  assert.ok(choice, `a skeleton for ${roleType} among ${choices.map((c) => c.roleType).join(', ')}`);
  return choice.text;
}

test('orgCharter/skeletons: one choice per role type of the model, each with its label and the core\u2019s skeleton text', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const { choices } = await client.request('orgCharter/skeletons', { folder: client.uri('') });
  assert.deepEqual(choices.map((c) => [c.roleType, c.label]), [
    ['head-of-sales', 'Head of Sales organization'],
    ['regional-sales-manager', 'Regional Sales Manager team'],
  ]);
  for (const c of choices) assert.match(c.text, new RegExp(`role: ${c.roleType}\\n`));
  // Without a folder (File > Open File, nothing else open) the built-in model's.
  const none = await client.request('orgCharter/skeletons', {});
  assert.deepEqual(none.choices.map((c) => c.roleType), ['head-of-sales', 'regional-sales-manager']);
});

test('an untitled charter in the workspace folder is linted with its organization, its diagnostics on the untitled URI', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const text = (await skeleton(client, 'regional-sales-manager')).replace('id: rsm ', 'id: rsm-latam ').replace('{region: EMEA}', '{region: LATAM}');
  const uri = `untitled:${encodeURI(path.join(client.root, 'new-team.charter.yaml'))}`;
  client.open(uri, text);
  const published = await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  // reports_to: hos and region LATAM resolve in the examples' organization; nothing is missing.
  assert.deepEqual(rules(published.diagnostics).filter((r) => ['unknown-reference', 'unknown-region', 'missing-responsibility', 'schema'].includes(r)), [], summarize(published.diagnostics));
  // It covers LATAM now: org.charter.yaml's uncovered-region finding goes.
  const org = await client.waitForDiagnostics(client.uri('org.charter.yaml'), (d) => !d.some((x) => x.code === 'uncovered-region'));
  assert.ok(org);
  // An edit shows on the untitled URI too.
  const since = client.mark();
  client.replace(uri, 'reports_to: hos', 'reports_to: hso');
  const edited = await client.waitForDiagnostics(uri, (d, p) => p.version === 2, 10000, { since });
  assert.ok(edited.diagnostics.some((d) => d.code === 'unknown-reference'), summarize(edited.diagnostics));
  // Closing it (discarded, never saved) clears them and gives the organization back its finding.
  const closing = client.mark();
  client.close(uri);
  await client.waitForDiagnostics(uri, (d) => d.length === 0, 10000, { since: closing });
  await client.waitForDiagnostics(client.uri('org.charter.yaml'), (d) => d.some((x) => x.code === 'uncovered-region'), 10000, { since: closing });
});

test('an untitled document named only *.charter.yaml is linted on its own; Untitled-1 is not a charter', TIMEOUT, async (t) => {
  const client = await startServer(tmpDir(), { t });
  const plain = 'untitled:Untitled-1';
  client.open(plain, 'charter: x\nroles: []\nbogus: 1\n');
  const uri = 'untitled:team.charter.yaml';
  client.open(uri, (await skeleton(client, 'head-of-sales')).replace('role: head-of-sales', 'role: head-of-sale'));
  const published = await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  assert.ok(published.diagnostics.some((d) => d.code === 'unknown-role-type'), summarize(published.diagnostics));
  // Untitled-1 sits in the same place (no folder) and would be linted in the same run: it was not.
  assert.equal(client.published.filter((p) => p.params.uri === plain).length, 0, 'no diagnostics for Untitled-1');
  // The organization of a lone untitled charter is its own: nothing of the workspace joins it.
  const fixed = client.mark();
  client.replace(uri, 'role: head-of-sale', 'role: head-of-sales');
  const clean = await client.waitForDiagnostics(uri, (d, p) => p.version === 2, 10000, { since: fixed });
  assert.deepEqual(clean.diagnostics, []);
});
