// SPEC §3 output formats: json (exact shape), sarif 2.1.0, stylish, --output, --quiet.
// Fixture: test/fixtures/cli/format-org, one organization over three files:
//   a.charter.yaml    uncovered-region (warning, LATAM) + non-canonical-responsibility (info, fixable)
//   m/b.charter.yaml  duplicate-responsibility (warning, fixable) + unknown-reference (error, "hoss")
//   z.charter.yml     clean
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers.mjs';
import { tmp, run, runJson, describe, assertNoCrash, flat, filesOf, RULE_IDS, cleanCharter, charterWithWarnings, project } from './cli-util.mjs';

const FIXTURE = path.join(repoRoot, 'test', 'fixtures', 'cli', 'format-org');
const FILES = ['a.charter.yaml', 'm/b.charter.yaml', 'z.charter.yml'];

/** A temp root holding the fixture as `proj/` and an empty sibling folder `elsewhere/`. */
function setup() {
  const root = tmp();
  fs.cpSync(FIXTURE, path.join(root, 'proj'), { recursive: true });
  fs.mkdirSync(path.join(root, 'elsewhere'));
  return root;
}

/** 0-based position of `needle` on the line of `file` that contains `lineNeedle`. */
function positionOf(file, lineNeedle, needle, nth = 0) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(lineNeedle));
  assert.ok(line >= 0, `no line with ${lineNeedle}`);
  let character = -1;
  for (let i = 0; i <= nth; i++) character = lines[line].indexOf(needle, character + 1);
  assert.ok(character >= 0);
  return { line, character };
}

const isPosition = (p) => p && Object.keys(p).sort().join() === 'character,line' && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0;
const isRange = (r) => r && Object.keys(r).sort().join() === 'end,start' && isPosition(r.start) && isPosition(r.end);
const before = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function assertJsonShape(report) {
  assert.ok(Array.isArray(report), 'the report is one JSON array');
  for (const entry of report) {
    assert.deepEqual(Object.keys(entry).sort(), ['diagnostics', 'file']);
    assert.equal(typeof entry.file, 'string');
    assert.ok(!entry.file.includes('\\'), `file uses / separators: ${entry.file}`);
    assert.ok(!path.isAbsolute(entry.file), `file is relative: ${entry.file}`);
    assert.ok(Array.isArray(entry.diagnostics));
    for (const d of entry.diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ['fixable', 'message', 'range', 'related', 'rule', 'severity'], JSON.stringify(d));
      assert.ok(RULE_IDS.includes(d.rule), `known rule id: ${d.rule}`);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity), d.severity);
      assert.equal(typeof d.message, 'string');
      assert.ok(d.message.length > 0);
      assert.ok(isRange(d.range), JSON.stringify(d.range));
      assert.ok(before(d.range.start, d.range.end), 'range start <= end');
      assert.equal(typeof d.fixable, 'boolean');
      assert.ok(Array.isArray(d.related));
      for (const rel of d.related) {
        assert.deepEqual(Object.keys(rel).sort(), ['file', 'message', 'range'], JSON.stringify(rel));
        assert.equal(typeof rel.file, 'string');
        assert.ok(!path.isAbsolute(rel.file) && !rel.file.includes('\\'), `related file is relative with /: ${rel.file}`);
        assert.ok(isRange(rel.range));
        assert.equal(typeof rel.message, 'string');
      }
    }
    for (let i = 1; i < entry.diagnostics.length; i++) {
      assert.ok(before(entry.diagnostics[i - 1].range.start, entry.diagnostics[i].range.start), `${entry.file}: diagnostics in position order`);
    }
  }
  const files = filesOf(report);
  assert.deepEqual(files, [...files].sort(), 'files sorted by path');
}

test('json: exact shape, every linted file listed, relative paths from a parent cwd, sorted', () => {
  const root = setup();
  // Paths given out of order on purpose: the report is still sorted by path.
  const { r, report } = runJson(['proj/z.charter.yml', 'proj/m', 'proj/a.charter.yaml'], { cwd: root });
  assert.equal(r.status, 1, describe(r));
  assertJsonShape(report);
  assert.deepEqual(filesOf(report), FILES.map((f) => `proj/${f}`));
  const byFile = Object.fromEntries(report.map((e) => [e.file, e.diagnostics]));
  assert.deepEqual(byFile['proj/z.charter.yml'], [], 'a clean file is listed with []');
  assert.deepEqual(byFile['proj/a.charter.yaml'].map((d) => `${d.rule} ${d.severity} ${d.fixable}`), [
    'uncovered-region warning false',
    'non-canonical-responsibility info true',
  ]);
  assert.deepEqual(byFile['proj/m/b.charter.yaml'].map((d) => `${d.rule} ${d.severity} ${d.fixable}`), [
    'duplicate-responsibility warning true',
    'unknown-reference error false',
  ]);
});

