// SPEC §2/§4: diagnostics for every charter of the workspace (open or not), as you type, across
// files, with the rule id as code, a docs link, related information and the document version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  EXAMPLE_FILES,
  examplesWorkspace,
  fileUri,
  lineRange,
  rangeOf,
  repoRoot,
  startOnExamples,
  startServer,
  summarize,
  textAt,
  tmpDir,
  writeFiles,
  yaml,
} from './lsp-client.mjs';

const TIMEOUT = { timeout: 20000 };
const codes = (diagnostics) => diagnostics.map((d) => d.code);
const has = (code) => (diagnostics) => diagnostics.some((d) => d.code === code);
const lacks = (code) => (diagnostics) => !diagnostics.some((d) => d.code === code);

test('after initialized every charter file gets diagnostics, including never-opened ones', TIMEOUT, async (t) => {
  const root = examplesWorkspace({ 'notes.yaml': 'not: [a charter\n', 'docs/readme.md': '# hi\n' });
  const client = await startServer(root, { t });
  const all = await Promise.all(EXAMPLE_FILES.map((f) => client.waitForDiagnostics(client.uri(f), (d) => d.length > 0)));
  const [americas, , emea, org] = all;

  const ref = americas.diagnostics.find((d) => d.code === 'unknown-reference');
  assert.ok(ref, `americas: no unknown-reference in [${summarize(americas.diagnostics)}]`);
  assert.deepEqual(ref.range, { start: { line: 7, character: 16 }, end: { line: 7, character: 19 } }, 'the range covers exactly `hso`');
  assert.equal(ref.severity, 1, 'unknown-reference is an error by default');
  assert.equal(ref.source, 'charter-lint');
  assert.ok(ref.codeDescription?.href?.endsWith('unknown-reference.md'), `codeDescription.href: ${ref.codeDescription?.href}`);
  assert.match(ref.message, /hso/);
  // Not opened: no document version to report.
  assert.equal(americas.version ?? null, null, 'a never-opened file has no version in publishDiagnostics');

  // Every diagnostic: a rule id code, its docs link, our source, and a range on the offending scalar.
  for (const params of all) {
    const text = fs.readFileSync(new URL(params.uri), 'utf8');
    for (const d of params.diagnostics) {
      assert.equal(typeof d.code, 'string', `code of ${JSON.stringify(d)}`);
      assert.ok(d.codeDescription?.href?.endsWith(`${d.code}.md`), `href of ${d.code}: ${d.codeDescription?.href}`);
      assert.equal(d.source, 'charter-lint');
      assert.equal(d.range.start.line, d.range.end.line, `${d.code} in ${params.uri} spans lines`);
      assert.ok(textAt(text, d.range).trim().length > 0, `${d.code} at ${JSON.stringify(d.range)} covers no text`);
    }
  }

  // A cross-file finding points into the other file.
  const overlap = emea.diagnostics.find((d) => d.code === 'responsibility-overlap' && d.range.start.line === 11);
  assert.ok(overlap, `emea: no responsibility-overlap at line 11 in [${summarize(emea.diagnostics)}]`);
  const orgUri = client.uri('org.charter.yaml');
  const orgText = fs.readFileSync(client.file('org.charter.yaml'), 'utf8');
  const into = (overlap.relatedInformation ?? []).find((r) => r.location.uri === orgUri);
  assert.ok(into, `relatedInformation ${JSON.stringify(overlap.relatedInformation)} does not point into ${orgUri}`);
  assert.equal(into.location.range.start.line, 29);
  assert.equal(textAt(orgText, into.location.range), 'key-account-relationships');
  assert.ok(into.message.length > 0);

  // ... and the other side lists every regional file involved.
  const hosOverlap = org.diagnostics.find((d) => d.code === 'responsibility-overlap');
  assert.ok(hosOverlap, `org: no responsibility-overlap in [${summarize(org.diagnostics)}]`);
  const relatedUris = new Set((hosOverlap.relatedInformation ?? []).map((r) => r.location.uri));
  for (const f of ['emea.charter.yaml', 'apac.charter.yaml', 'americas.charter.yaml']) assert.ok(relatedUris.has(client.uri(f)), `org overlap lacks related info in ${f}`);

  // A same-file duplicate points at the first listing.
  const dup = emea.diagnostics.find((d) => d.code === 'duplicate-responsibility');
  assert.ok(dup, 'emea: duplicate-responsibility');
  assert.equal(dup.range.start.line, 14, 'the later listing is reported');
  assert.ok((dup.relatedInformation ?? []).some((r) => r.location.uri === client.uri('emea.charter.yaml') && r.location.range.start.line === 12), 'duplicate points at the first listing');

  // A YAML file that is not a charter gets nothing.
  assert.equal(client.latest.has(client.uri('notes.yaml')), false, 'notes.yaml is not a charter and must not be linted');
});

