// SPEC §2 "Config": `.charterlintrc.yaml` (nearest upward; `--config` replaces the search) with
// `files`, `ignores`, `model`, `rules: {<id>: off|hint|info|warning|error}`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  project, run, runJson, describe, assertUsageError, flat, filesOf, rulesOf, cleanCharter, charterWithWarnings,
  tinyCharter, TINY_MODEL, list, RSM_RESPONSIBILITIES,
} from './cli-util.mjs';

/** A complete organization in which rsm-emea lacks two responsibilities (2 missing-responsibility warnings). */
function charterMissingTwo() {
  return cleanCharter().replace(`responsibilities: ${list(RSM_RESPONSIBILITIES)}`, `responsibilities: ${list(RSM_RESPONSIBILITIES.slice(0, 3))}`);
}

test('rules: {missing-responsibility: off} removes those findings', () => {
  const charter = charterMissingTwo();
  const without = project({ 'org.charter.yaml': charter });
  assert.deepEqual(rulesOf(runJson([], { cwd: without }).report), ['missing-responsibility', 'missing-responsibility']);
  const dir = project({ '.charterlintrc.yaml': 'rules:\n  missing-responsibility: off\n', 'org.charter.yaml': charter });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0);
  // --max-warnings sees no warning either.
  assert.equal(run(['--max-warnings', '0'], { cwd: dir }).status, 0);
});

test('rules: {uncovered-region: error} raises the severity and the exit code', () => {
  const dir = project({ '.charterlintrc.yaml': 'rules:\n  uncovered-region: error\n', 'org.charter.yaml': charterWithWarnings(1) });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(flat(report).map((d) => `${d.rule} ${d.severity}`), ['uncovered-region error']);
  assert.equal(r.status, 1, describe(r));
});

test('rules: an error rule lowered to warning/info/hint no longer fails the run', () => {
  const charter = cleanCharter().replace('reports_to: ceo', 'reports_to: cfo');
  for (const severity of ['warning', 'info', 'hint']) {
    const dir = project({ '.charterlintrc.yaml': `rules: {unknown-reference: ${severity}}\n`, 'org.charter.yaml': charter });
    const { r, report } = runJson([], { cwd: dir });
    assert.deepEqual(flat(report).map((d) => `${d.rule} ${d.severity}`), [`unknown-reference ${severity}`]);
    assert.equal(r.status, 0, `${severity}: ${describe(r)}`);
  }
});

test('an empty .charterlintrc.yaml is valid and means the defaults', () => {
  const dir = project({ '.charterlintrc.yaml': '', 'org.charter.yaml': cleanCharter() });
  const { r, report } = runJson([], { cwd: dir });
  assert.equal(r.status, 0, describe(r));
  assert.deepEqual(filesOf(report), ['org.charter.yaml']);
});

