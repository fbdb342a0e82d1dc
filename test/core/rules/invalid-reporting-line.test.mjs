import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, role, RSM, assertCovers, assertQuiet, inFile, fixAllText, offsetOf, core } from './_support.mjs';

test('a regional manager reporting to an external id: warning on the reports_to value', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { reportsTo: 'ceo' }), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'invalid-reporting-line');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'ceo', 'id: rsm-emea');
  assert.equal(f.line, 13);
  assert.equal(f.severity, 'warning');
  assert.ok(f.fixes.every((x) => !x.safe));
  assertQuiet(findings, 'invalid-reporting-line');
  assert.equal(fixAllText(text), undefined);
});

test('a regional manager reporting to another regional manager', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC', { reportsTo: 'rsm-emea' })] });
  const [f, ...rest] = byRule(lint(text), 'invalid-reporting-line');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'rsm-emea', 'reports_to: rsm-emea');
});

test('a Head of Sales reporting to a role inside the charter (only external ids are allowed)', () => {
  const text = charter({ regions: '[EMEA, APAC, LATAM]', roles: [hos({ reportsTo: 'rsm-latam' }), rsm('EMEA'), rsm('APAC'), rsm('LATAM', { reportsTo: 'ceo' })] });
  const findings = byRule(lint(text), 'invalid-reporting-line');
  assert.equal(findings.length, 2);
  assertCovers(findings[0], text, 'rsm-latam', 'reports_to: rsm-latam');
  assertCovers(findings[1], text, 'ceo', 'id: rsm-latam');
});

test('a regional manager without reports_to reports outside the charter: reported on that role', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { reportsTo: undefined }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'invalid-reporting-line');
  assert.ok(f, 'reported');
  const index = new core.LineIndex(text);
  const roleStart = index.positionAt(offsetOf(text, 'id: rsm-emea')).line;
  const roleEnd = index.positionAt(offsetOf(text, 'responsibilities', 'id: rsm-emea')).line;
  assert.ok(f.range.start.line >= roleStart && f.range.end.line <= roleEnd, 'within the role');
});

test('multi-file: the manager is found in another file; the finding stays with the reporting role', () => {
  const a = charter({ roles: [hos()] });
  const b = charter({ name: 'Acme Sales — regions', regions: null, external: null, roles: [rsm('EMEA', { reportsTo: 'rsm-apac' }), rsm('APAC')] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  assert.deepEqual(inFile(findings, 'invalid-reporting-line', 'a.charter.yaml'), []);
  const [f] = inFile(findings, 'invalid-reporting-line', 'b.charter.yaml');
  assertCovers(f, b, 'rsm-apac', 'reports_to: rsm-apac');
});

test('near misses: allowed lines, an unknown reference, roles of unknown type', () => {
  const ok = lint(charter({ roles: [hos({ reportsTo: undefined }), rsm('EMEA'), rsm('APAC')] }));
  assert.deepEqual(byRule(ok, 'invalid-reporting-line'), [], 'a Head of Sales without reports_to reports to an external id');
  assertQuiet(ok);
  const unknownRef = lint(charter({ roles: [hos(), rsm('EMEA', { reportsTo: 'nobody' }), rsm('APAC')] }));
  assert.equal(byRule(unknownRef, 'unknown-reference').length, 1);
  assert.deepEqual(byRule(unknownRef, 'invalid-reporting-line'), [], 'an unknown reference is unknown-reference only');
  const unknownType = lint(charter({ roles: [hos(), rsm('EMEA'), rsm('APAC'), role({ id: 'rep', type: 'sales-rep', scope: '{region: EMEA}', reportsTo: 'ceo', resp: RSM })] }));
  assert.deepEqual(byRule(unknownType, 'invalid-reporting-line'), []);
});
