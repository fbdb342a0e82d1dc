import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lint, byRule, charter, hos, rsm, role, HOS, RSM, HOS_RESPONSIBILITIES, assertCovers, assertRelated, assertQuiet, applyChecked, fixAllText, data, inFile,
} from './_support.mjs';

const removeFix = (f) => f.fixes.find((x) => x.edits.every((e) => e.newText.trim() === '' || e.newText.trim().startsWith('#')));
const HOS_PLUS_KEY_ACCOUNTS = HOS.replace(']', ', key-account-relationships]');

test('Head of Sales and a regional manager both owning key accounts: a warning on each entry, the other as related', () => {
  const text = charter({ regions: '[EMEA]', roles: [hos({ resp: HOS_PLUS_KEY_ACCOUNTS }), rsm('EMEA')] });
  const findings = lint(text);
  const overlap = byRule(findings, 'responsibility-overlap');
  assert.equal(overlap.length, 2);
  const [onHos, onRsm] = overlap;
  assertCovers(onHos, text, 'key-account-relationships', 'id: hos');
  assertCovers(onRsm, text, 'key-account-relationships', 'id: rsm-emea');
  assert.equal(onHos.line, 9);
  assert.equal(onRsm.line, 14);
  for (const f of overlap) {
    assert.equal(f.severity, 'warning');
    assert.ok(f.fixes.every((x) => !x.safe));
  }
  assertRelated(onHos, [{ file: 'org.charter.yaml', text, needle: 'key-account-relationships', after: 'id: rsm-emea' }]);
  assertRelated(onRsm, [{ file: 'org.charter.yaml', text, needle: 'key-account-relationships', after: 'id: hos' }]);
  assertQuiet(findings, 'responsibility-overlap');
  assert.equal(fixAllText(text), undefined, '"remove from this role" is not a safe fix');
});

test('flow list: "remove from this role" takes the entry out; both findings go away', () => {
  const text = charter({ regions: '[EMEA]', roles: [hos({ resp: HOS_PLUS_KEY_ACCOUNTS }), rsm('EMEA')] });
  const [onHos] = byRule(lint(text), 'responsibility-overlap');
  const fix = removeFix(onHos);
  assert.ok(fix, 'remove from this role');
  assert.equal(fix.safe, false);
  const after = applyChecked(text, fix);
  assert.equal(after, charter({ regions: '[EMEA]', roles: [hos(), rsm('EMEA')] }));
  assertQuiet(lint(after));
});

test('block list: removal keeps the other items, their indentation and comments', () => {
  const block = [
    '  - id: hos',
    '    role: head-of-sales',
    '    scope: organization',
    '    reports_to: ceo',
    '    responsibilities:',
    ...HOS_RESPONSIBILITIES.map((id) => `      - ${id}`),
    '      # MISTAKE: key accounts are a regional duty',
    '      - key-account-relationships   # Dana insists',
  ].join('\n');
  const text = charter({ regions: '[EMEA]', roles: [block, rsm('EMEA')] });
  const overlap = byRule(lint(text), 'responsibility-overlap');
  assert.equal(overlap.length, 2);
  const onHos = overlap.find((f) => f.line === 20);
  assertCovers(onHos, text, 'key-account-relationships', 'id: hos');
  const after = applyChecked(text, removeFix(onHos));
  assert.deepEqual(data(after).roles[0].responsibilities, HOS_RESPONSIBILITIES);
  assert.ok(after.includes('      - budget-management\n'), after);
  assertQuiet(lint(after));
});

