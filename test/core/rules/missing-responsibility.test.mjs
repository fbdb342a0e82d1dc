import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  lint, byRule, charter, hos, rsm, role, HOS, RSM, RSM_RESPONSIBILITIES, HOS_RESPONSIBILITIES, assertCovers, assertQuiet, applyChecked, fixAllText, data, inFile,
} from './_support.mjs';

const addFix = (f, id) => f.fixes.find((x) => x.edits.some((e) => e.newText.includes(id)));

test('a Head of Sales lacking one id: one warning on the responsibilities key, naming the id', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace(', budget-management', '') }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, 'missing-responsibility');
  assert.equal(rest.length, 0);
  assertCovers(f, text, 'responsibilities', 'id: hos');
  assert.equal(f.line, 9);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /budget-management/);
  assertQuiet(findings, 'missing-responsibility');
});

test('flow list: "add it" appends the id inside the brackets (not a safe fix)', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace(', budget-management', '') }), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), 'missing-responsibility');
  const fix = addFix(f, 'budget-management');
  assert.ok(fix);
  assert.equal(fix.safe, false);
  const after = applyChecked(text, fix);
  assert.equal(after, charter());
  assert.equal(fixAllText(text), undefined, 'Fix all does not add responsibilities');
});

test('several missing ids: one finding per id, each with its own fix', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: '[regional-sales-plan, regional-team-leadership]' }), rsm('APAC')] });
  const findings = byRule(lint(text), 'missing-responsibility');
  const ids = ['key-account-relationships', 'regional-market-insights', 'regional-business-development'];
  assert.equal(findings.length, 3);
  for (const id of ids) {
    const mine = findings.filter((f) => f.message.includes(id));
    assert.equal(mine.length, 1, id);
    assertCovers(mine[0], text, 'responsibilities', 'id: rsm-emea');
    const fix = addFix(mine[0], id);
    assert.ok(fix, `a fix adding ${id}`);
    const after = applyChecked(text, fix);
    const left = byRule(lint(after), 'missing-responsibility');
    assert.equal(left.length, 2);
    assert.ok(left.every((l) => !l.message.includes(id)));
  }
});

test('block list: the added item takes the list indentation; comments stay', () => {
  const block = [
    '  - id: rsm-emea',
    '    role: regional-sales-manager',
    '    scope: {region: EMEA}',
    '    reports_to: hos',
    '    responsibilities:   # agreed with Dana',
    '      - regional-sales-plan',
    '      - regional-team-leadership',
    '      - key-account-relationships',
    '      - regional-market-insights   # new in 2025',
  ].join('\n');
  const text = charter({ roles: [hos(), block, rsm('APAC')] });
  const [f] = byRule(lint(text), 'missing-responsibility');
  assertCovers(f, text, 'responsibilities', 'id: rsm-emea');
  assert.equal(f.line, 14);
  const after = applyChecked(text, addFix(f, 'regional-business-development'));
  assert.ok(after.includes('      - regional-market-insights   # new in 2025\n      - regional-business-development\n'), after);
  assert.deepEqual(data(after).roles[1].responsibilities, RSM_RESPONSIBILITIES);
  assertQuiet(lint(after));
});

test('without a responsibilities key the finding goes on the role id; the fix adds the key', () => {
  const text = charter({ roles: [hos(), role({ id: 'rsm-emea', type: 'regional-sales-manager', scope: '{region: EMEA}', reportsTo: 'hos' }), rsm('APAC')] });
  const findings = byRule(lint(text), 'missing-responsibility');
  assert.equal(findings.length, 5);
  for (const f of findings) assertCovers(f, text, 'rsm-emea');
  const after = applyChecked(text, addFix(findings[0], 'key-account-relationships') ?? findings[0].fixes[0]);
  assert.equal(byRule(lint(after), 'missing-responsibility').length, 4);
  const entry = data(after).roles[1];
  assert.equal(entry.responsibilities.length, 1);
  assert.equal(entry.id, 'rsm-emea');
});

test('an empty responsibilities value (null or []) is reported on the key; the fix fills it', () => {
  for (const empty of ['', ' []']) {
    const text = charter({ roles: [hos(), rsm('EMEA'), `  - id: rsm-apac\n    role: regional-sales-manager\n    scope: {region: APAC}\n    reports_to: hos\n    responsibilities:${empty}\n`] });
    const findings = byRule(lint(text), 'missing-responsibility');
    assert.equal(findings.length, 5, JSON.stringify(empty));
    for (const f of findings) assertCovers(f, text, 'responsibilities', 'id: rsm-apac');
    const after = applyChecked(text, findings[0].fixes[0]);
    assert.equal(data(after).roles[2].responsibilities.length, 1);
    assert.equal(byRule(lint(after), 'missing-responsibility').length, 4);
  }
});

test('matched free text and {id, note} entries count as their ids', () => {
  const resp = '[regional-sales-plan, {id: regional-team-leadership, note: 12 reps}, key account management, regional-market-insights, regional-business-development]';
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  assert.deepEqual(byRule(lint(text), 'missing-responsibility'), []);
});

