// The server must survive anything an editor can send: half-typed or binary text, odd ranges,
// requests for documents it does not know. It answers, reports yaml-syntax, and never exits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileUri, startOnExamples, summarize } from './lsp-client.mjs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const { CancellationTokenSource } = createRequire(import.meta.url)('vscode-jsonrpc/node');

const TIMEOUT = { timeout: 30000 };
const has = (code) => (diagnostics) => diagnostics.some((d) => d.code === code);

/** Deterministic "random" text: any UTF-16 code unit, with extra control characters and YAML punctuation. */
function noise(seed, length) {
  let x = seed >>> 0;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const punctuation = ['\t', '\n', '\r', '\0', ':', '-', '[', '{', '"', "'", '&', '*', '!', '|', '>', '#', '%', '@', '`', ' '];
  let out = '';
  for (let i = 0; i < length; i++) {
    const r = next();
    out += r % 3 === 0 ? punctuation[r % punctuation.length] : String.fromCharCode(r % 0x10000);
  }
  return out;
}

const GARBAGE = [
  { name: 'unclosed brackets and tabs', text: 'charter: Broken\nroles: [\n  - id: {\n\trole:\t[regional-sales-manager\n', syntax: true },
  { name: 'tab indentation', text: 'charter: Tabs\nroles:\n\t- id: rsm-x\n\t\trole: regional-sales-manager\n', syntax: true },
  { name: 'unclosed quote', text: 'charter: "Acme\nroles:\n  - id: x\n', syntax: true },
  { name: 'random bytes', text: noise(42, 4000) },
  { name: 'more random bytes', text: noise(7, 4000) },
  { name: 'NUL bytes and a BOM', text: '\uFEFFcharter: A\0B\nroles:\n  - id: \0\n' },
  { name: 'directives, tags and a dangling alias', text: '%YAML 9.9\n---\n!!binary roles: *nowhere\n--- &a [*a, *a]\n...\n' },
  { name: 'deep nesting', text: `roles: ${'['.repeat(3000)}` },
  { name: 'lone surrogates and a long line', text: `charter: \uD800\uDFFF\uDC00\nroles:\n  - id: ${'x'.repeat(20000)}\n` },
  { name: 'a role list of scalars', text: 'charter: C\nroles: [1, true, null, ~, .nan, "x"]\nregions: {a: {b: {c: [d]}}}\n' },
  { name: 'empty', text: '' },
];

test('garbage over didChange never kills the server; it keeps answering and reports yaml-syntax', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  const original = client.text(uri);
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  for (const { name, text, syntax } of GARBAGE) {
    const version = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: client.end(uri) }, text }]);
    const params = await client.waitForDiagnostics(uri, (d, p) => p.version === version, 5000).catch((error) => {
      throw new Error(`${name}: ${error.message}`);
    });
    if (syntax) assert.ok(has('yaml-syntax')(params.diagnostics), `${name}: no yaml-syntax in [${summarize(params.diagnostics)}]`);
    for (const d of params.diagnostics) {
      assert.ok(d.range.start.line >= 0 && d.range.end.line >= d.range.start.line, `${name}: bad range ${JSON.stringify(d.range)}`);
    }
    const middle = { line: 1, character: 2 };
    await client.hover(uri, middle).catch((error) => assert.fail(`${name}: hover failed: ${error.message}`));
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } }).catch((error) => assert.fail(`${name}: documentSymbol failed: ${error.message}`));
    assert.ok(symbols === null || Array.isArray(symbols), `${name}: documentSymbol answer ${JSON.stringify(symbols)?.slice(0, 200)}`);
    await client.completion(uri, client.end(uri)).catch((error) => assert.fail(`${name}: completion failed: ${error.message}`));
    await client.codeActions(uri, { start: { line: 0, character: 0 }, end: client.end(uri) }).catch((error) => assert.fail(`${name}: codeAction failed: ${error.message}`));
    assert.ok(client.alive, `${name}: the server exited: ${JSON.stringify(client.exit)}\n${client.stderr.slice(-2000)}`);
  }

  // Back to the real text: the real findings come back, and the outline works again.
  const version = client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: client.end(uri) }, text: original }]);
  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === version);
  assert.ok(has('duplicate-responsibility')(params.diagnostics) && has('territory-overlap')(params.diagnostics), `[${summarize(params.diagnostics)}]`);
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(symbols.some((s) => s.name === 'rsm-dach'));
});

