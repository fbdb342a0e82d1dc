// Free text naming several duties (issue #12 items 3 and 4, SPEC §2 `non-canonical-responsibility`,
// "Findings and silencing are per entry and id", "Exact semantics": Responsibilities, Fixes).
// The texts below are the matcher's contract (part M keeps them true at organization level):
//   FORECAST_AND_BUDGET -> [revenue-forecasting, budget-management]
//   BUDGET_AND_REPORT   -> [budget-management, performance-reporting]
//   OWN_BUDGET          -> [budget-management]
//   REQUIREMENT         -> [] and notDuty 'requirement'
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  core, lint, byRule, charter, hos, rsm, HOS, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES, assertCovers, assertQuiet, applyChecked, fixAllText, data, textAt,
} from './rules/_support.mjs';

const require = createRequire(import.meta.url);

const FORECAST_AND_BUDGET = 'Forecast sales revenue and manage the sales budget';
const BUDGET_AND_REPORT = 'Build the annual sales budget and report sales KPIs to the board';
const OWN_BUDGET = 'Own the annual sales budget';
const REQUIREMENT = 'Minimum of 10 years experience in software sales.';

const NC = 'non-canonical-responsibility';
const without = (list, ...ids) => list.filter((id) => !ids.includes(id));

/** A Head of Sales whose responsibilities are a block list of `items`, written as given. */
function blockHos(items, id = 'hos') {
  return [`  - id: ${id}`, '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities:', ...items.map((i) => `      - ${i}`)].join('\n');
}

/** A regional manager of EMEA whose responsibilities are a block list of `items`. */
function blockRsm(items, region = 'EMEA') {
  return [`  - id: rsm-${region.toLowerCase()}`, '    role: regional-sales-manager', `    scope: {region: ${region}}`, '    reports_to: hos', '    responsibilities:', ...items.map((i) => `      - ${i}`)].join('\n');
}

/** The Head of Sales list with revenue-forecasting and budget-management written as one text. */
const HOS_WITH_TEXT = [...without(HOS_RESPONSIBILITIES, 'revenue-forecasting', 'budget-management'), `${FORECAST_AND_BUDGET}   # agreed with finance`];

/** Findings as comparable strings: rule, file and message (what Fix all compares), no position. */
const keys = (findings) => findings.map((f) => `${f.rule} ${f.file} ${f.severity} ${f.message}`).sort();

function analysisKeys(result) {
  return keys([...result.findings].flatMap(([file, list]) => list.map((f) => ({ ...f, file }))));
}

/** Asserts Fix all raised nothing (by rule, file and message, counted) that was not there before. */
function assertFixAllRaisesNothing(text) {
  const before = keys(lint(text));
  const { changed, result } = core.fixAll({ files: [{ path: 'org.charter.yaml', text }] });
  const remaining = [...before];
  for (const key of analysisKeys(result)) {
    const i = remaining.indexOf(key);
    assert.ok(i >= 0, `Fix all raised a new finding: ${key}\n--- after ---\n${changed.get('org.charter.yaml') ?? text}`);
    remaining.splice(i, 1);
  }
  return changed.get('org.charter.yaml');
}