test('a role of unknown type gets no missing-responsibility', () => {
  const text = charter({ roles: [hos(), rsm('EMEA'), rsm('APAC'), role({ id: 'coo', type: 'chief-operating-officer', scope: 'organization', reportsTo: 'ceo', resp: '[]' })] });
  assert.deepEqual(byRule(lint(text), 'missing-responsibility'), []);
});

test('multi-file: reported in the file that holds the role', () => {
  const a = charter({ roles: [hos(), rsm('EMEA')] });
  const b = charter({ name: 'Acme Sales — APAC', regions: null, external: null, roles: [rsm('APAC', { resp: RSM.replace(', regional-business-development', '') })] });
  const findings = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  assert.deepEqual(inFile(findings, 'missing-responsibility', 'a.charter.yaml'), []);
  const [f] = inFile(findings, 'missing-responsibility', 'b.charter.yaml');
  assertCovers(f, b, 'responsibilities');
  assertQuiet(findings, 'missing-responsibility');
});

test('YAML semantics: a responsibilities alias (*anchor) counts as the list it names', () => {
  const text = charter({
    roles: [hos(), rsm('EMEA', { resp: `&regional ${RSM}` }), rsm('APAC', { resp: '*regional' })],
  });
  assert.deepEqual(byRule(lint(text), 'missing-responsibility').map((f) => f.message), []);
});

test('near miss: complete roles of both types', () => {
  const findings = lint(charter({ roles: [hos({ resp: `[${[...HOS_RESPONSIBILITIES].reverse().join(', ')}]` }), rsm('EMEA'), rsm('APAC')] }));
  assert.deepEqual(byRule(findings, 'missing-responsibility'), []);
});

test('CRLF files: the added item uses CRLF too', () => {
  const block = ['  - id: rsm-emea', '    role: regional-sales-manager', '    scope: {region: EMEA}', '    reports_to: hos', '    responsibilities:', ...RSM_RESPONSIBILITIES.slice(0, 4).map((id) => `      - ${id}`)].join('\n');
  const text = charter({ roles: [hos(), block, rsm('APAC')] }).replace(/\n/g, '\r\n');
  const [f] = byRule(lint(text), 'missing-responsibility');
  const after = applyChecked(text, addFix(f, 'regional-business-development'));
  assert.ok(!/[^\r]\n/.test(after), 'no bare LF introduced');
  assert.deepEqual(data(after).roles[1].responsibilities, RSM_RESPONSIBILITIES);
});

test('a multi-line flow list with a trailing comma and a comment: "add it" keeps the YAML valid', () => {
  const resp = '[\n      regional-sales-plan,\n      regional-team-leadership,\n      key-account-relationships,\n      regional-market-insights,   # last one\n    ]';
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const [f] = byRule(lint(text), 'missing-responsibility');
  assertCovers(f, text, 'responsibilities', 'id: rsm-emea');
  const after = applyChecked(text, addFix(f, 'regional-business-development'));
  assert.deepEqual(data(after).roles[1].responsibilities, RSM_RESPONSIBILITIES);
  assertQuiet(lint(after));
});

// Issue #13 item 4: each missing id keeps its own finding; each also offers adding all of them.
const addAll = (f) => f.fixes.find((x) => /^Add all \d+ missing responsibilities$/.test(x.title));

