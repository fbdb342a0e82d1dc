// Issue #13 items 2-4, over the protocol: writing a charter from scratch with our own server (no
// other YAML extension): key completion from the schema (snippets where the client takes them),
// the empty-file skeleton quick fix, and one "Add all N missing responsibilities" action.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  CLIENT_CAPABILITIES,
  YAML,
  applyTextEdits,
  startServer,
  summarize,
  tmpDir,
  writeFiles,
  yaml,
} from './lsp-client.mjs';

const require = createRequire(import.meta.url);
const TIMEOUT = { timeout: 30000 };
const items = (result) => (Array.isArray(result) ? result : result?.items ?? []);
const SNIPPET_CAPABILITIES = {
  ...CLIENT_CAPABILITIES,
  textDocument: { ...CLIENT_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true } },
};
const RSM = ['regional-sales-plan', 'regional-team-leadership', 'key-account-relationships', 'regional-market-insights', 'regional-business-development'];

/** A new charter in an empty folder, opened with `text`; resolves once its first diagnostics are in. */
async function openNew(t, text, capabilities) {
  const root = tmpDir();
  const client = await startServer(root, { t, capabilities });
  const uri = client.open('team.charter.yaml', text);
  const params = await client.waitForDiagnostics(uri);
  return { client, uri, diagnostics: params.diagnostics };
}

test('key completion in an empty charter and in a role, as snippets for a client that takes them and as plain text otherwise', TIMEOUT, async (t) => {
  // A client without snippets (as the test client is by default): plain text.
  const plain = await openNew(t, '');
  const top0 = items(await plain.client.completion(plain.uri, { line: 0, character: 0 }));
  assert.deepEqual(top0.map((i) => i.label), ['New charter: Head of Sales organization', 'New charter: Regional Sales Manager team', 'charter', 'model', 'regions', 'external', 'roles']);
  assert.equal(top0[0].kind, 15, 'Snippet');
  assert.match(top0[0].textEdit.newText, /^charter: .*\n[\s\S]*role: head-of-sales\n/);
  assert.equal(top0[0].insertTextMode, 1, 'asIs');
  const roles = top0.find((i) => i.label === 'roles');
  assert.equal(roles.kind, 10, 'Property');
  assert.ok(roles.documentation?.value, 'the schema\'s description');
  assert.equal(roles.command, undefined, 'no VS Code command for another client');
  assert.equal(roles.insertTextFormat, undefined);
  assert.equal(roles.textEdit.newText, 'roles:\n  - id: id\n    role: \n    scope: ');
  // With snippets: the role type is a choice, and the lines after the first are inserted as is.
  const root = tmpDir();
  const client = await startServer(root, { t, capabilities: SNIPPET_CAPABILITIES });
  const uri = client.open('team.charter.yaml', 'charter: EMEA team\nregions: [EMEA]\nroles:\n  - id: rsm-emea\n    role: regional-sales-manager\n    \n');
  await client.waitForDiagnostics(uri);
  const top = items(await client.completion(uri, { line: 1, character: 0 }));
  assert.ok(!top.some((i) => i.label === 'charter' || i.label === 'regions' || i.label === 'roles'), `keys present are not offered: ${top.map((i) => i.label)}`);
  const inRole = items(await client.completion(uri, { line: 5, character: 4 }));
  assert.deepEqual(inRole.map((i) => i.label).sort(), ['holder', 'reports_to', 'responsibilities', 'scope']);
  const responsibilities = inRole.find((i) => i.label === 'responsibilities');
  assert.equal(responsibilities.insertTextFormat, 2, 'Snippet');
  assert.equal(responsibilities.insertTextMode, 1, 'asIs: already indented');
  assert.equal(responsibilities.textEdit.newText, 'responsibilities:\n      - $1');
  const accepted = applyTextEdits(client.text(uri), [{ range: responsibilities.textEdit.range, newText: responsibilities.textEdit.newText.replace('$1', '') }]);
  assert.deepEqual(YAML.parse(accepted).roles[0].responsibilities, [null], 'the key and its first item land in the role');
  // After `scope: `, the scope forms, a regional manager's region forms first.
  client.replace(uri, '    \n', '    scope: \n');
  const scope = items(await client.completion(uri, { line: 5, character: 11 })).sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
  assert.deepEqual(scope.slice(0, 2).map((i) => [i.label, i.textEdit.newText, i.insertTextFormat]), [['{region: }', '{region: $1}', 2], ['{regions: []}', '{regions: [$1]}', 2]]);
  assert.ok(scope.some((i) => i.label === '{region: EMEA}'));
});