test('multi-file: each role is reported in its own file, related points into the other', () => {
  const a = charter({ regions: '[EMEA]', roles: [hos({ resp: HOS_PLUS_KEY_ACCOUNTS })] });
  const b = charter({ name: 'Acme Sales — EMEA', regions: null, external: null, roles: [rsm('EMEA')] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  const [inA] = inFile(findings, 'responsibility-overlap', 'a.charter.yaml');
  const [inB] = inFile(findings, 'responsibility-overlap', 'b.charter.yaml');
  assertCovers(inA, a, 'key-account-relationships');
  assertCovers(inB, b, 'key-account-relationships');
  assertRelated(inA, [{ file: 'b.charter.yaml', text: b, needle: 'key-account-relationships' }]);
  assertRelated(inB, [{ file: 'a.charter.yaml', text: a, needle: 'key-account-relationships' }]);
});

test('matched free text counts as its id for overlaps', () => {
  const text = charter({ regions: '[EMEA]', roles: [hos({ resp: HOS.replace(']', ', key account management]') }), rsm('EMEA')] });
  const overlap = byRule(lint(text), 'responsibility-overlap');
  assert.equal(overlap.length, 2);
  assertCovers(overlap[0], text, 'key account management');
});

test('silent for a pair reported by territory-overlap (EMEA vs DACH)', () => {
  const text = charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('EMEA'), rsm('DACH')] });
  const findings = lint(text);
  assert.equal(byRule(findings, 'territory-overlap').length, 2);
  assert.deepEqual(byRule(findings, 'responsibility-overlap'), []);
});

test('silent for a pair reported by too-many-holders (two heads of sales, two managers of one region)', () => {
  const text = charter({ roles: [hos(), hos({ id: 'hos-2' }), rsm('EMEA'), rsm('EMEA', { id: 'rsm-emea-2' }), rsm('APAC')] });
  const findings = lint(text);
  assert.equal(byRule(findings, 'too-many-holders').length, 4);
  assert.deepEqual(byRule(findings, 'responsibility-overlap'), []);
});

test('silent where either entry is responsibility-out-of-scope', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace(']', ', revenue-forecasting]') }), rsm('APAC')] });
  const findings = lint(text);
  assert.equal(byRule(findings, 'responsibility-out-of-scope').length, 1);
  assert.deepEqual(byRule(findings, 'responsibility-overlap'), []);
});

test('still reported for a pair not covered by the other finding (third role elsewhere)', () => {
  // rsm-emea/rsm-dach are a territory-overlap pair; the Head of Sales owning key accounts overlaps both.
  const text = charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos({ resp: HOS_PLUS_KEY_ACCOUNTS }), rsm('EMEA'), rsm('DACH')] });
  const overlap = byRule(lint(text), 'responsibility-overlap');
  const onHos = overlap.filter((f) => f.line === 9);
  assert.equal(onHos.length, 1);
  assert.equal(onHos[0].related.length, 2);
  assert.equal(overlap.length, 3);
  for (const f of overlap.filter((x) => x.line !== 9)) assert.equal(f.related.length, 1, 'the territory pair is not related to each other');
});

test('near misses: same duty in disjoint regions, roles with an unknown region, type or a scope-mismatch', () => {
  assert.deepEqual(byRule(lint(charter()), 'responsibility-overlap'), [], 'EMEA and APAC are disjoint');
  const siblings = charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('DACH'), rsm('Nordics')] });
  assert.deepEqual(byRule(lint(siblings), 'responsibility-overlap'), []);
  const unknownRegion = charter({ roles: [hos({ resp: HOS_PLUS_KEY_ACCOUNTS }), rsm('EMEA'), rsm('APAC'), rsm('Mars')] });
  const f1 = lint(unknownRegion);
  assert.equal(byRule(f1, 'unknown-region').length, 1);
  assert.ok(byRule(f1, 'responsibility-overlap').every((f) => !f.message.includes('rsm-mars') && f.line !== 24), 'rsm-mars takes no part');
  assert.equal(byRule(f1, 'responsibility-overlap').filter((f) => f.line === 9)[0]?.related.length, 2, 'HOS overlaps EMEA and APAC only');
  const unknownType = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC'), role({ id: 'cso', type: 'chief-sales-officer', scope: 'organization', reportsTo: 'ceo', resp: HOS })] });
  assert.deepEqual(byRule(lint(unknownType), 'responsibility-overlap'), []);
  const mismatch = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC'), rsm('EMEA', { id: 'rsm-global', scope: 'organization' })] });
  assert.deepEqual(byRule(lint(mismatch), 'responsibility-overlap'), []);
});
