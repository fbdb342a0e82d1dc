import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, byRule, charter, hos, rsm, HOS, assertCovers, inFile } from './_support.mjs';

// rsm-emea reports to ceo (invalid-reporting-line) and lacks a duty (missing-responsibility);
// rsm-apac reports to "hso" (unknown-reference); LATAM is declared but uncovered.
const PROBLEMS = () =>
  charter({
    regions: '[EMEA, APAC, LATAM]',
    roles: [
      hos(),
      rsm('EMEA', { reportsTo: 'ceo', resp: '[regional-sales-plan, regional-team-leadership, key-account-relationships, regional-market-insights]' }),
      rsm('APAC', { reportsTo: 'hso' }),
    ],
  });

function withLineBefore(text, line, comment) {
  return text.replace(line, `${/^\s*/.exec(line)[0]}${comment}\n${line}`);
}

test('baseline: the organization under test has the four findings the suppressions below target', () => {
  const findings = lint(PROBLEMS());
  assert.equal(byRule(findings, 'invalid-reporting-line').length, 1);
  assert.equal(byRule(findings, 'missing-responsibility').length, 1);
  assert.equal(byRule(findings, 'unknown-reference').length, 1);
  assert.equal(byRule(findings, 'uncovered-region').length, 1);
});

test('disable-next-line <id> hides that rule on the next line only', () => {
  const text = withLineBefore(PROBLEMS(), '    reports_to: ceo\n    responsibilities: [regional-sales-plan', '# charter-lint-disable-next-line invalid-reporting-line');
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'invalid-reporting-line'), []);
  assert.equal(byRule(findings, 'missing-responsibility').length, 1, 'other lines are not affected');
  assert.equal(byRule(findings, 'unknown-reference').length, 1);
});

test('disable-next-line does not hide other rules on that line', () => {
  const text = withLineBefore(PROBLEMS(), '    reports_to: hso', '# charter-lint-disable-next-line invalid-reporting-line');
  const findings = lint(text);
  const [f] = byRule(findings, 'unknown-reference');
  assert.ok(f, 'unknown-reference is still reported');
  assertCovers(f, text, 'hso');
});

test('disable-next-line with a comma list covers several rules starting on one line', () => {
  // One responsibilities line holding an out-of-scope id and an unknown id.
  const resp = '[regional-sales-plan, regional-team-leadership, key-account-relationships, regional-market-insights, regional-business-development, sales-strategy, pipeline-stuff]';
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const before = lint(text);
  assert.equal(byRule(before, 'responsibility-out-of-scope').length, 1);
  assert.equal(byRule(before, 'unknown-responsibility').length, 1);
  const line = `    responsibilities: ${resp}`;
  const one = lint(withLineBefore(text, line, '# charter-lint-disable-next-line responsibility-out-of-scope'));
  assert.deepEqual(byRule(one, 'responsibility-out-of-scope'), []);
  assert.equal(byRule(one, 'unknown-responsibility').length, 1);
  const two = lint(withLineBefore(text, line, '# charter-lint-disable-next-line responsibility-out-of-scope, unknown-responsibility'));
  assert.deepEqual(byRule(two, 'responsibility-out-of-scope'), []);
  assert.deepEqual(byRule(two, 'unknown-responsibility'), []);
});

test('disable-next-line without ids hides every rule on the next line', () => {
  const resp = '[regional-sales-plan, regional-team-leadership, key-account-relationships, regional-market-insights, regional-business-development, sales-strategy, pipeline-stuff]';
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const line = `    responsibilities: ${resp}`;
  const suppressedText = withLineBefore(text, line, '# charter-lint-disable-next-line');
  const findings = lint(suppressedText);
  const target = suppressedText.split('\n').indexOf(line) + 1;
  assert.deepEqual(findings.filter((f) => f.line === target).map((f) => `${f.line} ${f.rule}`), []);
  // SPEC "One finding, not a cascade": the suppressed responsibility-out-of-scope finding no longer
  // silences the overlap of "sales-strategy"; it comes back on the Head of Sales's entry only.
  assert.deepEqual(findings.map((f) => `${f.line} ${f.rule}`), ['9 responsibility-overlap']);
  assert.match(findings[0].message, /"sales-strategy" of role "hos".*"rsm-emea"/);
});

test('disable <id> hides the rule in the whole file, and only in that file', () => {
  const text = `# charter-lint-disable uncovered-region\n${PROBLEMS()}`;
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'uncovered-region'), []);
  assert.equal(byRule(findings, 'unknown-reference').length, 1);
  const a = '# charter-lint-disable missing-responsibility\n' + charter({ roles: [hos({ resp: HOS.replace(', budget-management', '') })] });
  const b = charter({ name: 'Acme — regions', regions: null, external: null, roles: [rsm('EMEA', { resp: '[regional-sales-plan]' }), rsm('APAC')] });
  const multi = lint({ 'a.charter.yaml': a, 'b.charter.yaml': b });
  assert.deepEqual(inFile(multi, 'missing-responsibility', 'a.charter.yaml'), []);
  assert.equal(inFile(multi, 'missing-responsibility', 'b.charter.yaml').length, 4);
});

test('disable <a>, <b> (comma list) for the file; disable with no ids hides everything', () => {
  const two = lint(`charter: Acme Sales\n# charter-lint-disable uncovered-region, unknown-reference\n${PROBLEMS().replace('charter: Acme Sales\n', '')}`);
  assert.deepEqual(byRule(two, 'uncovered-region'), []);
  assert.deepEqual(byRule(two, 'unknown-reference'), []);
  assert.equal(byRule(two, 'invalid-reporting-line').length, 1);
  const all = lint(`# charter-lint-disable\n${PROBLEMS()}`);
  assert.deepEqual(all.map((f) => `${f.line} ${f.rule}`), []);
});

test('directives work as indented comments and do not leak to unrelated rules', () => {
  const text = withLineBefore(PROBLEMS(), '    reports_to: hso', '# charter-lint-disable-next-line unknown-reference');
  assert.ok(text.includes('    # charter-lint-disable-next-line unknown-reference\n    reports_to: hso'));
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'unknown-reference'), []);
  assert.equal(byRule(findings, 'uncovered-region').length, 1);
  assert.equal(byRule(findings, 'invalid-reporting-line').length, 1);
});

test('an ordinary comment mentioning a rule id suppresses nothing', () => {
  const text = withLineBefore(PROBLEMS(), '    reports_to: hso', '# TODO fix unknown-reference here');
  assert.equal(byRule(lint(text), 'unknown-reference').length, 1);
});

test('rules option: off silences a rule; a severity overrides the default', () => {
  const findings = lint(PROBLEMS(), { rules: { 'missing-responsibility': 'off', 'uncovered-region': 'error' } });
  assert.deepEqual(byRule(findings, 'missing-responsibility'), []);
  const [uncovered] = byRule(findings, 'uncovered-region');
  assert.equal(uncovered.severity, 'error');
  assert.equal(byRule(findings, 'invalid-reporting-line')[0].severity, 'warning', 'unlisted rules keep their default');
  assert.equal(byRule(findings, 'unknown-reference')[0].severity, 'error');
});

test('rules option: hint and info are accepted severities', () => {
  const findings = lint(PROBLEMS(), { rules: { 'unknown-reference': 'hint', 'invalid-reporting-line': 'info' } });
  assert.equal(byRule(findings, 'unknown-reference')[0].severity, 'hint');
  assert.equal(byRule(findings, 'invalid-reporting-line')[0].severity, 'info');
});