test('files: a glob in the config decides which files are charters', () => {
  const dir = project({
    '.charterlintrc.yaml': 'files: ["teams/*.yaml"]\n',
    'org.charter.yaml': 'charter: [not linted\n',
    'teams/emea.yaml': cleanCharter({ regions: ['EMEA'] }),
    'teams/notes.txt': 'not yaml',
    'other/x.yaml': 'charter: [not linted\n',
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(filesOf(report), ['teams/emea.yaml']);
  assert.equal(r.status, 0, describe(r));
});

test('files: a single string glob is accepted', () => {
  const dir = project({
    '.charterlintrc.yaml': 'files: "**/*.team.yaml"\n',
    'a.charter.yaml': 'charter: [not linted\n',
    'emea/sales.team.yaml': cleanCharter({ regions: ['EMEA'] }),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(filesOf(report), ['emea/sales.team.yaml']);
  assert.equal(r.status, 0, describe(r));
});

test('ignores: skips a folder', () => {
  const dir = project({
    '.charterlintrc.yaml': 'ignores: ["drafts/**"]\n',
    'org.charter.yaml': cleanCharter(),
    'drafts/wip.charter.yaml': 'charter: [broken\n',
    'drafts/deeper/old.charter.yml': 'charter: [broken\n',
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(filesOf(report), ['org.charter.yaml']);
  assert.equal(r.status, 0, describe(r));
});

test('the nearest config upward from a nested folder is used', () => {
  const root = project({
    '.charterlintrc.yaml': 'rules:\n  missing-responsibility: off\n  uncovered-region: error\n',
    'sales/emea/org.charter.yaml': charterMissingTwo().replace('regions: [EMEA, APAC]', 'regions: [EMEA, APAC, LATAM]'),
  });
  const cwd = path.join(root, 'sales', 'emea');
  const { r, report } = runJson([], { cwd });
  assert.deepEqual(filesOf(report), ['org.charter.yaml']);
  assert.deepEqual(flat(report).map((d) => `${d.rule} ${d.severity}`), ['uncovered-region error']);
  assert.equal(r.status, 1, describe(r));
  // Naming the file from the root gives the same findings.
  const fromRoot = runJson(['sales/emea/org.charter.yaml'], { cwd: root });
  assert.deepEqual(flat(fromRoot.report).map((d) => `${d.file} ${d.rule} ${d.severity}`), ['sales/emea/org.charter.yaml uncovered-region error']);
});

test('a nested config wins over the one above it for the files below it', () => {
  const root = project({
    '.charterlintrc.yaml': 'rules: {uncovered-region: error}\n',
    'org.charter.yaml': charterWithWarnings(1),
    'partner/.charterlintrc.yaml': 'rules: {uncovered-region: off}\n',
    'partner/p.charter.yaml': charterWithWarnings(1).replace('Acme Sales', 'Partner Co'),
  });
  const { r, report } = runJson([], { cwd: root });
  assert.deepEqual(filesOf(report), ['org.charter.yaml', 'partner/p.charter.yaml']);
  assert.deepEqual(flat(report).map((d) => `${d.file} ${d.rule} ${d.severity}`), ['org.charter.yaml uncovered-region error']);
  assert.equal(r.status, 1);
});

test('--config FILE replaces the search', () => {
  const dir = project({
    '.charterlintrc.yaml': 'rules:\n  missing-responsibility: off\n',
    'ci/strict.yaml': 'rules:\n  uncovered-region: off\n',
    'org.charter.yaml': charterMissingTwo().replace('regions: [EMEA, APAC]', 'regions: [EMEA, APAC, LATAM]'),
  });
  // Without --config: the found config hides missing-responsibility.
  assert.deepEqual(rulesOf(runJson([], { cwd: dir }).report), ['uncovered-region']);
  // With --config: only that file counts; the found one is not merged in.
  const { r, report } = runJson(['--config', 'ci/strict.yaml'], { cwd: dir });
  assert.deepEqual(rulesOf(report), ['missing-responsibility', 'missing-responsibility']);
  assert.equal(r.status, 0);
});

test('--config FILE: its files/ignores apply', () => {
  const dir = project({
    // Globs are relative to the config file's folder.
    'ci-lint.yaml': 'ignores: ["archive/**"]\n',
    'org.charter.yaml': cleanCharter(),
    'archive/old.charter.yaml': 'charter: [broken\n',
  });
  const { r, report } = runJson(['--config', 'ci-lint.yaml'], { cwd: dir });
  assert.deepEqual(filesOf(report), ['org.charter.yaml']);
  assert.equal(r.status, 0, describe(r));
});

test('config model: a custom *.roles.yaml relative to the config', () => {
  const dir = project({
    '.charterlintrc.yaml': 'model: ./models/tiny.roles.yaml\n',
    'models/tiny.roles.yaml': TINY_MODEL,
    'teams/tiny.charter.yaml': tinyCharter(),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(report, [{ file: 'teams/tiny.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
  // The same charter under the built-in model has an unknown role type.
  const builtin = project({ 'teams/tiny.charter.yaml': tinyCharter() });
  const b = runJson([], { cwd: builtin });
  assert.ok(rulesOf(b.report).includes('unknown-role-type'), rulesOf(b.report).join());
  assert.equal(b.r.status, 1);
});

test('config model: rules of the custom model apply (missing-responsibility from its requires)', () => {
  const dir = project({
    '.charterlintrc.yaml': 'model: models/tiny.roles.yaml\n',
    'models/tiny.roles.yaml': TINY_MODEL,
    'tiny.charter.yaml': tinyCharter().replace('[pipeline-review, deal-desk]', '[review the pipeline]'),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(flat(report).map((d) => `${d.rule} ${d.severity}`).sort(), ['missing-responsibility warning', 'non-canonical-responsibility info']);
  assert.match(flat(report).find((d) => d.rule === 'missing-responsibility').message, /deal-desk/);
  assert.equal(r.status, 0);
});

test('config model: a path leaving the config folder exits 2', () => {
  const root = project({ 'shared/tiny.roles.yaml': TINY_MODEL, 'proj/.charterlintrc.yaml': 'model: ../shared/tiny.roles.yaml\n', 'proj/tiny.charter.yaml': tinyCharter() });
  assertUsageError(run([], { cwd: path.join(root, 'proj') }), /tiny\.roles\.yaml/);
});

test('config model: an invalid role model exits 2', () => {
  const dir = project({
    '.charterlintrc.yaml': 'model: ./bad.roles.yaml\n',
    'bad.roles.yaml': TINY_MODEL.replace('requires: [pipeline-review, deal-desk]', 'requires: [pipeline-review, no-such-duty]'),
    'tiny.charter.yaml': tinyCharter(),
  });
  assertUsageError(run([], { cwd: dir }), /bad\.roles\.yaml/);
});
