// SPEC §2 "quick fix" column, "disable for this line", Fix all (source.fixAll.charter-lint): the
// code actions the server offers, their versioned edits, and what applying them does to the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIX_ALL_KIND,
  YAML,
  applyTextEdits,
  commentsOf,
  rangeOf,
  startOnExamples,
  summarize,
} from './lsp-client.mjs';

const TIMEOUT = { timeout: 20000 };
const has = (code) => (diagnostics) => diagnostics.some((d) => d.code === code);
const lacks = (code) => (diagnostics) => !diagnostics.some((d) => d.code === code);
const RSM = ['regional-sales-plan', 'regional-team-leadership', 'key-account-relationships', 'regional-market-insights', 'regional-business-development'];

/** The single TextDocumentEdit of an action, checked to be versioned and for `uri`. */
function onlyDocumentEdit(action, uri) {
  assert.ok(action.edit, `action "${action.title}" has no edit`);
  assert.ok(Array.isArray(action.edit.documentChanges), `action "${action.title}" must use documentChanges (the client supports them): ${JSON.stringify(action.edit)}`);
  assert.equal(action.edit.documentChanges.length, 1, `action "${action.title}" edits one document`);
  const change = action.edit.documentChanges[0];
  assert.equal(change.textDocument.uri, uri);
  return change;
}

/** Opens emea, makes one harmless edit (so the open version is 2) and returns its v2 diagnostics. */
async function emeaAtVersion2(client) {
  const uri = client.open('emea.charter.yaml');
  const v2 = client.replace(uri, 'Jonas Berg', 'Jonas Bergström');
  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === v2);
  return { uri, version: v2, diagnostics: params.diagnostics };
}

test('duplicate-responsibility has a preferred quick fix with a versioned edit that removes it and keeps comments', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const { uri, version, diagnostics } = await emeaAtVersion2(client);
  const dup = diagnostics.find((d) => d.code === 'duplicate-responsibility');
  assert.ok(dup, `no duplicate-responsibility in [${summarize(diagnostics)}]`);
  assert.equal(dup.range.start.line, 14);

  const actions = await client.codeActions(uri, dup.range, { diagnostics: [dup] });
  const preferred = actions.filter((a) => a.kind === 'quickfix' && a.isPreferred);
  assert.equal(preferred.length, 1, `one preferred quick fix expected, got ${JSON.stringify(actions.map((a) => [a.title, a.kind, a.isPreferred]))}`);
  const fix = preferred[0];
  assert.ok((fix.diagnostics ?? []).some((d) => d.code === 'duplicate-responsibility'), 'the fix names the diagnostic it fixes');
  const change = onlyDocumentEdit(fix, uri);
  assert.equal(change.textDocument.version, version, 'the edit is for the open version');

  const before = client.text(uri);
  const after = applyTextEdits(before, change.edits);
  const v3 = client.applyEdits(uri, change.edits);
  assert.equal(client.text(uri), after);

  const doc = YAML.parse(after);
  assert.deepEqual(doc.roles[0].responsibilities, RSM, 'rsm-emea lists each responsibility once');
  assert.deepEqual(doc.roles[1].responsibilities, RSM, 'rsm-dach is untouched');
  assert.deepEqual(commentsOf(after), commentsOf(before), 'no comment is dropped');

  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === v3);
  assert.ok(lacks('duplicate-responsibility')(params.diagnostics), `v3: [${summarize(params.diagnostics)}]`);
  assert.ok(lacks('yaml-syntax')(params.diagnostics) && lacks('schema')(params.diagnostics), 'the fix keeps the YAML valid');
  assert.ok(has('territory-overlap')(params.diagnostics), 'other findings stay');
});