test('the editor reports exactly what the CLI reports for the same folder', TIMEOUT, async (t) => {
  const root = examplesWorkspace();
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'charter-lint.js'), '--format', 'json'], { cwd: root, encoding: 'utf8' });
  assert.ok(cli.status === 0 || cli.status === 1, `CLI failed: ${cli.stderr}`);
  const report = JSON.parse(cli.stdout);
  const client = await startServer(root, { t });
  for (const entry of report) {
    const uri = fileUri(path.join(root, entry.file));
    const params = await client.waitForDiagnostics(uri);
    const severity = { error: 1, warning: 2, info: 3, hint: 4 };
    const key = (rule, sev, range, message) => `${rule}|${sev}|${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}|${message}`;
    const fromCli = entry.diagnostics.map((d) => key(d.rule, severity[d.severity], d.range, d.message)).sort();
    const fromLsp = params.diagnostics.map((d) => key(d.code, d.severity, d.range, d.message)).sort();
    assert.deepEqual(fromLsp, fromCli, `${entry.file}: editor and CLI disagree`);
  }
  assert.equal(report.length, 4);
});

test('incremental range edits with increasing versions: fixing `hso` removes the unknown-reference', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('americas.charter.yaml');
  const opened = await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  assert.ok(has('unknown-reference')(opened.diagnostics), `v1: [${summarize(opened.diagnostics)}]`);

  // Delete the word, then type it back letter by letter, as an editor would send it.
  const hso = rangeOf(client.text(uri), 'hso');
  client.change(uri, [{ range: hso, text: '' }]);
  const at = hso.start;
  client.change(uri, [{ range: { start: at, end: at }, text: 'h' }]);
  client.change(uri, [{ range: { start: { ...at, character: at.character + 1 }, end: { ...at, character: at.character + 1 } }, text: 'o' }]);
  const v5 = client.change(uri, [{ range: { start: { ...at, character: at.character + 2 }, end: { ...at, character: at.character + 2 } }, text: 's' }]);
  assert.equal(v5, 5);
  assert.match(client.text(uri), /reports_to: hos {2}/);

  const fixed = await client.waitForDiagnostics(uri, (d, p) => p.version === 5);
  assert.ok(lacks('unknown-reference')(fixed.diagnostics), `v5 still has unknown-reference: [${summarize(fixed.diagnostics)}]`);
  assert.ok(has('missing-responsibility')(fixed.diagnostics), `v5 lost the unrelated missing-responsibility: [${summarize(fixed.diagnostics)}]`);

  // Two content changes in one notification, the second relative to the text after the first.
  const insertAt = { line: 13, character: 0 };
  const text = client.text(uri);
  assert.match(text.split('\n')[13], /# MISTAKE: regional-business-development is missing/);
  const after = text.split('\n');
  after.splice(13, 0, '      - regional-business-development');
  const secondRange = rangeOf(after.join('\n'), 'MISTAKE: regional-business-development is missing.');
  assert.equal(secondRange.start.line, 14);
  const v6 = client.change(uri, [
    { range: { start: insertAt, end: insertAt }, text: '      - regional-business-development\n' },
    { range: secondRange, text: 'added during review.' },
  ]);
  const both = await client.waitForDiagnostics(uri, (d, p) => p.version === v6);
  assert.deepEqual(codes(both.diagnostics), ['responsibility-overlap'], `v6: [${summarize(both.diagnostics)}]`);
  assert.equal(both.diagnostics[0].range.start.line, 11);

  // The last publish for the document is for its latest version, and versions never went backwards.
  const versions = client.published.filter((e) => e.params.uri === uri).map((e) => e.params.version).filter((v) => v != null);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, `publish versions out of order: ${versions}`);
  assert.equal(versions.at(-1), v6);
});