test('a broken file does not hide the other files\' cross-file findings or crash their analysis', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const org = client.open('org.charter.yaml');
  await client.waitForDiagnostics(org, (d, p) => p.version === 1);
  const mark = client.mark();
  const version = client.change(org, [{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, text: '  - id: [unclosed\n' }]);
  const params = await client.waitForDiagnostics(org, (d, p) => p.version === version);
  assert.ok(has('yaml-syntax')(params.diagnostics), `[${summarize(params.diagnostics)}]`);
  // Whatever the server decides about hos, emea is re-analysed and still reports its own findings.
  const emea = await client.waitForDiagnostics(client.uri('emea.charter.yaml'), () => true, 5000, { since: mark });
  assert.ok(has('duplicate-responsibility')(emea.diagnostics), `emea: [${summarize(emea.diagnostics)}]`);
  assert.ok(client.alive);
});

test('requests for unknown, never-opened or closed documents answer empty, not with an error', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const nowhere = fileUri(path.join(client.root, 'nowhere.charter.yaml'));
  const outside = fileUri(path.join(path.dirname(client.root), 'outside-the-workspace.charter.yaml'));
  const untitled = 'untitled:Untitled-1';

  const scratch = client.open('scratch.charter.yaml', 'charter: Scratch\nroles:\n  - id: scratch\n    role: regional-sales-manger\n');
  const opened = await client.waitForDiagnostics(scratch, (d, p) => p.version === 1);
  assert.ok(has('unknown-role-type')(opened.diagnostics), `scratch: [${summarize(opened.diagnostics)}]`);
  const mark = client.mark();
  client.close(scratch);
  // An unsaved document that was closed is gone: its diagnostics are cleared.
  await client.waitForDiagnostics(scratch, (d) => d.length === 0, 5000, { since: mark });

  const position = { line: 3, character: 12 };
  const range = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
  const empty = (value) => value === null || (Array.isArray(value) && value.length === 0) || (value && Array.isArray(value.items) && value.items.length === 0);
  for (const uri of [nowhere, outside, untitled, scratch]) {
    const textDocument = { uri };
    const answers = {
      hover: await client.request('textDocument/hover', { textDocument, position }),
      documentSymbol: await client.request('textDocument/documentSymbol', { textDocument }),
      codeAction: await client.request('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }),
      fixAll: await client.request('textDocument/codeAction', { textDocument, range, context: { diagnostics: [], only: ['source.fixAll.charter-lint'] } }),
      completion: await client.request('textDocument/completion', { textDocument, position }),
      definition: await client.request('textDocument/definition', { textDocument, position }),
      references: await client.request('textDocument/references', { textDocument, position, context: { includeDeclaration: true } }),
      prepareRename: await client.request('textDocument/prepareRename', { textDocument, position }),
      rename: await client.request('textDocument/rename', { textDocument, position, newName: 'fresh' }),
    };
    for (const [method, value] of Object.entries(answers)) assert.ok(empty(value), `${method} for ${uri}: ${JSON.stringify(value)}`);
  }
  assert.ok(client.alive);
  // And the server still works for real documents.
  const emea = client.open('emea.charter.yaml');
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: emea } });
  assert.ok(symbols.some((s) => s.name === 'rsm-emea'));
});

