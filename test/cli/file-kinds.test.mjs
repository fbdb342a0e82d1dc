// SPEC §1 "Any other file is not the product's business" and §3 "Named files and globs": one place
// (node/file-kinds.ts) decides what a path is. A file named literally that is not a charter is
// skipped with one line on stderr and never written; files a glob matches that are not charters are
// skipped silently; a named role model is checked as a role model and never fixed; a named config
// is checked against its schema; a missing path or a glob matching no file exits 2 with one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliPath, repoRoot } from '../helpers.mjs';
import { project, run, runJson, describe, assertNoCrash, assertUsageError, flat, filesOf, cleanCharter, TINY_MODEL, yaml } from './cli-util.mjs';

/** A GitHub workflow: every key would be "unknown" to a charter, so a charter fix would empty it. */
const WORKFLOW = yaml`
  # CI for the sales tools
  name: CI
  on:
    push:
      branches: [main]
  jobs:
    build:
      runs-on: ubuntu-latest   # keep in sync with the release job
      steps:
        - uses: actions/checkout@v4
        - run: npm test
`;

const COMPOSE = 'services:\n  web:\n    image: nginx   # front\n';

/** A charter with one safe fix (a later plain duplicate id), so --fix changes it. */
const FIXABLE = cleanCharter().replace('responsibilities: [sales-strategy,', 'responsibilities: [sales-strategy, sales-strategy,');

const BUILTIN_MODEL = fs.readFileSync(path.join(repoRoot, 'schemas', 'sales-leadership.roles.yaml'), 'utf8');

