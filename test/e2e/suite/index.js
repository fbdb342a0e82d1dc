// The extension's integration suite, run inside a real VS Code's extension host by runTest.js
// (@vscode/test-electron's extensionTestsPath: a module exporting run()). It drives the extension only
// through the public `vscode` API, against a temp copy of examples/ opened as the workspace folder.
// Every wait is on an event (onDidChangeDiagnostics) with a timeout, never a fixed sleep.
//
// Known mistakes in examples/ that it relies on:
//   americas.charter.yaml  `reports_to: hso`                -> unknown-reference (error, did-you-mean hos)
//   emea.charter.yaml      second `regional-market-insights` -> duplicate-responsibility (warning, safe fix)
//   emea.charter.yaml      rsm-emea (EMEA) vs rsm-dach (DACH) -> territory-overlap on both scopes
//   apac.charter.yaml      `Coach the regional reps`          -> non-canonical-responsibility (info, safe fix)
//   org.charter.yaml       LATAM covered by no role           -> uncovered-region (file never opened here)
const assert = require('node:assert/strict');
const path = require('node:path');

const EXTENSION_ID = 'org-charter-lint.org-charter-lint';
const SOURCE = 'charter-lint';
const FIRST_TIMEOUT_MS = 60000; // server start + first lint of the workspace
const TIMEOUT_MS = 20000;

/** @type {typeof import('vscode')} */
let vscode;
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// ---- helpers --------------------------------------------------------------------------------------

