import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, role, RSM, assertCovers, assertRelated, assertQuiet, inFile, fixAllText } from './_support.mjs';

test('two roles reporting to each other: an error on each reports_to, the other as related', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { reportsTo: 'rsm-apac' }), rsm('APAC', { reportsTo: 'rsm-emea' })] });
  const findings = lint(text);
  const cycle = byRule(findings, 'reporting-cycle');
  assert.equal(cycle.length, 2);
  const onEmea = cycle.find((f) => f.line === 13);
  const onApac = cycle.find((f) => f.line === 18);
  assertCovers(onEmea, text, 'rsm-apac', 'reports_to: rsm-apac');
  assertCovers(onApac, text, 'rsm-emea', 'reports_to: rsm-emea');
  assertRelated(onEmea, [{ file: 'org.charter.yaml', text, needle: 'rsm-emea', after: 'reports_to: rsm-emea' }]);
  assertRelated(onApac, [{ file: 'org.charter.yaml', text, needle: 'rsm-apac', after: 'reports_to: rsm-apac' }]);
  for (const f of cycle) {
    assert.equal(f.severity, 'error');
    assert.ok(f.fixes.every((x) => !x.safe));
  }
  assert.equal(fixAllText(text), undefined);
});

test('a role reporting to itself is a cycle', () => {
  const text = charter({ roles: [hos({ reportsTo: 'hos' }), rsm('EMEA'), rsm('APAC')] });
  const [f, ...rest] = byRule(lint(text), 'reporting-cycle');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'hos', 'reports_to: hos');
  assert.equal(f.line, 8);
});

test('a cycle across three files: each member reported in its own file with the two others related', () => {
  const files = {
    'a.charter.yaml': charter({ regions: '[EMEA, APAC, LATAM]', roles: [hos(), rsm('EMEA', { reportsTo: 'rsm-latam' })] }),
    'b.charter.yaml': charter({ name: 'Acme — APAC', regions: null, external: null, roles: [rsm('APAC', { reportsTo: 'rsm-emea' })] }),
    'c.charter.yaml': charter({ name: 'Acme — LATAM', regions: null, external: null, roles: [rsm('LATAM', { reportsTo: 'rsm-apac' })] }),
  };
  const findings = lint(files);
  for (const [path, target] of [['a.charter.yaml', 'rsm-latam'], ['b.charter.yaml', 'rsm-emea'], ['c.charter.yaml', 'rsm-apac']]) {
    const mine = inFile(findings, 'reporting-cycle', path);
    assert.equal(mine.length, 1, path);
    assertCovers(mine[0], files[path], target, `reports_to: ${target}`);
    assert.equal(mine[0].related.length, 2);
    assert.deepEqual(mine[0].related.map((r) => r.file).sort(), Object.keys(files).filter((p) => p !== path));
  }
});

test('a role reporting into a cycle without being on it is not reported', () => {
  const text = charter({
    regions: '[EMEA, APAC, LATAM]',
    roles: [hos(), rsm('EMEA', { reportsTo: 'rsm-apac' }), rsm('APAC', { reportsTo: 'rsm-emea' }), rsm('LATAM', { reportsTo: 'rsm-emea' })],
  });
  const cycle = byRule(lint(text), 'reporting-cycle');
  assert.deepEqual(cycle.map((f) => f.line).sort(), [13, 18]);
});

test('reporting rules skip roles of unknown type: a loop through one is no reporting-cycle', () => {
  const text = charter({
    roles: [hos({ reportsTo: 'coo' }), rsm('EMEA'), rsm('APAC'), role({ id: 'coo', type: 'chief-operating-officer', scope: 'organization', reportsTo: 'hos', resp: RSM })],
  });
  assert.deepEqual(byRule(lint(text), 'reporting-cycle'), []);
});

test('near misses: a reporting chain up to an external id, and unknown references', () => {
  const findings = lint(charter());
  assert.deepEqual(byRule(findings, 'reporting-cycle'), []);
  assertQuiet(findings);
  const dangling = charter({ roles: [hos(), rsm('EMEA', { reportsTo: 'rsm-apac' }), rsm('APAC', { reportsTo: 'rsm-nowhere' })] });
  assert.deepEqual(byRule(lint(dangling), 'reporting-cycle'), []);
});

/** `n` Regional Sales Managers r0..r{n-1}, each of its own region, reporting in one cycle. */
function cycleOf(n) {
  const regions = Array.from({ length: n }, (_, i) => `R${i}`);
  const roles = regions.map((region, i) => role({ id: `r${i}`, type: 'regional-sales-manager', scope: `{region: ${region}}`, reportsTo: `r${(i + 1) % n}`, resp: RSM }));
  return charter({ regions: `[${regions.join(', ')}]`, roles });
}

test('a cycle of four roles is named in full; of five or more, the reported role and the next three, then the count (SPEC: at most 3 others)', () => {
  const four = byRule(lint(cycleOf(4)), 'reporting-cycle');
  assert.equal(four.length, 4);
  assert.ok(four.some((f) => f.message === 'Reporting cycle: r1 → r2 → r3 → r0 → r1.'));
  for (const f of four) assert.equal(f.related.length, 3);
  const five = byRule(lint(cycleOf(5)), 'reporting-cycle');
  assert.equal(five.length, 5);
  assert.deepEqual(five.map((f) => f.message).sort(), [0, 1, 2, 3, 4].map((i) => `Reporting cycle of 5 roles: r${i} → r${(i + 1) % 5} → r${(i + 2) % 5} → r${(i + 3) % 5} → … → r${i}.`).sort());
  for (const f of five) assert.equal(f.related.length, 4, 'every other role while there are at most 20');
});

test('a cycle of 30 roles: each finding lists the next 20 roles as related, in cycle order (SPEC: at most 20 related)', () => {
  const text = cycleOf(30);
  const cycle = byRule(lint(text), 'reporting-cycle');
  assert.equal(cycle.length, 30);
  for (const f of cycle) {
    assert.equal(f.related.length, 20);
    const self = Number(/^Reporting cycle of 30 roles: r(\d+) /.exec(f.message)[1]);
    assert.deepEqual(f.related.map((r) => r.message), Array.from({ length: 20 }, (_, k) => `"r${(self + k + 1) % 30}" reports to "r${(self + k + 2) % 30}"`));
    assertCovers(f, text, `r${(self + 1) % 30}`, `reports_to: r${(self + 1) % 30}`);
  }
});