test('protocol misuse: didChange for an unopened document, out-of-range edits, unknown methods', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const apac = client.uri('apac.charter.yaml');
  client.sendNotification('textDocument/didChange', { textDocument: { uri: apac, version: 9 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'x' }] });
  client.sendNotification('textDocument/didClose', { textDocument: { uri: client.uri('never-opened.charter.yaml') } });
  client.sendNotification('charter/unknownNotification', { x: 1 });
  await assert.rejects(client.request('charter/unknownRequest', {}), (error) => error.code === -32601, 'an unknown request is MethodNotFound');

  const uri = client.open('emea.charter.yaml');
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  // A range past the end of the document (the LSP says: clamp to the end).
  client.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 500, character: 0 }, end: { line: 900, character: 40 } }, text: '\n# appended\n' }],
  });
  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === 2);
  assert.ok(has('duplicate-responsibility')(params.diagnostics), `v2: [${summarize(params.diagnostics)}]`);
  const hover = await client.hover(uri, { line: 4, character: 12 });
  assert.match(hover?.contents?.value ?? '', /Regional Sales Manager/);
  assert.ok(client.alive);
});

test('a request cancelled while it waits behind a long analysis is answered RequestCancelled and never run; the server goes on', TIMEOUT, async (t) => {
  const { bigCharter } = await import('../../bench/generate.mjs');
  const client = await startOnExamples(t);
  // About 30k lines: its first analysis keeps the server busy for a noticeable time.
  const big = client.open('big.charter.yaml', bigCharter(3000));
  // documentSymbol flushes the pending analysis, synchronously; what we send meanwhile is queued.
  const busy = client.request('textDocument/documentSymbol', { textDocument: { uri: big } });
  const source = new CancellationTokenSource();
  const cancelled = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: big }, position: { line: 20, character: 8 } }, source.token);
  source.cancel();
  const outcome = await cancelled.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  assert.ok(outcome.error, `the cancelled hover was answered: ${JSON.stringify(outcome.value)}`);
  assert.equal(outcome.error.code, -32800, `RequestCancelled, got ${outcome.error.code} ${outcome.error.message}`);
  const symbols = await busy;
  assert.ok(symbols.length > 3000, `the request ahead of it still completed (${symbols.length} symbols)`);
  // A cancel for an id that does not exist is ignored, and the server still answers.
  client.connection.sendNotification('$/cancelRequest', { id: 987654 });
  const hover = await client.request('textDocument/hover', { textDocument: { uri: big }, position: { line: 20, character: 8 } });
  assert.ok(client.alive);
  assert.ok(hover === null || typeof hover === 'object');
});

test('versions that skip ahead or go backwards: the server follows the text it was sent, stays up, and a reopen resynchronises', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('emea.charter.yaml');
  const original = client.text(uri);
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  const end = { line: original.split('\n').length - 1, character: 0 };
  const change = (version, text) =>
    client.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: end, end }, text }] });
  // Skips from 1 to 5: still applied, published as version 5.
  change(5, '  - id: extra\n    role: regional-sales-manger\n');
  const skipped = await client.waitForDiagnostics(uri, (d, p) => p.version === 5);
  assert.ok(has('unknown-role-type')(skipped.diagnostics), `v5: [${summarize(skipped.diagnostics)}]`);
  // Goes back to 3 (stale): no crash, and the server answers requests.
  change(3, '# stale\n');
  const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  assert.ok(Array.isArray(symbols) && symbols.length > 0);
  assert.ok(client.alive);
  // The client resynchronises with a close and a full reopen: diagnostics match that text exactly.
  client.close(uri);
  const reopened = client.open('emea.charter.yaml', original, { version: 10 });
  const fresh = await client.waitForDiagnostics(reopened, (d, p) => p.version === 10);
  assert.ok(!has('unknown-role-type')(fresh.diagnostics), `v10: [${summarize(fresh.diagnostics)}]`);
  assert.ok(has('duplicate-responsibility')(fresh.diagnostics), `v10: [${summarize(fresh.diagnostics)}]`);
});