test('VS Code is asked to suggest again after a key whose value has completions', () => {
  const { complete } = require('../../server/out/lsp/handlers/completion.js');
  const core = require('../../server/out/core/index.js');
  const text = 'charter: A\nroles:\n  - id: x\n    \n';
  const result = core.analyze({ files: [{ path: '/w/a.charter.yaml', text }] });
  const lines = new core.LineIndex(text);
  const got = complete(result.org, result.files[0], text, { line: 3, character: 4 }, lines, { snippets: true, retrigger: true });
  const command = (label) => got.find((i) => i.label === label)?.command?.command;
  assert.equal(command('role'), 'editor.action.triggerSuggest');
  assert.equal(command('reports_to'), 'editor.action.triggerSuggest');
  assert.equal(command('holder'), undefined, 'a person\'s name has nothing to complete');
});

test('an empty charter: the schema finding offers a skeleton per role type; the Head of Sales one leaves nothing to fix', TIMEOUT, async (t) => {
  const { client, uri, diagnostics } = await openNew(t, '# our new sales organization\n');
  const empty = diagnostics.find((d) => d.code === 'schema');
  assert.ok(empty, `no schema diagnostic in [${summarize(diagnostics)}]`);
  assert.equal(empty.message, 'The document must be a mapping, not empty.');
  const actions = await client.codeActions(uri, empty.range, { diagnostics: [empty] });
  const skeletons = actions.filter((a) => a.title.startsWith('Insert a charter skeleton'));
  assert.deepEqual(skeletons.map((a) => a.title), ['Insert a charter skeleton for a Head of Sales organization', 'Insert a charter skeleton for a Regional Sales Manager team']);
  const [edit] = skeletons[0].edit.documentChanges[0].edits;
  const version = client.applyEdits(uri, [edit]);
  const after = await client.waitForDiagnostics(uri, (d, p) => p.version === version);
  assert.deepEqual(after.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  assert.ok(client.text(uri).startsWith('# our new sales organization\ncharter: '), 'the comment stays');
});

test('a role lacking three ids: three findings, three "Add" actions and one "Add all 3 missing responsibilities" naming all three', TIMEOUT, async (t) => {
  const root = writeFiles(tmpDir(), {
    'org.charter.yaml': yaml`
      charter: Acme Sales
      regions: [EMEA]
      external: [ceo]
      roles:
        - id: hos
          role: head-of-sales
          scope: organization
          reports_to: ceo
          responsibilities: [sales-strategy, sales-team-management, performance-reporting, talent-development, customer-insights, cross-functional-alignment, sales-operations, revenue-forecasting, budget-management]
        - id: rsm-emea
          role: regional-sales-manager
          scope: {region: EMEA}
          reports_to: hos
          responsibilities:   # agreed in March
            - regional-sales-plan
            - regional-team-leadership
    `,
  });
  const client = await startServer(root, { t });
  const uri = client.open('org.charter.yaml');
  const { diagnostics } = await client.waitForDiagnostics(uri);
  const missing = diagnostics.filter((d) => d.code === 'missing-responsibility');
  assert.equal(missing.length, 3, summarize(diagnostics));
  const actions = await client.codeActions(uri, missing[0].range, { diagnostics: missing });
  const addAll = actions.filter((a) => /^Add all/.test(a.title));
  assert.deepEqual(addAll.map((a) => a.title), ['Add all 3 missing responsibilities'], 'offered once, not once per finding');
  assert.equal(addAll[0].diagnostics.length, 3, 'for all three findings');
  assert.equal(actions.filter((a) => /^Add "/.test(a.title)).length, 3);
  const version = client.applyEdits(uri, addAll[0].edit.documentChanges[0].edits);
  const after = await client.waitForDiagnostics(uri, (d, p) => p.version === version);
  assert.deepEqual(after.diagnostics.filter((d) => d.code === 'missing-responsibility'), []);
  assert.deepEqual(YAML.parse(client.text(uri)).roles[1].responsibilities, RSM);
  assert.match(client.text(uri), /responsibilities: {3}# agreed in March\n/);
});
