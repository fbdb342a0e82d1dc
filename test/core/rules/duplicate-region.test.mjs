import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, assertCovers, assertRelated, assertQuiet, inFile, fixAllText } from './_support.mjs';

test('a region declared under two parents: error on the later declaration, the first as related', () => {
  const text = charter({ regions: '[EMEA: [DACH, Nordics], APAC: [DACH, ANZ]]', roles: [hos(), rsm('Nordics'), rsm('ANZ'), rsm('DACH')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'duplicate-region');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'DACH', 'APAC: [');
  assert.equal(f.line, 2);
  assert.equal(f.severity, 'error');
  assert.ok(f.fixes.every((x) => !x.safe));
  assertRelated(f, [{ file: 'org.charter.yaml', text, needle: 'DACH' }]);
  assert.equal(fixAllText(text), undefined);
});

test('a sub-region also declared at the top level (block style)', () => {
  const text = [
    'charter: Acme Sales',
    'regions:',
    '  - EMEA:',
    '      - DACH',
    '      - UK&I',
    '  - UK&I   # moved out?',
    'external: [ceo]',
    'roles:',
    hos(),
    rsm('DACH'),
    rsm('UK&I'),
    '',
  ].join('\n');
  const [f] = byRule(lint(text), 'duplicate-region');
  assertCovers(f, text, 'UK&I', '  - UK&I   #');
  assert.equal(f.line, 6);
  assertRelated(f, [{ file: 'org.charter.yaml', text, needle: 'UK&I' }]);
});

test('across files: the later file in path order gets the finding, related into the first', () => {
  const a = charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('DACH'), rsm('Nordics')] });
  const b = charter({ name: 'Acme Sales — DACH', regions: '[DACH]', external: null, roles: [] }).replace('roles:\n', 'roles: []\n');
  const findings = lint({ 'b.charter.yaml': b, 'a.charter.yaml': a });
  assert.deepEqual(inFile(findings, 'duplicate-region', 'a.charter.yaml'), []);
  const [f] = inFile(findings, 'duplicate-region', 'b.charter.yaml');
  assertCovers(f, b, 'DACH', 'regions:');
  assertRelated(f, [{ file: 'a.charter.yaml', text: a, needle: 'DACH' }]);
});

test('three parents: the two later declarations are reported', () => {
  const text = charter({ regions: '[EMEA: [Remote], APAC: [Remote], LATAM: [Remote]]', roles: [hos(), rsm('Remote')] });
  const findings = byRule(lint(text), 'duplicate-region');
  assert.equal(findings.length, 2);
  assertCovers(findings[0], text, 'Remote', 'APAC');
  assertCovers(findings[1], text, 'Remote', 'LATAM');
});

test('near misses: the same name under the same parent merges, in one file or across files', () => {
  const one = charter({ regions: '[EMEA: [DACH], {EMEA: [Nordics]}, APAC, APAC]', roles: [hos(), rsm('DACH'), rsm('Nordics'), rsm('APAC')] });
  assert.deepEqual(byRule(lint(one), 'duplicate-region'), []);
  const a = charter({ regions: '[EMEA: [DACH], APAC]', roles: [hos(), rsm('DACH'), rsm('APAC')] });
  const b = charter({ name: 'Acme Sales — EMEA', regions: '[EMEA: [Nordics, DACH]]', external: null, roles: [rsm('Nordics')] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  assert.deepEqual(byRule(findings, 'duplicate-region'), []);
  assertQuiet(findings);
});
