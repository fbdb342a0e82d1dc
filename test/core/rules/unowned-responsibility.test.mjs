import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, HOS, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES, assertCovers, assertQuiet, inFile, fixAllText } from './_support.mjs';

/** Each id named by exactly one finding. */
function assertOnePerId(findings, ids) {
  assert.equal(findings.length, ids.length);
  for (const id of ids) {
    const naming = findings.filter((f) => new RegExp(`(^|[^a-z-])${id}([^a-z-]|$)`).test(f.message));
    assert.equal(naming.length, 1, `one finding names ${id}`);
  }
}

test('no Head of Sales at all: one warning per organization-scope id, on the charter: key', () => {
  const text = charter({ roles: [rsm('EMEA', { reportsTo: 'ceo' }), rsm('APAC', { reportsTo: 'ceo' })] });
  const findings = lint(text);
  const unowned = byRule(findings, 'unowned-responsibility');
  assertOnePerId(unowned, HOS_RESPONSIBILITIES);
  for (const f of unowned) {
    assertCovers(f, text, 'charter');
    assert.equal(f.line, 1);
    assert.equal(f.severity, 'warning');
    assert.ok(f.fixes.every((x) => !x.safe));
  }
  assert.equal(fixAllText(text), undefined);
});

test('the charter: key of the first file in path order carries them, whatever the input order', () => {
  const a = '# Acme — top file\ncharter: Acme Sales\nregions: [EMEA, APAC]\nexternal: [ceo]\n';
  const b = charter({ name: 'Acme Sales — regions', regions: null, external: null, roles: [rsm('EMEA', { reportsTo: 'ceo' }), rsm('APAC', { reportsTo: 'ceo' })] });
  const findings = lint({ 'regions/b.charter.yaml': b, 'a.charter.yaml': a });
  const inA = inFile(findings, 'unowned-responsibility', 'a.charter.yaml');
  assert.deepEqual(inFile(findings, 'unowned-responsibility', 'regions/b.charter.yaml'), []);
  assertOnePerId(inA, HOS_RESPONSIBILITIES);
  for (const f of inA) {
    assertCovers(f, a, 'charter');
    assert.equal(f.line, 2);
  }
});

test('an empty organization (no roles) lacks a Head of Sales too', () => {
  const text = 'charter: Acme Sales\n';
  assertOnePerId(byRule(lint(text), 'unowned-responsibility'), HOS_RESPONSIBILITIES);
});

test('a Head of Sales missing a duty is missing-responsibility, not unowned-responsibility', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace(', budget-management', '') }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'unowned-responsibility'), []);
  assert.equal(byRule(findings, 'missing-responsibility').length, 1);
});

test('a Head of Sales with a scope-mismatch is still a role of that type: no unowned-responsibility', () => {
  const text = charter({ roles: [hos({ scope: '{region: EMEA}' }), rsm('EMEA'), rsm('APAC')] });
  assert.deepEqual(byRule(lint(text), 'unowned-responsibility'), []);
});

test('region-scope duties are never unowned: a lone Head of Sales without regions is quiet', () => {
  const text = charter({ regions: null, roles: [hos()] });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'unowned-responsibility'), []);
  assertQuiet(findings);
  for (const id of RSM_RESPONSIBILITIES) assert.ok(findings.every((f) => !f.message.includes(id)));
});