test('"Disable duplicate-responsibility for this line" inserts the suppression comment above it', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const { uri, version, diagnostics } = await emeaAtVersion2(client);
  const dup = diagnostics.find((d) => d.code === 'duplicate-responsibility');
  const actions = await client.codeActions(uri, dup.range, { diagnostics: [dup] });
  const disable = actions.find((a) => /disable duplicate-responsibility for this line/i.test(a.title));
  assert.ok(disable, `no disable-for-this-line action in ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(disable.kind, 'quickfix');
  assert.notEqual(disable.isPreferred, true, 'disabling is never the preferred fix');
  const change = onlyDocumentEdit(disable, uri);
  assert.equal(change.textDocument.version, version);

  const before = client.text(uri);
  const v3 = client.applyEdits(uri, change.edits);
  const lines = client.text(uri).split('\n');
  assert.equal(lines[14], '      # charter-lint-disable-next-line duplicate-responsibility', 'the comment goes on its own line, at the item\'s indentation');
  assert.equal(lines[15], before.split('\n')[14], 'the duplicate line itself is unchanged');
  assert.equal(lines.length, before.split('\n').length + 1, 'exactly one line is added');

  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === v3);
  assert.ok(lacks('duplicate-responsibility')(params.diagnostics), `v3: [${summarize(params.diagnostics)}]`);
  assert.ok(has('territory-overlap')(params.diagnostics) && has('responsibility-overlap')(params.diagnostics), `other rules stay: [${summarize(params.diagnostics)}]`);
});

test('"Show documentation" is a command action naming the rule', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const { uri, diagnostics } = await emeaAtVersion2(client);
  const dup = diagnostics.find((d) => d.code === 'duplicate-responsibility');
  const actions = await client.codeActions(uri, dup.range, { diagnostics: [dup] });
  const docs = actions.find((a) => /show documentation/i.test(a.title) && /duplicate-responsibility/.test(a.title));
  assert.ok(docs, `no "Show documentation" action in ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(typeof docs.command?.command, 'string', 'the action runs a command');
  assert.ok(docs.command.command.length > 0);
  assert.match(JSON.stringify(docs.command.arguments ?? []), /duplicate-responsibility/, 'the command knows which rule');
});

test('source.fixAll.charter-lint returns one action applying every safe fix (free text -> id + note, duplicate removed)', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  // rsm-dach writes one responsibility as free text.
  const version = client.replace(uri, '- regional-team-leadership', '- Coach the regional reps', { occurrence: 1 });
  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === version);
  assert.ok(has('non-canonical-responsibility')(params.diagnostics) && has('duplicate-responsibility')(params.diagnostics), `setup: [${summarize(params.diagnostics)}]`);

  const whole = { start: { line: 0, character: 0 }, end: client.end(uri) };
  const actions = await client.codeActions(uri, whole, { only: [FIX_ALL_KIND], diagnostics: [] });
  assert.equal(actions.length, 1, `one fix-all action expected: ${JSON.stringify(actions.map((a) => [a.title, a.kind]))}`);
  const [fixAll] = actions;
  assert.equal(fixAll.kind, FIX_ALL_KIND);
  const change = onlyDocumentEdit(fixAll, uri);
  assert.equal(change.textDocument.version, version);

  const before = client.text(uri);
  const after = applyTextEdits(before, change.edits);
  const expected = YAML.parse(before);
  expected.roles[0].responsibilities = RSM;
  expected.roles[1].responsibilities = [RSM[0], { id: 'regional-team-leadership', note: 'Coach the regional reps' }, ...RSM.slice(2)];
  assert.deepEqual(YAML.parse(after), expected, 'only the safe fixes are applied');
  assert.deepEqual(commentsOf(after), commentsOf(before), 'no comment is dropped');
  assert.match(after, /\n {6}- id: regional-team-leadership\n {8}note: Coach the regional reps\n/, 'the indentation style is kept');

  const v = client.applyEdits(uri, change.edits);
  const fixed = await client.waitForDiagnostics(uri, (d, p) => p.version === v);
  assert.ok(lacks('duplicate-responsibility')(fixed.diagnostics) && lacks('non-canonical-responsibility')(fixed.diagnostics), `after fix-all: [${summarize(fixed.diagnostics)}]`);
  assert.ok(has('territory-overlap')(fixed.diagnostics), 'unsafe findings are left alone');
});

