// SPEC §3 exit codes: 0 no errors (warnings within --max-warnings), 1 lint errors or too many
// warnings, 2 bad usage / unreadable file / invalid config or model, with a one-line message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  project, run, runJson, describe, assertNoCrash, assertUsageError, cleanCharter, charterWithWarnings,
  rulesOf, TINY_MODEL, tinyCharter,
} from './cli-util.mjs';

const isRoot = process.getuid?.() === 0;

test('exit 0: a clean organization', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  const r = run([], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 0, describe(r));
  const { report } = runJson([], { cwd: dir });
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
});

test('exit 0: only warnings', () => {
  const dir = project({ 'org.charter.yaml': charterWithWarnings(2) });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(rulesOf(report), ['uncovered-region', 'uncovered-region']);
  assert.equal(r.status, 0, describe(r));
  assert.equal(run([], { cwd: dir }).status, 0);
});

test('exit 0: only info findings (a free-text responsibility matched to its id)', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter().replace('budget-management]', 'Own the annual sales budget]') });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(rulesOf(report), ['non-canonical-responsibility']);
  assert.equal(report[0].diagnostics[0].severity, 'info');
  assert.equal(r.status, 0, describe(r));
});

test('exit 1: a lint error', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter().replace('reports_to: ceo', 'reports_to: cfo') });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(rulesOf(report), ['unknown-reference']);
  assert.equal(r.status, 1, describe(r));
  const stylish = run([], { cwd: dir });
  assert.equal(stylish.status, 1, describe(stylish));
});

test('--max-warnings: warnings above N exit 1, warnings equal to N exit 0', () => {
  const dir = project({ 'org.charter.yaml': charterWithWarnings(3) });
  assert.equal(run(['--max-warnings', '3'], { cwd: dir }).status, 0);
  const over = run(['--max-warnings', '2'], { cwd: dir });
  assertNoCrash(over);
  assert.equal(over.status, 1, describe(over));
  assert.equal(run(['--max-warnings', '0'], { cwd: dir }).status, 1);
  assert.equal(run(['--max-warnings=2'], { cwd: dir }).status, 1);
});

test('--max-warnings counts warnings only (info findings do not count)', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter().replace('budget-management]', 'Own the annual sales budget]') });
  const r = run(['--max-warnings', '0'], { cwd: dir });
  assert.equal(r.status, 0, describe(r));
});

test('--max-warnings 0 on a clean organization exits 0', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assert.equal(run(['--max-warnings', '0'], { cwd: dir }).status, 0);
});

test('errors exit 1 even when warnings are within --max-warnings', () => {
  const dir = project({ 'org.charter.yaml': charterWithWarnings(1).replace('reports_to: ceo', 'reports_to: cfo') });
  assert.equal(run(['--max-warnings', '10'], { cwd: dir }).status, 1);
});

// ── exit 2: bad usage ─────────────────────────────────────────────────────────────────────────

test('exit 2: unknown option', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['--bogus'], { cwd: dir }), /bogus/);
});

test('exit 2: bad --format value', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['--format', 'xml'], { cwd: dir }), /xml/);
});

test('exit 2: --format without a value', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['--format'], { cwd: dir }));
});

test('exit 2: --max-warnings abc', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['--max-warnings', 'abc'], { cwd: dir }), /max-warnings/);
});

test('exit 2: --max-warnings -1 and 1.5 are not whole numbers', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['--max-warnings=-1'], { cwd: dir }));
  assertUsageError(run(['--max-warnings', '1.5'], { cwd: dir }));
});

test('exit 2: a path that does not exist', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['missing-folder/'], { cwd: dir }), /missing-folder/);
  assertUsageError(run(['org.charter.yaml', 'nope.charter.yaml'], { cwd: dir }), /nope\.charter\.yaml/);
});

test('exit 2: an unreadable charter file', { skip: isRoot ? 'running as root: chmod 000 does not stop root from reading' : false }, () => {
  const dir = project({ 'org.charter.yaml': cleanCharter(), 'locked.charter.yaml': cleanCharter({ name: 'Locked' }) });
  const locked = path.join(dir, 'locked.charter.yaml');
  fs.chmodSync(locked, 0o000);
  try {
    assertUsageError(run([], { cwd: dir }), /locked\.charter\.yaml/);
    assertUsageError(run(['locked.charter.yaml'], { cwd: dir }), /locked\.charter\.yaml/);
  } finally {
    fs.chmodSync(locked, 0o644);
  }
});

