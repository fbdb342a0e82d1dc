import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, role, HOS, RSM, assertCovers, assertQuiet, applyChecked, fixAllText, data } from './_support.mjs';

test('a Head of Sales scoped to a region: error on the scope value; "set the scope" fix to organization', () => {
  const text = charter({ roles: [hos({ scope: '{region: EMEA}   # interim' }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'scope-mismatch');
  assert.equal(rest.length, 0);
  assertCovers(f, text, '{region: EMEA}');
  assert.equal(f.line, 7);
  assert.equal(f.severity, 'error');
  assertQuiet(findings, 'scope-mismatch');
  assert.ok(f.fixes.length > 0);
  assert.ok(f.fixes.every((x) => !x.safe));
  const fix = f.fixes.find((x) => x.edits.some((e) => e.newText.includes('organization')));
  assert.ok(fix, 'set scope to organization');
  const after = applyChecked(text, fix);
  assert.equal(after, text.replace('scope: {region: EMEA}   # interim', 'scope: organization   # interim'));
  assertQuiet(lint(after));
  assert.equal(fixAllText(text), undefined);
});

const BLOCK_SCOPE_HOS = `  - id: hos\n    role: head-of-sales\n    scope:\n      regions: [EMEA, APAC]\n    reports_to: ceo\n    responsibilities: ${HOS}`;

test('a block-mapping scope is reported on exactly the mapping (no trailing line break)', () => {
  const text = charter({ roles: [BLOCK_SCOPE_HOS, rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'scope-mismatch');
  assertCovers(f, text, 'regions: [EMEA, APAC]', 'scope:');
  assert.equal(f.line, 8);
});

test('on a block-mapping scope the "set scope" fix keeps the YAML and the next key intact', () => {
  const text = charter({ roles: [BLOCK_SCOPE_HOS, rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'scope-mismatch');
  const fix = f.fixes.find((x) => x.edits.some((e) => e.newText.includes('organization')));
  assert.ok(fix);
  const after = applyChecked(text, fix);
  assert.equal(data(after).roles[0].scope, 'organization');
  assert.equal(data(after).roles[0].reports_to, 'ceo');
  assertQuiet(lint(after));
});

test('a Regional Sales Manager scoped to the organization: error on "organization"; fix sets a declared region', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC', { scope: 'organization' })] });
  const findings = lint(text);
  const [f] = byRule(findings, 'scope-mismatch');
  assertCovers(f, text, 'organization', 'id: rsm-apac');
  assert.equal(f.line, 17);
  assert.ok(f.fixes.length > 0, 'set the scope');
  assert.ok(f.fixes.every((x) => !x.safe));
  for (const fix of f.fixes) {
    const after = applyChecked(text, fix);
    const again = lint(after);
    assert.deepEqual(byRule(again, 'scope-mismatch'), []);
    assert.deepEqual(byRule(again, 'unknown-region'), []);
    assert.deepEqual(byRule(again, 'schema'), []);
  }
});

test('a role with a scope-mismatch covers no region (uncovered-region still fires)', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC', { scope: 'organization' })] });
  const findings = lint(text);
  const uncovered = byRule(findings, 'uncovered-region');
  assert.equal(uncovered.length, 1);
  assertCovers(uncovered[0], text, 'APAC');
});

test('a role with a scope-mismatch takes no part in holder counts or overlaps', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC'), hos({ id: 'hos-emea', scope: '{region: EMEA}', reportsTo: 'ceo', resp: HOS })] });
  const findings = lint(text);
  assert.equal(byRule(findings, 'scope-mismatch').length, 1);
  assert.deepEqual(byRule(findings, 'too-many-holders'), []);
  assert.deepEqual(byRule(findings, 'responsibility-overlap'), []);
  assert.deepEqual(byRule(findings, 'territory-overlap'), []);
});

test('an unknown role type gets no scope-mismatch', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC'), role({ id: 'x', type: 'country-manager', scope: 'organization', reportsTo: 'hos', resp: RSM })] });
  assert.deepEqual(byRule(lint(text), 'scope-mismatch'), []);
});

test('near misses: a regional manager over several regions, or over a parent region', () => {
  const text = charter({
    regions: '[EMEA: [DACH, Nordics], APAC, LATAM]',
    roles: [hos(), rsm('EMEA'), role({ id: 'rsm-rest', type: 'regional-sales-manager', scope: '{regions: [APAC, LATAM]}', reportsTo: 'hos', resp: RSM })],
  });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'scope-mismatch'), []);
  assertQuiet(findings);
});

test('on a block-mapping scope with comments inside, "set scope" keeps every comment', () => {
  const scoped = `  - id: hos\n    role: head-of-sales\n    scope:\n      regions: # interim\n        - EMEA # until Q3\n        - APAC\n    reports_to: ceo\n    responsibilities: ${HOS}`;
  const text = charter({ roles: [scoped, rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'scope-mismatch');
  const fix = f.fixes.find((x) => x.title === 'Set scope to organization');
  assert.ok(fix, f.fixes.map((x) => x.title).join(', '));
  const after = applyChecked(text, fix);
  assert.equal(data(after).roles[0].scope, 'organization');
  assert.equal(data(after).roles[0].reports_to, 'ceo');
  assert.match(after, /scope:\n {6}organization # interim\n {6}# until Q3\n {4}reports_to: ceo/);
});

test('a scope inside a flow-mapping role with a comment in it and more text after it offers no "set scope" fix', () => {
  const flowRole = `  - {id: hos, role: head-of-sales, scope: {region: EMEA, # interim\n      }, reports_to: ceo, responsibilities: ${HOS}}`;
  const text = charter({ roles: [flowRole, rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'scope-mismatch');
  assert.ok(f, 'still reported');
  assert.equal(f.fixes.length, 0, f.fixes.map((x) => x.title).join(', '));
});
