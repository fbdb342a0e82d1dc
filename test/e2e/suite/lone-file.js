// The lone-file suite, run by runTest.js in an EMPTY window (no folder): a charter opened on its own,
// as with File > Open File, is linted; a YAML file that is not a charter does not start the server;
// "Org Charter: New Charter" opens an untitled charter with the skeleton of the chosen role type,
// linted as soon as it opens. Only the public `vscode` API; every wait is on an event or a condition
// with a timeout, never a fixed sleep.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { EXTENSION_ID, FIRST_TIMEOUT_MS, TIMEOUT_MS, ruleOf, ours, describe, labelOf, waitForDiagnostics, suite } = require('./helpers');

const RSM_IDS = ['regional-sales-plan', 'regional-team-leadership', 'key-account-relationships', 'regional-market-insights', 'regional-business-development'];

/** @type {typeof import('vscode')} */
let vscode;
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'charter-lone-')));
const { test, run: runSuite } = suite({
  header: () => `Org Charter Lint e2e (lone file, empty window): VS Code ${vscode.version}, Node ${process.version}`,
  label: 'vscode (lone file)',
  failure: 'lone-file e2e tests',
  cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
});

const rules = ds => new Set(ds.map(ruleOf));

/** Resolves when `condition()` holds, checked on every change of the open editors and documents. */
function until(condition, what, timeoutMs = TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const subscriptions = [];
    const finish = (fn, value) => {
      clearTimeout(timer);
      subscriptions.forEach(s => s.dispose());
      fn(value);
    };
    const check = () => {
      const value = condition();
      if (value) finish(resolve, value);
    };
    subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(check),
      vscode.workspace.onDidOpenTextDocument(check),
      vscode.languages.onDidChangeDiagnostics(check),
      vscode.extensions.onDidChange(check),
    );
    // The extension host activates extensions between our callbacks: look again at a steady pace.
    const poll = setInterval(check, 50);
    subscriptions.push({ dispose: () => clearInterval(poll) });
    const timer = setTimeout(() => finish(reject, new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    check();
  });
}

test('no folder is open and nothing charter-like is open: the extension is not active', async () => {
  assert.equal(vscode.workspace.workspaceFolders, undefined, 'an empty window');
  assert.equal(vscode.extensions.getExtension(EXTENSION_ID).isActive, false);
});

test('a YAML file that is not a charter activates the extension (onLanguage:yaml) but does not start the server', async () => {
  const file = path.join(dir, 'ci.yaml');
  fs.writeFileSync(file, 'name: ci\non: [push]\n');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'yaml');
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  await until(() => ext.isActive, 'the extension to activate on a YAML file');
  assert.equal(ext.exports.serverRunning(), false, 'a cheap activation: no server for a non-charter');
  assert.deepEqual(ours(doc.uri), []);
});

test('a lone team.charter.yaml opened with no folder is linted (issue #13: it used to show "No Problems")', async () => {
  const file = path.join(dir, 'team.charter.yaml');
  fs.writeFileSync(file, [
    'charter: Lone team',
    'roles:',
    '  - id: rsm-x',
    '    role: regional-sales-manager',
    '    scope: {region: EMEA}',
    '    reports_to: hos',
    '    responsibilities:',
    '      - regional-sales-plan',
    '',
  ].join('\n'));
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  const ds = await waitForDiagnostics(doc.uri, d => rules(d).has('missing-responsibility'), 'missing-responsibility', FIRST_TIMEOUT_MS);
  assert.ok(rules(ds).has('unknown-reference'), `reports_to: hos names no role of this lone charter: ${describe(ds)}`);
  assert.equal(ds.filter(d => ruleOf(d) === 'missing-responsibility').length, 4, describe(ds));
  assert.equal(vscode.extensions.getExtension(EXTENSION_ID).exports.serverRunning(), true);
});