test('VS Code\'s codeActionsOnSave "source.fixAll" (the parent kind) also gets the charter-lint fix-all', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  const whole = { start: { line: 0, character: 0 }, end: client.end(uri) };
  const actions = await client.codeActions(uri, whole, { only: ['source.fixAll'], diagnostics: [] });
  assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => [a.title, a.kind])));
  assert.equal(actions[0].kind, FIX_ALL_KIND);
  const after = applyTextEdits(client.text(uri), onlyDocumentEdit(actions[0], uri).edits);
  assert.deepEqual(YAML.parse(after).roles[0].responsibilities, RSM);
});

test('after rapid didChanges, code actions carry the current version and fit the current text', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  // Six keystrokes without waiting, then the lightbulb request at once.
  const at = rangeOf(client.text(uri), 'Jonas Berg').end;
  let version = 1;
  for (const [i, ch] of [...'-Meyer'].entries()) version = client.insert(uri, { line: at.line, character: at.character + i }, ch);
  assert.equal(version, 7);
  const dupRange = rangeOf(client.text(uri), 'regional-market-insights', { occurrence: 1 });
  assert.equal(dupRange.start.line, 14);
  const actions = await client.codeActions(uri, dupRange, { diagnostics: [] });
  assert.ok(actions.length > 0, 'the server answers for the latest text instead of refusing');
  assert.ok(actions.some((a) => a.isPreferred), `no preferred fix in ${JSON.stringify(actions.map((a) => a.title))}`);
  for (const action of actions) {
    for (const change of action.edit?.documentChanges ?? []) assert.equal(change.textDocument.version, 7, `"${action.title}" is for version ${change.textDocument.version}`);
  }
  const published = await client.waitForDiagnostics(uri, (d, p) => p.version === 7);
  assert.ok(has('duplicate-responsibility')(published.diagnostics));
});

test('a code action requested right after a line-shifting edit is computed on the new text', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  const v1 = await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  const oldDup = v1.diagnostics.find((d) => d.code === 'duplicate-responsibility');
  // One line inserted above: the duplicate moves from line 14 to 15. No wait for new diagnostics.
  const v2 = client.insert(uri, { line: 0, character: 0 }, '# Reviewed by the sales ops team.\n');
  const newDup = rangeOf(client.text(uri), 'regional-market-insights', { occurrence: 1 });
  assert.equal(newDup.start.line, 15);
  // The client still holds the v1 diagnostic (line 14); the request is for the new position.
  const actions = await client.codeActions(uri, newDup, { diagnostics: [oldDup] });
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `no preferred fix at the moved duplicate: ${JSON.stringify(actions.map((a) => a.title))}`);
  const change = onlyDocumentEdit(fix, uri);
  assert.equal(change.textDocument.version, v2);
  const after = applyTextEdits(client.text(uri), change.edits);
  const doc = YAML.parse(after);
  assert.deepEqual(doc.roles[0].responsibilities, RSM, 'the v2 duplicate is the one removed');
  assert.deepEqual(doc.roles[1].responsibilities, RSM);
  assert.ok(after.startsWith('# Reviewed by the sales ops team.\n'));
});

test('the Fix All command (orgCharter.applyFixAll) asks the client to apply a versioned edit', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const { uri, version } = await emeaAtVersion2(client);
  const commands = client.initializeResult.capabilities.executeCommandProvider?.commands ?? [];
  assert.ok(commands.includes('orgCharter.applyFixAll'), `executeCommandProvider: ${JSON.stringify(commands)}`);
  await client.request('workspace/executeCommand', { command: 'orgCharter.applyFixAll', arguments: [uri] });
  const request = await client.waitFor(() => client.applyEditRequests[0], 5000, () => 'workspace/applyEdit');
  const change = request.edit.documentChanges?.[0];
  assert.ok(change, `applyEdit without documentChanges: ${JSON.stringify(request)}`);
  assert.equal(change.textDocument.uri, uri);
  assert.equal(change.textDocument.version, version);
  const after = applyTextEdits(client.text(uri), change.edits);
  assert.deepEqual(YAML.parse(after).roles[0].responsibilities, RSM);
  assert.deepEqual(commentsOf(after), commentsOf(client.text(uri)));
});

