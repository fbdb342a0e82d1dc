// SPEC §2 "Model": one per organization: --model, else the config's model:, else the charters'
// model:, else sales-leadership. Paths are relative to their file and must stay inside the project
// root; a charter model that fails, leaves the root or differs from the first file's is invalid-model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { project, run, runJson, describe, assertUsageError, flat, rulesOf, where, cleanCharter, tinyCharter, TINY_MODEL } from './cli-util.mjs';

/** 0-based start of `needle` on the first line containing it. */
function at(text, needle) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line].indexOf(needle) };
}

test('a charter `model: ./custom.roles.yaml` loads that model', () => {
  const dir = project({ 'custom.roles.yaml': TINY_MODEL, 'org.charter.yaml': tinyCharter({ model: './custom.roles.yaml' }) });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
});

test('a charter model path is relative to the charter file', () => {
  const dir = project({ 'models/tiny.roles.yaml': TINY_MODEL, 'teams/emea/org.charter.yaml': tinyCharter({ model: '../../models/tiny.roles.yaml' }) });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(report, [{ file: 'teams/emea/org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
});

test('a charter `model: sales-leadership` is the built-in model', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter().replace('charter: Acme Sales\n', 'charter: Acme Sales\nmodel: sales-leadership\n') });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(rulesOf(report), []);
  assert.equal(r.status, 0, describe(r));
});

test('`model: ../outside.roles.yaml` leaving the project root is invalid-model (cwd is the root)', () => {
  const root = project({ 'outside.roles.yaml': TINY_MODEL, 'proj/org.charter.yaml': tinyCharter({ model: '../outside.roles.yaml' }) });
  const { r, report } = runJson([], { cwd: path.join(root, 'proj') });
  const text = tinyCharter({ model: '../outside.roles.yaml' });
  const start = at(text, '../outside.roles.yaml');
  const invalid = flat(report).filter((d) => d.rule === 'invalid-model');
  assert.equal(invalid.length, 1, JSON.stringify(report));
  assert.equal(invalid[0].severity, 'error');
  assert.deepEqual(invalid[0].range.start, start, 'reported on the model: value');
  // Model rules are skipped for an organization whose model failed: no unknown-role-type cascade.
  assert.deepEqual(rulesOf(report), ['invalid-model']);
  assert.equal(r.status, 1, describe(r));
});

test('`model: ../outside.roles.yaml` leaving the root set by .charterlintrc.yaml is invalid-model', () => {
  const root = project({
    'outside.roles.yaml': TINY_MODEL,
    'proj/.charterlintrc.yaml': '',
    'proj/org.charter.yaml': tinyCharter({ model: '../outside.roles.yaml' }),
  });
  // Run from the parent: the config, not the cwd, decides the project root.
  const { r, report } = runJson(['proj'], { cwd: root });
  assert.deepEqual(where(report, 'invalid-model'), ['proj/org.charter.yaml 2:8']);
  assert.deepEqual(rulesOf(report), ['invalid-model']);
  assert.equal(r.status, 1, describe(r));
});

test('a charter model that cannot be loaded (missing file, unknown built-in id, invalid model) is invalid-model, not exit 2', () => {
  const cases = {
    'missing file': { 'org.charter.yaml': tinyCharter({ model: './nope.roles.yaml' }) },
    'unknown built-in': { 'org.charter.yaml': tinyCharter({ model: 'marketing-leadership' }) },
    'invalid model YAML': { 'bad.roles.yaml': 'model: [oops\n', 'org.charter.yaml': tinyCharter({ model: './bad.roles.yaml' }) },
    'invalid model schema': { 'bad.roles.yaml': 'model: tiny\nscopes: [organization]\n', 'org.charter.yaml': tinyCharter({ model: './bad.roles.yaml' }) },
  };
  for (const [what, files] of Object.entries(cases)) {
    const dir = project(files);
    const { r, report } = runJson([], { cwd: dir });
    assert.deepEqual(where(report, 'invalid-model'), ['org.charter.yaml 2:8'], what);
    assert.deepEqual(rulesOf(report), ['invalid-model'], `${what}: model rules skipped`);
    assert.equal(r.status, 1, `${what}: ${describe(r)}`);
  }
});

test('two charters with different models: invalid-model on the second (path order)', () => {
  const dir = project({
    'tiny.roles.yaml': TINY_MODEL,
    'a.charter.yaml': tinyCharter({ model: './tiny.roles.yaml' }),
    'b.charter.yaml': 'charter: Tiny Co\nmodel: sales-leadership\n',
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(where(report, 'invalid-model'), ['b.charter.yaml 2:8']);
  assert.deepEqual(rulesOf(report), ['invalid-model'], 'the first file keeps its model: no other findings');
  assert.equal(r.status, 1, describe(r));
});

test('two charters naming the same model file by different relative paths agree', () => {
  const dir = project({
    'models/tiny.roles.yaml': TINY_MODEL,
    'a.charter.yaml': tinyCharter({ model: './models/tiny.roles.yaml' }),
    'sub/b.charter.yaml': 'charter: Tiny Co\nmodel: ../models/tiny.roles.yaml\n',
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(rulesOf(report), []);
  assert.equal(r.status, 0, describe(r));
});

test('--model PATH sets the model of every organization', () => {
  const dir = project({ 'tiny.roles.yaml': TINY_MODEL, 'org.charter.yaml': tinyCharter() });
  const builtin = runJson([], { cwd: dir });
  assert.ok(rulesOf(builtin.report).includes('unknown-role-type'));
  const { r, report } = runJson(['--model', './tiny.roles.yaml'], { cwd: dir });
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
});

test('--model PATH is relative to the cwd and overrides the config model', () => {
  const root = project({
    'proj/.charterlintrc.yaml': 'model: sales-leadership\n',
    'proj/org.charter.yaml': tinyCharter(),
    'models/tiny.roles.yaml': TINY_MODEL,
  });
  const { r, report } = runJson(['proj', '--model', 'models/tiny.roles.yaml'], { cwd: root });
  assert.deepEqual(report, [{ file: 'proj/org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
});

test('--model with a built-in id', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  const { r, report } = runJson(['--model', 'sales-leadership'], { cwd: dir });
  assert.deepEqual(rulesOf(report), []);
  assert.equal(r.status, 0, describe(r));
});

test('a bad --model exits 2 even when the charters are fine', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter(), 'x.roles.yaml': 'model: x\nscopes: [galaxy]\nresponsibilities: {}\nroles: {}\n' });
  assertUsageError(run(['--model', 'x.roles.yaml'], { cwd: dir }), /x\.roles\.yaml/);
});
