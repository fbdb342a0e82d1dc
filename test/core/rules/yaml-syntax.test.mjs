import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, lint, byRule, parseDocument, charter, assertQuiet, inFile, fixAllText } from './_support.mjs';

/** The spans the YAML parser itself reports for a text, as LSP ranges. */
function parserRanges(text) {
  const index = new core.LineIndex(text);
  return parseDocument(text, { prettyErrors: false }).errors.map((e) => index.range(e.pos[0], Math.max(e.pos[0], e.pos[1])));
}

function assertParserSpans(text) {
  const findings = byRule(lint(text), 'yaml-syntax');
  const expected = parserRanges(text);
  assert.ok(expected.length > 0, 'test setup: the text must not parse');
  assert.ok(findings.length > 0, 'expected a yaml-syntax finding');
  for (const f of findings) {
    assert.equal(f.severity, 'error');
    assert.ok(expected.some((r) => JSON.stringify(r) === JSON.stringify(f.range)), `range ${JSON.stringify(f.range)} is not a parser span`);
    assert.ok(f.fixes.every((fix) => !fix.safe), 'yaml-syntax has no safe fix');
  }
  assert.deepEqual(findings[0].range, expected[0]);
  return findings;
}

test('a wrongly indented key is reported at the parser span, on its line', () => {
  const text = 'charter: Acme Sales\nroles:\n  - id: hos\n    role: head-of-sales\n   scope: organization\n';
  const [f] = assertParserSpans(text);
  assert.equal(f.line, 5);
});

test('an unclosed flow sequence is reported where the parser stops, not over the whole file', () => {
  const text = 'charter: Acme Sales\nregions: [EMEA, APAC\nexternal: [ceo]\n';
  const [f] = assertParserSpans(text);
  assert.ok(f.line >= 2);
  assert.ok(!(f.range.start.line === 0 && f.range.start.character === 0 && f.range.end.line >= 2), 'range must not cover the whole file');
});

test('a missing closing quote is a yaml-syntax error', () => {
  assertParserSpans('charter: "Acme Sales\nexternal: [ceo]\n');
});

test('tabs used as indentation are a yaml-syntax error', () => {
  const text = 'charter: Acme Sales\nroles:\n\t- id: hos\n';
  const [f] = assertParserSpans(text);
  assert.equal(f.line, 3);
});

test('a key repeated in one mapping makes the YAML invalid (parser span on the repeated key)', () => {
  const text = 'charter: Acme Sales\ncharter: Other Name\n';
  const [f] = assertParserSpans(text);
  assert.equal(f.line, 2);
});

test('a file that does not parse gets the syntax error only, no structural or model findings', () => {
  const text = 'charter: Acme Sales\nroles:\n  - id: hos\n    role: head-of-sal\n    scope: nowhere\n    unknown_key: 1\n  - id: x: y\n';
  const findings = lint(text);
  assert.ok(byRule(findings, 'yaml-syntax').length > 0);
  assert.deepEqual(findings.filter((f) => f.rule !== 'yaml-syntax').map((f) => `${f.line} ${f.rule}`), []);
});

test('one broken file does not stop the other files of the organization from being linted', () => {
  const good = charter();
  const broken = 'charter: Acme Sales — notes\nregions: [EMEA\n';
  const findings = lint({ 'a.charter.yaml': good, 'b.charter.yaml': broken });
  assert.equal(inFile(findings, 'yaml-syntax', 'b.charter.yaml').length, 1);
  assert.deepEqual(inFile(findings, 'yaml-syntax', 'a.charter.yaml'), []);
  // The good file is still analysed: a problem in it is reported.
  const withProblem = good.replace('reports_to: ceo', 'reports_to: ceoo');
  const again = lint({ 'a.charter.yaml': withProblem, 'b.charter.yaml': broken });
  assert.equal(inFile(again, 'unknown-reference', 'a.charter.yaml').length, 1);
});

test('near misses: valid YAML with comments, quotes holding "#", document markers, an anchor', () => {
  const text = [
    '%YAML 1.2',
    '---',
    '# Acme',
    'charter: "Acme # Sales"   # the name has a hash',
    "regions: ['EMEA', APAC]",
    'external: [ceo]',
    'roles:',
    '  - &hos',
    '    id: hos',
    '    role: head-of-sales',
    '    scope: organization',
    '    reports_to: ceo',
    '    responsibilities: [sales-strategy, sales-team-management, performance-reporting, talent-development, customer-insights, cross-functional-alignment, sales-operations, revenue-forecasting, budget-management]',
    '  - id: rsm-emea',
    '    role: regional-sales-manager',
    '    scope: {region: EMEA}',
    '    reports_to: hos',
    '    responsibilities: &regional [regional-sales-plan, regional-team-leadership, key-account-relationships, regional-market-insights, regional-business-development]',
    '  - id: rsm-apac',
    '    role: regional-sales-manager',
    '    scope: {region: APAC}',
    '    reports_to: hos',
    '    responsibilities: [regional-sales-plan, regional-team-leadership, key-account-relationships, regional-market-insights, regional-business-development]',
    '...',
    '',
  ].join('\n');
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'yaml-syntax'), []);
  assertQuiet(findings);
});

test('an empty file or a comment-only file is not a syntax error', () => {
  assert.deepEqual(byRule(lint(''), 'yaml-syntax'), []);
  assert.deepEqual(byRule(lint('# nothing yet\n'), 'yaml-syntax'), []);
});

test('CRLF line endings parse', () => {
  const text = charter().replace(/\n/g, '\r\n');
  const findings = lint(text);
  assert.deepEqual(byRule(findings, 'yaml-syntax'), []);
  assertQuiet(findings);
});

test('Fix all leaves a file that does not parse unchanged', () => {
  assert.equal(fixAllText('charter: Acme Sales\nregions: [EMEA\n'), undefined);
});