test('an edit in one file changes the diagnostics of other, never-opened files', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const others = ['emea.charter.yaml', 'apac.charter.yaml', 'americas.charter.yaml'].map((f) => client.uri(f));
  for (const uri of others) assert.ok(has('responsibility-overlap')(client.latest.get(uri).params.diagnostics), `${uri} starts with an overlap`);

  const uri = client.open('org.charter.yaml');
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  const mark = client.mark();
  const line = client.text(uri).split('\n')[29];
  assert.equal(line.trim(), '- key-account-relationships');
  const v2 = client.change(uri, [{ range: lineRange(29), text: '' }]);

  const org = await client.waitForDiagnostics(uri, (d, p) => p.version === v2);
  assert.ok(lacks('responsibility-overlap')(org.diagnostics), `org v2: [${summarize(org.diagnostics)}]`);
  assert.ok(has('uncovered-region')(org.diagnostics), 'org keeps its uncovered-region');
  for (const other of others) {
    const params = await client.waitForDiagnostics(other, lacks('responsibility-overlap'), 5000, { since: mark });
    assert.equal(params.version ?? null, null, `${other} is not open: no version`);
  }
  const emea = client.latest.get(client.uri('emea.charter.yaml')).params.diagnostics;
  assert.ok(has('territory-overlap')(emea) && has('duplicate-responsibility')(emea), `emea lost unrelated findings: [${summarize(emea)}]`);
  const americas = client.latest.get(client.uri('americas.charter.yaml')).params.diagnostics;
  assert.ok(has('unknown-reference')(americas), `americas lost its unknown-reference: [${summarize(americas)}]`);

  // Undo: the overlaps come back everywhere.
  const mark2 = client.mark();
  client.insert(uri, { line: 29, character: 0 }, line + '\n');
  for (const other of [...others, uri]) await client.waitForDiagnostics(other, has('responsibility-overlap'), 5000, { since: mark2 });
});

test('closing an edited, unsaved document goes back to the text on disk', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('americas.charter.yaml');
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  const v2 = client.replace(uri, 'hso', 'hos');
  await client.waitForDiagnostics(uri, (d, p) => p.version === v2 && lacks('unknown-reference')(d));
  const mark = client.mark();
  client.close(uri);
  const params = await client.waitForDiagnostics(uri, has('unknown-reference'), 5000, { since: mark });
  assert.equal(params.version ?? null, null, 'a closed document has no version');
});

test('a workspace folder added later is linted; a removed one has its diagnostics cleared', TIMEOUT, async (t) => {
  const first = examplesWorkspace();
  const second = writeFiles(tmpDir(), {
    'team.charter.yaml': yaml`
      charter: Second
      roles:
        - id: boss
          role: head-of-sales
          scope: organization
          reports_to: nobody
    `,
  });
  const client = await startServer(first, { t });
  const emea = client.uri('emea.charter.yaml');
  await client.waitForDiagnostics(emea, (d) => d.length > 0);
  const mark = client.mark();
  client.sendNotification('workspace/didChangeWorkspaceFolders', {
    event: { added: [{ uri: fileUri(second), name: 'second' }], removed: [{ uri: fileUri(first), name: path.basename(first) }] },
  });
  const team = await client.waitForDiagnostics(fileUri(path.join(second, 'team.charter.yaml')), has('unknown-reference'), 5000, { since: mark });
  assert.ok(has('missing-responsibility')(team.diagnostics));
  await client.waitForDiagnostics(emea, (d) => d.length === 0, 5000, { since: mark });
});

test('a nested folder with its own .charterlintrc.yaml is a separate organization', TIMEOUT, async (t) => {
  const root = examplesWorkspace({
    'partners/.charterlintrc.yaml': "files: ['**/*.charter.yaml']\n",
    'partners/partners.charter.yaml': yaml`
      charter: Northwind Partners
      regions: [Benelux]
      external: [ceo]
      roles:
        - id: hos
          role: head-of-sales
          scope: organization
          reports_to: ceo
          responsibilities: [sales-strategy]
        - id: rsm-benelux
          role: regional-sales-manager
          scope: {region: DACH}
          reports_to: hos
    `,
  });
  const client = await startServer(root, { t });
  const partners = await client.waitForDiagnostics(client.uri('partners/partners.charter.yaml'), (d) => d.length > 0);
  // Its own ids and regions: no clash with the examples' hos, and DACH is not declared here.
  assert.ok(!partners.diagnostics.some((d) => d.code === 'duplicate-role-id'), `[${summarize(partners.diagnostics)}]`);
  assert.ok(has('unknown-region')(partners.diagnostics), `DACH belongs to the other organization: [${summarize(partners.diagnostics)}]`);
  const org = await client.waitForDiagnostics(client.uri('org.charter.yaml'), (d) => d.length > 0);
  assert.ok(!org.diagnostics.some((d) => d.code === 'duplicate-role-id'), `[${summarize(org.diagnostics)}]`);
  for (const d of org.diagnostics) for (const r of d.relatedInformation ?? []) assert.ok(!r.location.uri.includes('/partners/'), 'no related info across organizations');
});

