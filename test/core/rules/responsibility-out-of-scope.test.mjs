import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lint, byRule, charter, hos, rsm, role, HOS, RSM, RSM_RESPONSIBILITIES, assertCovers, assertQuiet, applyChecked, fixAllText, data,
} from './_support.mjs';

const replaceFix = (f, id) => f.fixes.find((x) => x.edits.some((e) => e.newText.includes(id)));
const removeFix = (f) => f.fixes.find((x) => x.edits.every((e) => e.newText.trim() === '' || e.newText.trim().startsWith('#')));

test('a regional manager owning sales-strategy: warning on the entry; replace with the refining id', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace('regional-sales-plan', 'sales-strategy') }), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'responsibility-out-of-scope');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'sales-strategy', 'id: rsm-emea');
  assert.equal(f.line, 14);
  assert.equal(f.severity, 'warning');
  assert.ok(f.fixes.every((x) => !x.safe), 'replace and remove are offered one at a time');
  const fix = replaceFix(f, 'regional-sales-plan');
  assert.ok(fix, 'replace with regional-sales-plan');
  const after = applyChecked(text, fix);
  assert.equal(after, charter());
  assert.equal(fixAllText(text), undefined);
});

test('the pair (Head of Sales, regional manager) sharing sales-strategy is not also a responsibility-overlap', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace(']', ', sales-strategy]') }), rsm('APAC')] });
  const findings = lint(text);
  assert.equal(byRule(findings, 'responsibility-out-of-scope').length, 1);
  assert.deepEqual(byRule(findings, 'responsibility-overlap'), []);
  assertQuiet(findings, 'responsibility-out-of-scope');
});

test('flow list: "remove" drops the entry and leaves a clean list', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace(']', ', sales-strategy]') }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'responsibility-out-of-scope');
  assertCovers(f, text, 'sales-strategy', 'id: rsm-emea');
  const fix = removeFix(f);
  assert.ok(fix, 'remove from this role');
  assert.equal(fix.safe, false);
  assert.equal(applyChecked(text, fix), charter());
});

test('block list: an id with no regional refinement (budget-management) offers removal, which keeps comments', () => {
  const block = [
    '  - id: rsm-emea',
    '    role: regional-sales-manager',
    '    scope: {region: EMEA}',
    '    reports_to: hos',
    '    responsibilities:',
    ...RSM_RESPONSIBILITIES.map((id) => `      - ${id}`),
    '      - budget-management   # EMEA travel budget',
  ].join('\n');
  const text = charter({ roles: [hos(), block, rsm('APAC')] });
  const [f] = byRule(lint(text), 'responsibility-out-of-scope');
  assertCovers(f, text, 'budget-management', 'id: rsm-emea');
  assert.equal(f.line, 20);
  assert.ok(!replaceFix(f, 'regional-'), 'budget-management has no regional refinement');
  const fix = removeFix(f);
  assert.ok(fix);
  const after = applyChecked(text, fix);
  assert.deepEqual(data(after).roles[1].responsibilities, RSM_RESPONSIBILITIES);
  assertQuiet(lint(after));
});

test('a {id, note} mapping is reported on its id: value', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace(']', ', {id: revenue-forecasting, note: EMEA only}]') }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'responsibility-out-of-scope');
  assertCovers(f, text, 'revenue-forecasting', 'id: rsm-emea');
});

test('matched free text counts as its id: an organization-wide duty in free text is out of scope', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace(']', ', Own the annual sales budget]') }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'responsibility-out-of-scope');
  assert.ok(f, 'reported');
  assertCovers(f, text, 'Own the annual sales budget');
  assert.deepEqual(byRule(lint(text), 'responsibility-overlap'), []);
});

test('a manager of several regions is still regional', () => {
  const text = charter({
    regions: '[EMEA, APAC]',
    roles: [hos(), role({ id: 'rsm-all', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC]}', reportsTo: 'hos', resp: RSM.replace(']', ', sales-operations]') })],
  });
  const [f, ...rest] = byRule(lint(text), 'responsibility-out-of-scope');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'sales-operations', 'id: rsm-all');
});

test('near misses: narrower duties on a broader role, and each role on its own level', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace(']', ', regional-market-insights]') }), rsm('EMEA'), rsm('APAC')] });
  assert.deepEqual(byRule(lint(text), 'responsibility-out-of-scope'), []);
  assert.deepEqual(byRule(lint(charter()), 'responsibility-out-of-scope'), []);
});

test('a multi-line flow list: removing the first entry keeps the comment on its line', () => {
  const resp = `[\n      sales-strategy,   # inherited from 2023\n${RSM_RESPONSIBILITIES.map((id) => `      ${id},`).join('\n')}\n    ]`;
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'responsibility-out-of-scope');
  assertCovers(f, text, 'sales-strategy', 'id: rsm-emea');
  assert.equal(f.line, 15);
  const after = applyChecked(text, removeFix(f));
  assert.deepEqual(data(after).roles[1].responsibilities, RSM_RESPONSIBILITIES);
  assertQuiet(lint(after));
});
