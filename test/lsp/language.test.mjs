// SPEC §4: hover, completion, go to definition, find references, document symbols and rename of
// role ids across files, on the example organization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  applyTextEdits,
  locations,
  modelTitle,
  rangeOf,
  startOnExamples,
  summarize,
  textAt,
} from './lsp-client.mjs';

const TIMEOUT = { timeout: 20000 };
const lacks = (code) => (diagnostics) => !diagnostics.some((d) => d.code === code);

/** A position inside the n-th occurrence of `needle` (one character in). */
function inside(text, needle, occurrence = 0) {
  const { start } = rangeOf(text, needle, { occurrence });
  return { line: start.line, character: start.character + 1 };
}

const hoverText = (hover) => {
  const c = hover?.contents;
  if (!c) return '';
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value;
};

const items = (result) => (Array.isArray(result) ? result : result?.items ?? []);
const labels = (result) => items(result).map((i) => i.label);
/**
 * Completion runs on the current analysis, and, as on a loaded machine where analyses pass 50 ms,
 * on the latest one while the keystroke's analysis is pending: both must read the role being typed.
 */
const COMPLETION_MODES = [
  { suffix: '', env: undefined },
  { suffix: ' (answered from the latest analysis, as in a slow organization)', env: { CHARTER_LINT_TEST_STALE_COMPLETION: '1' } },
];
const sortKey = (item) => item.sortText ?? item.label;

test('hover on a role type shows the model\'s title', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  const text = client.text(uri);
  const hover = await client.hover(uri, inside(text, 'regional-sales-manager'));
  assert.ok(hover, 'a hover for `role: regional-sales-manager`');
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /Regional Sales Manager/);
  if (hover.range) assert.equal(textAt(text, hover.range), 'regional-sales-manager');
});

test('hover on a responsibility shows its title and the other owners', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const emea = client.open('emea.charter.yaml');
  const hover = await client.hover(emea, inside(client.text(emea), 'key-account-relationships'));
  const value = hoverText(hover);
  assert.ok(value.includes(modelTitle('responsibilities', 'key-account-relationships')), `hover: ${value}`);
  assert.match(value, /Also owned by/);
  assert.match(value, /\bhos\b/, 'the Head of Sales also owns key-account-relationships');

  // Only the Head of Sales owns sales-team-management: no "Also owned by".
  const org = client.open('org.charter.yaml');
  const lone = hoverText(await client.hover(org, inside(client.text(org), 'sales-team-management')));
  assert.ok(lone.includes(modelTitle('responsibilities', 'sales-team-management')), `hover: ${lone}`);
  assert.doesNotMatch(lone, /Also owned by/);

  // Matched free text hovers as the responsibility it matched.
  const apac = client.open('apac.charter.yaml');
  const free = hoverText(await client.hover(apac, inside(client.text(apac), 'Coach the regional reps')));
  assert.ok(free.includes(modelTitle('responsibilities', 'regional-team-leadership')), `hover on free text: ${free}`);
});

test('completion after `role: ` offers the model\'s role types', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  const text = client.text(uri);
  assert.ok(text.endsWith('\n'));
  client.insert(uri, client.end(uri), '\n  - id: rsm-nordics\n    role: ');
  const result = await client.completion(uri, client.end(uri));
  const got = labels(result);
  assert.ok(got.includes('head-of-sales') && got.includes('regional-sales-manager'), `labels: ${got}`);
  assert.ok(!got.includes('sales-strategy') && !got.includes('hos'), `only role types after role: (${got})`);

  // With a typed prefix, accepting the item yields the full value.
  client.insert(uri, client.end(uri), 'reg');
  const position = client.end(uri);
  const rsm = items(await client.completion(uri, position)).find((i) => i.label === 'regional-sales-manager');
  assert.ok(rsm, 'regional-sales-manager offered after `role: reg`');
  const edit = rsm.textEdit ?? { range: { start: position, end: position }, newText: rsm.insertText ?? rsm.label };
  const accepted = applyTextEdits(client.text(uri), [{ range: edit.range ?? edit.replace, newText: edit.newText }]);
  assert.ok(accepted.endsWith('\n    role: regional-sales-manager'), `after accepting: ${JSON.stringify(accepted.slice(-40))}`);
});

