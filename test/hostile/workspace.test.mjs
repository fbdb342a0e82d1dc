// Hostile and unlucky workspaces against the CLI (bin/charter-lint.js, built first): files that
// are not regular files (a FIFO, a link to /dev/zero), a model linked out of the project, a tree
// thousands of folders deep, directory link loops. Each run is a child process with a 1 GB heap
// and a hard time limit, so a hang or a runaway read fails the test instead of the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, tempDir, writeFiles } from '../helpers.mjs';
import { charter, hos, rsm } from '../core/rules/_support.mjs';

const LIMIT_MS = 10000;
const HEAP_MB = 1024;

/** Runs the CLI in `cwd` with a 1 GB heap; a run past LIMIT_MS is killed. */
function cli(args, cwd, limitMs = LIMIT_MS, nodeFlags = []) {
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT']) delete env[name];
  const started = Date.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, ...nodeFlags, cliPath, ...args], { cwd, env, encoding: 'utf8', timeout: limitMs, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, signal: r.signal, error: r.error, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - started };
}

const show = (r) => `exit ${r.status} signal ${r.signal} ${r.error?.code ?? ''} in ${r.ms} ms\n--- stderr ---\n${r.stderr.slice(0, 1500)}\n--- stdout ---\n${r.stdout.slice(0, 1500)}`;

/** Finished in time on its own, with no internal error or stack trace. */
function assertFinished(r) {
  assert.equal(r.error, undefined, `did not finish within its time limit under a ${HEAP_MB} MB heap\n${show(r)}`);
  assert.equal(r.signal, null, show(r));
  assert.ok([0, 1, 2].includes(r.status), show(r));
  assert.ok(!/internal error|\n\s+at /i.test(r.stderr), show(r));
}

/** Exit 2 with exactly one line on stderr matching `pattern`. */
function assertOneLineError(r, pattern) {
  assertFinished(r);
  assert.equal(r.status, 2, show(r));
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, show(r));
  assert.match(lines[0], pattern, show(r));
}

function json(r) {
  assertFinished(r);
  try {
    return JSON.parse(r.stdout);
  } catch (error) {
    assert.fail(`stdout is not JSON (${error.message})\n${show(r)}`);
  }
}

const files = (report) => report.map((entry) => entry.file);
const rules = (report) => report.flatMap((entry) => entry.diagnostics.map((d) => d.rule));

const CLEAN = charter({ regions: '[EMEA]', roles: [hos(), rsm('EMEA')] });

/** A team file that is clean inside CLEAN's organization. */
const TEAM = 'charter: Acme Sales — team\n';

const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function mkfifo(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
}

function linkToDevZero(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync('/dev/zero', file);
}

// ── Nested configs that are not regular files ───────────────────────────────────────────────────

test('a nested .charterlintrc.yaml linked to /dev/zero: exit 2 with one line naming it, in < 10 s under a 1 GB heap', () => {
  const root = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN, 'teams/team.charter.yaml': TEAM });
  linkToDevZero(path.join(root, 'teams', '.charterlintrc.yaml'));
  // As ESLint does with a broken nested config: the run stops with one clear line.
  const walked = cli([], root);
  assertOneLineError(walked, /teams\/\.charterlintrc\.yaml.*not a regular file/);
  assert.ok(!walked.stderr.includes(root), `no absolute path: ${walked.stderr}`);
  // Named alone (as lint-staged does), the file's governing config is the same refused one.
  assertOneLineError(cli(['teams/team.charter.yaml'], root), /\.charterlintrc\.yaml.*not a regular file/);
});

test('a nested .charterlintrc.yaml that is a FIFO: exit 2 with one line naming it, in < 10 s under a 1 GB heap', { skip: hasMkfifo ? false : 'mkfifo is missing' }, () => {
  const root = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN, 'teams/team.charter.yaml': TEAM });
  mkfifo(path.join(root, 'teams', '.charterlintrc.yaml'));
  assertOneLineError(cli([], root), /teams\/\.charterlintrc\.yaml.*not a regular file/);
  assertOneLineError(cli(['teams/team.charter.yaml'], root), /\.charterlintrc\.yaml.*not a regular file/);
  assertOneLineError(cli(['--config', 'teams/.charterlintrc.yaml'], root), /teams\/\.charterlintrc\.yaml.*not a regular file/);
});

// ── Charters that are not regular files ─────────────────────────────────────────────────────────

