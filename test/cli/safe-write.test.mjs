// SPEC §2 "Fixes": `--fix` writes a file only if it is unchanged since it was read, whole (a
// temporary file renamed over it), keeping its mode, byte order mark and line endings; a charter
// reached through a symbolic link is written at its real path only when that path is inside the
// project root, and skipped with a warning otherwise; nothing but a charter is ever written.
// The write itself (server/src/cli/write.ts) is tested with an injected file system, so the race
// between the lint's read and the write can be staged exactly; the CLI cases spawn the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { project, tmp, write, run, runJson, describe, assertNoCrash, cleanCharter } from './cli-util.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('../../server/out/cli/write')} */
const { writeFixedCharter, keepFileStyle, nodeWriteFs } = require('../../server/out/cli/write.js');

const FIXABLE = cleanCharter().replace('responsibilities: [sales-strategy,', 'responsibilities: [sales-strategy, sales-strategy,');
const FIXED = cleanCharter();

const leftovers = (dir) => fs.readdirSync(dir).filter((f) => f.includes('charter-lint') || f.endsWith('.tmp'));

test('write: a charter unchanged since it was read is replaced whole through a temporary file in its folder and a rename, keeping its mode', () => {
  const dir = project({ 'org.charter.yaml': FIXABLE });
  const file = path.join(dir, 'org.charter.yaml');
  fs.chmodSync(file, 0o640);
  const calls = [];
  const io = {
    ...nodeWriteFs,
    create(f, data, mode) {
      calls.push(['create', path.dirname(f), mode]);
      nodeWriteFs.create(f, data, mode);
    },
    rename(from, to) {
      calls.push(['rename', path.dirname(from), to]);
      nodeWriteFs.rename(from, to);
    },
  };
  const outcome = writeFixedCharter({ file, kind: 'charter', root: dir, original: FIXABLE, fixed: FIXED }, io);
  assert.deepEqual(outcome, { written: true, path: file });
  assert.deepEqual(calls, [['create', dir, 0o640], ['rename', dir, file]]);
  assert.equal(fs.readFileSync(file, 'utf8'), FIXED);
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(leftovers(dir), []);
});

test('write: a file changed between the lint\'s read and the write (saved by someone meanwhile) is not written', () => {
  const dir = project({ 'org.charter.yaml': FIXABLE });
  const file = path.join(dir, 'org.charter.yaml');
  const saved = FIXABLE.replace('Acme Sales', 'Acme Sales (edited in the editor)');
  const io = {
    ...nodeWriteFs,
    read(f) {
      fs.writeFileSync(file, saved); // the editor saves right before our re-read
      return nodeWriteFs.read(f);
    },
    create() {
      assert.fail('nothing may be written');
    },
  };
  const outcome = writeFixedCharter({ file, kind: 'charter', root: dir, original: FIXABLE, fixed: FIXED }, io);
  assert.deepEqual(outcome, { written: false, reason: 'changed' });
  assert.equal(fs.readFileSync(file, 'utf8'), saved);
});

test('write: a file removed, or replaced by a FIFO, before the write is not written (the re-read refuses it at once)', { skip: process.platform === 'win32' }, () => {
  const dir = project({ 'org.charter.yaml': FIXABLE });
  const file = path.join(dir, 'org.charter.yaml');
  fs.rmSync(file);
  assert.deepEqual(writeFixedCharter({ file, kind: 'charter', root: dir, original: FIXABLE, fixed: FIXED }), { written: false, reason: 'changed', code: 'ENOENT' });
  assert.ok(!fs.existsSync(file));
  assert.equal(spawnSync('mkfifo', [file]).status, 0, 'mkfifo');
  assert.deepEqual(writeFixedCharter({ file, kind: 'charter', root: dir, original: FIXABLE, fixed: FIXED }), { written: false, reason: 'changed' });
  assert.ok(fs.lstatSync(file).isFIFO(), 'the FIFO is left as it is');
});

test('write: a failed rename leaves the original intact and no temporary file behind', () => {
  const dir = project({ 'org.charter.yaml': FIXABLE });
  const file = path.join(dir, 'org.charter.yaml');
  const io = {
    ...nodeWriteFs,
    rename() {
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    },
  };
  const outcome = writeFixedCharter({ file, kind: 'charter', root: dir, original: FIXABLE, fixed: FIXED }, io);
  assert.deepEqual(outcome, { written: false, reason: 'failed', code: 'ENOSPC' });
  assert.equal(fs.readFileSync(file, 'utf8'), FIXABLE);
  assert.deepEqual(leftovers(dir), []);
});

test('write: anything that is not a charter kind is never written', () => {
  const dir = project({ 'ci.yaml': 'name: CI\n' });
  const file = path.join(dir, 'ci.yaml');
  for (const kind of ['other', 'role-model', 'config', 'ignored']) {
    assert.deepEqual(writeFixedCharter({ file, kind, root: dir, original: 'name: CI\n', fixed: '' }), { written: false, reason: 'not-a-charter' });
  }
  assert.equal(fs.readFileSync(file, 'utf8'), 'name: CI\n');
});