function fileUri(name) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** A diagnostic's rule id: `code` is a string, or { value, target } when it links the rule's doc page. */
const ruleOf = d => String(d.code !== null && typeof d.code === 'object' ? d.code.value : d.code);
const ours = uri => vscode.languages.getDiagnostics(uri).filter(d => d.source === SOURCE);
const describe = ds => ds.map(d => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ') || 'none';
const withRule = (ds, rule) => ds.filter(d => ruleOf(d) === rule);

/**
 * Resolves with the file's charter-lint diagnostics as soon as `predicate(diagnostics)` holds: now, or
 * on a later onDidChangeDiagnostics for that file. Rejects after `timeoutMs`, saying what was there.
 */
function waitForDiagnostics(uri, predicate, what, timeoutMs = TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      fn(value);
    };
    const check = () => {
      const ds = ours(uri);
      if (predicate(ds)) finish(resolve, ds);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(e => {
      if (e.uris.some(u => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => finish(reject, new Error(
      `timed out after ${timeoutMs} ms waiting for ${what} in ${path.basename(uri.fsPath)}; ` +
      `diagnostics now: ${describe(ours(uri))}`)), timeoutMs);
    check();
  });
}

const waitForRule = (uri, rule, timeoutMs) =>
  waitForDiagnostics(uri, ds => withRule(ds, rule).length > 0, `a ${rule} diagnostic`, timeoutMs);

async function open(name) {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The 0-based line holding `text` (the first from `from` on), and the character where it starts. */
function find(doc, text, from = 0) {
  for (let line = from; line < doc.lineCount; line++) {
    const character = doc.lineAt(line).text.indexOf(text);
    if (character >= 0) return new vscode.Position(line, character);
  }
  throw new Error(`"${text}" not found in ${path.basename(doc.fileName)}`);
}

async function replace(doc, range, text) {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'workspace.applyEdit succeeded');
}

/** Applies a code action the way the editor does: its edit, then its command. */
async function apply(action) {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applied "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

const codeActions = (uri, range, kind) =>
  vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind);

async function hoverText(uri, position) {
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
}

async function completionLabels(uri, position) {
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, position);
  const sortKey = item => item.sortText ?? labelOf(item);
  return list.items.slice().sort((a, b) => sortKey(a).localeCompare(sortKey(b))).map(labelOf);
}
const labelOf = item => (typeof item.label === 'string' ? item.label : item.label.label);

/** Replaces the value after `key` on the line holding `key` (e.g. `role: `) by '', asks for
 *  completion at the cursor, then puts the value back and waits for the file to settle. */
async function completeValue(doc, key) {
  const at = find(doc, key);
  const value = new vscode.Range(at.translate(0, key.length), doc.lineAt(at.line).range.end);
  const old = doc.getText(value);
  await replace(doc, value, '');
  try {
    return await completionLabels(doc.uri, value.start);
  } finally {
    await replace(doc, new vscode.Range(value.start, value.start), old);
  }
}

// ---- the suite ------------------------------------------------------------------------------------

test('the extension activates and registers its commands', async () => {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is loaded`);
  await extension.activate();
  assert.ok(extension.isActive);
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['orgCharter.restartServer', 'orgCharter.fixAll']) assert.ok(commands.includes(id), `command ${id}`);
});

test('americas: `reports_to: hso` is an unknown-reference error on exactly `hso`', async () => {
  const doc = await open('americas.charter.yaml');
  assert.equal(doc.languageId, 'yaml', 'charters stay yaml documents');
  const ds = await waitForRule(doc.uri, 'unknown-reference', FIRST_TIMEOUT_MS);
  const [d, ...more] = withRule(ds, 'unknown-reference');
  assert.equal(more.length, 0, 'one unknown-reference');
  const at = find(doc, 'reports_to: hso').translate(0, 'reports_to: '.length);
  assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
    [at.line, at.character, at.line, at.character + 3], 'range covers `hso`');
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(d.source, SOURCE);
  assert.match(d.message, /"hos"/, 'did-you-mean hos');
  // the other deliberate mistake in this file
  const missing = withRule(ds, 'missing-responsibility');
  assert.ok(missing.some(m => m.message.includes('regional-business-development')), `missing-responsibility: ${describe(ds)}`);
});

test('emea: the second `regional-market-insights` is a duplicate-responsibility warning', async () => {
  const doc = await open('emea.charter.yaml');
  const ds = await waitForRule(doc.uri, 'duplicate-responsibility', FIRST_TIMEOUT_MS);
  const first = find(doc, '- regional-market-insights');
  const second = find(doc, '- regional-market-insights', first.line + 1);
  const [d] = withRule(ds, 'duplicate-responsibility');
  assert.equal(d.range.start.line, second.line, 'reported on the later entry');
  assert.equal(d.range.start.character, second.character + 2);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  assert.equal(withRule(ds, 'territory-overlap').length, 2, `territory-overlap on both roles: ${describe(ds)}`);
});

test('a charter that is not open is linted too (org: uncovered-region LATAM)', async () => {
  const uri = fileUri('org.charter.yaml');
  assert.ok(!vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString()), 'org.charter.yaml is not open');
  const ds = await waitForRule(uri, 'uncovered-region', FIRST_TIMEOUT_MS);
  assert.ok(withRule(ds, 'uncovered-region').some(d => d.message.includes('LATAM')));
});

test('quick fix "Remove duplicate" removes the entry and its diagnostic', async () => {
  const doc = await open('emea.charter.yaml');
  const [d] = withRule(await waitForRule(doc.uri, 'duplicate-responsibility'), 'duplicate-responsibility');
  const actions = await codeActions(doc.uri, d.range);
  const titles = actions.map(a => a.title);
  const fix = actions.find(a => /^Remove duplicate/.test(a.title));
  assert.ok(fix, `a "Remove duplicate" fix among: ${titles.join(' | ')}`);
  assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.equal(fix.isPreferred, true, 'the fix is preferred');
  assert.ok(titles.includes('Disable duplicate-responsibility for this line'), `disable action among: ${titles.join(' | ')}`);

  const before = doc.getText();
  const count = text => text.split('\n').filter(l => l.trim().startsWith('- regional-market-insights')).length;
  await apply(fix);
  assert.notEqual(doc.getText(), before, 'the text changed');
  assert.equal(count(doc.getText()), count(before) - 1, 'one `regional-market-insights` entry less');
  const after = await waitForDiagnostics(doc.uri, ds => withRule(ds, 'duplicate-responsibility').length === 0,
    'duplicate-responsibility to go away');
  assert.equal(withRule(after, 'territory-overlap').length, 2, 'the other findings stay');
});

test('quick fix "Disable territory-overlap for this line" silences that line only', async () => {
  const doc = await open('emea.charter.yaml');
  const ds = await waitForDiagnostics(doc.uri, x => withRule(x, 'territory-overlap').length === 2, 'two territory-overlap');
  const emeaScope = find(doc, 'scope: {region: EMEA}').line;
  const d = withRule(ds, 'territory-overlap').find(x => x.range.start.line === emeaScope);
  assert.ok(d, `territory-overlap on the EMEA scope line: ${describe(ds)}`);
  const actions = await codeActions(doc.uri, d.range);
  const disable = actions.find(a => a.title === 'Disable territory-overlap for this line');
  assert.ok(disable, `disable action among: ${actions.map(a => a.title).join(' | ')}`);
  await apply(disable);
  assert.match(doc.lineAt(emeaScope).text, /^\s*# charter-lint-disable-next-line territory-overlap\s*$/);
  const after = await waitForDiagnostics(doc.uri, x => withRule(x, 'territory-overlap').length === 1,
    'one territory-overlap left');
  assert.equal(withRule(after, 'territory-overlap')[0].range.start.line, find(doc, 'scope: {region: DACH}').line);
});

test('hover on a role type and a responsibility id shows the model titles', async () => {
  const doc = await open('americas.charter.yaml');
  await waitForRule(doc.uri, 'unknown-reference');
  const role = find(doc, 'role: regional-sales-manager').translate(0, 'role: '.length + 3);
  assert.match(await hoverText(doc.uri, role), /Regional Sales Manager/);
  const responsibility = find(doc, '- regional-sales-plan').translate(0, 4);
  assert.match(await hoverText(doc.uri, responsibility), /Regional sales plan/i);
});

test('completion after `role: ` offers the role types', async () => {
  const doc = await open('americas.charter.yaml');
  const labels = await completeValue(doc, 'role: ');
  assert.ok(labels.includes('head-of-sales'), `head-of-sales among: ${labels.join(', ')}`);
  assert.ok(labels.includes('regional-sales-manager'), `regional-sales-manager among: ${labels.join(', ')}`);
});

test('completion after `reports_to: ` offers role and external ids', async () => {
  const doc = await open('americas.charter.yaml');
  const labels = await completeValue(doc, 'reports_to: ');
  for (const id of ['hos', 'ceo']) assert.ok(labels.includes(id), `${id} among: ${labels.join(', ')}`);
});

test('completion in a responsibilities list offers the ids the role lacks first', async () => {
  const doc = await open('americas.charter.yaml');
  const last = find(doc, '- regional-market-insights');
  const indent = ' '.repeat(last.character);
  const end = doc.lineAt(last.line).range.end;
  await replace(doc, new vscode.Range(end, end), `\n${indent}- `);
  let labels;
  try {
    labels = await completionLabels(doc.uri, new vscode.Position(last.line + 1, last.character + 2));
  } finally {
    await replace(doc, new vscode.Range(end, doc.lineAt(last.line + 1).range.end), '');
  }
  assert.ok(labels.includes('regional-business-development'), `regional-business-development among: ${labels.join(', ')}`);
  const held = labels.indexOf('regional-sales-plan');
  if (held >= 0) assert.ok(labels.indexOf('regional-business-development') < held, `lacking ids first: ${labels.join(', ')}`);
});

test('the outline lists the roles by id', async () => {
  const doc = await open('emea.charter.yaml');
  const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
  const names = [];
  const walk = list => list.forEach(s => { names.push(s.name); walk(s.children ?? []); });
  walk(symbols ?? []);
  for (const id of ['rsm-emea', 'rsm-dach']) assert.ok(names.includes(id), `${id} among: ${names.join(', ')}`);
});

test('editing a charter updates its diagnostics and those of other files', async () => {
  const doc = await open('americas.charter.yaml');
  await waitForRule(doc.uri, 'unknown-reference');
  const hso = find(doc, 'reports_to: hso').translate(0, 'reports_to: '.length);
  await replace(doc, new vscode.Range(hso, hso.translate(0, 3)), 'hos');
  await waitForDiagnostics(doc.uri, ds => withRule(ds, 'unknown-reference').length === 0, 'unknown-reference to go away');

  // Cross-file: once the Americas manager also covers LATAM, org.charter.yaml (not open) has no uncovered LATAM.
  const org = fileUri('org.charter.yaml');
  await waitForRule(org, 'uncovered-region');
  const scope = find(doc, '{region: North America}');
  await replace(doc, new vscode.Range(scope, scope.translate(0, '{region: North America}'.length)),
    '{regions: [North America, LATAM]}');
  await waitForDiagnostics(org, ds => withRule(ds, 'uncovered-region').length === 0, 'uncovered-region to go away');
});

test('source.fixAll.charter-lint applies the safe fixes (free text -> id)', async () => {
  const doc = await open('apac.charter.yaml');
  await waitForRule(doc.uri, 'non-canonical-responsibility');
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions = await codeActions(doc.uri, whole, 'source.fixAll.charter-lint');
  const fixAll = actions.find(a => a.kind?.value === 'source.fixAll.charter-lint');
  assert.ok(fixAll, `a source.fixAll.charter-lint action among: ${actions.map(a => `${a.title} (${a.kind?.value})`).join(' | ')}`);
  await apply(fixAll);
  assert.ok(doc.getText().includes('id: regional-team-leadership'), doc.getText());
  await waitForDiagnostics(doc.uri, ds => withRule(ds, 'non-canonical-responsibility').length === 0,
    'non-canonical-responsibility to go away');
});

test('the orgCharter.fixAll command fixes the active charter', async () => {
  const doc = await open('org.charter.yaml');
  await waitForRule(doc.uri, 'non-canonical-responsibility');
  await vscode.commands.executeCommand('orgCharter.fixAll');
  await waitForDiagnostics(doc.uri, ds => withRule(ds, 'non-canonical-responsibility').length === 0,
    'non-canonical-responsibility to go away');
  assert.ok(doc.getText().includes('id: budget-management'), doc.getText());
});

test('orgCharter.restartServer brings the server back', async () => {
  const doc = await open('emea.charter.yaml');
  await vscode.commands.executeCommand('orgCharter.restartServer');
  await waitForRule(doc.uri, 'territory-overlap', FIRST_TIMEOUT_MS);
  const role = find(doc, 'role: regional-sales-manager').translate(0, 'role: '.length + 3);
  assert.match(await hoverText(doc.uri, role), /Regional Sales Manager/);
});

// ---- runner ---------------------------------------------------------------------------------------

/** Runs the tests one after another; resolves when all pass, rejects otherwise (VS Code exits 1). */
async function run() {
  vscode = require('vscode');
  console.log(`Org Charter Lint e2e: VS Code ${vscode.version}, ${vscode.env.appName}, Node ${process.version}`);
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`  ok - ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`  not ok - ${name} (${Date.now() - t0} ms)\n    ${String(e && e.stack || e).split('\n').slice(0, 8).join('\n    ')}`);
    }
  }
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} of ${tests.length} e2e tests failed`);
}

module.exports = { run };