test('a charter opened from outside the workspace folders is linted on its own', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const outside = writeFiles(tmpDir(), {});
  const uri = client.open(fileUri(path.join(outside, 'loose.charter.yaml')), 'charter: Loose\nroles:\n  - id: solo\n    role: head-of-sales\n    scope: organization\n    reports_to: nobody\n');
  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  assert.ok(has('unknown-reference')(params.diagnostics), `[${summarize(params.diagnostics)}]`);
  assert.ok(!params.diagnostics.some((d) => d.code === 'duplicate-role-id'));
});

test('opening a YAML file that is not a charter publishes nothing for it', TIMEOUT, async (t) => {
  const client = await startOnExamples(t, { 'notes.yaml': 'roles: [not, a, charter\n' });
  const notes = client.open('notes.yaml');
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: notes } });
  assert.ok(symbols === null || (Array.isArray(symbols) && symbols.length === 0));
  // A charter opened afterwards is published after anything the server would have sent for notes.yaml.
  const americas = client.open('americas.charter.yaml');
  await client.waitForDiagnostics(americas, (d, p) => p.version === 1);
  const forNotes = client.published.filter((e) => e.params.uri === notes && e.params.diagnostics.length > 0);
  assert.deepEqual(forNotes, [], 'notes.yaml got diagnostics');
});

/** In a bench charter (bench/generate.mjs), the position just after `holder: Person <n>`. */
function afterHolder(text, n) {
  const { start } = rangeOf(text, `    holder: Person ${n}\n`);
  return { line: start.line, character: `    holder: Person ${n}`.length };
}

test('a newer version drops the analysis in progress: the stale version is never published', { timeout: 60000 }, async (t) => {
  const { bigCharter } = await import('../../bench/generate.mjs');
  const client = await startOnExamples(t);
  // 5,000 roles (55k lines): re-analysing after an edit takes many 20 ms slices.
  const uri = client.open('big.charter.yaml', bigCharter(5000));
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1, 30000);
  const at = afterHolder(client.text(uri), 2500);
  const mark = client.mark();
  const seen = client.notifications.length;
  const stale = client.insert(uri, at, 'a');
  // Once the server reports it is analysing version 2, version 3 arrives.
  await client.waitFor(() => client.notifications.slice(seen).find((n) => n.method === 'orgCharter/status' && n.params.busy), 10000, () => 'orgCharter/status busy');
  const latest = client.insert(uri, { line: at.line, character: at.character + 1 }, 'b');
  await client.waitForDiagnostics(uri, (d, p) => p.version === latest, 30000, { since: mark });
  const versions = client.published.filter((e) => e.seq > mark && e.params.uri === uri).map((e) => e.params.version);
  assert.deepEqual(versions, [latest], `version ${stale} was analysed to the end and published before ${latest}: ${versions}`);
  assert.ok(client.text(uri).includes('holder: Person 2500ab\n'));
});

test('twenty keystrokes sent at once are coalesced into a few analyses, ending with the last version, not one each', TIMEOUT, async (t) => {
  const { bigCharter } = await import('../../bench/generate.mjs');
  const client = await startOnExamples(t);
  // Large enough that an analysis per keystroke would be costly.
  const uri = client.open('big.charter.yaml', bigCharter(1500));
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1, 30000);
  const mark = client.mark();
  // Type "Person 700" → "Person 700abcdefghijklmnopqrst", one didChange per letter, without waiting.
  const at = afterHolder(client.text(uri), 700);
  let version = 1;
  for (const [index, letter] of [...'abcdefghijklmnopqrst'].entries()) {
    const position = { line: at.line, character: at.character + index };
    version = client.insert(uri, position, letter);
  }
  assert.equal(version, 21);
  await client.waitForDiagnostics(uri, (d, p) => p.version === version, 30000, { since: mark });
  const during = client.published.filter((entry) => entry.seq > mark && entry.params.uri === uri);
  assert.ok(during.length <= 10, `one analysis per keystroke? ${during.length} publications: versions ${during.map((e) => e.params.version)}`);
  assert.equal(during.at(-1).params.version, version, 'the last publication is for the last keystroke');
});
