// .charterlintrc.yml is a config as .charterlintrc.yaml is; in one folder holding both, .yaml is
// the config and the CLI says the other is not read. The config schema lists every rule id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { repoRoot } from '../helpers.mjs';
import { tmp, write, run, runJson, describe, assertNoCrash, assertUsageError, rulesOf, charterWithWarnings, cleanCharter, RULE_IDS } from './cli-util.mjs';

const require = createRequire(import.meta.url);
const { RULES } = require(path.join(repoRoot, 'server/out/core/rules/index.js'));
const schemaPath = path.join(repoRoot, 'schemas/charterlintrc.schema.json');

test('.charterlintrc.yml alone is the config (found upward, and it sets the project root)', () => {
  const dir = write(tmp(), { '.charterlintrc.yml': 'rules:\n  uncovered-region: off\n', 'org.charter.yaml': charterWithWarnings(2) });
  assert.equal(runJson([], { cwd: dir }).report.length, 1);
  assert.deepEqual(rulesOf(runJson([], { cwd: dir }).report), []);
  // From a folder below, the .yml upward still governs.
  fs.mkdirSync(path.join(dir, 'sub'));
  const below = runJson(['../org.charter.yaml'], { cwd: path.join(dir, 'sub') });
  assert.deepEqual(rulesOf(below.report), []);
  // Without it the warnings are there: the test can fail.
  fs.rmSync(path.join(dir, '.charterlintrc.yml'));
  assert.deepEqual(rulesOf(runJson([], { cwd: dir }).report), ['uncovered-region', 'uncovered-region']);
});

test('both .charterlintrc.yaml and .charterlintrc.yml in one folder: .yaml is used, stderr names the .yml as not read (once)', () => {
  const dir = write(tmp(), {
    '.charterlintrc.yaml': 'rules:\n  uncovered-region: error\n',
    '.charterlintrc.yml': 'rules:\n  uncovered-region: off\n',
    'a.charter.yaml': charterWithWarnings(1),
    'b/b.charter.yaml': cleanCharter({ name: 'B', regions: ['LATAM'] }).replace(/hos/g, 'hos-b').replace(/rsm-latam/g, 'rsm-b'),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.ok(rulesOf(report).includes('uncovered-region'));
  assert.ok(report.flatMap((e) => e.diagnostics).every((d) => d.rule !== 'uncovered-region' || d.severity === 'error'), describe(r));
  const lines = r.stderr.trimEnd().split('\n');
  assert.deepEqual(lines, ['charter-lint: .charterlintrc.yml is not read: .charterlintrc.yaml in the same folder is the config'], describe(r));
});

test('a nested folder with its own .charterlintrc.yml is an organization of its own under that config', () => {
  const dir = write(tmp(), {
    'org.charter.yaml': charterWithWarnings(1),
    'team/.charterlintrc.yml': 'rules:\n  uncovered-region: off\n',
    'team/t.charter.yaml': charterWithWarnings(1).replace('Acme Sales', 'Team'),
  });
  const { report } = runJson([], { cwd: dir });
  const byFile = Object.fromEntries(report.map((e) => [e.file, e.diagnostics.map((d) => d.rule)]));
  assert.deepEqual(byFile, { 'org.charter.yaml': ['uncovered-region'], 'team/t.charter.yaml': [] });
});

test('a named or found invalid .charterlintrc.yml exits 2 naming it', () => {
  const dir = write(tmp(), { '.charterlintrc.yml': 'rules:\n  missing-responsibilty: off\n', 'org.charter.yaml': cleanCharter() });
  assertUsageError(run([], { cwd: dir }), /\.charterlintrc\.yml:2:3: unknown rule "missing-responsibilty" in rules; did you mean "missing-responsibility"\?/);
  assertUsageError(run(['.charterlintrc.yml'], { cwd: dir }), /\.charterlintrc\.yml/);
  const good = write(tmp(), { '.charterlintrc.yml': 'rules:\n  missing-responsibility: off\n' });
  const r = run(['.charterlintrc.yml'], { cwd: good });
  assertNoCrash(r);
  assert.equal(r.status, 0, describe(r));
  assert.ok(!/not a charter/.test(r.stderr), 'a named .yml config is a config, not "not a charter file"');
});

test('config schema: rules lists every rule id of the core, in order, each with its description', () => {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const rules = schema.properties.rules;
  assert.deepEqual(Object.keys(rules.properties), RULES.map((rule) => rule.meta.id));
  assert.deepEqual(Object.keys(rules.properties), RULE_IDS, 'and SPEC §2\'s list');
  for (const rule of RULES) {
    const property = rules.properties[rule.meta.id];
    assert.ok(property.description.startsWith(rule.meta.description), rule.meta.id);
    assert.equal(property.$ref, '#/definitions/severity');
  }
  assert.equal(rules.additionalProperties, false, 'an unknown rule id is flagged in editors');
  assert.deepEqual(schema.definitions.severity.enum, ['off', 'hint', 'info', 'warning', 'error']);
});

test('config schema: the generator finds it up to date (a rule added to the core without regenerating fails here)', () => {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/config-schema.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('config schema: every rule id and severity is accepted by the CLI; the schema still refuses a bad severity', () => {
  const all = RULE_IDS.map((id) => `  ${id}: warning`).join('\n');
  const dir = write(tmp(), { '.charterlintrc.yaml': `rules:\n${all}\n`, 'org.charter.yaml': cleanCharter() });
  const r = run([], { cwd: dir });
  assert.equal(r.status, 0, describe(r));
  const bad = write(tmp(), { '.charterlintrc.yaml': 'rules:\n  schema: loud\n', 'org.charter.yaml': cleanCharter() });
  assertUsageError(run([], { cwd: bad }), /charterlintrc\.yaml:2:11/);
});
