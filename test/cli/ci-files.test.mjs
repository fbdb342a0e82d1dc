// action.yml and .pre-commit-hooks.yaml: they parse, name only flags the CLI has, and the action's
// lint step, run as written (bash, with its inputs as environment variables), lints the examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseDocument, repoRoot, cliPath } from '../helpers.mjs';
import { tmp, run, runJson, flat, describe } from './cli-util.mjs';
import { envWith } from './spawn-util.mjs';

const load = (file) => {
  const doc = parseDocument(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
  assert.deepEqual(doc.errors, [], file);
  return doc.toJS();
};
const action = load('action.yml');
const hooks = load('.pre-commit-hooks.yaml');
const help = run(['--help'], { cwd: repoRoot }).stdout;
const lintStep = action.runs.steps.find((step) => step.id === 'lint');

function examples() {
  const dir = tmp();
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  return dir;
}

/** Runs the action's lint step as the runner would: bash -e, its env with the given inputs. */
function runLintStep(inputs, cwd) {
  const outputFile = path.join(tmp(), 'github-output');
  fs.writeFileSync(outputFile, '');
  const env = { GITHUB_OUTPUT: outputFile };
  for (const [name, value] of Object.entries(lintStep.env)) {
    const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value);
    if (input) env[name] = inputs[input[1]] ?? action.inputs[input[1]].default;
    else if (name === 'CHARTER_LINT') env[name] = cliPath;
  }
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', lintStep.run], { cwd, env: envWith(env), encoding: 'utf8', timeout: 60000 });
  const outputs = Object.fromEntries(fs.readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal, error: r.error, outputs };
}

