import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lint, byRule, charter, hos, rsm, HOS, RSM, HOS_RESPONSIBILITIES, assertCovers, assertQuiet, applyChecked, fixAllText, data,
} from './_support.mjs';

/** A Head of Sales whose responsibilities are a block list, with a comment on each changed line. */
function blockHos(items) {
  return ['  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities:', ...items.map((i) => `      - ${i}`)].join('\n');
}

const fixTo = (f, id) => f.fixes.find((x) => x.edits.some((e) => e.newText.includes(id)));

test('an id-like entry that is not a model id: warning on the entry, did-you-mean fix (not safe)', () => {
  const items = HOS_RESPONSIBILITIES.map((id) => (id === 'sales-strategy' ? 'sales-stratgy   # typo kept on purpose' : id));
  const text = charter({ roles: [blockHos(items), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'unknown-responsibility');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'sales-stratgy');
  assert.equal(f.line, 10);
  assert.equal(f.severity, 'warning');
  const fix = fixTo(f, 'sales-strategy');
  assert.ok(fix);
  assert.ok(f.fixes.every((x) => !x.safe));
  const after = applyChecked(text, fix);
  assert.equal(after, text.replace('- sales-stratgy   #', '- sales-strategy   #'));
  assertQuiet(lint(after));
  assert.equal(fixAllText(text), undefined);
});

test('did-you-mean in a flow list replaces the item in place', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace('budget-management', 'budget-managment') }), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'unknown-responsibility');
  assertCovers(f, text, 'budget-managment');
  const after = applyChecked(text, fixTo(f, 'budget-management'));
  assert.equal(after, charter());
});

test('did-you-mean keeps double quotes', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace('regional-sales-plan', '"regional-sales-pln"') }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'unknown-responsibility');
  assertCovers(f, text, '"regional-sales-pln"');
  const after = applyChecked(text, fixTo(f, 'regional-sales-plan'));
  assert.ok(after.includes('["regional-sales-plan", regional-team-leadership'), after);
  assertQuiet(lint(after));
});

test('in a {id, note} mapping the range is the id: value and the fix replaces only it', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace('sales-strategy', '{id: sales-stratgy, note: yearly with the board}') }), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'unknown-responsibility');
  assertCovers(f, text, 'sales-stratgy');
  const after = applyChecked(text, fixTo(f, 'sales-strategy'));
  assert.ok(after.includes('{id: sales-strategy, note: yearly with the board}'), after);
  assertQuiet(lint(after));
});

test('an id-like entry is never free text, even when it reads like an alias ("key-accounts")', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace('key-account-relationships', 'key-accounts') }), rsm('APAC')] });
  const findings = lint(text);
  const [f] = byRule(findings, 'unknown-responsibility');
  assertCovers(f, text, 'key-accounts');
  assert.deepEqual(byRule(findings, 'non-canonical-responsibility'), []);
  // It counts for nothing else: the manager still lacks key-account-relationships.
  assert.equal(byRule(findings, 'missing-responsibility').length, 1);
});

test('free text that matches nothing: warning on the text; it counts for no other rule', () => {
  const resp = HOS.replace('budget-management', 'Organize the summer party, Organize the summer party');
  const text = charter({ roles: [hos({ resp }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const unknown = byRule(findings, 'unknown-responsibility');
  assert.equal(unknown.length, 2);
  assertCovers(unknown[0], text, 'Organize the summer party');
  assertCovers(unknown[1], text, 'Organize the summer party', 'party, ');
  for (const f of unknown) assert.equal(f.severity, 'warning');
  assert.deepEqual(byRule(findings, 'duplicate-responsibility'), [], 'unmatched text is never a duplicate');
  assert.deepEqual(byRule(findings, 'non-canonical-responsibility'), []);
  const missing = byRule(findings, 'missing-responsibility');
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /budget-management/);
});

test('a did-you-mean on free text keeps the text (as the note) and the comment', () => {
  const items = HOS_RESPONSIBILITIES.map((id) => (id === 'sales-strategy' ? 'Plan the company picnic   # hmm' : id));
  const text = charter({ roles: [blockHos(items), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'unknown-responsibility');
  assertCovers(f, text, 'Plan the company picnic');
  const fix = fixTo(f, 'sales-strategy');
  assert.ok(fix, 'did-you-mean sales-strategy');
  assert.equal(fix.safe, false);
  const after = applyChecked(text, fix);
  const entry = data(after).roles[0].responsibilities[0];
  assert.equal(typeof entry === 'string' ? entry : entry.id, 'sales-strategy');
  assertQuiet(lint(after));
});

test('an entry differing from an id only in case gets did-you-mean to that id', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace('sales-strategy', 'Sales-Strategy') }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const f = [...byRule(findings, 'unknown-responsibility'), ...byRule(findings, 'non-canonical-responsibility')].find((x) => x.line === 9);
  assert.ok(f, 'the entry is reported');
  assertCovers(f, text, 'Sales-Strategy');
  const fix = fixTo(f, 'sales-strategy');
  assert.ok(fix, 'a fix to sales-strategy is offered');
  assertQuiet(lint(applyChecked(text, fix)));
});

test('near misses: model ids, {id, note} mappings with any note, matched free text', () => {
  const resp = HOS.replace('sales-strategy', '{id: sales-strategy, note: not-an-id at all}').replace('budget-management', 'Own the annual sales budget');
  const text = charter({ roles: [hos({ resp }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'unknown-responsibility'), []);
  assertQuiet(findings);
});
