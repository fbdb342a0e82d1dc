import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  core, lint, byRule, charter, hos, rsm, HOS, RSM, HOS_RESPONSIBILITIES, assertCovers, assertRelated, assertQuiet, applyChecked, fixAllText, data,
} from './_support.mjs';

function blockHos(items) {
  return ['  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities:', ...items.map((i) => `      - ${i}`)].join('\n');
}

test('block list: the later entry is reported, the first is related; the safe fix removes that line only', () => {
  const items = [...HOS_RESPONSIBILITIES, 'sales-strategy   # again, by mistake'];
  const text = charter({ roles: [blockHos(items), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'duplicate-responsibility');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'sales-strategy', 'budget-management');
  assert.equal(f.line, 19);
  assert.equal(f.severity, 'warning');
  assertRelated(f, [{ file: 'org.charter.yaml', text, needle: 'sales-strategy' }]);
  assertQuiet(findings, 'duplicate-responsibility');
  const fix = f.fixes.find((x) => x.safe);
  assert.ok(fix, 'removing a duplicate is a safe fix');
  const after = applyChecked(text, fix);
  assert.deepEqual(data(after).roles[0].responsibilities, HOS_RESPONSIBILITIES);
  assert.ok(after.includes('      - budget-management\n'), after);
  assert.deepEqual(byRule(lint(after), 'duplicate-responsibility'), []);
  assertQuiet(lint(after));
  assert.equal(fixAllText(text), after);
});

test('flow list: removing a middle duplicate keeps the list and its spacing', () => {
  const resp = RSM.replace('key-account-relationships', 'key-account-relationships, regional-sales-plan');
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'duplicate-responsibility');
  assertCovers(f, text, 'regional-sales-plan', 'key-account-relationships, ');
  assert.equal(f.line, 14);
  assertRelated(f, [{ file: 'org.charter.yaml', text, needle: 'regional-sales-plan', after: 'id: rsm-emea' }]);
  const fix = f.fixes.find((x) => x.safe);
  assert.ok(fix);
  const after = applyChecked(text, fix);
  assert.equal(after, charter());
  assert.equal(fixAllText(text), after);
});

test('flow list: removing the last item leaves a well-formed list', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace(']', ', regional-team-leadership]') }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'duplicate-responsibility');
  const after = applyChecked(text, f.fixes.find((x) => x.safe));
  assert.equal(after, charter());
});

test('a duplicate written as {id, note} or as matched free text is still a duplicate', () => {
  const resp = HOS.replace(']', ', {id: sales-strategy, note: with the board}, set revenue targets]');
  const text = charter({ roles: [hos({ resp }), rsm('EMEA'), rsm('APAC')] });
  const findings = byRule(lint(text), 'duplicate-responsibility');
  assert.equal(findings.length, 2);
  assertCovers(findings[0], text, 'sales-strategy', '{id: ');
  assertCovers(findings[1], text, 'set revenue targets');
  for (const f of findings) assertRelated(f, [{ file: 'org.charter.yaml', text, needle: 'sales-strategy' }]);
  // A note or free text is what a person wrote: its removal is offered, never applied by Fix all.
  for (const f of findings) {
    assert.ok(f.fixes.length > 0 && f.fixes.every((x) => !x.safe), f.message);
    const after = applyChecked(text, f.fixes[0]);
    assert.equal(data(after).roles[0].responsibilities.length, HOS_RESPONSIBILITIES.length + 1);
  }
  assert.equal(fixAllText(text), undefined);
});

test('a later plain duplicate of an earlier noted or free-text entry is removed safely; the earlier one stays', () => {
  const resp = HOS.replace('[sales-strategy, ', '[{id: sales-strategy, note: with the board}, ').replace(']', ', sales-strategy, {id: sales-operations}]');
  const text = charter({ roles: [hos({ resp }), rsm('EMEA'), rsm('APAC')] });
  const findings = byRule(lint(text), 'duplicate-responsibility');
  assert.equal(findings.length, 2);
  assert.ok(findings.every((f) => f.fixes.some((x) => x.safe)));
  const after = fixAllText(text);
  assert.equal(after, text.replace(', sales-strategy, {id: sales-operations}]', ']'));
  assertQuiet(lint(after));
});

test('a block {id, note} duplicate is removed whole (one at a time), its comment kept', () => {
  const items = [...HOS_RESPONSIBILITIES, 'id: revenue-forecasting   # finance asked for it\n        note: monthly'];
  const text = charter({ roles: [blockHos(items), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'duplicate-responsibility');
  assertCovers(f, text, 'revenue-forecasting', 'id: revenue-forecasting');
  assert.ok(f.fixes.every((x) => !x.safe), 'an entry with a note is not removed safely');
  assert.equal(fixAllText(text), undefined);
  const after = applyChecked(text, f.fixes[0]);
  assert.deepEqual(data(after).roles[0].responsibilities, HOS_RESPONSIBILITIES);
  assertQuiet(lint(after));
});

test('three occurrences: the two later ones are reported; Fix all leaves one', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace(']', ', sales-strategy, sales-strategy]') }), rsm('EMEA'), rsm('APAC')] });
  const findings = byRule(lint(text), 'duplicate-responsibility');
  assert.equal(findings.length, 2);
  assert.ok(findings.every((f) => f.range.start.character > 'responsibilities: [sales-strategy'.length));
  const { changed } = core.fixAll({ files: [{ path: 'org.charter.yaml', text }] });
  assert.equal(changed.get('org.charter.yaml'), charter());
});

test('near misses: one id in two different roles, two different ids, two unmatched identical texts', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace(']', ', key-account-relationships]') }), rsm('EMEA'), rsm('APAC')] });
  assert.deepEqual(byRule(lint(text), 'duplicate-responsibility'), []);
  const unmatched = charter({ roles: [hos({ resp: HOS.replace(']', ', Organize the summer party, Organize the summer party]') }), rsm('EMEA'), rsm('APAC')] });
  assert.deepEqual(byRule(lint(unmatched), 'duplicate-responsibility'), []);
  const clean = lint(charter());
  assert.deepEqual(byRule(clean, 'duplicate-responsibility'), []);
});

test('CRLF files keep CRLF line breaks after the fix; a last line without newline is removed cleanly', () => {
  const items = [...HOS_RESPONSIBILITIES, 'budget-management'];
  const lf = charter({ roles: [rsm('EMEA'), rsm('APAC'), blockHos(items)] }).replace(/\n$/, '');
  for (const text of [lf, lf.replace(/\n/g, '\r\n')]) {
    const [f] = byRule(lint(text), 'duplicate-responsibility');
    assert.ok(f, 'reported');
    const after = applyChecked(text, f.fixes.find((x) => x.safe));
    assert.deepEqual(data(after).roles[2].responsibilities, HOS_RESPONSIBILITIES);
    if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), 'no bare LF introduced');
    assert.ok(!after.endsWith('\n') && after.endsWith('budget-management'), JSON.stringify(after.slice(-40)));
  }
});
