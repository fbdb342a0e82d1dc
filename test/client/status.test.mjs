// The extension's decisions that need no VS Code (client/src/status.ts): which file names start
// the language server, and what the language status item says about a file's findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { nameKind, statusView, newCharterName, PRODUCT_FILES_GLOB } = require('../../client/out/status.js');

test('nameKind: charters, role models and configs by name; other YAML files are none of them', () => {
  assert.equal(nameKind('/work/org/team.charter.yaml'), 'charter');
  assert.equal(nameKind('C:\\org\\team.charter.yml'), 'charter');
  assert.equal(nameKind('team.CHARTER.YAML'), 'charter');
  assert.equal(nameKind('/work/org/sales.roles.yaml'), 'role-model');
  assert.equal(nameKind('/work/org/.charterlintrc.yaml'), 'config');
  assert.equal(nameKind('/work/org/.charterlintrc.yml'), 'config');
  assert.equal(nameKind('/work/.github/workflows/ci.yaml'), undefined);
  assert.equal(nameKind('/work/charter.yaml'), undefined);
  assert.equal(nameKind('/work/team.charter.yaml.bak'), undefined);
  assert.equal(nameKind('Untitled-1'), undefined);
  for (const name of ['a.charter.yaml', 'a.charter.yml', 'a.roles.yaml', 'a.roles.yml', '.charterlintrc.yaml', '.charterlintrc.yml']) {
    assert.ok(PRODUCT_FILES_GLOB.includes(name.replace(/^a\./, '*.')), `the activation search looks for ${name}`);
  }
});

test('statusView: no findings says so; an info or a hint alone is counted, never "no problems" beside "1 finding"', () => {
  assert.deepEqual(statusView({ errors: 0, warnings: 0, infos: 0, hints: 0 }), { text: '$(check) Charter: no findings', detail: 'No findings in this file', level: 'info' });
  const hint = statusView({ errors: 0, warnings: 0, infos: 0, hints: 1 });
  assert.equal(hint.text, '$(info) Charter: 1 hint');
  assert.equal(hint.detail, '1 finding in this file: 1 hint');
  assert.doesNotMatch(hint.text, /no /);
  const info = statusView({ errors: 0, warnings: 0, infos: 2, hints: 0 });
  assert.equal(info.text, '$(info) Charter: 2 infos');
});

test('statusView: text and detail count the same findings, worst severity first', () => {
  const view = statusView({ errors: 1, warnings: 2, infos: 1, hints: 3 });
  assert.equal(view.text, '$(error) Charter: 1 error, 2 warnings, 1 info, 3 hints');
  assert.equal(view.detail, '7 findings in this file: 1 error, 2 warnings, 1 info, 3 hints');
  assert.equal(view.level, 'error');
  assert.equal(statusView({ errors: 0, warnings: 1, infos: 0, hints: 0 }).level, 'warning');
});

test('newCharterName: new-team.charter.yaml, else the first free numbered name', () => {
  assert.equal(newCharterName(() => false), 'new-team.charter.yaml');
  const taken = new Set(['new-team.charter.yaml', 'new-team-2.charter.yaml']);
  assert.equal(newCharterName((name) => taken.has(name)), 'new-team-3.charter.yaml');
});