for (const mode of COMPLETION_MODES) test(`completion on a new list item in the middle of a file puts the role's missing id first${mode.suffix}`, TIMEOUT, async (t) => {
  const client = await startOnExamples(t, undefined, { env: mode.env });
  const uri = client.open('americas.charter.yaml');
  assert.match(client.text(uri).split('\n')[13], /# MISTAKE: regional-business-development is missing/);
  client.insert(uri, { line: 13, character: 0 }, '      - \n');
  const all = items(await client.completion(uri, { line: 13, character: 8 }));
  const sorted = [...all].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  assert.equal(sorted[0]?.label, 'regional-business-development', `first item: ${JSON.stringify(sorted.slice(0, 3).map((i) => [i.label, i.sortText]))}`);
});

for (const mode of COMPLETION_MODES) test(`completion in a responsibilities list offers ids, the role's missing required ones first${mode.suffix}`, TIMEOUT, async (t) => {
  const client = await startOnExamples(t, undefined, { env: mode.env });
  const uri = client.open('emea.charter.yaml');
  client.insert(uri, client.end(uri), [
    '',
    '  - id: rsm-nordics',
    '    role: regional-sales-manager',
    '    scope: {region: Nordics}',
    '    reports_to: hos',
    '    responsibilities:',
    '      - regional-sales-plan',
    '      - ',
  ].join('\n'));
  const result = await client.completion(uri, client.end(uri));
  const all = items(result);
  const got = all.map((i) => i.label);
  const missing = ['regional-team-leadership', 'key-account-relationships', 'regional-market-insights', 'regional-business-development'];
  for (const id of missing) assert.ok(got.includes(id), `${id} not offered: ${got}`);
  assert.ok(got.includes('sales-strategy') || got.includes('budget-management'), `other model ids are offered too: ${got}`);
  assert.ok(!got.includes('head-of-sales') && !got.includes('hos'), `only responsibility ids: ${got}`);
  const firsts = all.filter((i) => missing.includes(i.label));
  const others = all.filter((i) => !missing.includes(i.label));
  const worstMissing = firsts.map(sortKey).sort().at(-1);
  const bestOther = others.map(sortKey).sort()[0];
  assert.ok(worstMissing < bestOther, `missing required ids must sort first: ${JSON.stringify(all.map((i) => [i.label, i.sortText]))}`);
});

test('completion while typing in a large organization answers from the latest analysis; the keystrokes are linted together, not once per request', { timeout: 60000 }, async (t) => {
  const { bigCharter } = await import('../../bench/generate.mjs');
  const client = await startOnExamples(t);
  // 3,000 roles (33k lines): an analysis takes far more than 50 ms, so running the pending one
  // before each completion would make every keystroke wait for it.
  const uri = client.open('big.charter.yaml', bigCharter(3000));
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1, 30000);
  const mark = client.mark();
  // A new item typed into the responsibilities of rsm-1455 (which lacks regional-business-development),
  // a letter at a time, as an editor sends it: didChange, then completion.
  const holder = rangeOf(client.text(uri), '    holder: Person 1455\n').start.line;
  assert.equal(client.text(uri).split('\n')[holder + 3], '    responsibilities:');
  let version = client.insert(uri, { line: holder + 4, character: 0 }, '      - \n');
  const typed = 'regional-sal';
  const waits = [];
  for (const [index, letter] of [...typed].entries()) {
    version = client.insert(uri, { line: holder + 4, character: 8 + index }, letter);
    const asked = performance.now();
    const got = labels(await client.completion(uri, { line: holder + 4, character: 9 + index }));
    waits.push(Math.round(performance.now() - asked));
    // The role is found in the analysed text: its missing duty is offered, those it owns are not.
    assert.ok(got.includes('regional-business-development') && !got.includes('regional-sales-plan'), `responsibility ids offered after "${typed.slice(0, index + 1)}": ${got}`);
  }
  t.diagnostic(`completion answered in ${waits.join(', ')} ms`);
  await client.waitForDiagnostics(uri, (d, p) => p.version === version, 30000, { since: mark });
  const during = client.published.filter((entry) => entry.seq > mark && entry.params.uri === uri);
  // Completion that ran the pending analysis first would publish once per keystroke (13 times).
  assert.ok(during.length <= typed.length / 2, `an analysis per completion? ${during.length} publications: versions ${during.map((e) => e.params.version)}`);
  assert.equal(during.at(-1).params.version, version, 'the last publication is for the last keystroke');
});

