import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, role, RSM, assertCovers, assertQuiet, inFile, labels, fixAllText } from './_support.mjs';

test('a declared region no regional manager covers: warning on its declaration', () => {
  const text = charter({ regions: '[EMEA, APAC, LATAM]' });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'uncovered-region');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'LATAM');
  assert.equal(f.line, 2);
  assert.equal(f.severity, 'warning');
  assert.ok(f.fixes.every((x) => !x.safe));
  assertQuiet(findings, 'uncovered-region');
  assert.equal(fixAllText(text), undefined);
});

test('only leaves are reported, on their own declarations (block-style regions)', () => {
  const text = [
    'charter: Acme Sales',
    'regions:',
    '  - EMEA:',
    '      - DACH',
    '      - Nordics   # added in 2025',
    '      - UK&I',
    '  - APAC',
    'external: [ceo]',
    'roles:',
    hos(),
    rsm('DACH'),
    rsm('APAC'),
    '',
  ].join('\n');
  const findings = byRule(lint(text), 'uncovered-region');
  assert.deepEqual(labels(findings, text), ['Nordics@5', 'UK&I@6']);
  assertCovers(findings.find((f) => f.line === 5), text, 'Nordics');
});

test('a role over the enclosing region covers all its sub-regions, at any depth', () => {
  const text = charter({ regions: '[EMEA: [DACH: [Germany, Austria], Nordics], APAC]', roles: [hos(), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'uncovered-region'), []);
  assertQuiet(findings);
});

test('a region list scope covers each named region', () => {
  const text = charter({
    regions: '[EMEA, APAC, LATAM]',
    roles: [hos(), role({ id: 'rsm-world', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC, LATAM]}', reportsTo: 'hos', resp: RSM })],
  });
  assert.deepEqual(byRule(lint(text), 'uncovered-region'), []);
});

test('the Head of Sales (organization scope) does not count as regional coverage', () => {
  const text = charter({ roles: [hos(), rsm('EMEA')] });
  const [f] = byRule(lint(text), 'uncovered-region');
  assertCovers(f, text, 'APAC');
});

test('roles with unknown type, unknown region or scope-mismatch cover nothing', () => {
  const text = charter({
    regions: '[EMEA, APAC, LATAM, ANZ]',
    roles: [
      hos(),
      rsm('EMEA', { type: 'regional-sales-mgr' }),
      role({ id: 'rsm-apac', type: 'regional-sales-manager', scope: '{regions: [APAC, Mars]}', reportsTo: 'hos', resp: RSM }),
      rsm('LATAM', { scope: 'organization' }),
      rsm('ANZ'),
    ],
  });
  const findings = byRule(lint(text), 'uncovered-region');
  assert.deepEqual(labels(findings, text), ['APAC@2', 'EMEA@2', 'LATAM@2']);
});

test('multi-file: regions declared in one file, covered by managers in another', () => {
  const a = charter({ regions: '[EMEA, APAC]', roles: [hos()] });
  const b = charter({ name: 'Acme Sales — regions', regions: null, external: null, roles: [rsm('EMEA'), rsm('APAC')] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  assert.deepEqual(byRule(findings, 'uncovered-region'), []);
  assertQuiet(findings);
});

test('multi-file: an uncovered region is reported in the file that declares it', () => {
  const a = charter({ regions: '[EMEA]', roles: [hos(), rsm('EMEA')] });
  const b = charter({ name: 'Acme Sales — APAC', regions: '[APAC]', external: null, roles: [] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b.replace('roles:\n', 'roles: []\n') });
  assert.deepEqual(inFile(findings, 'uncovered-region', 'a.charter.yaml'), []);
  const [f] = inFile(findings, 'uncovered-region', 'b.charter.yaml');
  assert.ok(f);
  assert.equal(f.line, 2);
});

test('a region repeated under the same parent merges: a former leaf with sub-regions elsewhere is no leaf', () => {
  const a = charter({ regions: '[EMEA, APAC]', roles: [hos(), rsm('APAC')] });
  const b = charter({ name: 'Acme Sales — EMEA', regions: '[EMEA: [DACH, Nordics]]', external: null, roles: [rsm('DACH'), rsm('Nordics')] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  assert.deepEqual(byRule(findings, 'uncovered-region'), []);
  assertQuiet(findings);
});
