import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, assertCovers, assertRelated, assertQuiet, inFile, fixAllText } from './_support.mjs';

test('two roles with one id in a file: an error on each id, the other as related information', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC', { id: 'rsm-emea' })] });
  const findings = byRule(lint(text), 'duplicate-role-id');
  assert.equal(findings.length, 2);
  const [first, second] = findings;
  assertCovers(first, text, 'rsm-emea', '- id: rsm-emea');
  assertCovers(second, text, 'rsm-emea', '{region: EMEA}');
  assert.equal(first.line, 10);
  assert.equal(second.line, 15);
  for (const f of findings) {
    assert.equal(f.severity, 'error');
    assert.ok(f.fixes.every((x) => !x.safe));
  }
  assertRelated(first, [{ file: 'org.charter.yaml', text, needle: 'rsm-emea', after: '{region: EMEA}' }]);
  assertRelated(second, [{ file: 'org.charter.yaml', text, needle: 'rsm-emea', after: '- id: rsm-emea' }]);
  assert.equal(fixAllText(text), undefined);
});

test('ids are unique across files: each file gets its finding, related points into the other file', () => {
  const a = charter({ roles: [hos(), rsm('EMEA')] });
  const b = charter({ name: 'Acme Sales — APAC', regions: null, external: null, roles: [rsm('APAC', { id: 'rsm-emea' })] });
  const findings = lint({ 'b.charter.yaml': b, 'a.charter.yaml': a });
  const inA = inFile(findings, 'duplicate-role-id', 'a.charter.yaml');
  const inB = inFile(findings, 'duplicate-role-id', 'b.charter.yaml');
  assert.equal(inA.length, 1);
  assert.equal(inB.length, 1);
  assertCovers(inA[0], a, 'rsm-emea');
  assertCovers(inB[0], b, 'rsm-emea');
  assertRelated(inA[0], [{ file: 'b.charter.yaml', text: b, needle: 'rsm-emea' }]);
  assertRelated(inB[0], [{ file: 'a.charter.yaml', text: a, needle: 'rsm-emea' }]);
});

test('three roles sharing an id: three findings, each with the two others as related', () => {
  const text = charter({
    regions: '[EMEA, APAC, LATAM]',
    roles: [hos(), rsm('EMEA', { id: 'rsm' }), rsm('APAC', { id: 'rsm' }), rsm('LATAM', { id: 'rsm' })],
  });
  const findings = byRule(lint(text), 'duplicate-role-id');
  assert.equal(findings.length, 3);
  for (const f of findings) assert.equal(f.related.length, 2);
  assert.deepEqual(findings.map((f) => f.line), [10, 15, 20]);
});

test('a role id also listed under external is a duplicate-role-id on the role id, related to the external entry', () => {
  const text = charter({ external: '[ceo, rsm-apac]' });
  const findings = byRule(lint(text), 'duplicate-role-id');
  const onRole = findings.find((f) => f.line === 15);
  assert.ok(onRole, 'the role id is reported');
  assertCovers(onRole, text, 'rsm-apac', '- id: rsm-apac');
  assert.equal(onRole.severity, 'error');
  assert.ok(onRole.related.some((r) => JSON.stringify(r.range) === JSON.stringify({ start: { line: 2, character: 16 }, end: { line: 2, character: 24 } })));
});

test('an external id of another file also clashes with a role id', () => {
  const a = charter();
  const b = 'charter: Acme Sales — board\nexternal: [hos]\n';
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  const onRole = inFile(findings, 'duplicate-role-id', 'a.charter.yaml');
  assert.equal(onRole.length, 1);
  assertCovers(onRole[0], a, 'hos', '- id: hos');
  assert.ok(onRole[0].related.some((r) => r.file === 'b.charter.yaml' && r.range.start.line === 1));
});

test('near misses: ids differing in case, ids equal to a region or a type, one external in two files', () => {
  const text = charter({
    regions: '[EMEA, APAC, head-of-sales]',
    roles: [hos(), rsm('EMEA'), rsm('APAC', { id: 'RSM-EMEA' }), rsm('head-of-sales', { id: 'head-of-sales' })],
  });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'duplicate-role-id'), []);
  assertQuiet(findings);
  const two = lint({ 'a.charter.yaml': charter(), 'b.charter.yaml': 'charter: Acme Sales — board\nexternal: [ceo]\n' });
  assert.deepEqual(byRule(two, 'duplicate-role-id'), []);
});

test('thirty roles sharing an id: thirty findings, each with at most 20 others as related (SPEC: at most 20 related)', () => {
  const roles = Array.from({ length: 30 }, () => rsm('EMEA', { id: 'same' }));
  const text = charter({ regions: '[EMEA]', roles });
  const findings = byRule(lint(text), 'duplicate-role-id');
  assert.equal(findings.length, 30);
  for (const f of findings) {
    assert.equal(f.message, 'Role id "same" is used by 30 roles; ids must be unique across the organization.');
    assert.equal(f.related.length, 20);
    assert.ok(f.related.every((r) => !(r.range.start.line === f.range.start.line)), 'a finding never lists itself');
  }
  // Every duplicate carries its own finding, whatever the related lists leave out.
  assert.equal(new Set(findings.map((f) => f.range.start.line)).size, 30);
});
