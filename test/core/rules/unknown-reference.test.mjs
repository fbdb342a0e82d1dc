import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, role, RSM, assertCovers, assertQuiet, applyChecked, fixAllText, data } from './_support.mjs';

const fixTo = (f, id) => f.fixes.find((x) => x.edits.some((e) => e.newText.includes(id)));

test('reports_to naming nothing: error on the value, did-you-mean a role id (not safe)', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { reportsTo: 'hso' }), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'unknown-reference');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'hso');
  assert.equal(f.line, 13);
  assert.equal(f.severity, 'error');
  assert.ok(f.fixes.every((x) => !x.safe));
  const after = applyChecked(text, fixTo(f, 'hos'));
  assert.equal(after, charter());
  assertQuiet(lint(after));
  assert.equal(fixAllText(text), undefined);
  assertQuiet(findings, 'unknown-reference');
});

test('did-you-mean an external id, keeping the quotes and the comment', () => {
  const text = charter({ roles: [hos({ reportsTo: "'ceoo'   # the CEO" }), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'unknown-reference');
  assertCovers(f, text, "'ceoo'");
  const after = applyChecked(text, fixTo(f, 'ceo'));
  assert.ok(after.includes("    reports_to: 'ceo'   # the CEO\n"), after);
  assertQuiet(lint(after));
});

test('a reference differing only in case is unknown (case-sensitive) and gets did-you-mean', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { reportsTo: 'HOS' }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'unknown-reference');
  assertCovers(f, text, 'HOS');
  assert.ok(fixTo(f, 'hos'));
  assertQuiet(lint(applyChecked(text, fixTo(f, 'hos'))));
});

test('a region or responsibility name is no reference', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { reportsTo: 'EMEA' }), rsm('APAC', { reportsTo: 'sales-strategy' })] });
  const findings = byRule(lint(text), 'unknown-reference');
  assert.equal(findings.length, 2);
  assertCovers(findings[0], text, 'EMEA', 'reports_to: EMEA');
  assertCovers(findings[1], text, 'sales-strategy', 'reports_to: sales');
});

test('multi-file: role ids and external ids of every file resolve', () => {
  const a = charter({ external: null, roles: [hos()] });
  const b = charter({ name: 'Acme Sales — board', regions: null, external: '[ceo]', roles: [rsm('EMEA'), rsm('APAC')] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  assert.deepEqual(byRule(findings, 'unknown-reference'), []);
  assertQuiet(findings);
});

test('multi-file: a miss is reported in the file holding the reports_to', () => {
  const a = charter({ roles: [hos()] });
  const b = charter({ name: 'Acme Sales — regions', regions: null, external: null, roles: [rsm('EMEA', { reportsTo: 'head' }), rsm('APAC')] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  const [f] = byRule(findings, 'unknown-reference');
  assert.equal(f.file, 'b.charter.yaml');
  assertCovers(f, b, 'head');
});

test('near misses: no reports_to means an external manager; roles of unknown type are skipped', () => {
  const text = charter({ roles: [hos({ reportsTo: undefined }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'unknown-reference'), []);
  assertQuiet(findings);
  const unknownType = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC'), role({ id: 'ops', type: 'sales-ops-lead', scope: 'organization', reportsTo: 'nobody', resp: RSM })] });
  assert.deepEqual(byRule(lint(unknownType), 'unknown-reference'), []);
  assert.equal(data(unknownType).roles[3].reports_to, 'nobody');
});
