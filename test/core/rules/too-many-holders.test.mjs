import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lint, byRule, charter, hos, rsm, role, RSM, assertCovers, assertRelated, assertQuiet, inFile, fixAllText, fieldSalesModel,
} from './_support.mjs';

test('two Heads of Sales: an error on each scope value, the other as related', () => {
  const text = charter({ roles: [hos(), hos({ id: 'hos-2' }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const holders = byRule(findings, 'too-many-holders');
  assert.equal(holders.length, 2);
  const [first, second] = holders;
  assertCovers(first, text, 'organization', 'id: hos');
  assertCovers(second, text, 'organization', 'id: hos-2');
  assert.equal(first.line, 7);
  assert.equal(second.line, 12);
  assertRelated(first, [{ file: 'org.charter.yaml', text, needle: 'organization', after: 'id: hos-2' }]);
  assertRelated(second, [{ file: 'org.charter.yaml', text, needle: 'organization', after: 'id: hos' }]);
  for (const f of holders) {
    assert.equal(f.severity, 'error');
    assert.ok(f.fixes.every((x) => !x.safe));
  }
  assertQuiet(findings, 'too-many-holders');
  assert.equal(fixAllText(text), undefined);
});

test('two managers of one region across files: too-many-holders in each file, not territory-overlap', () => {
  const a = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC')] });
  const b = charter({ name: 'Acme Sales — EMEA', regions: null, external: null, roles: [rsm('EMEA', { id: 'rsm-emea-2' })] });
  const findings = lint({ 'b.charter.yaml': b, 'a.charter.yaml': a });
  const [inA] = inFile(findings, 'too-many-holders', 'a.charter.yaml');
  const [inB] = inFile(findings, 'too-many-holders', 'b.charter.yaml');
  assertCovers(inA, a, '{region: EMEA}');
  assertCovers(inB, b, '{region: EMEA}');
  assertRelated(inA, [{ file: 'b.charter.yaml', text: b, needle: '{region: EMEA}' }]);
  assertRelated(inB, [{ file: 'a.charter.yaml', text: a, needle: '{region: EMEA}' }]);
  assert.deepEqual(byRule(findings, 'territory-overlap'), []);
  assert.deepEqual(byRule(findings, 'responsibility-overlap'), []);
  assertQuiet(findings, 'too-many-holders');
});

test('the same regions in another order, or {region: R} vs {regions: [R]}, are the same scope', () => {
  const text = charter({
    roles: [hos(), role({ id: 'a', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC]}', reportsTo: 'hos', resp: RSM }),
      role({ id: 'b', type: 'regional-sales-manager', scope: '{regions: [APAC, EMEA]}', reportsTo: 'hos', resp: RSM })],
  });
  const findings = lint(text);
  assert.ok(byRule(findings, 'too-many-holders').length >= 2);
  assert.deepEqual([...new Set(byRule(findings, 'too-many-holders').map((f) => f.line))], [12, 17]);
  assert.deepEqual(byRule(findings, 'territory-overlap'), []);
  const single = charter({ roles: [hos(), rsm('EMEA'), role({ id: 'b', type: 'regional-sales-manager', scope: '{regions: [EMEA]}', reportsTo: 'hos', resp: RSM }), rsm('APAC')] });
  assert.equal(byRule(lint(single), 'too-many-holders').length, 2);
});

test('a role naming several regions counts once in each', () => {
  const text = charter({
    roles: [hos(), role({ id: 'rsm-both', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC]}', reportsTo: 'hos', resp: RSM }), rsm('APAC')],
  });
  const holders = byRule(lint(text), 'too-many-holders');
  const lines = [...new Set(holders.map((f) => f.line))].sort((x, y) => x - y);
  assert.deepEqual(lines, [12, 17], 'rsm-both and rsm-apac share APAC');
});

test('roles with unknown type, unknown region or scope-mismatch are not counted', () => {
  const text = charter({
    roles: [hos(), rsm('EMEA'), rsm('APAC'), hos({ id: 'hos-x', type: 'head-of-sales-x' }), rsm('EMEA', { id: 'rsm-y', scope: '{regions: [EMEA, Mars]}' }),
      rsm('APAC', { id: 'rsm-z', scope: 'organization' })],
  });
  const findings = lint(text);
  assert.equal(byRule(findings, 'unknown-role-type').length, 1);
  assert.equal(byRule(findings, 'unknown-region').length, 1);
  assert.equal(byRule(findings, 'scope-mismatch').length, 1);
  assert.deepEqual(byRule(findings, 'too-many-holders'), []);
});

test('max_per_scope absent means unlimited; a limit of 2 allows two and flags three', () => {
  const model = fieldSalesModel();
  const roles = (type, n) =>
    Array.from({ length: n }, (_, i) => role({ id: `${type}-${i + 1}`, type, scope: '{region: EMEA}', reportsTo: 'vp', resp: '[pipeline]' }));
  const vp = role({ id: 'vp', type: 'vp-sales', scope: 'organization', reportsTo: 'ceo', resp: '[quota-setting]' });
  const unlimited = charter({ regions: '[EMEA]', roles: [vp, ...roles('account-exec', 4)] });
  assert.deepEqual(byRule(lint(unlimited, { model }), 'too-many-holders'), []);
  assert.deepEqual(byRule(lint(unlimited, { model }), 'unknown-role-type'), [], 'test setup: the custom model is used');
  const two = charter({ regions: '[EMEA]', roles: [vp, ...roles('team-lead', 2)] });
  assert.deepEqual(byRule(lint(two, { model }), 'too-many-holders'), []);
  const three = charter({ regions: '[EMEA]', roles: [vp, ...roles('team-lead', 3)] });
  const holders = byRule(lint(three, { model }), 'too-many-holders');
  assert.equal(holders.length, 3);
  for (const f of holders) assert.equal(f.related.length, 2);
});

test('near misses: one manager per region; nested regions are territory-overlap instead', () => {
  const findings = lint(charter());
  assert.deepEqual(byRule(findings, 'too-many-holders'), []);
  const nested = lint(charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('EMEA'), rsm('DACH')] }));
  assert.deepEqual(byRule(nested, 'too-many-holders'), []);
  assert.equal(byRule(nested, 'territory-overlap').length, 2);
});

test('the message names the roles in one list with one "and": three holders in full, 5,000 as the first 3 and "N more"', () => {
  const three = lint(charter({ roles: [hos(), hos({ id: 'hos-2' }), hos({ id: 'hos-3' }), rsm('EMEA'), rsm('APAC')] }));
  assert.equal(
    byRule(three, 'too-many-holders')[0].message,
    '3 Head of Sales roles share the organization (at most 1 allowed): "hos", "hos-2" and "hos-3".',
  );
  const many = Array.from({ length: 5000 }, () => hos({ id: 'same' }));
  const findings = byRule(lint(charter({ roles: [...many, rsm('EMEA'), rsm('APAC')] })), 'too-many-holders');
  assert.ok(findings.length >= 1000, `${findings.length} findings`);
  assert.equal(findings[0].message, '5000 Head of Sales roles share the organization (at most 1 allowed): "same", "same", "same" and 4997 more.');
  for (const f of findings) assert.ok(f.message.split(' and ').length <= 2, f.message);
});