test('write: a path whose real path leaves the project root is not written', () => {
  const outside = write(tmp(), { 'real.charter.yaml': FIXABLE });
  const root = project({});
  fs.symlinkSync(path.join(outside, 'real.charter.yaml'), path.join(root, 'link.charter.yaml'));
  const outcome = writeFixedCharter({ file: path.join(root, 'link.charter.yaml'), kind: 'charter', root, original: FIXABLE, fixed: FIXED });
  assert.deepEqual(outcome, { written: false, reason: 'outside-root' });
  assert.equal(fs.readFileSync(path.join(outside, 'real.charter.yaml'), 'utf8'), FIXABLE);
});

test('keepFileStyle: the byte order mark, CRLF and lone CR line endings of the original are kept; mixed endings are left as the fix made them', () => {
  assert.equal(keepFileStyle('\uFEFFa: 1\n', 'a: 2\n'), '\uFEFFa: 2\n');
  assert.equal(keepFileStyle('a: 1\r\nb: 2\r\n', 'a: 1\r\nc: 3\nb: 2\r\n'), 'a: 1\r\nc: 3\r\nb: 2\r\n');
  assert.equal(keepFileStyle('a: 1\rb: 2\r', 'a: 1\rc: 3\nb: 2\r'), 'a: 1\rc: 3\rb: 2\r');
  assert.equal(keepFileStyle('\uFEFFa: 1\r\n', 'a: 1\r\nc: 3\n'), '\uFEFFa: 1\r\nc: 3\r\n');
  assert.equal(keepFileStyle('a: 1\r\nb: 2\n', 'a: 1\r\nc: 3\n'), 'a: 1\r\nc: 3\n');
  assert.equal(keepFileStyle('a: 1\n', 'a: 1\nc: 3\n'), 'a: 1\nc: 3\n');
});

// ── the CLI ─────────────────────────────────────────────────────────────────────────────────────

test('--fix: a charter reached through a symbolic link outside the project root is skipped with a one-line warning, not written', () => {
  const base = tmp();
  write(base, { 'outside/real.charter.yaml': FIXABLE, 'proj/.charterlintrc.yaml': '' });
  const proj = path.join(base, 'proj');
  fs.symlinkSync(path.join(base, 'outside', 'real.charter.yaml'), path.join(proj, 'link.charter.yaml'));
  const r = run(['--fix', 'link.charter.yaml', '--format', 'json'], { cwd: proj });
  assertNoCrash(r);
  assert.deepEqual(r.stderr.split('\n').filter(Boolean), ['charter-lint: link.charter.yaml: a symbolic link to a file outside the project root, not fixed'], describe(r));
  assert.equal(fs.readFileSync(path.join(base, 'outside', 'real.charter.yaml'), 'utf8'), FIXABLE);
  assert.ok(fs.lstatSync(path.join(proj, 'link.charter.yaml')).isSymbolicLink(), 'the link itself is not replaced by a file');
  // Reported as it is, not as it would have been: the duplicate is still there.
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.flatMap((e) => e.diagnostics.map((d) => d.rule)), ['duplicate-responsibility']);
});

test('--fix: a charter reached through a symbolic link inside the project root is written at its real path; the link stays a link', () => {
  const proj = project({ '.charterlintrc.yaml': '', 'teams/real.charter.yaml': FIXABLE });
  fs.symlinkSync(path.join(proj, 'teams', 'real.charter.yaml'), path.join(proj, 'link.charter.yaml'));
  const { r, report } = runJson(['--fix', 'link.charter.yaml'], { cwd: proj });
  assert.equal(r.stderr, '');
  assert.deepEqual(report, [{ file: 'link.charter.yaml', diagnostics: [] }]);
  assert.equal(fs.readFileSync(path.join(proj, 'teams', 'real.charter.yaml'), 'utf8'), FIXED);
  assert.ok(fs.lstatSync(path.join(proj, 'link.charter.yaml')).isSymbolicLink());
  assert.equal(r.status, 0, describe(r));
});

test('--fix keeps the byte order mark and CRLF line endings, and the file mode', () => {
  const crlf = `\uFEFF${FIXABLE.replace(/\n/g, '\r\n')}`;
  const proj = project({ 'org.charter.yaml': crlf });
  fs.chmodSync(path.join(proj, 'org.charter.yaml'), 0o600);
  const { r, report } = runJson(['--fix'], { cwd: proj });
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }], describe(r));
  const after = fs.readFileSync(path.join(proj, 'org.charter.yaml'), 'utf8');
  assert.equal(after, `\uFEFF${FIXED.replace(/\n/g, '\r\n')}`);
  assert.equal(fs.statSync(path.join(proj, 'org.charter.yaml')).mode & 0o777, 0o600);
  assert.deepEqual(leftovers(proj), []);
});