test('text naming two duties: one info naming both ids in text order, and both count (no missing-responsibility)', () => {
  const text = charter({ roles: [blockHos(HOS_WITH_TEXT), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const nc = byRule(findings, NC);
  assert.equal(nc.length, 1);
  const [f] = nc;
  assertCovers(f, text, FORECAST_AND_BUDGET);
  assert.equal(f.severity, 'info');
  assert.match(f.message, /matches responsibilities "revenue-forecasting" \(Revenue forecasting and performance management\) and "budget-management" \(Budget management\); write one entry per id and keep the text as the note of "revenue-forecasting"\./);
  assert.deepEqual(byRule(findings, 'missing-responsibility'), []);
  assert.deepEqual(byRule(findings, 'duplicate-responsibility'), []);
  assertQuiet(findings);
});

test('block list: the safe fix splits the entry into one entry per id, the text the note of the first, the comment on its line', () => {
  const text = charter({ roles: [blockHos(HOS_WITH_TEXT), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), NC);
  const fix = f.fixes.find((x) => x.safe);
  assert.ok(fix, 'the split is a safe fix');
  assert.equal(fix.preferred, true);
  assert.equal(fix.title, 'Split into "revenue-forecasting" and "budget-management" (keep the text as note of "revenue-forecasting")');
  const after = applyChecked(text, fix);
  assert.equal(
    after,
    text.replace(
      `      - ${FORECAST_AND_BUDGET}   # agreed with finance`,
      `      - id: revenue-forecasting\n        note: ${FORECAST_AND_BUDGET}   # agreed with finance\n      - budget-management`,
    ),
  );
  assert.deepEqual(data(after).roles[0].responsibilities.slice(-2), [{ id: 'revenue-forecasting', note: FORECAST_AND_BUDGET }, 'budget-management']);
  const again = lint(after);
  assert.deepEqual(byRule(again, NC), []);
  assertQuiet(again);
  assert.equal(fixAllText(text), after, 'Fix all applies the same split');
});

test('block list, CRLF line ends and the entry last in the file: the new item uses CRLF', () => {
  const text = charter({ roles: [rsm('EMEA'), rsm('APAC'), blockHos(HOS_WITH_TEXT.map((i) => i.replace(/ +#.*/, '')))] }).replace(/\n$/, '').replace(/\n/g, '\r\n');
  const [f] = byRule(lint(text), NC);
  const after = applyChecked(text, f.fixes.find((x) => x.safe));
  assert.ok(after.endsWith(`      - id: revenue-forecasting\r\n        note: ${FORECAST_AND_BUDGET}\r\n      - budget-management`), JSON.stringify(after.slice(-200)));
  assert.ok(!/(^|[^\r])\n/.test(after), 'no bare LF');
  assertQuiet(lint(after));
});

test('a folded multi-line two-duty text: the split quotes the note and adds the next id after the last line', () => {
  const folded = '>-   # pasted from the job ad\n        Forecast sales revenue\n        and manage the sales budget';
  const items = [...without(HOS_RESPONSIBILITIES, 'revenue-forecasting', 'budget-management', 'sales-operations'), folded, 'sales-operations'];
  const text = charter({ roles: [blockHos(items), rsm('EMEA'), rsm('APAC')] });
  assert.equal(data(text).roles[0].responsibilities.at(-2), FORECAST_AND_BUDGET);
  const [f] = byRule(lint(text), NC);
  assert.ok(f, 'the folded text is matched');
  const after = applyChecked(text, f.fixes.find((x) => x.safe));
  assert.deepEqual(data(after).roles[0].responsibilities.slice(-3), [{ id: 'revenue-forecasting', note: FORECAST_AND_BUDGET }, 'budget-management', 'sales-operations']);
  assertQuiet(lint(after));
});

test('a folded one-duty text with a comment on its header: the replace keeps the comment (it was dropped before)', () => {
  const items = [...without(HOS_RESPONSIBILITIES, 'budget-management'), '|-   # from the 2024 plan\n        Own the annual\n        sales budget'];
  const text = charter({ roles: [blockHos(items), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), NC);
  const after = applyChecked(text, f.fixes.find((x) => x.safe));
  assert.ok(after.includes('        note: "Own the annual\\nsales budget"   # from the 2024 plan\n'), after);
  assert.deepEqual(data(after).roles[0].responsibilities.at(-1), { id: 'budget-management', note: 'Own the annual\nsales budget' });
});

test('flow list: the split writes a flow mapping and the next id in place, the other items untouched', () => {
  const resp = `[sales-strategy, sales-team-management, performance-reporting, talent-development, ${FORECAST_AND_BUDGET}, customer-insights, cross-functional-alignment, sales-operations]`;
  const text = charter({ roles: [hos({ resp }), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const [f, ...rest] = byRule(findings, NC);
  assert.equal(rest.length, 0);
  assertCovers(f, text, FORECAST_AND_BUDGET);
  assertQuiet(findings);
  const after = applyChecked(text, f.fixes.find((x) => x.safe));
  assert.equal(after, text.replace(`${FORECAST_AND_BUDGET},`, `{id: revenue-forecasting, note: ${FORECAST_AND_BUDGET}}, budget-management,`));
  assert.deepEqual(data(after).roles[0].responsibilities.slice(4, 6), [{ id: 'revenue-forecasting', note: FORECAST_AND_BUDGET }, 'budget-management']);
  assertQuiet(lint(after));
  assert.deepEqual(byRule(lint(after), NC), []);
});

test('flow list over several lines with comments: the split keeps every comment and the quoting of the text', () => {
  const lines = [
    '  - id: hos',
    '    role: head-of-sales',
    '    scope: organization',
    '    reports_to: ceo',
    '    responsibilities: [sales-strategy, sales-team-management,   # the core',
    `      talent-development, customer-insights, "${BUDGET_AND_REPORT}",   # board asked`,
    '      cross-functional-alignment, sales-operations, revenue-forecasting]',
  ];
  const text = charter({ roles: [lines.join('\n'), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const [f] = byRule(findings, NC);
  assertCovers(f, text, `"${BUDGET_AND_REPORT}"`);
  assert.match(f.message, /"budget-management" \(Budget management\) and "performance-reporting"/);
  assertQuiet(findings);
  const after = applyChecked(text, f.fixes.find((x) => x.safe));
  assert.ok(after.includes(`{id: budget-management, note: "${BUDGET_AND_REPORT}"}, performance-reporting,   # board asked`), after);
  assert.deepEqual(new Set(data(after).roles[0].responsibilities.map((r) => (typeof r === 'string' ? r : r.id))), new Set(HOS_RESPONSIBILITIES));
  assertQuiet(lint(after));
});

test('the role already has one of the ids (earlier): the fix adds only the other, the duplicate id is said and not re-added', () => {
  const items = [...without(HOS_RESPONSIBILITIES, 'revenue-forecasting'), FORECAST_AND_BUDGET];
  const text = charter({ roles: [blockHos(items), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  const [f] = byRule(findings, NC);
  assertCovers(f, text, FORECAST_AND_BUDGET);
  assert.match(f.message, /"budget-management" is already listed for role "hos"; use "revenue-forecasting" and keep the text as a note\./);
  const fix = f.fixes.find((x) => x.safe);
  assert.equal(fix.title, 'Replace with "revenue-forecasting" (keep the text as note)');
  // Per id: the text repeats budget-management, which an earlier entry has.
  const [dup, ...more] = byRule(findings, 'duplicate-responsibility');
  assert.equal(more.length, 0);
  assertCovers(dup, text, FORECAST_AND_BUDGET);
  assert.match(dup.message, /"budget-management" is listed twice for role "hos"/);
  assert.ok(dup.fixes.every((x) => !x.safe), 'free text is never removed by a safe fix');
  // Its one-at-a-time fix keeps the id only this text names.
  const keep = applyChecked(text, dup.fixes[0]);
  assert.deepEqual(data(keep).roles[0].responsibilities.at(-1), { id: 'revenue-forecasting', note: FORECAST_AND_BUDGET });
  assertQuiet(findings, 'duplicate-responsibility');
  const after = assertFixAllRaisesNothing(text);
  assert.equal(after, applyChecked(text, fix));
  const list = data(after).roles[0].responsibilities;
  assert.deepEqual(list.at(-1), { id: 'revenue-forecasting', note: FORECAST_AND_BUDGET });
  assert.equal(list.filter((r) => r === 'budget-management').length, 1);
  const again = lint(after);
  assert.deepEqual(byRule(again, 'duplicate-responsibility'), []);
  assertQuiet(again);
});

test('the role already has every id the text names (earlier): no non-canonical info, one duplicate per id, and no safe fix removes the text', () => {
  const text = charter({ roles: [blockHos([...HOS_RESPONSIBILITIES, FORECAST_AND_BUDGET]), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, NC), []);
  const dups = byRule(findings, 'duplicate-responsibility');
  assert.deepEqual(dups.map((d) => /"([a-z-]+)" is listed twice/.exec(d.message)?.[1]), ['budget-management', 'revenue-forecasting']);
  for (const d of dups) {
    assertCovers(d, text, FORECAST_AND_BUDGET);
    assert.ok(d.fixes.length > 0 && d.fixes.every((x) => !x.safe));
  }
  assert.equal(fixAllText(text), undefined, 'Fix all leaves what a person wrote');
});

test('the text first, the same ids as plain entries later: Fix all splits the text and removes the later plain ids', () => {
  const text = charter({ roles: [blockHos([FORECAST_AND_BUDGET, ...HOS_RESPONSIBILITIES]), rsm('EMEA'), rsm('APAC')] });
  const findings = lint(text);
  assert.equal(byRule(findings, NC).length, 1);
  assert.equal(byRule(findings, 'duplicate-responsibility').length, 2);
  const after = assertFixAllRaisesNothing(text);
  assert.deepEqual(data(after).roles[0].responsibilities, [
    { id: 'revenue-forecasting', note: FORECAST_AND_BUDGET },
    'budget-management',
    ...without(HOS_RESPONSIBILITIES, 'revenue-forecasting', 'budget-management'),
  ]);
  const again = lint(after);
  assert.deepEqual(byRule(again, NC), []);
  assert.deepEqual(byRule(again, 'duplicate-responsibility'), []);
  assertQuiet(again);
});

test('a mapping entry is not free text: {id, note} with a two-duty note counts as its id only', () => {
  const items = [...without(HOS_RESPONSIBILITIES, 'revenue-forecasting', 'budget-management'), 'id: budget-management', `  note: ${FORECAST_AND_BUDGET}`];
  const text = charter({ roles: [blockHos(items), rsm('EMEA'), rsm('APAC')] }).replace(`      -   note:`, '        note:');
  assert.deepEqual(data(text).roles[0].responsibilities.at(-1), { id: 'budget-management', note: FORECAST_AND_BUDGET });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, NC), []);
  const missing = byRule(findings, 'missing-responsibility');
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /"revenue-forecasting"/);
  assert.equal(fixAllText(text), undefined);
});

test('a two-duty text in an anchored list: reported, but no fix edits shared content', () => {
  const lines = ['  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities: &duties', ...HOS_WITH_TEXT.map((i) => `      - ${i}`)];
  const text = charter({ roles: [lines.join('\n'), rsm('EMEA'), rsm('APAC')] });
  const [f, ...rest] = byRule(lint(text), NC);
  assert.equal(rest.length, 0);
  assertCovers(f, text, FORECAST_AND_BUDGET);
  assert.deepEqual(f.fixes, []);
  assert.equal(fixAllText(text), undefined);
});

test('per id: a regional manager owning a two-duty text gets responsibility-out-of-scope for each id, on the entry', () => {
  const text = charter({ roles: [hos(), blockRsm([...RSM_RESPONSIBILITIES, FORECAST_AND_BUDGET]), rsm('APAC')] });
  const findings = lint(text);
  const out = byRule(findings, 'responsibility-out-of-scope');
  assert.deepEqual(out.map((f) => /"([a-z-]+)" is organization-wide/.exec(f.message)?.[1]).sort(), ['budget-management', 'revenue-forecasting']);
  for (const f of out) assertCovers(f, text, FORECAST_AND_BUDGET);
  // The Head of Sales owns both: each pair is silenced by the out-of-scope finding on its id.
  assert.deepEqual(byRule(findings, 'responsibility-overlap'), []);
  // Removing one id keeps the other, the text as its note.
  const bm = out.find((f) => f.message.includes('"budget-management"'));
  const remove = bm.fixes.find((x) => x.title === 'Remove "budget-management" from this role');
  const after = applyChecked(text, remove);
  assert.deepEqual(data(after).roles[1].responsibilities.at(-1), { id: 'revenue-forecasting', note: FORECAST_AND_BUDGET });
  assert.deepEqual(byRule(lint(after), 'responsibility-out-of-scope').map((f) => /"([a-z-]+)"/.exec(f.message)?.[1]), ['revenue-forecasting']);
  // With out-of-scope off, the overlaps come back, one per id.
  const open = lint(text, { rules: { 'responsibility-out-of-scope': 'off' } });
  const overlaps = byRule(open, 'responsibility-overlap').filter((f) => f.message.includes('role "rsm-emea"'));
  assert.deepEqual(overlaps.map((f) => /Responsibility "([a-z-]+)"/.exec(f.message)?.[1]).sort(), ['budget-management', 'revenue-forecasting']);
  for (const f of overlaps) assertCovers(f, text, FORECAST_AND_BUDGET);
  // Fix all splits the entry; the out-of-scope findings stay the same, nothing new.
  const fixed = assertFixAllRaisesNothing(text);
  assert.deepEqual(data(fixed).roles[1].responsibilities.slice(-2), [{ id: 'revenue-forecasting', note: FORECAST_AND_BUDGET }, 'budget-management']);
});

test('silencing is per entry and id: suppressing the out-of-scope finding of one id brings back that overlap only', () => {
  const rsmItems = [...RSM_RESPONSIBILITIES, '# charter-lint-disable-next-line responsibility-out-of-scope', 'revenue-forecasting', 'budget-management'];
  const text = charter({ roles: [blockHos(HOS_WITH_TEXT), blockRsm(rsmItems).replace('- # charter', '# charter'), rsm('APAC')] });
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'responsibility-out-of-scope').map((f) => /"([a-z-]+)"/.exec(f.message)?.[1]), ['budget-management']);
  const overlap = byRule(findings, 'responsibility-overlap');
  const onHos = overlap.filter((f) => f.message.includes('role "hos"'));
  assert.equal(onHos.length, 1, overlap.map((f) => f.message).join('\n'));
  assertCovers(onHos[0], text, FORECAST_AND_BUDGET);
  assert.match(onHos[0].message, /^Responsibility "revenue-forecasting" of role "hos"/);
  assert.ok(!overlap.some((f) => f.message.includes('"budget-management"')), 'the budget pair stays silenced');
  // The overlap's one-at-a-time fix on the text removes that id only.
  const after = applyChecked(text, onHos[0].fixes[0]);
  assert.deepEqual(data(after).roles[0].responsibilities.at(-1), { id: 'budget-management', note: FORECAST_AND_BUDGET });
  assert.ok(!lint(after).some((f) => f.message.includes('"revenue-forecasting" of role "hos"')));
});

/** A canonical organization with findings of several rules, and its free-text twin. */
function canonicalAndTwin() {
  const canonical = charter({
    roles: [
      blockHos(HOS_RESPONSIBILITIES),
      blockRsm([...RSM_RESPONSIBILITIES, 'budget-management']),
      blockRsm(without(RSM_RESPONSIBILITIES, 'regional-market-insights'), 'APAC'),
      blockHos(['sales-strategy', 'budget-management', 'performance-reporting', 'budget-management'], 'hos-2'),
    ],
  });
  const twin = canonical
    .replace('      - revenue-forecasting\n      - budget-management\n', `      - ${FORECAST_AND_BUDGET}\n`)
    .replace('      - regional-business-development\n      - budget-management\n', `      - regional-business-development\n      - ${OWN_BUDGET}\n`)
    .replace('      - budget-management\n      - performance-reporting\n', `      - ${BUDGET_AND_REPORT}\n`);
  assert.notEqual(twin, canonical);
  assert.equal((twin.match(/Forecast sales|Own the annual|Build the annual/g) ?? []).length, 3, twin);
  return { canonical, twin };
}

const noNonCanonical = (findings) => keys(findings.filter((f) => f.rule !== NC));

test('a free-text twin of a canonical organization gives the same findings apart from the non-canonical infos', () => {
  const { canonical, twin } = canonicalAndTwin();
  for (const rules of [{}, { 'responsibility-out-of-scope': 'off' }, { 'too-many-holders': 'off', 'responsibility-out-of-scope': 'off' }]) {
    const a = lint(canonical, { rules });
    const b = lint(twin, { rules });
    assert.deepEqual(noNonCanonical(b), noNonCanonical(a), JSON.stringify(rules));
    assert.deepEqual(byRule(a, NC), []);
    // One per text: each names an id its role has nowhere earlier.
    assert.equal(byRule(b, NC).length, 3);
  }
  // The twin's findings are broad: missing, duplicate, out-of-scope and too-many-holders at least.
  const rules = new Set(lint(twin).map((f) => f.rule));
  for (const rule of ['missing-responsibility', 'duplicate-responsibility', 'responsibility-out-of-scope', 'too-many-holders']) assert.ok(rules.has(rule), rule);
});

test('turning non-canonical-responsibility off hides nothing else', () => {
  const { twin } = canonicalAndTwin();
  const texts = [twin, charter({ roles: [hos(), blockRsm([...RSM_RESPONSIBILITIES, FORECAST_AND_BUDGET]), rsm('APAC')] })];
  for (const text of texts) {
    const on = lint(text);
    const off = lint(text, { rules: { [NC]: 'off' } });
    assert.ok(byRule(on, NC).length > 0, 'test setup: non-canonical findings');
    assert.deepEqual(keys(off), noNonCanonical(on));
  }
});

test('Fix all on the twin raises nothing new and leaves no non-canonical info', () => {
  const { twin } = canonicalAndTwin();
  const after = assertFixAllRaisesNothing(twin);
  assert.ok(after, 'Fix all changed the file');
  assert.ok(after.includes(`note: ${FORECAST_AND_BUDGET}`), after);
  assert.ok(after.includes(`note: ${BUDGET_AND_REPORT}`), after);
  assert.deepEqual(byRule(lint(after), NC), []);
});

test('text that reads as a requirement: unknown-responsibility says so, with no did-you-mean and no fix; it counts for nothing', () => {
  const text = charter({ roles: [blockHos([...HOS_RESPONSIBILITIES, REQUIREMENT, 'Organize the summer party']), rsm('EMEA'), rsm('APAC')] });
  const findings = byRule(lint(text), 'unknown-responsibility');
  assert.equal(findings.length, 2);
  const [req, party] = findings;
  assertCovers(req, text, REQUIREMENT);
  assert.equal(req.message, `"${REQUIREMENT}" reads like a requirement or a trait rather than a duty; it matches no responsibility of model sales-leadership.`);
  assert.deepEqual(req.fixes, []);
  assertCovers(party, text, 'Organize the summer party');
  assert.doesNotMatch(party.message, /requirement/);
  assert.deepEqual(byRule(lint(text), NC), []);
});

test('editor: hover on a two-duty text shows each id; on a requirement says why; the outline names the ids', () => {
  const { hoverMarkdown } = require('../../server/out/lsp/handlers/markdown.js');
  const query = require('../../server/out/core/query.js');
  const text = charter({ roles: [blockHos([...HOS_WITH_TEXT, REQUIREMENT]), rsm('EMEA'), rsm('APAC')] });
  const { org } = core.analyze({ files: [{ path: 'org.charter.yaml', text }] });
  const file = org.files[0];
  const at = (needle) => query.locate(org, file, text.indexOf(needle) + 3);
  const target = at(FORECAST_AND_BUDGET);
  assert.equal(target.kind, 'responsibility');
  const hover = hoverMarkdown(org, target);
  assert.match(hover, /Free text matched to 2 responsibilities: `revenue-forecasting`, `budget-management`\./);
  assert.ok(hover.indexOf('**Revenue forecasting and performance management**') < hover.indexOf('**Budget management**'), hover);
  assert.match(hoverMarkdown(org, at(REQUIREMENT)), /reads like a requirement or a trait rather than a duty/);
  const hosSymbol = query.outline(org, file).find((s) => s.name === 'hos');
  assert.ok(hosSymbol.children.some((c) => c.name === 'revenue-forecasting, budget-management' && textAt(text, new core.LineIndex(text).range(c.span.start, c.span.end)) === FORECAST_AND_BUDGET));
});

test('an entry naming one id still reads as before (message, fix title)', () => {
  const text = charter({ roles: [hos({ resp: HOS.replace('budget-management', OWN_BUDGET) }), rsm('EMEA'), rsm('APAC')] });
  const [f] = byRule(lint(text), NC);
  assert.equal(f.message, `"${OWN_BUDGET}" matches responsibility "budget-management" (Budget management); use the id and keep the text as a note.`);
  assert.equal(f.fixes[0].title, 'Replace with "budget-management" (keep the text as note)');
  assert.equal(applyChecked(text, f.fixes[0]), text.replace(OWN_BUDGET, `{id: budget-management, note: ${OWN_BUDGET}}`));
});
