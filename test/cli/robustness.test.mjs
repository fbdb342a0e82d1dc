// Bad input never crashes the CLI: it exits 0/1 with a diagnostic, or 2 with a one-line error;
// never a stack trace, never a hang (every run has a 30 s timeout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { project, run, runJson, describe, assertNoCrash, assertUsageError, flat, filesOf, rulesOf, cleanCharter, list, RSM_RESPONSIBILITIES, HOS_RESPONSIBILITIES } from './cli-util.mjs';

/**
 * Lints `bad` next to a clean charter. Returns the bad file's diagnostics when the CLI reported it
 * (exit 0/1, JSON), or undefined when it refused it with exit 2 (which must then be one clean line).
 */
function lintBad(bad, { allowExit2 = false } = {}) {
  const dir = project({ 'bad.charter.yaml': bad, 'good.charter.yaml': cleanCharter() });
  const r = run(['--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  if (r.status === 2) {
    assert.ok(allowExit2, `exit 2 where a diagnostic was expected\n${describe(r)}`);
    assertUsageError(r, /bad\.charter\.yaml/);
    return undefined;
  }
  const report = JSON.parse(r.stdout);
  assert.deepEqual(filesOf(report), ['bad.charter.yaml', 'good.charter.yaml'], 'both files are reported');
  const bads = report[0].diagnostics;
  assert.ok(bads.length > 0, 'the bad file has a diagnostic');
  assert.equal(r.status, bads.some((d) => d.severity === 'error') ? 1 : 0);
  return { r, bads, report };
}

test('malformed YAML: yaml-syntax error with the parser span, exit 1', () => {
  const { r, bads } = lintBad('charter: Acme Sales\nroles:\n  - id: [unclosed\n    role: head-of-sales\n');
  assert.equal(r.status, 1);
  assert.ok(bads.some((d) => d.rule === 'yaml-syntax' && d.severity === 'error'), JSON.stringify(bads));
  for (const d of bads.filter((x) => x.rule === 'yaml-syntax')) assert.ok(d.range.start.line <= 4, 'range inside the file');
});

test('a duplicate mapping key is reported, not a crash', () => {
  const { r, bads } = lintBad('charter: Acme Sales\ncharter: Other\n');
  assert.equal(r.status, 1);
  assert.ok(bads.some((d) => d.severity === 'error'), JSON.stringify(bads));
});

test('an empty file: a schema error (missing charter), exit 1', () => {
  const { r, bads } = lintBad('');
  assert.equal(r.status, 1);
  assert.ok(bads.some((d) => d.rule === 'schema' && d.severity === 'error'), JSON.stringify(bads));
  const first = bads.find((d) => d.rule === 'schema');
  assert.deepEqual(first.range.start, { line: 0, character: 0 });
});

test('a file with only comments and whitespace: schema error, exit 1', () => {
  const { r, bads } = lintBad('# nothing yet\n\n   \n');
  assert.equal(r.status, 1);
  assert.ok(bads.some((d) => d.rule === 'schema'), JSON.stringify(bads));
});

test('a file that is a YAML list: schema error, exit 1', () => {
  const { r, bads } = lintBad('- id: hos\n  role: head-of-sales\n- id: rsm\n');
  assert.equal(r.status, 1);
  assert.ok(bads.some((d) => d.rule === 'schema' && d.severity === 'error'), JSON.stringify(bads));
});

test('a file that is a scalar: schema error, exit 1', () => {
  const { r, bads } = lintBad('just some words\n');
  assert.equal(r.status, 1);
  assert.ok(bads.some((d) => d.rule === 'schema' && d.severity === 'error'), JSON.stringify(bads));
});

test('wrong types everywhere: schema findings, no crash', () => {
  const { r, bads } = lintBad('charter: 42\nregions: {a: 1}\nexternal: ceo\nroles:\n  - 7\n  - id: [x]\n    role: {a: b}\n    scope: {galaxy: far}\n    reports_to: [a, b]\n    responsibilities: 3\n  - null\n');
  assert.equal(r.status, 1);
  assert.ok(bads.some((d) => d.rule === 'schema'), JSON.stringify(bads));
});

test('binary bytes (NUL, 0xFF): a diagnostic or a one-line exit 2, never a crash', () => {
  const bytes = Buffer.from([0x63, 0x68, 0x00, 0xff, 0xfe, 0x00, 0x01, 0x02, 0x0a, 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  const result = lintBad(bytes, { allowExit2: true });
  if (result) assert.equal(result.r.status, 1);
});

test('invalid UTF-8 without NUL bytes: no crash', () => {
  const text = Buffer.concat([Buffer.from(cleanCharter().replace('role: head-of-sales', 'holder: Ren')), Buffer.from([0xe9, 0x0a])]);
  const dir = project({ 'org.charter.yaml': text });
  const r = run(['--format', 'json'], { cwd: dir });
  assertNoCrash(r);
});

test('a UTF-8 BOM is accepted', () => {
  const dir = project({ 'org.charter.yaml': `\uFEFF${cleanCharter()}` });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(rulesOf(report), []);
  assert.equal(r.status, 0, describe(r));
});

test('CRLF line endings: same findings and positions as LF', () => {
  const lf = cleanCharter().replace('reports_to: ceo', 'reports_to: cfo');
  const a = runJson([], { cwd: project({ 'org.charter.yaml': lf }) });
  const b = runJson([], { cwd: project({ 'org.charter.yaml': lf.replace(/\n/g, '\r\n') }) });
  assert.deepEqual(flat(b.report).map((d) => [d.rule, d.range]), flat(a.report).map((d) => [d.rule, d.range]));
  assert.equal(b.r.status, 1);
});

test('YAML anchors and aliases are resolved (a normal alias is not an error)', () => {
  const text = cleanCharter()
    .replace(`responsibilities: ${list(RSM_RESPONSIBILITIES)}`, `responsibilities: &regional ${list(RSM_RESPONSIBILITIES)}`)
    .replace(/(id: rsm-apac[\s\S]*responsibilities: )\[.*\]/, '$1*regional');
  assert.match(text, /\*regional/);
  const dir = project({ 'org.charter.yaml': text });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(flat(report).map((d) => `${d.rule} ${d.range.start.line + 1}`), []);
  assert.equal(r.status, 0, describe(r));
});

test('a YAML alias bomb (billion laughs) neither hangs nor crashes', () => {
  const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  let bomb = 'charter: Laughs\nlol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < levels.length; i++) bomb += `${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(',')}]\n`;
  bomb += `roles: *${levels.at(-1)}\n`;
  const started = Date.now();
  const result = lintBad(bomb, { allowExit2: true });
  assert.ok(Date.now() - started < 20000, 'answers quickly');
  if (result) assert.equal(result.r.status, 1);
});

test('deeply nested YAML neither hangs nor crashes', () => {
  const result = lintBad(`charter: Deep\nroles: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, { allowExit2: true });
  if (result) assert.equal(result.r.status, 1);
});

test('a ~5 MB charter (20k roles) is linted without a crash or a hang', () => {
  const N = 20000;
  const regions = Array.from({ length: N }, (_, i) => `Territory-${i}`);
  const parts = [`charter: Big Co\nexternal: [ceo]\nregions:\n`, ...regions.map((r) => `  - ${r}\n`), 'roles:\n'];
  parts.push(`  - id: hos\n    role: head-of-sales\n    scope: organization\n    reports_to: ceo\n    responsibilities: ${list(HOS_RESPONSIBILITIES)}\n`);
  for (const r of regions) {
    parts.push(`  - id: rsm-${r.toLowerCase()}\n    role: regional-sales-manager\n    holder: Manager of ${r}\n    scope: {region: ${r}}\n    reports_to: hos\n    responsibilities: ${list(RSM_RESPONSIBILITIES)}\n`);
  }
  const text = parts.join('');
  assert.ok(text.length > 4.5e6 && text.length < 7e6, `size ${text.length}`);
  const dir = project({ 'big.charter.yaml': text });
  const r = run(['--format', 'json'], { cwd: dir, timeout: 30000 });
  assertNoCrash(r);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(filesOf(report), ['big.charter.yaml']);
  assert.deepEqual(rulesOf(report), [], 'a complete organization, just big');
  assert.equal(r.status, 0);
});

test('one unparsable file does not hide the findings of the others', () => {
  const dir = project({
    'a.charter.yaml': 'charter: [\n',
    'b.charter.yaml': cleanCharter().replace('reports_to: ceo', 'reports_to: cfo'),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(flat(report).map((d) => `${d.file} ${d.rule}`), ['a.charter.yaml yaml-syntax', 'b.charter.yaml unknown-reference']);
  assert.equal(r.status, 1);
});