test('completion after `reports_to: ` offers role ids and external ids', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  client.insert(uri, client.end(uri), '\n  - id: rsm-nordics\n    role: regional-sales-manager\n    reports_to: ');
  const got = labels(await client.completion(uri, client.end(uri)));
  for (const id of ['hos', 'ceo', 'cfo', 'rsm-emea', 'rsm-apac']) assert.ok(got.includes(id), `${id} not offered: ${got}`);
  assert.ok(!got.includes('rsm-nordics'), 'a role cannot report to itself');
  assert.ok(!got.includes('head-of-sales'), `role types are not ids: ${got}`);
});

test('completion after `region: ` inside a scope offers declared region names', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  // Flow style, with the closing brace an editor auto-inserts.
  client.insert(uri, client.end(uri), '\n  - id: rsm-nordics\n    role: regional-sales-manager\n    scope: {region: }');
  const end = client.end(uri);
  const flow = labels(await client.completion(uri, { line: end.line, character: end.character - 1 }));
  for (const name of ['EMEA', 'DACH', 'Nordics', 'UK&I', 'APAC', 'North America', 'LATAM']) assert.ok(flow.includes(name), `${name} not offered: ${flow}`);
  assert.ok(!flow.includes('hos') && !flow.includes('regional-sales-plan'), `only regions: ${flow}`);

  // Block style.
  client.replace(uri, '    scope: {region: }', '    scope:\n      region: ');
  const block = labels(await client.completion(uri, client.end(uri)));
  for (const name of ['EMEA', 'DACH']) assert.ok(block.includes(name), `${name} not offered (block): ${block}`);
});

test('go to definition from `reports_to: hos` lands on org.charter.yaml\'s `id: hos`; regions too', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const emea = client.open('emea.charter.yaml');
  const orgText = fs.readFileSync(client.file('org.charter.yaml'), 'utf8');
  assert.equal(client.text(emea).split('\n')[7], '    reports_to: hos');
  const result = locations(await client.request('textDocument/definition', { textDocument: { uri: emea }, position: { line: 7, character: 17 } }));
  assert.equal(result.length, 1, JSON.stringify(result));
  assert.equal(result[0].uri, client.uri('org.charter.yaml'));
  assert.deepEqual(result[0].range, rangeOf(orgText, 'hos', { fromLine: 12 }));
  assert.equal(result[0].range.start.line, 12);

  const region = locations(await client.request('textDocument/definition', { textDocument: { uri: emea }, position: inside(client.text(emea), 'EMEA}') }));
  assert.equal(region.length, 1, JSON.stringify(region));
  assert.equal(region[0].uri, client.uri('org.charter.yaml'));
  assert.equal(textAt(orgText, region[0].range), 'EMEA');
  assert.equal(region[0].range.start.line, 6);
});