test('json: 0-based LSP positions covering the offending value', () => {
  const root = setup();
  const { report } = runJson(['proj'], { cwd: root });
  assertJsonShape(report);
  const d = Object.fromEntries(flat(report).map((x) => [x.rule, x]));
  const a = path.join(root, 'proj', 'a.charter.yaml');
  const b = path.join(root, 'proj', 'm', 'b.charter.yaml');

  const hoss = positionOf(b, 'reports_to: hoss', 'hoss');
  assert.deepEqual(d['unknown-reference'].range, { start: hoss, end: { line: hoss.line, character: hoss.character + 4 } });
  assert.equal(d['unknown-reference'].file, 'proj/m/b.charter.yaml');

  const latam = positionOf(a, 'regions:', 'LATAM');
  assert.deepEqual(d['uncovered-region'].range, { start: latam, end: { line: latam.line, character: latam.character + 5 } });

  const text = 'Own the annual sales budget';
  const free = positionOf(a, text, text);
  assert.deepEqual(d['non-canonical-responsibility'].range, { start: free, end: { line: free.line, character: free.character + text.length } });

  // The later of the two entries is the duplicate.
  const second = positionOf(b, 'regional-business-development, regional-sales-plan]', 'regional-sales-plan', 1);
  assert.deepEqual(d['duplicate-responsibility'].range, { start: second, end: { line: second.line, character: second.character + 'regional-sales-plan'.length } });
});

test('json: paths relative to a cwd outside the linted folder (../proj/...)', () => {
  const root = setup();
  const { report } = runJson(['../proj'], { cwd: path.join(root, 'elsewhere') });
  assertJsonShape(report);
  assert.deepEqual(filesOf(report), FILES.map((f) => `../proj/${f}`));
});

test('json: the same report from inside the folder uses paths relative to it', () => {
  const root = setup();
  const { report } = runJson([], { cwd: path.join(root, 'proj') });
  assertJsonShape(report);
  assert.deepEqual(filesOf(report), FILES);
});

// ── SARIF ──────────────────────────────────────────────────────────────────────────────────────

test('sarif: 2.1.0 log with $schema, driver rules (id + helpUri) for every rule', () => {
  const root = setup();
  const r = run(['proj', '--format', 'sarif'], { cwd: root });
  assertNoCrash(r);
  assert.equal(r.status, 1, describe(r));
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(typeof sarif.$schema, 'string');
  assert.match(sarif.$schema, /sarif.*2\.1\.0.*\.json$|sarif-schema-2\.1\.0\.json$/);
  assert.equal(sarif.runs.length, 1);
  const driver = sarif.runs[0].tool.driver;
  assert.equal(typeof driver.name, 'string');
  assert.ok(driver.name.length > 0);
  const ids = driver.rules.map((rule) => rule.id);
  assert.deepEqual([...ids].sort(), [...RULE_IDS].sort());
  for (const rule of driver.rules) {
    assert.equal(typeof rule.helpUri, 'string', rule.id);
    assert.match(rule.helpUri, /^https?:\/\/\S+$/, rule.id);
    assert.ok(rule.helpUri.includes(rule.id), `${rule.id}: helpUri names the rule's page`);
  }
});

test('sarif: results match the JSON report (ruleId, level, message, relative uri, 1-based region)', () => {
  const root = setup();
  const { report } = runJson(['proj'], { cwd: root });
  const r = run(['proj', '--format', 'sarif'], { cwd: root });
  assertNoCrash(r);
  const sarif = JSON.parse(r.stdout);
  const results = sarif.runs[0].results;
  const ids = new Set(sarif.runs[0].tool.driver.rules.map((rule) => rule.id));
  const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  const fromJson = flat(report).map((d) => `${d.file}|${d.rule}|${LEVEL[d.severity]}|${d.range.start.line + 1}:${d.range.start.character + 1}|${d.message}`).sort();
  const fromSarif = results.map((res) => {
    assert.ok(ids.has(res.ruleId), `ruleId ${res.ruleId} is a driver rule`);
    assert.ok(['error', 'warning', 'note'].includes(res.level), res.level);
    assert.equal(typeof res.message.text, 'string');
    const loc = res.locations[0].physicalLocation;
    const uri = loc.artifactLocation.uri;
    assert.ok(!uri.startsWith('/'), `uri without leading /: ${uri}`);
    assert.ok(!uri.startsWith('file:'), `uri without file:// : ${uri}`);
    assert.ok(!uri.includes('\\'), uri);
    assert.ok(Number.isInteger(loc.region.startLine) && loc.region.startLine >= 1);
    assert.ok(Number.isInteger(loc.region.startColumn) && loc.region.startColumn >= 1);
    return `${decodeURIComponent(uri)}|${res.ruleId}|${res.level}|${loc.region.startLine}:${loc.region.startColumn}|${res.message.text}`;
  }).sort();
  assert.equal(fromSarif.length, 4);
  assert.deepEqual(fromSarif, fromJson);
});