test('charters that are a FIFO or a link to /dev/zero are skipped silently by a folder walk, in < 10 s under a 1 GB heap', { skip: hasMkfifo ? false : 'mkfifo is missing' }, () => {
  const root = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN, 'teams/real.charter.yaml': TEAM });
  mkfifo(path.join(root, 'teams', 'fifo.charter.yaml'));
  linkToDevZero(path.join(root, 'teams', 'zero.charter.yaml'));
  const r = cli(['--format', 'json'], root);
  const report = json(r);
  assert.deepEqual(files(report), ['org.charter.yaml', 'teams/real.charter.yaml'], show(r));
  assert.deepEqual(rules(report), []);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stderr, '', show(r));
  // Named on the command line, they end the run in time with a message, never a read.
  for (const name of ['teams/fifo.charter.yaml', 'teams/zero.charter.yaml']) {
    const named = cli([name], root);
    assertFinished(named);
    assert.ok(!named.stderr.includes(root), `no absolute path: ${named.stderr}`);
  }
});

test('a symbolic link to a regular charter file is followed (linted by its own path), in < 10 s under a 1 GB heap', () => {
  const root = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN, 'shared/team.yaml': 'charter: Acme Sales — team\nroles:\n  - id: x\n    role: head-of-salez\n' });
  fs.symlinkSync(path.join('shared', 'team.yaml'), path.join(root, 'team.charter.yaml'));
  const report = json(cli(['--format', 'json'], root));
  assert.deepEqual(files(report), ['org.charter.yaml', 'team.charter.yaml']);
  assert.ok(rules(report).includes('unknown-role-type'), JSON.stringify(report));
});

// ── A model linked out of the project ───────────────────────────────────────────────────────────

const SECRET_KEY = 'aws_secret_access_key_4f7a';

test('a charter model: that is a symbolic link out of the project is invalid-model, nothing of it read or shown, in < 10 s under a 1 GB heap', () => {
  const base = tempDir('cl-hw-');
  // Outside the project: a file whose content must never reach a message (an invalid model: a
  // parser would name its unknown key).
  writeFiles(base, { 'outside/secrets.yaml': `${SECRET_KEY}: AKIAXXXXXXXXXXXXXXXX\nmodel: stolen\n` });
  const root = writeFiles(path.join(base, 'proj'), { '.charterlintrc.yaml': 'rules: {}\n', 'org.charter.yaml': CLEAN.replace('regions:', 'model: ./models/team.roles.yaml\nregions:') });
  fs.mkdirSync(path.join(root, 'models'));
  fs.symlinkSync(path.join(base, 'outside', 'secrets.yaml'), path.join(root, 'models', 'team.roles.yaml'));
  for (const format of ['json', 'stylish', 'sarif']) {
    const r = cli(['--format', format], root);
    assertFinished(r);
    assert.equal(r.status, 1, show(r));
    const output = r.stdout + r.stderr;
    assert.ok(output.includes('invalid-model'), show(r));
    assert.ok(!output.includes(SECRET_KEY), `${format}: the outside file's key leaked\n${show(r)}`);
    assert.ok(!output.includes('AKIA'), `${format}: the outside file's value leaked\n${show(r)}`);
    assert.ok(!output.includes(base), `${format}: an absolute path is shown\n${show(r)}`);
  }
  const report = json(cli(['--format', 'json'], root));
  const [finding] = report[0].diagnostics.filter((d) => d.rule === 'invalid-model');
  assert.match(finding.message, /leaves the project root/);
  assert.deepEqual(rules(report), ['invalid-model'], 'model rules are skipped');
});

test('a config model: linked out of the project exits 2 with one line, no absolute path and no content, in < 10 s under a 1 GB heap', () => {
  const base = tempDir('cl-hw-');
  writeFiles(base, { 'outside/secrets.yaml': `${SECRET_KEY}: AKIAXXXXXXXXXXXXXXXX\n` });
  const root = writeFiles(path.join(base, 'proj'), { '.charterlintrc.yaml': 'model: ./team.roles.yaml\n', 'org.charter.yaml': CLEAN });
  fs.symlinkSync(path.join(base, 'outside', 'secrets.yaml'), path.join(root, 'team.roles.yaml'));
  const r = cli([], root);
  assertOneLineError(r, /team\.roles\.yaml.*leaves the project root/);
  assert.ok(!r.stderr.includes(base) && !r.stderr.includes(SECRET_KEY) && !r.stderr.includes('AKIA'), show(r));
});

test('a model: linked to /dev/zero is refused by its real path, and a FIFO model inside the project is "not a regular file", in < 10 s under a 1 GB heap', { skip: hasMkfifo ? false : 'mkfifo is missing' }, () => {
  const cases = { 'zero.roles.yaml': /leaves the project root/, 'models/fifo.roles.yaml': /not a regular file/ };
  for (const [model, expected] of Object.entries(cases)) {
    const root = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN.replace('regions:', `model: ./${model}\nregions:`) });
    if (model.includes('fifo')) mkfifo(path.join(root, model));
    else linkToDevZero(path.join(root, model));
    const r = cli(['--format', 'json'], root);
    const report = json(r);
    const [finding] = report[0].diagnostics.filter((d) => d.rule === 'invalid-model');
    assert.ok(finding, show(r));
    assert.match(finding.message, expected);
    assert.ok(!r.stdout.includes(root), show(r));
  }
});