test('a file with nothing fixable gets no fix-all action with an empty edit', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('americas.charter.yaml');
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  const whole = { start: { line: 0, character: 0 }, end: client.end(uri) };
  const actions = await client.codeActions(uri, whole, { only: [FIX_ALL_KIND], diagnostics: [] });
  for (const action of actions) {
    const edits = action.edit?.documentChanges?.flatMap((c) => c.edits) ?? [];
    assert.notEqual(applyTextEdits(client.text(uri), edits), client.text(uri), `"${action.title}" changes nothing`);
  }
});

test('did-you-mean and "add it" quick fixes on americas: applying both clears those findings and keeps comments', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('americas.charter.yaml');
  const v1 = await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  const ref = v1.diagnostics.find((d) => d.code === 'unknown-reference');
  const actions = await client.codeActions(uri, ref.range, { diagnostics: [ref] });
  const didYouMean = actions.find((a) => a.kind === 'quickfix' && a.edit && /\bhos\b/.test(a.title));
  assert.ok(didYouMean, `no did-you-mean "hos" in ${JSON.stringify(actions.map((a) => a.title))}`);
  const before = client.text(uri);
  const change = onlyDocumentEdit(didYouMean, uri);
  assert.equal(change.textDocument.version, 1);
  const v2 = client.applyEdits(uri, change.edits);
  assert.equal(client.text(uri), before.replace('reports_to: hso', 'reports_to: hos'), 'only the value changes');

  const p2 = await client.waitForDiagnostics(uri, (d, p) => p.version === v2);
  assert.ok(lacks('unknown-reference')(p2.diagnostics), `v2: [${summarize(p2.diagnostics)}]`);
  const missing = p2.diagnostics.find((d) => d.code === 'missing-responsibility');
  assert.ok(missing, 'missing-responsibility');
  const adds = await client.codeActions(uri, missing.range, { diagnostics: [missing] });
  const add = adds.find((a) => a.kind === 'quickfix' && a.edit && /regional-business-development/.test(a.title) && !/disable/i.test(a.title));
  assert.ok(add, `no "add regional-business-development" fix in ${JSON.stringify(adds.map((a) => a.title))}`);
  const addChange = onlyDocumentEdit(add, uri);
  assert.equal(addChange.textDocument.version, v2);
  const text2 = client.text(uri);
  const v3 = client.applyEdits(uri, addChange.edits);
  const after = client.text(uri);
  assert.deepEqual(YAML.parse(after).roles[0].responsibilities, RSM.slice(0, 4).concat('regional-business-development'));
  assert.deepEqual(commentsOf(after), commentsOf(text2), 'comments are kept');
  assert.match(after, /\n {6}- regional-business-development\n/, 'the new item uses the list\'s indentation');
  const p3 = await client.waitForDiagnostics(uri, (d, p) => p.version === v3);
  assert.deepEqual(p3.diagnostics.map((d) => d.code), ['responsibility-overlap'], `v3: [${summarize(p3.diagnostics)}]`);
});

test('fix-all keeps CRLF line endings and double-quoted style', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const text = [
    'charter: Northwind Sales — Nordics',
    'roles:',
    '  - id: rsm-nordics',
    '    role: "regional-sales-manager"',
    '    scope: {region: "Nordics"}',
    '    reports_to: "hos"',
    '    responsibilities:',
    '      - "regional-sales-plan"',
    '      - "Coach the regional reps"   # free text',
    '      - "key-account-relationships"',
    '      - "regional-market-insights"',
    '      - "regional-business-development"',
    '      - "regional-sales-plan"',
    '',
  ].join('\r\n');
  const uri = client.open('nordics.charter.yaml', text);
  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  assert.ok(has('non-canonical-responsibility')(params.diagnostics) && has('duplicate-responsibility')(params.diagnostics), `setup: [${summarize(params.diagnostics)}]`);
  const whole = { start: { line: 0, character: 0 }, end: client.end(uri) };
  const [fixAll, ...rest] = await client.codeActions(uri, whole, { only: [FIX_ALL_KIND], diagnostics: [] });
  assert.ok(fixAll && rest.length === 0, 'one fix-all action');
  const after = applyTextEdits(text, onlyDocumentEdit(fixAll, uri).edits);
  assert.equal(after.replace(/\r\n/g, ''), after.replace(/\r\n/g, '').replace(/[\r\n]/g, ''), `a bare \\n or \\r was introduced:\n${JSON.stringify(after)}`);
  assert.deepEqual(YAML.parse(after).roles[0].responsibilities, ['regional-sales-plan', { id: 'regional-team-leadership', note: 'Coach the regional reps' }, ...RSM.slice(2)]);
  assert.match(after, /note: "Coach the regional reps"/, 'the free text keeps its double quotes');
  assert.deepEqual(commentsOf(after), commentsOf(text));
});