test('action.yml: a composite action whose inputs reach the script only through env (no ${{ }} in run:)', () => {
  assert.equal(action.runs.using, 'composite');
  for (const name of ['paths', 'config', 'model', 'annotations', 'sarif-file', 'max-warnings', 'node-version']) assert.ok(action.inputs[name], name);
  for (const step of action.runs.steps) {
    if (step.run) assert.ok(!/\$\{\{\s*inputs\./.test(step.run), `step "${step.name}" pastes an input into its script`);
  }
  const referenced = Object.values(lintStep.env).flatMap((v) => [...String(v).matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]));
  for (const name of referenced) assert.ok(action.inputs[name], `env names an undeclared input: ${name}`);
  // Node is set up only when the runner lacks a recent one.
  const setup = action.runs.steps.find((step) => String(step.uses ?? '').startsWith('actions/setup-node@'));
  assert.match(setup.if, /steps\.node\.outputs\.present/);
});

test('action.yml and .pre-commit-hooks.yaml name only options the CLI has', () => {
  const scripts = [...action.runs.steps.filter((s) => s.id === 'lint').map((s) => s.run), ...hooks.map((h) => h.entry)].join('\n');
  const flags = new Set(scripts.match(/--[a-z][a-z-]+/g));
  assert.ok(flags.size >= 5, [...flags].join());
  for (const flag of flags) assert.ok(help.includes(flag), `${flag} is not in charter-lint --help`);
});

test('action: the lint step with its defaults writes SARIF, annotates, and fails with the lint\'s exit status', () => {
  const dir = examples();
  const r = runLintStep({}, dir);
  assert.equal(r.status, 1, `${r.stderr}\n${r.stdout}`);
  assert.equal(r.outputs['exit-code'], '1');
  assert.equal(r.outputs['sarif-file'], 'charter-lint.sarif');
  const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'charter-lint.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  const expected = flat(runJson([], { cwd: dir }).report);
  assert.equal(sarif.runs[0].results.length, expected.length);
  const annotations = r.stdout.trimEnd().split('\n');
  assert.equal(annotations.length, expected.length, r.stdout);
  assert.ok(annotations.every((l) => /^::(error|warning|notice) file=[^,]+\.charter\.yaml,line=\d+,/.test(l)), r.stdout);
});

test('action: paths split on white space with globs left to charter-lint; max-warnings, config and model passed on', () => {
  const dir = examples();
  const r = runLintStep({ paths: "emea.charter.yaml\n  *.charter.yaml\tapac.charter.yaml", 'sarif-file': '', 'max-warnings': '0' }, dir);
  assert.equal(r.status, 1, r.stderr);
  const files = new Set(r.stdout.trimEnd().split('\n').map((l) => /file=([^,]+)/.exec(l)[1]));
  assert.deepEqual([...files].sort(), ['americas.charter.yaml', 'apac.charter.yaml', 'emea.charter.yaml', 'org.charter.yaml']);
  assert.ok(!fs.existsSync(path.join(dir, 'charter-lint.sarif')), 'no SARIF when sarif-file is empty');
  // A clean subset: the warnings exceed --max-warnings 0, so the run fails with 1.
  fs.writeFileSync(path.join(dir, '.charterlintrc.yaml'), 'rules:\n  unknown-reference: off\n');
  const warnings = runLintStep({ paths: 'americas.charter.yaml', 'sarif-file': '', 'max-warnings': '0' }, dir);
  assert.equal(warnings.status, 1, warnings.stderr);
  assert.match(warnings.stderr, /--max-warnings is 0/);
  const allowed = runLintStep({ paths: 'americas.charter.yaml', 'sarif-file': '', 'max-warnings': '10' }, dir);
  assert.equal(allowed.status, 0, allowed.stderr);
  // config and model reach the CLI: a missing model is a usage error (exit 2) naming it.
  const model = runLintStep({ model: './nowhere.roles.yaml', 'sarif-file': '' }, dir);
  assert.equal(model.status, 2);
  assert.match(model.stderr, /nowhere\.roles\.yaml/);
  const config = runLintStep({ config: 'none.yaml', 'sarif-file': '' }, dir);
  assert.equal(config.status, 2);
  assert.match(config.stderr, /none\.yaml/);
});

test('action: with annotations off and no SARIF, the stylish report is printed', () => {
  const r = runLintStep({ annotations: 'false', 'sarif-file': '' }, examples());
  assert.equal(r.status, 1);
  assert.match(r.stdout, /problems \(1 error/);
});

test('.pre-commit-hooks.yaml: node hooks running the charter-lint bin on charter, role-model and config files', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.ok(hooks.length >= 1);
  for (const hook of hooks) {
    assert.equal(hook.language, 'node');
    assert.ok(pkg.bin[hook.entry.split(' ')[0]], `entry ${hook.entry} is a bin of the package`);
    assert.equal(hook.require_serial, true, 'one process lints whole organizations');
    const files = new RegExp(hook.files);
    for (const yes of ['org.charter.yaml', 'teams/emea.charter.yml', 'models/our.roles.yaml', '.charterlintrc.yaml', 'sub/.charterlintrc.yml']) assert.ok(files.test(yes), `${hook.id} matches ${yes}`);
    for (const no of ['.github/workflows/ci.yml', 'docker-compose.yaml', 'charter.yaml.bak', 'x.charterlintrc.yaml']) assert.ok(!files.test(no), `${hook.id} does not match ${no}`);
  }
  assert.deepEqual(hooks.map((h) => h.id), ['charter-lint', 'charter-lint-fix']);
});

test('pre-commit: the hook\'s entry with the changed files appended gives those files\' findings of a full run', () => {
  const dir = examples();
  const hook = hooks.find((h) => h.id === 'charter-lint');
  const files = new RegExp(hook.files);
  const changed = fs.readdirSync(dir).filter((f) => files.test(f) && f.startsWith('a'));
  assert.deepEqual(changed, ['americas.charter.yaml', 'apac.charter.yaml']);
  const args = [...hook.entry.split(' ').slice(1), ...changed];
  const r = runJson(args, { cwd: dir });
  const full = runJson([], { cwd: dir }).report.filter((e) => changed.includes(e.file));
  assert.deepEqual(r.report, full, describe(r.r));
  assert.equal(r.r.status, 1);
});