test('a model that cannot be read is named by its path in the project, never absolutely', () => {
  const root = writeFiles(tempDir('cl-hw-'), { 'teams/org.charter.yaml': CLEAN.replace('regions:', 'model: ../models/missing.roles.yaml\nregions:'), '.charterlintrc.yaml': 'rules: {}\n' });
  const r = cli(['--format', 'json'], root);
  const report = json(r);
  const [finding] = report[0].diagnostics.filter((d) => d.rule === 'invalid-model');
  assert.ok(finding, show(r));
  assert.match(finding.message, /file not found/);
  assert.ok(!r.stdout.includes(root), show(r));
});

// ── Deep trees and link loops ───────────────────────────────────────────────────────────────────

test('a folder tree 2,000 levels deep is walked without overflowing the stack (even a 300 KB one), in < 20 s under a 1 GB heap', () => {
  const root = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN });
  // Two characters a level keep the deepest path under PATH_MAX (4096).
  const deep = path.join(root, ...Array.from({ length: 2000 }, () => 'd'));
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(path.join(deep, 'x.charter.yaml'), TEAM);
  // About 2 s of CPU (each system call resolves a 4,000-character path); 20 s for a loaded machine.
  // A recursive walk fits 2,000 levels in the default stack (984 KB) but not in a third of it,
  // which is what a deeper tree or a heavier frame would hit: the run gets 300 KB.
  const r = cli(['--format', 'json'], root, 20000, ['--stack-size=300']);
  const report = json(r);
  assert.deepEqual(files(report).map((f) => f.split('/').length).sort((a, b) => a - b), [1, 2001], show(r));
  assert.equal(r.status, 0, show(r));
});

test('directory link loops (a link to a parent, to itself) end: each charter is linted once, by its real path, in < 10 s under a 1 GB heap', () => {
  const root = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN, 'teams/team.charter.yaml': TEAM, 'teams/sub/deep.charter.yaml': TEAM });
  fs.symlinkSync('..', path.join(root, 'teams', 'sub', 'up'));
  fs.symlinkSync('.', path.join(root, 'teams', 'self'));
  fs.symlinkSync(root, path.join(root, 'teams', 'sub', 'root'));
  // Sorted before `teams`: the real folder still wins, its files keep their real paths.
  fs.symlinkSync('teams', path.join(root, 'aaa-alias'));
  const r = cli(['--format', 'json'], root);
  assert.deepEqual(files(json(r)), ['org.charter.yaml', 'teams/sub/deep.charter.yaml', 'teams/team.charter.yaml'], show(r));
  assert.equal(r.status, 0, show(r));
});

test('a directory link out of the project is not walked, in < 10 s under a 1 GB heap', () => {
  const base = tempDir('cl-hw-');
  writeFiles(base, { 'elsewhere/stranger.charter.yaml': 'charter: Stranger\nroles: oops\n' });
  const root = writeFiles(path.join(base, 'proj'), { 'org.charter.yaml': CLEAN });
  fs.symlinkSync(path.join(base, 'elsewhere'), path.join(root, 'elsewhere'));
  fs.symlinkSync('/', path.join(root, 'slash'));
  const r = cli(['--format', 'json'], root);
  assert.deepEqual(files(json(r)), ['org.charter.yaml'], show(r));
});

test('a directory link inside the project cannot bring back a folder the config ignores (files are judged by real path)', () => {
  const root = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN, '.charterlintrc.yaml': 'ignores: [store/**]\n', 'store/team.charter.yaml': 'charter: Acme Sales — team\nroles:\n  - id: x\n    role: head-of-salez\n' });
  fs.symlinkSync('store', path.join(root, 'teams'));
  const report = json(cli(['--format', 'json'], root));
  assert.deepEqual(files(report), ['org.charter.yaml']);
});

// ── Files too large to be what they claim ───────────────────────────────────────────────────────

test('a config or role model over 4 MB is refused unread: exit 2 for the config, invalid-model for the model, in < 10 s under a 1 GB heap', () => {
  const huge = `# ${'x'.repeat(5 * 1024 * 1024)}\n`;
  const config = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN, 'teams/.charterlintrc.yaml': huge, 'teams/team.charter.yaml': TEAM });
  assertOneLineError(cli([], config), /teams\/\.charterlintrc\.yaml.*larger than 4 MB/);
  const model = writeFiles(tempDir('cl-hw-'), { 'org.charter.yaml': CLEAN.replace('regions:', 'model: ./big.roles.yaml\nregions:'), 'big.roles.yaml': huge });
  const r = cli(['--format', 'json'], model);
  const [finding] = json(r)[0].diagnostics.filter((d) => d.rule === 'invalid-model');
  assert.ok(finding, show(r));
  assert.match(finding.message, /larger than 4 MB/);
});
