// Issue #14 item 4: `model:` may name an installed npm package (`@acme/sales-roles` or
// `acme-sales-roles`), resolved from the project's node_modules (walking up to the project root
// only), data only: the *.roles.yaml its package.json names ("charterLint": {"model": ...}, else a
// `main` ending in .roles.yaml), with the same real-path and size checks as a path model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { project, run, runJson, describe, assertUsageError, flat, rulesOf, where, tinyCharter, TINY_MODEL } from './cli-util.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A package folder under node_modules: package.json plus the given files. */
function pkg(name, manifest, files = {}) {
  const out = { [`node_modules/${name}/package.json`]: JSON.stringify({ name, version: '1.0.0', ...manifest }) };
  for (const [rel, text] of Object.entries(files)) out[`node_modules/${name}/${rel}`] = text;
  return out;
}

const scoped = () => pkg('@acme/tiny-roles', { charterLint: { model: 'tiny.roles.yaml' } }, { 'tiny.roles.yaml': TINY_MODEL });

/** The invalid-model messages of a report; none shows an absolute path. */
function invalidMessages(report, dir) {
  const messages = flat(report).filter((d) => d.rule === 'invalid-model').map((d) => d.message);
  for (const m of messages) {
    assert.ok(!m.includes(dir) && !m.includes(fs.realpathSync(dir)), `no absolute path in: ${m}`);
  }
  return messages;
}

test('a charter `model: \'@acme/tiny-roles\'` loads the model named by the package\'s "charterLint.model"', () => {
  const dir = project({ ...scoped(), 'org.charter.yaml': tinyCharter({ model: "'@acme/tiny-roles'" }) });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
});