test('"Org Charter: New Charter" without a folder: an untitled new-team.charter.yaml with the Regional Sales Manager skeleton, linted at once', async () => {
  const editor = await vscode.commands.executeCommand('orgCharter.newCharter', 'regional-sales-manager');
  assert.ok(editor, 'the command returns the new editor');
  const doc = editor.document;
  assert.equal(doc.uri.scheme, 'untitled');
  assert.match(doc.uri.path, /new-team(-\d+)?\.charter\.yaml$/);
  assert.equal(doc.languageId, 'yaml');
  assert.equal(vscode.window.activeTextEditor?.document, doc, 'it is the active editor');
  const text = doc.getText();
  for (const id of RSM_IDS) assert.match(text, new RegExp(`- ${id}\\b`), `the skeleton lists ${id}`);
  assert.match(text, /role: regional-sales-manager/);
  // Alone, its manager and region are unknown; nothing it requires is missing.
  const ds = await waitForDiagnostics(doc.uri, d => rules(d).has('unknown-reference'), 'unknown-reference on the untitled charter');
  assert.ok(!rules(ds).has('missing-responsibility'), describe(ds));
  assert.ok(!rules(ds).has('schema'), describe(ds));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('the "charter" snippet is offered in a YAML file', async () => {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
  await vscode.window.showTextDocument(doc);
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0));
  const snippets = list.items.filter(item => item.kind === vscode.CompletionItemKind.Snippet && (typeof item.label === 'string' ? item.label : item.label.label) === 'charter');
  assert.ok(snippets.length >= 1, `a "charter" snippet among ${list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label)).join(', ')}`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

// Issue #13 item 7: guided authoring, one finding per root cause, and Fix all raising nothing new,
// in the real workbench (the server's behaviour is covered in test/lsp; these check VS Code shows it).
const titleOf = a => a.title;
async function openCharter(name, lines) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n'));
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  return doc;
}
const RSM_HEAD = ['charter: Lone team', 'roles:', '  - id: rsm-x', '    role: regional-sales-manager', '    scope: {region: EMEA}', '    responsibilities:'];

test('key completion in a role offers reports_to; the empty-file quick fix inserts a skeleton', async () => {
  const doc = await openCharter('keys.charter.yaml', [...RSM_HEAD.slice(0, 5), '    ', '']);
  await waitForDiagnostics(doc.uri, () => true, 'the server to see the file', FIRST_TIMEOUT_MS);
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 4));
  const labels = list.items.map(labelOf);
  assert.ok(labels.some(l => /^reports_to\b/.test(l)), `reports_to among ${labels.join(', ')}`);

  const empty = await openCharter('empty.charter.yaml', ['']);
  const ds = await waitForDiagnostics(empty.uri, d => d.length > 0, 'a finding on the empty charter');
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', empty.uri, ds[0].range);
  const skeleton = actions.find(a => /^Insert a charter skeleton for a Regional Sales Manager/.test(a.title));
  assert.ok(skeleton, `a skeleton quick fix among ${actions.map(titleOf).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(skeleton.edit), 'the skeleton edit applies');
  for (const id of RSM_IDS) assert.match(empty.getText(), new RegExp(`- ${id}\\b`), `the skeleton lists ${id}`);
  await vscode.commands.executeCommand('workbench.action.files.save');
});

test('an id typo (key-acount-relationships) on a regional manager lacking that id is ONE finding, and its fix clears it', async () => {
  const ids = RSM_IDS.filter(id => id !== 'key-account-relationships');
  const doc = await openCharter('typo.charter.yaml', [...RSM_HEAD, ...ids.map(id => `      - ${id}`), '      - key-acount-relationships', '']);
  const typoLine = RSM_HEAD.length + ids.length;
  const ds = await waitForDiagnostics(doc.uri, d => rules(d).has('unknown-responsibility'), 'unknown-responsibility', FIRST_TIMEOUT_MS);
  const onTypo = ds.filter(d => d.range.start.line === typoLine);
  assert.equal(onTypo.length, 1, `one finding on the typo: ${describe(ds)}`);
  assert.ok(!rules(ds).has('missing-responsibility'), `the id is not also reported missing: ${describe(ds)}`);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, onTypo[0].range);
  const fix = actions.find(a => a.edit && /key-account-relationships/.test(a.title));
  assert.ok(fix, `a fix naming key-account-relationships among ${actions.map(titleOf).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.match(doc.lineAt(typoLine).text, /- key-account-relationships$/);
  const after = await waitForDiagnostics(doc.uri, d => !rules(d).has('unknown-responsibility'), 'the typo finding to clear');
  assert.ok(!rules(after).has('missing-responsibility'), `nothing missing appears: ${describe(after)}`);
  await vscode.commands.executeCommand('workbench.action.files.save');
});

test('Fix all on a charter with matched free text ("Own the EMEA forecast" on a regional manager) raises nothing new', async () => {
  const doc = await openCharter('freetext.charter.yaml', [...RSM_HEAD, ...RSM_IDS.map(id => `      - ${id}`), '      - Own the EMEA forecast', '']);
  const before = await waitForDiagnostics(doc.uri, d => rules(d).has('non-canonical-responsibility'), 'non-canonical-responsibility', FIRST_TIMEOUT_MS);
  // Same rule on the same line: its message may quote the free text, which became its id.
  const key = d => `${ruleOf(d)}@${d.range.start.line + 1}`;
  const had = new Set(before.map(key));
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'source.fixAll.charter-lint');
  const fixAll = actions.find(a => a.edit);
  assert.ok(fixAll, `a Fix all action among ${actions.map(titleOf).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
  // The free text became its id (`- id: revenue-forecasting` keeping the text as its note).
  assert.doesNotMatch(doc.getText(), /^\s*- Own the EMEA forecast/m, `${fixAll.title}: ${JSON.stringify(doc.getText())}`);
  assert.match(doc.getText(), /^\s*- (id: )?revenue-forecasting\b/m, `${fixAll.title}: ${JSON.stringify(doc.getText())}`);
  const after = await waitForDiagnostics(doc.uri, d => !rules(d).has('non-canonical-responsibility'), 'the free-text finding to clear');
  const fresh = after.filter(d => !had.has(key(d)));
  assert.deepEqual(fresh.map(key), [], `Fix all raised nothing new; before: ${describe(before)}; after: ${describe(after)}`);
  await vscode.commands.executeCommand('workbench.action.files.save');
});

/** Runs the suite inside VS Code (runTest.js names this file as extensionTestsPath). */
async function run() {
  vscode = require('vscode');
  await runSuite();
}

module.exports = { run };
