import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, role, RSM, rangeOf, textAt, assertQuiet, inFile, fixAllText, fieldSalesModel } from './_support.mjs';

/**
 * SPEC "Where a finding goes": the value of `scope` (or the region item). Accepts the scope value or
 * one of its region items, found after `after`.
 */
function assertOnScope(f, text, scopeValue, regionItems, after) {
  const covered = textAt(text, f.range);
  const allowed = [{ needle: scopeValue }, ...regionItems.map((r) => ({ needle: r }))];
  const hit = allowed.find((a) => a.needle === covered);
  assert.ok(hit, `range covers "${covered}", expected the scope value ${scopeValue} or a region item`);
  const scopeStart = rangeOf(text, scopeValue, after);
  const expected = hit.needle === scopeValue ? scopeStart : rangeOf(text, hit.needle, after);
  assert.deepEqual(f.range, expected);
  assert.equal(f.line, scopeStart.start.line + 1);
}

test('EMEA vs DACH (inside EMEA): a warning on each role\'s scope, the other as related', () => {
  const text = charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('EMEA'), rsm('DACH')] });
  const findings = lint(text);
  const overlap = byRule(findings, 'territory-overlap');
  assert.equal(overlap.length, 2);
  const onEmea = overlap.find((f) => f.line === 12);
  const onDach = overlap.find((f) => f.line === 17);
  assert.ok(onEmea && onDach);
  assertOnScope(onEmea, text, '{region: EMEA}', ['EMEA'], 'id: rsm-emea');
  assertOnScope(onDach, text, '{region: DACH}', ['DACH'], 'id: rsm-dach');
  for (const f of overlap) {
    assert.equal(f.severity, 'warning');
    assert.equal(f.related.length, 1);
    assert.ok(f.fixes.every((x) => !x.safe));
  }
  assert.equal(onEmea.related[0].range.start.line, 16);
  assert.equal(onDach.related[0].range.start.line, 11);
  assertQuiet(findings, 'territory-overlap');
  assert.equal(fixAllText(text), undefined);
});

test('region lists sharing a region overlap when the type allows more than one holder there', () => {
  const model = fieldSalesModel();
  const vp = role({ id: 'vp', type: 'vp-sales', scope: 'organization', reportsTo: 'ceo', resp: '[quota-setting]' });
  const text = charter({
    regions: '[EMEA, APAC, LATAM]',
    roles: [
      vp,
      role({ id: 'tl-a', type: 'team-lead', scope: '{regions: [EMEA, APAC]}', reportsTo: 'vp', resp: '[pipeline]' }),
      role({ id: 'tl-b', type: 'team-lead', scope: '{regions: [APAC, LATAM]}', reportsTo: 'vp', resp: '[pipeline]' }),
    ],
  });
  const findings = lint(text, { model });
  const overlap = byRule(findings, 'territory-overlap');
  assert.equal(overlap.length, 2);
  assertOnScope(overlap[0], text, '{regions: [EMEA, APAC]}', ['APAC'], 'id: tl-a');
  assertOnScope(overlap[1], text, '{regions: [APAC, LATAM]}', ['APAC'], 'id: tl-b');
  assert.match(overlap[0].message, /overlaps "tl-b" \(APAC, LATAM\) in APAC\./);
  assert.deepEqual(byRule(findings, 'too-many-holders'), [], 'two team leads in APAC are allowed');
});

test('region lists sharing a region where one holder is allowed: too-many-holders reports the pair, not territory-overlap', () => {
  const text = charter({
    regions: '[EMEA, APAC, LATAM]',
    roles: [
      hos(),
      role({ id: 'rsm-a', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC]}', reportsTo: 'hos', resp: RSM }),
      role({ id: 'rsm-b', type: 'regional-sales-manager', scope: '{regions: [APAC, LATAM]}', reportsTo: 'hos', resp: RSM }),
    ],
  });
  const findings = lint(text);
  assert.equal(byRule(findings, 'too-many-holders').length, 2);
  assert.deepEqual(byRule(findings, 'territory-overlap'), []);
  // Turned off, too-many-holders silences nothing: the territory overlap comes back.
  const off = lint(text, { rules: { 'too-many-holders': 'off' } });
  assert.equal(byRule(off, 'territory-overlap').length, 2);
});

test('nesting at any depth: EMEA vs Germany (EMEA > DACH > Germany)', () => {
  const text = charter({ regions: '[EMEA: [DACH: [Germany, Austria], Nordics]]', roles: [hos(), rsm('EMEA'), rsm('Germany')] });
  assert.equal(byRule(lint(text), 'territory-overlap').length, 2);
});

test('multi-file: reported in each file, related across files', () => {
  const a = charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('EMEA')] });
  const b = charter({ name: 'Acme Sales — DACH', regions: null, external: null, roles: [rsm('DACH')] });
  const findings = lint({ 'b.charter.yaml': b, 'a.charter.yaml': a });
  const [inA] = inFile(findings, 'territory-overlap', 'a.charter.yaml');
  const [inB] = inFile(findings, 'territory-overlap', 'b.charter.yaml');
  assertOnScope(inA, a, '{region: EMEA}', ['EMEA']);
  assertOnScope(inB, b, '{region: DACH}', ['DACH']);
  assert.equal(inA.related[0].file, 'b.charter.yaml');
  assert.equal(inB.related[0].file, 'a.charter.yaml');
});

test('the same scope is too-many-holders, not territory-overlap', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('EMEA', { id: 'rsm-emea-2' }), rsm('APAC')] });
  const findings = lint(text);
  assert.equal(byRule(findings, 'too-many-holders').length, 2);
  assert.deepEqual(byRule(findings, 'territory-overlap'), []);
  const lists = charter({
    roles: [hos(), role({ id: 'a', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC]}', reportsTo: 'hos', resp: RSM }),
      role({ id: 'b', type: 'regional-sales-manager', scope: '{regions: [APAC, EMEA]}', reportsTo: 'hos', resp: RSM })],
  });
  assert.deepEqual(byRule(lint(lists), 'territory-overlap'), [], 'the same regions in another order are the same scope');
  const single = charter({ roles: [hos(), rsm('EMEA'), role({ id: 'b', type: 'regional-sales-manager', scope: '{regions: [EMEA]}', reportsTo: 'hos', resp: RSM }), rsm('APAC')] });
  assert.deepEqual(byRule(lint(single), 'territory-overlap'), [], '{region: R} is the same as {regions: [R]}');
});

test('near misses: disjoint regions, sibling sub-regions, roles of different types', () => {
  assert.deepEqual(byRule(lint(charter()), 'territory-overlap'), []);
  const siblings = charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('DACH'), rsm('Nordics')] });
  const f = lint(siblings);
  assert.deepEqual(byRule(f, 'territory-overlap'), []);
  assertQuiet(f);
});

test('roles with an unknown region or a scope-mismatch take no part', () => {
  const unknown = charter({
    regions: '[EMEA: [DACH, Nordics]]',
    roles: [hos(), rsm('EMEA'), role({ id: 'rsm-x', type: 'regional-sales-manager', scope: '{regions: [DACH, Mars]}', reportsTo: 'hos', resp: RSM })],
  });
  const f1 = lint(unknown);
  assert.equal(byRule(f1, 'unknown-region').length, 1);
  assert.deepEqual(byRule(f1, 'territory-overlap'), []);
  const typo = charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('EMEA'), rsm('DACH', { type: 'regional-sales-managr' })] });
  assert.deepEqual(byRule(lint(typo), 'territory-overlap'), []);
});