test('an unscoped package name whose `main` ends in .roles.yaml loads that file', () => {
  const dir = project({
    ...pkg('acme-tiny-roles', { main: 'model/tiny.roles.yaml' }, { 'model/tiny.roles.yaml': TINY_MODEL }),
    'org.charter.yaml': tinyCharter({ model: 'acme-tiny-roles' }),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
});

test('the package is found in node_modules above the charter\'s folder, up to the project root', () => {
  const dir = project({ ...scoped(), 'teams/emea/org.charter.yaml': tinyCharter({ model: "'@acme/tiny-roles'" }) });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(report, [{ file: 'teams/emea/org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
});

test('node_modules above the project root is not searched: invalid-model "not installed"', () => {
  const root = project({ ...scoped(), 'proj/.charterlintrc.yaml': '', 'proj/org.charter.yaml': tinyCharter({ model: "'@acme/tiny-roles'" }) });
  const { r, report } = runJson(['proj'], { cwd: root });
  assert.deepEqual(where(report, 'invalid-model'), ['proj/org.charter.yaml 2:8']);
  assert.match(invalidMessages(report, root)[0], /package "@acme\/tiny-roles" is not installed in node_modules/);
  assert.deepEqual(rulesOf(report), ['invalid-model']);
  assert.equal(r.status, 1, describe(r));
});

test('a missing package is invalid-model with a clear message (scoped, and unscoped beside the built-in ids)', () => {
  for (const [name, written, pattern] of [
    ['scoped', "'@acme/nope'", /package "@acme\/nope" is not installed in node_modules \(npm install @acme\/nope\)/],
    ['unscoped', 'acme-nope', /unknown built-in model "acme-nope" \(built-in: sales-leadership\), and package "acme-nope" is not installed/],
  ]) {
    const dir = project({ 'org.charter.yaml': tinyCharter({ model: written }) });
    const { r, report } = runJson([], { cwd: dir });
    assert.deepEqual(where(report, 'invalid-model'), ['org.charter.yaml 2:8'], name);
    assert.match(invalidMessages(report, dir)[0], pattern, name);
    assert.deepEqual(rulesOf(report), ['invalid-model'], `${name}: model rules skipped`);
    assert.equal(r.status, 1, describe(r));
  }
});

test('a package naming no model (no charterLint.model, main not a .roles.yaml) is invalid-model', () => {
  const dir = project({
    ...pkg('@acme/code-only', { main: 'index.js' }, { 'index.js': 'module.exports = {};\n', 'tiny.roles.yaml': TINY_MODEL }),
    'org.charter.yaml': tinyCharter({ model: "'@acme/code-only'" }),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.match(invalidMessages(report, dir)[0], /package "@acme\/code-only" names no role model/);
  assert.deepEqual(rulesOf(report), ['invalid-model']);
  assert.equal(r.status, 1, describe(r));
});

test('a package whose model path escapes the package is refused, even when the file exists', () => {
  const dir = project({
    'outside.roles.yaml': TINY_MODEL,
    ...pkg('@acme/escape', { charterLint: { model: '../../../outside.roles.yaml' } }),
    'org.charter.yaml': tinyCharter({ model: "'@acme/escape'" }),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.match(invalidMessages(report, dir)[0], /package "@acme\/escape": its model path leaves the package/);
  assert.deepEqual(rulesOf(report), ['invalid-model']);
  assert.equal(r.status, 1, describe(r));
});

test('a package model that is a symbolic link out of the package is refused', () => {
  const dir = project({ 'outside.roles.yaml': TINY_MODEL, ...pkg('@acme/link', { charterLint: { model: 'tiny.roles.yaml' } }), 'org.charter.yaml': tinyCharter({ model: "'@acme/link'" }) });
  fs.symlinkSync(path.join(dir, 'outside.roles.yaml'), path.join(dir, 'node_modules/@acme/link/tiny.roles.yaml'));
  const { r, report } = runJson([], { cwd: dir });
  assert.match(invalidMessages(report, dir)[0], /its model path leaves the package through a symbolic link/);
  assert.equal(r.status, 1, describe(r));
});

test('a package folder linked from outside the project root is refused (same real-path check as a path model)', () => {
  const root = project({ ...pkg('@acme/tiny-roles', { charterLint: { model: 'tiny.roles.yaml' } }, { 'tiny.roles.yaml': TINY_MODEL }), 'proj/.charterlintrc.yaml': '', 'proj/org.charter.yaml': tinyCharter({ model: "'@acme/tiny-roles'" }) });
  fs.mkdirSync(path.join(root, 'proj/node_modules/@acme'), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules/@acme/tiny-roles'), path.join(root, 'proj/node_modules/@acme/tiny-roles'));
  const { r, report } = runJson(['proj'], { cwd: root });
  assert.match(invalidMessages(report, root)[0], /package "@acme\/tiny-roles" leaves the project root through a symbolic link/);
  assert.equal(r.status, 1, describe(r));
});

test('a package model larger than the size cap is refused without being parsed', () => {
  const dir = project({ ...pkg('@acme/huge', { charterLint: { model: 'huge.roles.yaml' } }), 'org.charter.yaml': tinyCharter({ model: "'@acme/huge'" }) });
  fs.writeFileSync(path.join(dir, 'node_modules/@acme/huge/huge.roles.yaml'), TINY_MODEL + '#'.repeat(5 * 1024 * 1024));
  const { r, report } = runJson([], { cwd: dir });
  assert.match(invalidMessages(report, dir)[0], /larger than 4 MB/);
  assert.equal(r.status, 1, describe(r));
});

test('no code of the package runs: a `main` script with a side effect is never loaded', () => {
  const marker = 'ran.txt';
  const dir = project({
    ...pkg('@acme/tiny-roles', { main: 'index.js', charterLint: { model: 'tiny.roles.yaml' } }, {
      'tiny.roles.yaml': TINY_MODEL,
      'index.js': `require('node:fs').writeFileSync(require('node:path').join(__dirname, '${marker}'), 'x');\n`,
    }),
    'org.charter.yaml': tinyCharter({ model: "'@acme/tiny-roles'" }),
  });
  const { r } = runJson([], { cwd: dir });
  assert.equal(r.status, 0, describe(r));
  assert.ok(!fs.existsSync(path.join(dir, 'node_modules/@acme/tiny-roles', marker)), 'index.js never ran');
});

test('the config\'s `model:` may name a package; a missing one exits 2 with a one-line message', () => {
  const good = project({ ...scoped(), '.charterlintrc.yaml': "model: '@acme/tiny-roles'\n", 'org.charter.yaml': tinyCharter() });
  const ok = runJson([], { cwd: good });
  assert.deepEqual(ok.report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
  assert.equal(ok.r.status, 0, describe(ok.r));
  const bad = project({ '.charterlintrc.yaml': "model: '@acme/nope'\n", 'org.charter.yaml': tinyCharter() });
  assertUsageError(run([], { cwd: bad }), /invalid model "@acme\/nope" in \.charterlintrc\.yaml: package "@acme\/nope" is not installed/);
});

test('a charter naming the package and one naming its file by path share one model (no invalid-model)', () => {
  const dir = project({
    ...scoped(),
    'a.charter.yaml': tinyCharter({ model: "'@acme/tiny-roles'" }),
    'b.charter.yaml': tinyCharter({ model: 'node_modules/@acme/tiny-roles/tiny.roles.yaml' }).replace('id: lead', 'id: lead-b'),
  });
  const { report } = runJson([], { cwd: dir });
  assert.deepEqual(where(report, 'invalid-model'), []);
});

test('examples/shared-model lints clean (exit 0) with its committed @acme/sales-roles package', () => {
  const r = run(['--format', 'json', 'examples/shared-model'], { cwd: repoRoot });
  const report = JSON.parse(r.stdout);
  assert.deepEqual(where(report, 'invalid-model'), []);
  assert.deepEqual(report, [{ file: 'examples/shared-model/team.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
  assert.ok(fs.existsSync(path.join(repoRoot, 'examples/shared-model/node_modules/@acme/sales-roles/package.json')), 'the package folder is committed');
});

test('the examples/ run does not pick up examples/shared-model', () => {
  const r = run(['--format', 'json', 'examples/'], { cwd: repoRoot });
  const files = JSON.parse(r.stdout).map((f) => f.file);
  assert.ok(files.length > 0);
  assert.deepEqual(files.filter((f) => f.includes('shared-model')), []);
});
