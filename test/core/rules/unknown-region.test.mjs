import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, role, RSM, assertCovers, assertQuiet, applyChecked, fixAllText, data } from './_support.mjs';

const fixTo = (f, name) => f.fixes.find((x) => x.edits.some((e) => e.newText.includes(name)));

test('a misspelt region: error on the region name, did-you-mean fix (not safe)', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC', { scope: '{region: APCA}' })] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'unknown-region');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'APCA');
  assert.equal(f.line, 17);
  assert.equal(f.severity, 'error');
  assert.ok(f.fixes.every((x) => !x.safe));
  const fix = fixTo(f, 'APAC');
  assert.ok(fix);
  const after = applyChecked(text, fix);
  assert.equal(after, charter());
  assertQuiet(lint(after));
  assert.equal(fixAllText(text), undefined);
});

test('in a flow list of regions the range is the region item', () => {
  const text = charter({
    regions: '[EMEA, APAC, LATAM]',
    roles: [hos(), rsm('EMEA'), role({ id: 'rsm-rest', type: 'regional-sales-manager', scope: '{regions: [APAC, LATMA]}', reportsTo: 'hos', resp: RSM })],
  });
  const [f] = byRule(lint(text), 'unknown-region');
  assertCovers(f, text, 'LATMA');
  const after = applyChecked(text, fixTo(f, 'LATAM'));
  assert.ok(after.includes('{regions: [APAC, LATAM]}'));
  assertQuiet(lint(after));
});

test('in a block list of regions the range is the item and the fix keeps quotes and comments', () => {
  const block = [
    '  - id: rsm-north',
    '    role: regional-sales-manager',
    '    scope:',
    '      regions:',
    '        - "Nordcs"   # Sweden, Norway, Denmark, Finland',
    "        - 'UK&I'",
    '    reports_to: hos',
    `    responsibilities: ${RSM}`,
  ].join('\n');
  const text = charter({ regions: '[EMEA: [Nordics, UK&I], APAC]', roles: [hos(), block, rsm('APAC')] });
  const [f] = byRule(lint(text), 'unknown-region');
  assertCovers(f, text, '"Nordcs"');
  const after = applyChecked(text, fixTo(f, 'Nordics'));
  assert.ok(after.includes('        - "Nordics"   # Sweden, Norway, Denmark, Finland\n'), after);
  assert.deepEqual(data(after).roles[1].scope, { regions: ['Nordics', 'UK&I'] });
  assertQuiet(lint(after));
});

test('a name differing only in case is unknown (case-sensitive) and gets did-you-mean', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { scope: '{region: emea}' }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'unknown-region');
  assertCovers(f, text, 'emea', '{region: emea}');
  const fix = fixTo(f, 'EMEA');
  assert.ok(fix);
  assertQuiet(lint(applyChecked(text, fix)));
});

test('a region no file declares is unknown even with no regions: key at all', () => {
  const text = charter({ regions: null, roles: [hos(), rsm('EMEA')] });
  const [f] = byRule(lint(text), 'unknown-region');
  assertCovers(f, text, 'EMEA');
});

test('near misses: sub-regions and regions declared in another file are known', () => {
  const a = charter({ regions: '[EMEA: [DACH, Nordics], APAC]', roles: [hos(), rsm('DACH'), rsm('Nordics')] });
  const b = charter({ name: 'Acme Sales — APAC', regions: '[APAC: [ANZ, Japan]]', external: null, roles: [rsm('ANZ'), rsm('Japan')] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  assert.deepEqual(byRule(findings, 'unknown-region'), []);
  assertQuiet(findings);
});

test('a role with an unknown region takes no part in coverage or holder counts', () => {
  const text = charter({
    roles: [hos(), rsm('EMEA'), role({ id: 'rsm-x', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC, Mars]}', reportsTo: 'hos', resp: RSM })],
  });
  const findings = lint(text);
  assert.equal(byRule(findings, 'unknown-region').length, 1);
  assert.deepEqual(byRule(findings, 'too-many-holders'), [], 'rsm-x is not counted in EMEA');
  const uncovered = byRule(findings, 'uncovered-region');
  assert.equal(uncovered.length, 1, 'rsm-x does not cover APAC');
  assertCovers(uncovered[0], text, 'APAC');
});

test('the message reads as a sentence (issue #13: no "regions:." punctuation)', () => {
  const [f] = byRule(lint(charter({ roles: [hos(), rsm('EMEA'), rsm('APAC', { scope: '{region: APCA}' })] })), 'unknown-region');
  assert.equal(f.message, 'Region "APCA" is not declared under "regions". Did you mean "APAC"?');
  const [g] = byRule(lint(charter({ roles: [hos(), rsm('EMEA'), rsm('APAC', { scope: '{region: Mars}' })] })), 'unknown-region');
  assert.equal(g.message, 'Region "Mars" is not declared under "regions".');
});