function bytes(dir, files) {
  return Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function stderrLines(r) {
  return r.stderr.split('\n').filter(Boolean);
}

test('a GitHub workflow named by hand: one "not a charter file" line on stderr, exit 0, byte-identical after --fix', () => {
  const dir = project({ 'ci.yaml': WORKFLOW, '.github/workflows/ci.yaml': WORKFLOW, 'org.charter.yaml': FIXABLE });
  for (const name of ['ci.yaml', '.github/workflows/ci.yaml']) {
    const r = run(['--fix', name, '--format', 'json'], { cwd: dir });
    assertNoCrash(r);
    assert.equal(r.status, 0, describe(r));
    assert.deepEqual(stderrLines(r), [`charter-lint: ${name}: not a charter file, skipped`], describe(r));
    assert.deepEqual(JSON.parse(r.stdout), [], 'a skipped file is not reported');
  }
  assert.deepEqual(bytes(dir, ['ci.yaml', '.github/workflows/ci.yaml']), { 'ci.yaml': WORKFLOW, '.github/workflows/ci.yaml': WORKFLOW });
  assert.equal(fs.readFileSync(path.join(dir, 'org.charter.yaml'), 'utf8'), FIXABLE, 'a charter that was not named is not fixed');
});

test("a glob over all YAML ('**/*.yaml', '*.yml') with --fix fixes the charters and leaves every other file byte-identical, silently", () => {
  const others = {
    'ci.yaml': WORKFLOW,
    '.github/workflows/ci.yaml': WORKFLOW,
    'docker-compose.yml': COMPOSE,
    'team.roles.yaml': BUILTIN_MODEL,
    'models/tiny.roles.yaml': TINY_MODEL,
    'settings.yaml': 'charter: not really\nroles: 3\n',
  };
  const dir = project({ ...others, 'org.charter.yaml': FIXABLE });
  const r = run(['**/*.yaml', '*.yml', '--fix', '--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.stderr, '', 'files a glob matches that are not charters are skipped silently');
  assert.deepEqual(filesOf(JSON.parse(r.stdout)), ['org.charter.yaml']);
  assert.equal(r.status, 0, describe(r));
  assert.deepEqual(bytes(dir, Object.keys(others)), others);
  const fixed = fs.readFileSync(path.join(dir, 'org.charter.yaml'), 'utf8');
  assert.notEqual(fixed, FIXABLE, 'the charter the glob matched was fixed');
  assert.equal(fixed.match(/sales-strategy/g).length, 1);
});

test('a role model named by hand is checked as a role model: a valid one has no findings and is byte-identical after --fix', () => {
  const dir = project({ 'team.roles.yaml': BUILTIN_MODEL, 'tiny.roles.yaml': TINY_MODEL });
  const { r, report } = runJson(['--fix', 'team.roles.yaml', 'tiny.roles.yaml'], { cwd: dir });
  assert.equal(r.stderr, '');
  assert.deepEqual(report, [{ file: 'team.roles.yaml', diagnostics: [] }, { file: 'tiny.roles.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
  assert.deepEqual(bytes(dir, ['team.roles.yaml', 'tiny.roles.yaml']), { 'team.roles.yaml': BUILTIN_MODEL, 'tiny.roles.yaml': TINY_MODEL });
});

test('a role model named by hand with a problem: one invalid-model finding on the model file at the place, never fixed, exit 1', () => {
  const broken = TINY_MODEL.replace('requires: [pipeline-review, deal-desk]', 'requires: [pipeline-review, deal-desks]');
  assert.notEqual(broken, TINY_MODEL);
  const lines = broken.split('\n');
  const line = lines.findIndex((l) => l.trim() === 'sales-lead:');
  const character = lines[line].indexOf('sales-lead');
  const dir = project({ 'tiny.roles.yaml': broken });
  const { r, report } = runJson(['--fix', 'tiny.roles.yaml'], { cwd: dir });
  const found = flat(report);
  assert.equal(found.length, 1, JSON.stringify(report));
  assert.equal(found[0].file, 'tiny.roles.yaml');
  assert.equal(found[0].rule, 'invalid-model');
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].message, /deal-desks/);
  assert.ok(!found[0].message.includes(dir), 'no absolute path in the message');
  assert.deepEqual(found[0].range.start, { line, character }, 'on the role type that names the unknown responsibility');
  assert.equal(found[0].fixable, false);
  assert.equal(r.status, 1, describe(r));
  assert.equal(fs.readFileSync(path.join(dir, 'tiny.roles.yaml'), 'utf8'), broken);
});

test('a role model named by hand that is not YAML, or breaks the schema, is an invalid-model finding on it (not a crash)', () => {
  const dir = project({ 'a.roles.yaml': 'model: [oops\n', 'b.roles.yaml': 'model: tiny\nscopes: [organization]\n' });
  const { r, report } = runJson(['a.roles.yaml', 'b.roles.yaml'], { cwd: dir });
  assert.deepEqual(flat(report).map((d) => `${d.file} ${d.rule}`), ['a.roles.yaml invalid-model', 'b.roles.yaml invalid-model']);
  assert.equal(r.status, 1, describe(r));
});

test('config globs as broad as **/*.yaml never make a role model or a config a charter', () => {
  const config = "files: ['**/*.yaml']\n";
  const dir = project({ '.charterlintrc.yaml': config, 'team.roles.yaml': BUILTIN_MODEL, 'org.charter.yaml': FIXABLE });
  const r = run(['--fix', '--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  assert.deepEqual(filesOf(JSON.parse(r.stdout)), ['org.charter.yaml']);
  assert.deepEqual(bytes(dir, ['team.roles.yaml', '.charterlintrc.yaml']), { 'team.roles.yaml': BUILTIN_MODEL, '.charterlintrc.yaml': config });
});

test('a config named by hand is checked against its schema: a valid one is listed without findings, an invalid one exits 2 with one line', () => {
  const good = project({ '.charterlintrc.yaml': 'rules:\n  uncovered-region: off\n' });
  const { r, report } = runJson(['.charterlintrc.yaml'], { cwd: good });
  assert.deepEqual(report, [{ file: '.charterlintrc.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
  const bad = project({ 'sub/.charterlintrc.yaml': 'rules:\n  no-such-rule: error\n' });
  const r2 = run(['sub/.charterlintrc.yaml'], { cwd: bad });
  // The unknown rule id is named at its line and column.
  assertUsageError(r2, /^charter-lint: invalid config sub\/\.charterlintrc\.yaml:2:3: unknown rule "no-such-rule" in rules$/);
  assert.ok(!r2.stderr.includes(bad), 'no absolute path in the message');
});

test('a charter named by hand that the config ignores: one line naming the config, exit 0, never written', () => {
  const dir = project({ '.charterlintrc.yaml': "ignores: ['drafts/**']\n", 'drafts/next.charter.yaml': FIXABLE });
  const r = run(['--fix', 'drafts/next.charter.yaml', '--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  assert.deepEqual(stderrLines(r), ['charter-lint: drafts/next.charter.yaml: ignored by .charterlintrc.yaml, skipped'], describe(r));
  assert.deepEqual(JSON.parse(r.stdout), []);
  assert.equal(r.status, 0, describe(r));
  assert.equal(fs.readFileSync(path.join(dir, 'drafts/next.charter.yaml'), 'utf8'), FIXABLE);
});

test('a path that does not exist, or a glob that matches no file at all, exits 2 with one line', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter(), 'ci.yaml': WORKFLOW });
  assertUsageError(run(['missing.charter.yaml'], { cwd: dir }), /missing\.charter\.yaml/);
  assertUsageError(run(['**/*.yml'], { cwd: dir }), /no files match \*\*\/\*\.yml/);
  assertUsageError(run(['teams/*.charter.yaml', 'org.charter.yaml'], { cwd: dir }), /teams\/\*\.charter\.yaml/);
});

test('a glob that matches only files that are not charters exits 0 and says nothing', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter(), 'docker-compose.yml': COMPOSE });
  const r = run(['*.yml', '--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.stderr, '');
  assert.deepEqual(JSON.parse(r.stdout), []);
  assert.equal(r.status, 0, describe(r));
});

test('a glob with a folder part walks from that folder only', () => {
  const dir = project({ 'teams/a.charter.yaml': cleanCharter(), 'other/b.charter.yaml': 'charter: [broken\n' });
  const { r, report } = runJson(['teams/*.yaml'], { cwd: dir });
  assert.deepEqual(filesOf(report), ['teams/a.charter.yaml']);
  assert.equal(r.status, 0, describe(r));
});

// ── hostile workspaces ──────────────────────────────────────────────────────────────────────────

/** Runs the CLI in a child with a 1 GB heap; returns the result and the seconds it took. */
function runBounded(args, cwd, timeout = 10_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', cliPath, ...args], { cwd, encoding: 'utf8', timeout });
  return { r: { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', signal: r.signal, error: r.error }, seconds: (Date.now() - started) / 1000 };
}

test('charters that are links to /dev/zero or FIFOs: a glob over all YAML skips them silently, a named one exits 2 with one line; each run finishes in < 10 s under a 1 GB heap', { skip: process.platform === 'win32' }, (t) => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.charter.yaml'));
  assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.charter.yaml')]).status, 0, 'mkfifo');
  const globbed = runBounded(['**/*.yaml', '--format', 'json'], dir);
  assertNoCrash(globbed.r);
  assert.equal(globbed.r.stderr, '', describe(globbed.r));
  assert.deepEqual(filesOf(JSON.parse(globbed.r.stdout)), ['org.charter.yaml']);
  assert.equal(globbed.r.status, 0);
  const full = runBounded(['--format', 'json'], dir);
  assertNoCrash(full.r);
  assert.deepEqual(filesOf(JSON.parse(full.r.stdout)), ['org.charter.yaml']);
  for (const name of ['zero.charter.yaml', 'fifo.charter.yaml']) {
    const named = runBounded([name], dir);
    assertUsageError(named.r, new RegExp(`${name.replace('.', '\\.')}.*not a regular file`));
    t.diagnostic(`${name} named: ${named.seconds.toFixed(2)} s`);
  }
  t.diagnostic(`glob: ${globbed.seconds.toFixed(2)} s, full run: ${full.seconds.toFixed(2)} s`);
});
