// SPEC §3: text from charters and file names that reaches a terminal (stylish output, messages on
// stderr) has its control characters (C0, DEL, C1) escaped; JSON and SARIF write them as \u escapes:
// a charter cannot move the cursor, clear the screen or set the window title. And the stylish
// layout stays linear: one very long message does not pad every other row to its length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cliPath } from '../helpers.mjs';
import { project, run, describe, assertNoCrash, assertUsageError, list, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from './cli-util.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('../../server/out/cli/formatters/stylish')} */
const { formatStylish, MAX_MESSAGE_PAD } = require('../../server/out/cli/formatters/stylish.js');
/** @type {typeof import('../../server/out/cli/terminal')} */
const { terminalSafe, jsonSafe } = require('../../server/out/cli/terminal.js');

const TITLE = '\u001b]0;pwned\u0007'; // OSC: set the window title
const CLEAR = '\u001b[2J'; // CSI: clear the screen
const C1_CSI = '\u009b2J'; // the same through the one-byte C1 CSI
const DEL = '\u007f';

/** YAML double-quoted escapes put the raw characters into the parsed values. */
const HOSTILE = [
  'charter: "Acme \\e]0;pwned\\a"',
  'regions: [EMEA, "Mars\\e[2J"]',
  'external: [ceo]',
  'roles:',
  '  - id: hos',
  '    role: head-of-sales',
  '    scope: organization',
  '    reports_to: "boss\\e]0;pwned\\a"',
  `    responsibilities: [${HOS_RESPONSIBILITIES.join(', ')}, "Sell \\x9b2J everything\\x7f"]`,
  '  - id: rsm-emea',
  '    role: regional-sales-manager',
  '    scope: {region: EMEA}',
  '    reports_to: hos',
  `    responsibilities: ${list(RSM_RESPONSIBILITIES)}`,
  '',
].join('\n');

// Anything a terminal acts on, other than the line feeds of the layout itself.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const EVIL_NAME = `evil${CLEAR}.charter.yaml`;

function hostileProject() {
  return project({ 'org.charter.yaml': HOSTILE, [EVIL_NAME]: 'charter: Acme\nroles: 3\n', [`ci${TITLE}.yaml`]: 'name: CI\n' });
}

test('fixture sanity: the charter really holds ESC, BEL, C1 CSI and DEL in the values its findings quote', () => {
  const dir = hostileProject();
  const r = run(['--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  const messages = JSON.parse(r.stdout).flatMap((e) => e.diagnostics.map((d) => d.message)).join('\n');
  for (const raw of [TITLE, CLEAR, C1_CSI, DEL]) assert.ok(messages.includes(raw), `a message quotes ${JSON.stringify(raw)}\n${messages}`);
});

test('stylish: escape sequences from charter text and file names never reach stdout or stderr raw; they show as \\x1b, \\u009b', () => {
  const dir = hostileProject();
  const r = run([], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 1, describe(r));
  assert.ok(!RAW_CONTROL.test(r.stdout), `raw control character on stdout: ${JSON.stringify(r.stdout.match(RAW_CONTROL))}`);
  assert.ok(!RAW_CONTROL.test(r.stderr), 'raw control character on stderr');
  assert.ok(r.stdout.includes('boss\\x1b]0;pwned\\x07'), r.stdout);
  assert.ok(r.stdout.includes('Mars\\x1b[2J'), r.stdout);
  assert.ok(r.stdout.includes('Sell \\u009b2J everything\\x7f'), r.stdout);
  assert.ok(r.stdout.includes('evil\\x1b[2J.charter.yaml'), 'the file name is escaped too');
});

test('stderr: a file name with escape sequences in a skip warning or a usage error is escaped', () => {
  const dir = hostileProject();
  const skipped = run([`ci${TITLE}.yaml`], { cwd: dir });
  assertNoCrash(skipped);
  assert.deepEqual(skipped.stderr, 'charter-lint: ci\\x1b]0;pwned\\x07.yaml: not a charter file, skipped\n');
  const missing = run([`nope${CLEAR}.yaml`], { cwd: dir });
  assertUsageError(missing, /nope\\x1b\[2J\.yaml/);
  assert.ok(!RAW_CONTROL.test(missing.stderr));
});

for (const format of ['json', 'sarif']) {
  test(`${format}: control characters are written as \\u escapes (C0, DEL and C1 alike) and read back exactly`, () => {
    const dir = hostileProject();
    const r = run(['--format', format], { cwd: dir });
    assertNoCrash(r);
    assert.ok(!RAW_CONTROL.test(r.stdout.replace(/\n/g, '')), `raw control character in ${format}: ${JSON.stringify(r.stdout.match(RAW_CONTROL))}`);
    assert.ok(r.stdout.includes('\\u001b]0;pwned\\u0007'));
    assert.ok(r.stdout.includes('\\u009b2J') && r.stdout.includes('\\u007f'), 'C1 and DEL, which JSON.stringify leaves raw, are escaped');
    const parsed = JSON.parse(r.stdout);
    const messages = (format === 'json' ? parsed.flatMap((e) => e.diagnostics.map((d) => d.message)) : parsed.runs[0].results.map((res) => res.message.text)).join('\n');
    for (const raw of [TITLE, CLEAR, C1_CSI, DEL]) assert.ok(messages.includes(raw), `${JSON.stringify(raw)} reads back exactly`);
  });
}

test('html printed to stdout carries no raw control characters either', () => {
  const dir = hostileProject();
  const r = run(['--format', 'html'], { cwd: dir });
  assertNoCrash(r);
  assert.ok(!RAW_CONTROL.test(r.stdout.replace(/\n/g, '')), JSON.stringify(r.stdout.match(RAW_CONTROL)));
  assert.ok(r.stdout.includes('boss\\x1b]0;pwned\\x07'));
});

test('terminalSafe / jsonSafe: every C0, DEL and C1 character is escaped; other text is untouched', () => {
  let all = '';
  for (let code = 0; code < 0xa0; code++) all += String.fromCharCode(code);
  const safe = terminalSafe(all);
  assert.ok(!RAW_CONTROL.test(safe) && !safe.includes('\n'), safe);
  assert.equal(terminalSafe('Zürich – 東京 "ok"'), 'Zürich – 東京 "ok"');
  assert.equal(terminalSafe('a\nb\tc\u001b\u0085\u202e'), 'a\\x0ab\\x09c\\x1b\\u0085\\u202e');
  const json = jsonSafe(JSON.stringify({ all }));
  assert.ok(!RAW_CONTROL.test(json), json);
  assert.equal(JSON.parse(json).all, all);
});

// ── stylish padding ─────────────────────────────────────────────────────────────────────────────

const finding = (message, line) => ({
  rule: 'uncovered-region',
  severity: 'warning',
  message,
  file: 'a.charter.yaml',
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
  offsets: { start: 0, end: 1 },
  related: [],
  fixes: [],
  docsUrl: '',
});

test('stylish: the message column is padded to the widest message of at most 200 characters, so one 150,000-character message does not pad the other rows', () => {
  assert.equal(MAX_MESSAGE_PAD, 200);
  const long = 'x'.repeat(150_000);
  const findings = [finding(long, 0), ...Array.from({ length: 200 }, (_, i) => finding(`Region "R${i}" is not covered by any regional role.`, i + 1))];
  const out = formatStylish([{ file: 'a.charter.yaml', findings }], { color: false, version: '0' });
  assert.ok(out.length < long.length + 200 * 200, `output ${out.length} characters: linear in the input`);
  const rows = out.split('\n').filter((l) => l.includes('uncovered-region'));
  assert.equal(rows.length, 201);
  // Short messages stay aligned with each other.
  const ruleColumns = new Set(rows.slice(1).map((l) => l.indexOf('uncovered-region')));
  assert.equal(ruleColumns.size, 1, 'the short rows keep one rule column');
  assert.ok([...ruleColumns][0] < 100, 'aligned on the short messages, not on the long one');
});

test('a 200 KB charter whose free text would make a 150,000-character message: the text is cut in the message, stylish output < 400 KB, finishes in < 20 s under a 1 GB heap', (t) => {
  const long = 'Sell '.repeat(30_000); // free text nothing matches: quoted (cut) in its message
  const regions = Array.from({ length: 200 }, (_, i) => `Spare${i}`);
  const charter = [
    'charter: Acme Sales',
    `regions: ${list(['EMEA', ...regions])}`,
    'external: [ceo]',
    'roles:',
    '  - id: hos',
    '    role: head-of-sales',
    '    scope: organization',
    '    reports_to: ceo',
    `    responsibilities: [${HOS_RESPONSIBILITIES.join(', ')}, "${long}"]`,
    '',
  ].join('\n');
  const dir = project({ 'org.charter.yaml': charter });
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', cliPath], { cwd: dir, encoding: 'utf8', timeout: 20_000, maxBuffer: 512 * 1024 * 1024 });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(r.error, undefined, `did not finish: ${r.error?.code}`);
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.split('\n').filter((l) => l.includes('uncovered-region'));
  assert.ok(rows.length >= 200, `${rows.length} uncovered-region rows`);
  const longest = Math.max(...r.stdout.split('\n').map((l) => l.length));
  assert.ok(longest < 1000, `the longest line is ${longest} characters: the 150,000-character text is cut in its message`);
  assert.match(r.stdout, /"Sell Sell [^"]*…"/, 'the cut text ends with …');
  assert.ok(r.stdout.length < 400 * 1024, `stylish output is ${r.stdout.length} characters (${seconds.toFixed(1)} s)`);
  t.diagnostic(`${seconds.toFixed(2)} s, ${r.stdout.length} characters of output`);
});