test('several missing ids: each finding also offers "Add all N missing responsibilities", one edit in the block list, comments intact', () => {
  const block = [
    '  - id: rsm-emea',
    '    role: regional-sales-manager',
    '    scope: {region: EMEA}',
    '    reports_to: hos',
    '    responsibilities:   # agreed with Dana',
    '      - regional-sales-plan   # from the 2025 plan',
    '      - regional-team-leadership',
  ].join('\n');
  const text = charter({ roles: [hos(), block, rsm('APAC')] });
  const findings = byRule(lint(text), 'missing-responsibility');
  assert.equal(findings.length, 3, 'one finding per missing id');
  const fixes = findings.map(addAll);
  assert.ok(fixes.every(Boolean), 'every finding offers it');
  assert.ok(fixes.every((fix) => fix.title === 'Add all 3 missing responsibilities' && fix.safe === false), fixes.map((f) => f.title).join());
  assert.ok(fixes.every((fix) => JSON.stringify(fix.edits) === JSON.stringify(fixes[0].edits)), 'the same edit on every finding');
  assert.equal(fixes[0].edits.length, 1);
  // Its own "Add" stays the preferred fix, listed first.
  for (const f of findings) assert.match(f.fixes[0].title, /^Add "/);
  const after = applyChecked(text, fixes[0]);
  assert.deepEqual(data(after).roles[1].responsibilities, RSM_RESPONSIBILITIES);
  assert.ok(after.includes('      - regional-team-leadership\n      - key-account-relationships\n      - regional-market-insights\n      - regional-business-development\n'), after);
  assertQuiet(lint(after));
  assert.equal(fixAllText(text), undefined, 'not a safe fix: Fix all does not add responsibilities');
});

test('"Add all" in a flow list, a multi-line flow list with a comment, and a role without the key', () => {
  const flow = charter({ roles: [hos(), rsm('EMEA', { resp: '[regional-sales-plan]' }), rsm('APAC')] });
  const [f] = byRule(lint(flow), 'missing-responsibility');
  const after = applyChecked(flow, addAll(f));
  assert.match(after, /responsibilities: \[regional-sales-plan, regional-team-leadership, key-account-relationships, regional-market-insights, regional-business-development\]/);
  assertQuiet(lint(after));

  const multi = charter({ roles: [hos(), rsm('EMEA', { resp: '[\n      regional-sales-plan,   # first\n    ]' }), rsm('APAC')] });
  const [g] = byRule(lint(multi), 'missing-responsibility');
  const afterMulti = applyChecked(multi, addAll(g));
  assert.deepEqual(data(afterMulti).roles[1].responsibilities, RSM_RESPONSIBILITIES);
  assertQuiet(lint(afterMulti));

  const none = charter({ roles: [hos(), role({ id: 'rsm-emea', type: 'regional-sales-manager', scope: '{region: EMEA}', reportsTo: 'hos' }), rsm('APAC')] });
  const all = byRule(lint(none), 'missing-responsibility');
  assert.equal(all.length, 5);
  assert.equal(addAll(all[0]).title, 'Add all 5 missing responsibilities');
  const afterNone = applyChecked(none, addAll(all[0]));
  assert.deepEqual(data(afterNone).roles[1].responsibilities, RSM_RESPONSIBILITIES);
  assertQuiet(lint(afterNone));

  const crlf = charter({ roles: [hos(), ['  - id: rsm-emea', '    role: regional-sales-manager', '    scope: {region: EMEA}', '    reports_to: hos', '    responsibilities:', '      - regional-sales-plan'].join('\n'), rsm('APAC')] }).replace(/\n/g, '\r\n');
  const [c] = byRule(lint(crlf), 'missing-responsibility');
  const afterCrlf = applyChecked(crlf, addAll(c));
  assert.ok(!/[^\r]\n/.test(afterCrlf), 'no bare LF introduced');
  assert.deepEqual(data(afterCrlf).roles[1].responsibilities, RSM_RESPONSIBILITIES);
});

test('one missing id: no "Add all"; the Head of Sales with nine missing gets "Add all 9"', () => {
  const one = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace(', regional-business-development', '') }), rsm('APAC')] });
  const [f] = byRule(lint(one), 'missing-responsibility');
  assert.equal(addAll(f), undefined);
  const empty = charter({ roles: [hos({ resp: '[]' }), rsm('EMEA'), rsm('APAC')] });
  const nine = byRule(lint(empty), 'missing-responsibility');
  assert.equal(nine.length, 9);
  assert.ok(nine.every((x) => addAll(x)?.title === 'Add all 9 missing responsibilities'));
  const after = applyChecked(empty, addAll(nine[0]));
  assert.deepEqual(data(after).roles[0].responsibilities, HOS_RESPONSIBILITIES);
  assertQuiet(lint(after));
});

test('"Add all" never adds an id an id-like typo of the role stands for (its fix supplies it), so no id is listed twice', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: '[regional-sales-plan, key-acount-relationships]' }), rsm('APAC')] });
  const findings = lint(text);
  const missing = byRule(findings, 'missing-responsibility');
  assert.deepEqual(missing.map((f) => /responsibility "([a-z-]+)"/.exec(f.message)[1]).sort(), ['regional-business-development', 'regional-market-insights', 'regional-team-leadership']);
  const fix = addAll(missing[0]);
  assert.equal(fix.title, 'Add all 3 missing responsibilities');
  assert.ok(!fix.edits.some((e) => e.newText.includes('key-account-relationships')), 'the typo stands for it');
  const added = applyChecked(text, fix);
  const [typo] = byRule(lint(added), 'unknown-responsibility');
  const both = applyChecked(added, typo.fixes.find((x) => x.preferred));
  assert.deepEqual([...data(both).roles[1].responsibilities].sort(), [...RSM_RESPONSIBILITIES].sort(), 'each id once');
  assertQuiet(lint(both));
  // With unknown-responsibility off, the typo silences nothing: its id is missing, and added too.
  const off = byRule(lint(text, { rules: { 'unknown-responsibility': 'off' } }), 'missing-responsibility');
  assert.equal(off.length, 4);
  assert.equal(addAll(off[0]).title, 'Add all 4 missing responsibilities');
});

test('"Add all" is not offered where the list is shared through an alias (no fix edits anchored content)', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: '&regional [regional-sales-plan]' }), rsm('APAC', { resp: '*regional' })] });
  const findings = byRule(lint(text), 'missing-responsibility');
  assert.equal(findings.length, 8);
  assert.ok(findings.every((f) => addAll(f) === undefined), findings.map((f) => f.fixes.map((x) => x.title)).join(' | '));
});