test('sarif: a clean organization gives a valid log with no results', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  const r = run(['--format', 'sarif'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 0, describe(r));
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(sarif.runs[0].results, []);
});

// ── stylish ────────────────────────────────────────────────────────────────────────────────────

test('stylish (default): file path, 1-based line:col, severity, rule id, summary; no ANSI when not a TTY', () => {
  const root = setup();
  const { report } = runJson(['proj'], { cwd: root });
  const r = run(['proj'], { cwd: root });
  assertNoCrash(r);
  assert.equal(r.status, 1, describe(r));
  const out = r.stdout;
  assert.ok(!/\u001b\[/.test(out), 'no ANSI escape codes when stdout is not a TTY');
  assert.ok(!/\u001b\[/.test(r.stderr), 'no ANSI escape codes on stderr');
  assert.match(out, /^proj\/a\.charter\.yaml$/m);
  assert.match(out, /^proj\/m\/b\.charter\.yaml$/m);
  const lines = out.split('\n');
  for (const d of flat(report)) {
    const pos = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
    const row = lines.find((l) => l.includes(d.rule) && new RegExp(`(^|\\s)${pos}(\\s|$)`).test(l));
    assert.ok(row, `a row "${pos} ... ${d.rule}"\n${out}`);
    assert.match(row, new RegExp(`\\b${d.severity}\\b`), row);
  }
  assert.match(out, /\b4 problems\b/);
  assert.match(out, /\b1 error\b/);
  assert.match(out, /\b2 warnings\b/);
});

test('stylish: a clean organization prints no problems and exits 0', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  const r = run([], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 0);
  assert.ok(!/problem/.test(r.stdout), r.stdout);
  assert.ok(!/\u001b\[/.test(r.stdout));
});

// ── --format html (SPEC §3) ────────────────────────────────────────────────────────────────────

test('html: a self-contained report with the org chart and the responsibility matrix', () => {
  const root = setup();
  const r = run(['proj', '--format', 'html'], { cwd: root });
  assertNoCrash(r);
  assert.equal(r.status, 1, `html is a SPEC §3 format; exit code still reflects the lint errors\n${describe(r)}`);
  assert.match(r.stdout, /<html[\s>]/i);
  for (const id of ['hos', 'rsm-emea', 'rsm-apac', 'sales-strategy', 'regional-sales-plan']) assert.ok(r.stdout.includes(id), `report mentions ${id}`);
  assert.ok(!/<script[^>]+src=|<link[^>]+href=["']https?:/i.test(r.stdout), 'self-contained: no external scripts or styles');
});

// ── --output ───────────────────────────────────────────────────────────────────────────────────

for (const format of ['json', 'sarif', 'stylish']) {
  test(`--output FILE writes the ${format} report there and prints nothing to stdout`, () => {
    const root = setup();
    const direct = run(['proj', '--format', format], { cwd: root });
    const r = run(['proj', '--format', format, '--output', 'reports/out.txt'], { cwd: root });
    assertNoCrash(r);
    assert.equal(r.status, 1, `exit code still reflects the errors\n${describe(r)}`);
    assert.equal(r.stdout, '');
    const written = fs.readFileSync(path.join(root, 'reports', 'out.txt'), 'utf8');
    assert.equal(written, direct.stdout);
    if (format === 'stylish') assert.ok(!/\u001b\[/.test(written), 'no ANSI codes in a file');
  });
}

test('--output with a clean organization still writes a (valid, empty) JSON report', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  const r = run(['--format', 'json', '--output', 'out.json'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '');
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'out.json'), 'utf8')), [{ file: 'org.charter.yaml', diagnostics: [] }]);
});

// ── --quiet ────────────────────────────────────────────────────────────────────────────────────

test('--quiet: only errors are reported; files stay listed; exit code by errors', () => {
  const root = setup();
  const { r, report } = runJson(['proj', '--quiet'], { cwd: root });
  assert.equal(r.status, 1, describe(r));
  assertJsonShape(report);
  assert.deepEqual(filesOf(report), FILES.map((f) => `proj/${f}`));
  assert.deepEqual(flat(report).map((d) => `${d.file} ${d.rule} ${d.severity}`), ['proj/m/b.charter.yaml unknown-reference error']);
  const stylish = run(['proj', '--quiet'], { cwd: root });
  assert.equal(stylish.status, 1);
  assert.ok(stylish.stdout.includes('unknown-reference'));
  for (const rule of ['uncovered-region', 'duplicate-responsibility', 'non-canonical-responsibility']) assert.ok(!stylish.stdout.includes(rule), `${rule} hidden by --quiet`);
});

test('--quiet with warnings only: empty diagnostics and exit 0', () => {
  const dir = project({ 'org.charter.yaml': charterWithWarnings(2) });
  const { r, report } = runJson(['--quiet'], { cwd: dir });
  assert.equal(r.status, 0, describe(r));
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
  const sarif = run(['--quiet', '--format', 'sarif'], { cwd: dir });
  assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results, []);
});
