import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  core, lint, byRule, charter, hos, rsm, HOS, RSM, HOS_RESPONSIBILITIES, assertCovers, assertQuiet, applyChecked, fixAllText, data,
} from './_support.mjs';

function blockHos(items) {
  return ['  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities:', ...items.map((i) => `      - ${i}`)].join('\n');
}
const withBudget = (entry) => HOS_RESPONSIBILITIES.map((id) => (id === 'budget-management' ? entry : id));

test('matched free text: info on the entry, counted as its id (no missing-responsibility)', () => {
  const text = charter({ roles: [blockHos(withBudget('Own the annual sales budget   # from the 2024 plan')), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'non-canonical-responsibility');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'Own the annual sales budget');
  assert.equal(f.line, 18);
  assert.equal(f.severity, 'info');
  assert.match(f.message, /budget-management/);
  assert.deepEqual(byRule(findings, 'missing-responsibility'), []);
  assertQuiet(findings);
});

test('block list: the safe fix writes id + note, aligned, keeping the comment', () => {
  const text = charter({ roles: [blockHos(withBudget('Own the annual sales budget   # from the 2024 plan')), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'non-canonical-responsibility');
  const fix = f.fixes.find((x) => x.safe);
  assert.ok(fix, 'replacing matched free text by its id is a safe fix');
  const after = applyChecked(text, fix);
  assert.equal(
    after,
    text.replace('      - Own the annual sales budget   #', '      - id: budget-management\n        note: Own the annual sales budget   #'),
  );
  assert.deepEqual(data(after).roles[0].responsibilities[8], { id: 'budget-management', note: 'Own the annual sales budget' });
  const again = lint(after);
  assert.deepEqual(byRule(again, 'non-canonical-responsibility'), []);
  assertQuiet(again);
  assert.equal(fixAllText(text), after);
});

test('flow list: the fix writes a flow mapping in place', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace('budget-management', 'Own the annual sales budget') }), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'non-canonical-responsibility');
  assertCovers(f, text, 'Own the annual sales budget');
  const fix = f.fixes.find((x) => x.safe);
  assert.ok(fix);
  const after = applyChecked(text, fix);
  assert.equal(after, text.replace('Own the annual sales budget', '{id: budget-management, note: Own the annual sales budget}'));
  assertQuiet(lint(after));
  assert.deepEqual(byRule(lint(after), 'non-canonical-responsibility'), []);
});

test('quoting is kept: a double-quoted text stays double-quoted as the note, single stays single', () => {
  const text = charter({
    roles: [
      blockHos(HOS_RESPONSIBILITIES.map((id) => (id === 'revenue-forecasting' ? '"Quarterly sales forecast: with finance"' : id === 'talent-development' ? "'sales hiring'" : id))),
      rsm('EMEA'),
      rsm('APAC'),
    ],
  });
  const findings = byRule(lint(text), 'non-canonical-responsibility');
  assert.equal(findings.length, 2);
  assertCovers(findings.find((f) => f.line === 13), text, "'sales hiring'");
  assertCovers(findings.find((f) => f.line === 17), text, '"Quarterly sales forecast: with finance"');
  const after = fixAllText(text);
  assert.ok(after, 'Fix all applies both');
  assert.ok(after.includes('note: "Quarterly sales forecast: with finance"'), after);
  assert.ok(after.includes("note: 'sales hiring'"), after);
  const roles = data(after).roles[0].responsibilities;
  assert.deepEqual(roles[3], { id: 'talent-development', note: 'sales hiring' });
  assert.deepEqual(roles[7], { id: 'revenue-forecasting', note: 'Quarterly sales forecast: with finance' });
  assert.deepEqual(byRule(lint(after), 'non-canonical-responsibility'), []);
  assertQuiet(lint(after));
});

test('Fix all replaces every matched entry of a flow list and the YAML stays valid', () => {
  const resp = RSM.replace('regional-sales-plan', 'territory plan').replace('key-account-relationships', 'key account management');
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const findings = byRule(lint(text), 'non-canonical-responsibility');
  assert.equal(findings.length, 2);
  assertCovers(findings[0], text, 'territory plan');
  assertCovers(findings[1], text, 'key account management');
  const { changed, result } = core.fixAll({ files: [{ path: 'org.charter.yaml', text }] });
  const after = changed.get('org.charter.yaml');
  assert.ok(after);
  assert.deepEqual(data(after).roles[1].responsibilities.slice(0, 3), [
    { id: 'regional-sales-plan', note: 'territory plan' },
    'regional-team-leadership',
    { id: 'key-account-relationships', note: 'key account management' },
  ]);
  assert.deepEqual([...result.findings.values()].flat().filter((f) => f.rule === 'non-canonical-responsibility'), []);
});

test('a folded multi-line free text is replaced without breaking the YAML', () => {
  const text = charter({ roles: [blockHos(withBudget('>-\n        Own the annual\n        sales budget')), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'non-canonical-responsibility');
  assert.ok(f);
  assert.equal(f.line, 18);
  const after = applyChecked(text, f.fixes.find((x) => x.safe));
  assert.deepEqual(data(after).roles[0].responsibilities[8], { id: 'budget-management', note: 'Own the annual sales budget' });
  assertQuiet(lint(after));
});

test('regional free text matches the regional id, not the organization-wide one it refines', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace('regional-sales-plan', 'territory plan') }), rsm('APAC')] });
  const findings = lint(text);
  const [f] = byRule(findings, 'non-canonical-responsibility');
  assert.match(f.message, /regional-sales-plan/);
  assert.deepEqual(byRule(findings, 'responsibility-out-of-scope'), []);
  assertQuiet(findings);
});

test('near misses: ids, {id, note} mappings and unmatched text are not non-canonical', () => {
  const resp = HOS.replace('budget-management', '{id: budget-management, note: Own the annual sales budget}');
  const text = charter({ roles: [hos({ resp }), rsm('EMEA'), rsm('APAC')] });
  assert.deepEqual(byRule(lint(text), 'non-canonical-responsibility'), []);
  const unmatched = charter({ roles: [hos({ resp: HOS.replace(']', ', Organize the summer party]') }), rsm('EMEA'), rsm('APAC')] });
  assert.deepEqual(byRule(lint(unmatched), 'non-canonical-responsibility'), []);
});