test('exit 2: a charter file whose read fails (EIO), also when running as root', { skip: process.platform !== 'linux' ? 'needs /proc/self/mem' : false }, () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  fs.symlinkSync('/proc/self/mem', path.join(dir, 'io.charter.yaml'));
  assertUsageError(run(['io.charter.yaml'], { cwd: dir }), /io\.charter\.yaml/);
});

// ── exit 2: invalid config ──────────────────────────────────────────────────────────────────────

const badConfigs = {
  'bad YAML': 'rules: {missing-responsibility: off\n',
  'an unknown key': 'colour: blue\n',
  'an unknown rule id': 'rules:\n  no-such-rule: error\n',
  'a bad severity': 'rules:\n  missing-responsibility: loud\n',
  'a wrong type': 'ignores: drafts\n',
};

for (const [what, text] of Object.entries(badConfigs)) {
  test(`exit 2: .charterlintrc.yaml with ${what}`, () => {
    const dir = project({ '.charterlintrc.yaml': text, 'org.charter.yaml': cleanCharter() });
    assertUsageError(run([], { cwd: dir }), /charterlintrc/);
  });
}

test('exit 2: an invalid config found upward from a nested folder, or named by --config', () => {
  const text = badConfigs['an unknown rule id'];
  const dir = project({ '.charterlintrc.yaml': text, 'team/t.charter.yaml': cleanCharter({ name: 'Team' }) });
  assertUsageError(run([], { cwd: path.join(dir, 'team') }), /charterlintrc/);
  const other = project({ 'org.charter.yaml': cleanCharter(), 'my-config.yaml': text });
  assertUsageError(run(['--config', 'my-config.yaml'], { cwd: other }), /my-config\.yaml/);
});

test('exit 2: --config pointing to a missing file', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['--config', 'nowhere/.charterlintrc.yaml'], { cwd: dir }), /nowhere/);
});

test('exit 2: a config model that cannot be loaded', () => {
  const dir = project({ '.charterlintrc.yaml': 'model: ./models/missing.roles.yaml\n', 'org.charter.yaml': cleanCharter() });
  assertUsageError(run([], { cwd: dir }), /missing\.roles\.yaml/);
  const builtin = project({ '.charterlintrc.yaml': 'model: no-such-model\n', 'org.charter.yaml': cleanCharter() });
  assertUsageError(run([], { cwd: builtin }), /no-such-model/);
});

// ── exit 2: bad --model ─────────────────────────────────────────────────────────────────────────

test('exit 2: --model naming a missing file', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['--model', './missing.roles.yaml'], { cwd: dir }), /missing\.roles\.yaml/);
});

test('exit 2: --model naming a role model that is not valid YAML', () => {
  const dir = project({ 'org.charter.yaml': tinyCharter(), 'broken.roles.yaml': 'model: tiny\nscopes: [organization\nroles:\n  - : :\n' });
  assertUsageError(run(['--model', 'broken.roles.yaml'], { cwd: dir }), /broken\.roles\.yaml/);
});

test('exit 2: --model naming a role model that breaks its schema', () => {
  const noRoles = TINY_MODEL.replace(/\nroles:[\s\S]*$/, '\n');
  const dir = project({ 'org.charter.yaml': tinyCharter(), 'partial.roles.yaml': noRoles, 'empty.roles.yaml': '' });
  assertUsageError(run(['--model', 'partial.roles.yaml'], { cwd: dir }), /partial\.roles\.yaml/);
  assertUsageError(run(['--model', './empty.roles.yaml'], { cwd: dir }), /empty\.roles\.yaml/);
});

test('exit 2: --model with an unknown built-in id', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  assertUsageError(run(['--model', 'marketing-leadership'], { cwd: dir }), /marketing-leadership/);
});

test('--help and --version exit 0', () => {
  const dir = project({});
  const help = run(['--help'], { cwd: dir });
  assert.equal(help.status, 0, describe(help));
  assert.match(help.stdout, /--format/);
  const version = run(['--version'], { cwd: dir });
  assert.equal(version.status, 0, describe(version));
  assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
});