test('references of hos include every reports_to naming it, across files', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const org = client.open('org.charter.yaml');
  const position = inside(client.text(org), 'id: hos');
  const key = (l) => `${l.uri.split('/').pop()}:${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;
  const expected = ['apac.charter.yaml:8:16-8:19', 'emea.charter.yaml:21:16-21:19', 'emea.charter.yaml:7:16-7:19'];
  const refs = locations(await client.request('textDocument/references', { textDocument: { uri: org }, position: { ...position, character: position.character + 4 }, context: { includeDeclaration: false } }));
  assert.deepEqual(refs.map(key).sort(), expected);
  const withDecl = locations(await client.request('textDocument/references', { textDocument: { uri: org }, position: { ...position, character: position.character + 4 }, context: { includeDeclaration: true } }));
  assert.deepEqual(withDecl.map(key).sort(), [...expected, 'org.charter.yaml:12:8-12:11'].sort());

  // From a use site, the same answer.
  const emea = client.open('emea.charter.yaml');
  const fromUse = locations(await client.request('textDocument/references', { textDocument: { uri: emea }, position: { line: 21, character: 17 }, context: { includeDeclaration: false } }));
  assert.deepEqual(fromUse.map(key).sort(), expected);

  // Regions: DACH is used by rsm-dach's scope.
  const dach = locations(await client.request('textDocument/references', { textDocument: { uri: org }, position: inside(client.text(org), 'DACH'), context: { includeDeclaration: false } }));
  assert.deepEqual(dach.map(key), ['emea.charter.yaml:20:20-20:24']);
});

test('document symbols: roles as an outline with children; the regions tree', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const emea = client.open('emea.charter.yaml');
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: emea } });
  assert.ok(Array.isArray(symbols));
  const text = client.text(emea);
  for (const [name, line] of [['rsm-emea', 3], ['rsm-dach', 17]]) {
    const role = symbols.find((s) => s.name === name);
    assert.ok(role, `no symbol ${name} in ${JSON.stringify(symbols.map((s) => s.name))}`);
    assert.ok(role.selectionRange, 'hierarchical DocumentSymbol (the client supports it)');
    assert.equal(textAt(text, role.selectionRange), name);
    assert.equal(role.selectionRange.start.line, line);
    assert.ok(role.range.start.line <= line && role.range.end.line >= line + 10, `${name} range covers the role: ${JSON.stringify(role.range)}`);
    assert.ok(Array.isArray(role.children) && role.children.length >= 5, `${name} has its responsibilities as children`);
    for (const child of role.children) {
      const r = child.range;
      assert.ok(r.start.line >= role.range.start.line && r.end.line <= role.range.end.line, `child ${child.name} inside its role`);
    }
  }
  const org = client.open('org.charter.yaml');
  const orgSymbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: org } });
  const regions = orgSymbols.find((s) => s.name === 'regions');
  assert.ok(regions, `no 'regions' symbol in ${JSON.stringify(orgSymbols.map((s) => s.name))}`);
  assert.deepEqual(regions.children.map((c) => c.name), ['EMEA', 'APAC', 'Americas']);
  assert.deepEqual(regions.children[0].children.map((c) => c.name), ['DACH', 'Nordics', 'UK&I']);
  assert.ok(orgSymbols.some((s) => s.name === 'hos'));
});

test('prepareRename: a role id gives its range and placeholder; a role type cannot be renamed', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const org = client.open('org.charter.yaml');
  const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: org }, position: { line: 12, character: 9 } });
  assert.deepEqual(prepared, { range: { start: { line: 12, character: 8 }, end: { line: 12, character: 11 } }, placeholder: 'hos' });

  const emea = client.open('emea.charter.yaml');
  const fromUse = await client.request('textDocument/prepareRename', { textDocument: { uri: emea }, position: { line: 7, character: 17 } });
  assert.deepEqual(fromUse?.range, { start: { line: 7, character: 16 }, end: { line: 7, character: 19 } });
  assert.equal(fromUse?.placeholder, 'hos');

  let onType;
  try {
    onType = await client.request('textDocument/prepareRename', { textDocument: { uri: emea }, position: inside(client.text(emea), 'regional-sales-manager') });
  } catch (error) {
    onType = { error };
  }
  assert.ok(onType === null || onType.error, `a role type is not renamable: ${JSON.stringify(onType)}`);
});

test('rename hos -> head edits org\'s id and every reports_to, with open buffers and their versions', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const org = client.open('org.charter.yaml');
  // emea is open with an unsaved edit that shifts its lines by one.
  const emea = client.open('emea.charter.yaml');
  const emeaVersion = client.insert(emea, { line: 0, character: 0 }, '# unsaved line\n');
  const edit = await client.request('textDocument/rename', { textDocument: { uri: org }, position: { line: 12, character: 9 }, newName: 'head' });
  assert.ok(Array.isArray(edit?.documentChanges), `rename result: ${JSON.stringify(edit)}`);
  const byUri = new Map(edit.documentChanges.map((c) => [c.textDocument.uri, c]));
  assert.deepEqual([...byUri.keys()].sort(), [org, emea, client.uri('apac.charter.yaml')].sort(), 'org, emea and apac change; americas (hso) does not');
  assert.equal(byUri.get(org).textDocument.version, 1);
  assert.equal(byUri.get(emea).textDocument.version, emeaVersion);
  assert.equal(byUri.get(client.uri('apac.charter.yaml')).textDocument.version ?? null, null, 'apac is not open');
  for (const change of edit.documentChanges) for (const e of change.edits) assert.equal(e.newText, 'head');
  assert.deepEqual(byUri.get(emea).edits.map((e) => e.range.start.line).sort((a, b) => a - b), [8, 22], 'ranges are in the unsaved buffer');

  // Renaming from a use site edits the same places.
  const fromUse = await client.request('textDocument/rename', { textDocument: { uri: client.uri('apac.charter.yaml') }, position: { line: 8, character: 17 }, newName: 'head' });
  const summary = (e) => e.documentChanges.flatMap((c) => c.edits.map((x) => `${c.textDocument.uri}:${x.range.start.line}:${x.range.start.character}`)).sort();
  assert.deepEqual(summary(fromUse), summary(edit));

  // Apply like an editor: open the others, change every buffer; no unknown-reference appears.
  const apac = client.open('apac.charter.yaml');
  const marks = client.mark();
  const versions = new Map();
  for (const [uri, change] of byUri) versions.set(uri, client.applyEdits(uri, change.edits));
  assert.match(client.text(org), /\n {2}- id: head\n/);
  assert.doesNotMatch(client.text(emea) + client.text(apac), /reports_to: hos\b/);
  for (const [uri, version] of versions) {
    const p = await client.waitForDiagnostics(uri, (d, params) => params.version === version, 5000, { since: marks });
    assert.ok(lacks('unknown-reference')(p.diagnostics), `${uri}: [${summarize(p.diagnostics)}]`);
  }
});

test('rename refuses an id already in use and an invalid id', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const org = client.open('org.charter.yaml');
  for (const newName of ['rsm-emea', 'ceo', 'two words']) {
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: org }, position: { line: 12, character: 9 }, newName }),
      (error) => typeof error.message === 'string' && error.message.length > 0,
      `renaming hos to "${newName}" must be refused`,
    );
  }
  assert.ok(client.alive);
});

for (const mode of COMPLETION_MODES) test(`completion in a flow list \`responsibilities: [a, \` offers responsibility ids${mode.suffix}`, TIMEOUT, async (t) => {
  const client = await startOnExamples(t, undefined, { env: mode.env });
  const uri = client.open('emea.charter.yaml');
  client.insert(uri, client.end(uri), '\n  - id: rsm-nordics\n    role: regional-sales-manager\n    scope: {region: Nordics}\n    responsibilities: [regional-sales-plan, ]');
  const end = client.end(uri);
  const got = labels(await client.completion(uri, { line: end.line, character: end.character - 1 }));
  for (const id of ['regional-team-leadership', 'key-account-relationships']) assert.ok(got.includes(id), `${id} not offered: ${got}`);
  assert.ok(!got.includes('EMEA') && !got.includes('hos'), `only responsibility ids: ${got}`);
});
