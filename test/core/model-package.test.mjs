// Issue #14 item 4, below the CLI: which `model:` values name an npm package, and how a package's
// model file is located (server/src/node/model-package.ts, shared by the CLI and the server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, writeFiles } from '../helpers.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { isPackageName, isScopedPackageName, locatePackageModel } = await import(path.join(repoRoot, 'server/out/node/model-package.js'));
const { resolveModelReference } = await import(path.join(repoRoot, 'server/out/node/project.js'));

test('package names: scoped and unscoped npm names are packages; model file names and paths are not', () => {
  for (const name of ['@acme/sales-roles', 'acme-sales-roles', 'roles.v2', '@a/b']) assert.ok(isPackageName(name), name);
  for (const name of ['./x.roles.yaml', 'x.roles.yaml', 'models/x.roles.yml', '@acme/', '@acme/a/b', 'Acme-Roles', '../@acme/x', '.hidden', '']) {
    assert.ok(!isPackageName(name), name);
  }
  assert.ok(isScopedPackageName('@acme/sales-roles'));
  assert.ok(!isScopedPackageName('acme-sales-roles'));
  assert.ok(!isScopedPackageName('models/acme.roles.yaml'));
});

test('locatePackageModel: the charterLint.model field wins over main; main is used only when it ends in .roles.yaml', () => {
  const dir = writeFiles(tempDir('mp-'), {
    'node_modules/both/package.json': JSON.stringify({ main: 'b.roles.yaml', charterLint: { model: 'a.roles.yaml' } }),
    'node_modules/both/a.roles.yaml': 'x',
    'node_modules/both/b.roles.yaml': 'x',
    'node_modules/js-main/package.json': JSON.stringify({ main: 'index.js' }),
    'node_modules/not-yaml/package.json': JSON.stringify({ charterLint: { model: 'model.json' } }),
    'node_modules/bad-json/package.json': '{ nope',
  });
  const real = fs.realpathSync(dir);
  const both = locatePackageModel('both', dir, dir);
  assert.equal(both.ok, true);
  assert.equal(both.modelFile, path.join(real, 'node_modules/both/a.roles.yaml'));
  assert.match(locatePackageModel('js-main', dir, dir).error, /names no role model/);
  assert.match(locatePackageModel('not-yaml', dir, dir).error, /is not a \*\.roles\.yaml file/);
  assert.match(locatePackageModel('bad-json', dir, dir).error, /package\.json is not valid JSON/);
  const missing = locatePackageModel('absent', dir, dir);
  assert.equal(missing.notInstalled, true);
});

test('locatePackageModel walks up from the base folder but never above the root', () => {
  const dir = writeFiles(tempDir('mp-'), {
    'node_modules/@acme/r/package.json': JSON.stringify({ charterLint: { model: 'r.roles.yaml' } }),
    'node_modules/@acme/r/r.roles.yaml': 'x',
    'proj/teams/emea/.keep': '',
  });
  assert.equal(locatePackageModel('@acme/r', path.join(dir, 'proj/teams/emea'), dir).ok, true);
  assert.equal(locatePackageModel('@acme/r', path.join(dir, 'proj/teams/emea'), path.join(dir, 'proj')).ok, false);
});

test('resolveModelReference: a built-in id still wins over a package of the same name', () => {
  const dir = writeFiles(tempDir('mp-'), {
    'node_modules/sales-leadership/package.json': JSON.stringify({ charterLint: { model: 'x.roles.yaml' } }),
  });
  const resolved = resolveModelReference('sales-leadership', dir, dir);
  assert.equal(resolved.ok, true);
  assert.equal(resolved.key, 'builtin:sales-leadership');
});
