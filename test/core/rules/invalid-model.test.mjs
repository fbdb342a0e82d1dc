import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import {
  lint, byRule, charter, hos, rsm, role, HOS, assertCovers, assertQuiet, inFile, fixAllText, FIELD_SALES_MODEL_TEXT,
} from './_support.mjs';

const require = createRequire(import.meta.url);
/** The file-system model resolver the CLI and the language server hand to the core. */
const { charterModelResolver } = require('../../../server/out/node/project.js');

// A project on disk: <tmp>/project is the root, holding models/field-sales.roles.yaml; a model
// file also sits outside it, at <tmp>/outside.roles.yaml.
let tmp;
let root;
let resolveModel;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-lint-invalid-model-'));
  root = path.join(tmp, 'project');
  fs.mkdirSync(path.join(root, 'models'), { recursive: true });
  fs.writeFileSync(path.join(root, 'models', 'field-sales.roles.yaml'), FIELD_SALES_MODEL_TEXT);
  fs.writeFileSync(path.join(tmp, 'outside.roles.yaml'), FIELD_SALES_MODEL_TEXT);
  resolveModel = charterModelResolver(root, root);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FIELD_SALES_ORG = (model) =>
  charter({
    model,
    regions: '[EMEA]',
    roles: [
      role({ id: 'vp', type: 'vp-sales', scope: 'organization', reportsTo: 'ceo', resp: '[quota-setting]' }),
      role({ id: 'ae-emea', type: 'account-exec', scope: '{region: EMEA}', reportsTo: 'vp', resp: '[pipeline]' }),
    ],
  });

test('an unknown built-in id: error on the model: value; model rules are skipped', () => {
  const text = charter({ model: 'sales-leadrship', roles: [hos({ resp: '[sales-strategy]' }), rsm('EMEA', { type: 'regional-manager' }), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'invalid-model');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'sales-leadrship');
  assert.equal(f.line, 2);
  assert.equal(f.severity, 'error');
  assert.ok(f.fixes.every((x) => !x.safe));
  for (const rule of ['missing-responsibility', 'unknown-role-type', 'unowned-responsibility', 'too-many-holders', 'responsibility-overlap']) {
    assert.deepEqual(byRule(findings, rule), [], `${rule} is skipped when the model failed`);
  }
  assert.equal(fixAllText(text), undefined);
});

test('structural rules still run when the model failed', () => {
  const text = charter({ model: 'no-such-model', roles: [hos(), rsm('EMEA'), rsm('APAC', { id: 'rsm-emea' })] }).replace('regions:', 'owner: x\nregions:');
  const findings = lint(text);
  assert.equal(byRule(findings, 'invalid-model').length, 1);
  assert.equal(byRule(findings, 'schema').length, 1);
  assert.equal(byRule(findings, 'duplicate-role-id').length, 2);
});

test('built-in ids are case-sensitive', () => {
  const text = charter({ model: 'Sales-Leadership' });
  const [f] = byRule(lint(text), 'invalid-model');
  assertCovers(f, text, 'Sales-Leadership');
});

test('a model path that leaves the project root is invalid-model, even if the file exists', () => {
  const text = FIELD_SALES_ORG('../outside.roles.yaml');
  const findings = lint({ 'org.charter.yaml': text }, { resolveModel });
  const [f] = byRule(findings, 'invalid-model');
  assert.ok(f);
  assertCovers(f, text, '../outside.roles.yaml');
  assert.deepEqual(byRule(findings, 'unknown-role-type'), [], 'model rules are skipped');
});

test('a model path that does not exist is invalid-model', () => {
  const text = FIELD_SALES_ORG('models/missing.roles.yaml');
  const [f] = byRule(lint({ 'org.charter.yaml': text }, { resolveModel }), 'invalid-model');
  assertCovers(f, text, 'models/missing.roles.yaml');
});

test('a model file inside the root loads: no invalid-model, its role types are used', () => {
  const text = FIELD_SALES_ORG('models/field-sales.roles.yaml');
  const findings = lint({ 'org.charter.yaml': text }, { resolveModel });
  assert.deepEqual(byRule(findings, 'invalid-model'), []);
  assertQuiet(findings);
});

test('a charter naming another model than the first file (path order): invalid-model on the later one', () => {
  const a = charter({ model: 'sales-leadership', roles: [hos(), rsm('EMEA'), rsm('APAC')] });
  const b = charter({ name: 'Acme — field', model: 'models/field-sales.roles.yaml', regions: null, external: null, roles: [] }).replace('roles:\n', 'roles: []\n');
  const findings = lint({ 'b.charter.yaml': b, 'a.charter.yaml': a }, { resolveModel });
  assert.deepEqual(inFile(findings, 'invalid-model', 'a.charter.yaml'), []);
  const [f] = inFile(findings, 'invalid-model', 'b.charter.yaml');
  assert.ok(f, 'the later file is reported');
  assertCovers(f, b, 'models/field-sales.roles.yaml');
  // The organization keeps the first file's model: a's roles are checked against sales-leadership.
  assertQuiet(findings, 'invalid-model');
});

test('near misses: the same model in every file, or only in some files', () => {
  const a = charter({ model: 'sales-leadership', roles: [hos(), rsm('EMEA')] });
  const b = charter({ name: 'Acme — APAC', model: 'sales-leadership', regions: null, external: null, roles: [rsm('APAC')] });
  const c = charter({ name: 'Acme — notes', regions: null, external: null, roles: [] }).replace('roles:\n', 'roles: []\n');
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b, 'c.charter.yaml': c });
  assert.deepEqual(byRule(findings, 'invalid-model'), []);
  assertQuiet(findings);
  assert.deepEqual(byRule(lint(charter({ roles: [hos({ resp: HOS }), rsm('EMEA'), rsm('APAC')] })), 'invalid-model'), []);
});