test('"Fix all non-canonical-responsibility problems" is checked like Fix all: every free text of the file becomes its id, nothing new is raised, other rules\' fixes are not applied', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  // Three free texts: "Own the EMEA forecast" on a regional manager is read as revenue-forecasting,
  // which is organization-wide (responsibility-out-of-scope, already reported on the free text).
  client.replace(uri, '- key-account-relationships', '- Own key accounts   # in our words', { occurrence: 0 });
  client.replace(uri, '- regional-business-development', '- regional-business-development\n      - Own the EMEA forecast', { occurrence: 0 });
  const version = client.replace(uri, '- regional-team-leadership', '- Coach the regional reps', { occurrence: 1 });
  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === version);
  const nonCanonical = params.diagnostics.filter((d) => d.code === 'non-canonical-responsibility');
  assert.equal(nonCanonical.length, 3, `setup: [${summarize(params.diagnostics)}]`);
  assert.ok(params.diagnostics.some((d) => d.code === 'responsibility-out-of-scope' && /revenue-forecasting/.test(d.message)), `setup: [${summarize(params.diagnostics)}]`);
  assert.ok(has('duplicate-responsibility')(params.diagnostics), 'setup: a safe fix of another rule is pending');

  const actions = await client.codeActions(uri, nonCanonical[0].range, { diagnostics: [nonCanonical[0]] });
  const all = actions.filter((a) => a.title === 'Fix all non-canonical-responsibility problems in this file');
  assert.equal(all.length, 1, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(all[0].kind, 'quickfix');
  const change = onlyDocumentEdit(all[0], uri);
  assert.equal(change.textDocument.version, version);
  assert.equal(change.edits.length, 1, 'one minimal edit');

  const before = client.text(uri);
  const after = applyTextEdits(before, change.edits);
  const expected = YAML.parse(before);
  const asId = (list, text, id) => list.map((d) => (d === text ? { id, note: text } : d));
  expected.roles[0].responsibilities = asId(asId(expected.roles[0].responsibilities, 'Own key accounts', 'key-account-relationships'), 'Own the EMEA forecast', 'revenue-forecasting');
  expected.roles[1].responsibilities = asId(expected.roles[1].responsibilities, 'Coach the regional reps', 'regional-team-leadership');
  assert.deepEqual(YAML.parse(after), expected, 'every free text is replaced, and nothing else changes (the duplicate stays)');
  assert.deepEqual(commentsOf(after), commentsOf(before), 'no comment is dropped');

  const v = client.applyEdits(uri, change.edits);
  const fixed = await client.waitForDiagnostics(uri, (d, p) => p.version === v);
  const key = (d) => `${d.code}: ${d.message}`;
  const was = new Set(params.diagnostics.map(key));
  assert.deepEqual(fixed.diagnostics.map(key).filter((k) => !was.has(k)), [], 'the fix-all raised a finding that was not there');
  assert.ok(lacks('non-canonical-responsibility')(fixed.diagnostics), `after: [${summarize(fixed.diagnostics)}]`);
  assert.ok(has('duplicate-responsibility')(fixed.diagnostics), 'another rule\'s safe fix is not applied');
});
