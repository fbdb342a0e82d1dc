// Shared building blocks for the per-rule suites in this folder (not a test file itself; node --test
// still loads it and reports it as one empty, passing entry).
import assert from 'node:assert/strict';
import { core, lint, byRule, textAt, applyFix, comments, parseDocument, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../../helpers.mjs';

export { core, lint, byRule, textAt, applyFix, comments, parseDocument, yaml, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../../helpers.mjs';

/** The complete responsibility lists as flow sequences, for one-line role entries. */
export const HOS = `[${HOS_RESPONSIBILITIES.join(', ')}]`;
export const RSM = `[${RSM_RESPONSIBILITIES.join(', ')}]`;

/** Indents every non-empty line by `n` spaces (to put a dedented role entry under `roles:`). */
export function indent(text, n = 2) {
  return text
    .split('\n')
    .map((l) => (l.trim() ? ' '.repeat(n) + l : l))
    .join('\n')
    .replace(/\n+$/, '');
}

/** One role entry under `roles:` (two-space indentation), written as a user would. */
export function role({ id, type, scope, reportsTo, resp }) {
  const lines = [`  - id: ${id}`, `    role: ${type}`, `    scope: ${scope}`];
  if (reportsTo !== undefined) lines.push(`    reports_to: ${reportsTo}`);
  if (resp !== undefined) lines.push(`    responsibilities: ${resp}`);
  return lines.join('\n');
}

/** A complete Head of Sales, reporting to `ceo`. */
export const hos = (o = {}) => role({ id: 'hos', type: 'head-of-sales', scope: 'organization', reportsTo: 'ceo', resp: HOS, ...o });

/** A complete Regional Sales Manager of one region, reporting to `hos`. */
export const rsm = (region, o = {}) =>
  role({ id: `rsm-${region.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, type: 'regional-sales-manager', scope: `{region: ${region}}`, reportsTo: 'hos', resp: RSM, ...o });

/**
 * A charter text. By default a complete, quiet organization: regions EMEA and APAC, external ceo,
 * a Head of Sales and one Regional Sales Manager per region.
 */
export function charter({ name = 'Acme Sales', model, regions = '[EMEA, APAC]', external = '[ceo]', roles } = {}) {
  const list = roles ?? [hos(), rsm('EMEA'), rsm('APAC')];
  const lines = [`charter: ${name}`];
  if (model) lines.push(`model: ${model}`);
  if (regions !== null) lines.push(`regions: ${regions}`);
  if (external !== null) lines.push(`external: ${external}`);
  lines.push('roles:', ...list);
  return `${lines.join('\n')}\n`;
}

/** Findings of severity error or warning, except those of the given rules, as readable strings. */
export function noise(findings, ...allowed) {
  return findings
    .filter((f) => (f.severity === 'error' || f.severity === 'warning') && !allowed.includes(f.rule))
    .map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`);
}

/** Asserts that nothing but the given rules reports an error or a warning. */
export function assertQuiet(findings, ...allowed) {
  assert.deepEqual(noise(findings, ...allowed), []);
}

/** Offset of `needle` in `text`, searching from the first occurrence of `after` (if given). */
export function offsetOf(text, needle, after) {
  const from = after === undefined ? 0 : text.indexOf(after);
  assert.ok(from >= 0, `test setup: "${after}" not found`);
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `test setup: "${needle}" not found after "${after}"`);
  return at;
}

/** The LSP range of `needle` (found as offsetOf does). */
export function rangeOf(text, needle, after) {
  const start = offsetOf(text, needle, after);
  return new core.LineIndex(text).range(start, start + needle.length);
}

/** 1-based line of `needle` (found as offsetOf does). */
export function lineOf(text, needle, after) {
  return rangeOf(text, needle, after).start.line + 1;
}

/**
 * Asserts that a finding covers exactly `needle` (the occurrence at or after `after`), on its line,
 * and carries its rule id and docs link.
 */
export function assertCovers(finding, text, needle, after) {
  assert.equal(textAt(text, finding.range), needle);
  assert.deepEqual(finding.range, rangeOf(text, needle, after));
  assert.equal(finding.line, lineOf(text, needle, after));
  assert.match(finding.docsUrl ?? '', new RegExp(finding.rule.replace(/-/g, '\\-')));
}

/** Asserts that `related` holds exactly the given places: [{ file, text, needle, after }]. */
export function assertRelated(finding, places) {
  const got = finding.related.map((r) => `${r.file} ${JSON.stringify(r.range)}`).sort();
  const want = places.map((p) => `${p.file} ${JSON.stringify(rangeOf(p.text, p.needle, p.after))}`).sort();
  assert.deepEqual(got, want);
}

/** Findings of a rule in one file. */
export function inFile(findings, rule, file) {
  return findings.filter((f) => f.rule === rule && f.file === file);
}

/** Sorted `"<covered text>"@line` labels of findings, for whole-set comparisons. */
export function labels(findings, text) {
  return findings.map((f) => `${textAt(text, f.range)}@${f.line}`).sort();
}

/** Every comment of `before` is still in `after` (as many times). */
export function assertCommentsKept(before, after) {
  const remaining = comments(after);
  for (const comment of comments(before)) {
    const i = remaining.indexOf(comment);
    assert.ok(i >= 0, `comment dropped: ${comment}\n--- after fix ---\n${after}`);
    remaining.splice(i, 1);
  }
}

/** Applies a fix, then checks the result parses cleanly and kept every comment. Returns the new text. */
export function applyChecked(text, fix) {
  assert.ok(fix, 'expected a fix');
  const after = applyFix(text, fix);
  assert.notEqual(after, text, 'the fix changed nothing');
  const doc = parseDocument(after);
  assert.deepEqual(doc.errors.map((e) => e.message), [], `fix broke the YAML:\n${after}`);
  assertCommentsKept(text, after);
  return after;
}

/** Runs Fix all on one file; returns its new text (or undefined when unchanged). */
export function fixAllText(text, path = 'org.charter.yaml') {
  const { changed } = core.fixAll({ files: [{ path, text }] });
  return changed.get(path);
}

/** The parsed value of a charter text (plain data). */
export function data(text) {
  return parseDocument(text).toJS();
}

/** A small custom role model: vp-sales (1 per organization), account-exec (no limit), team-lead (2 per region). */
export const FIELD_SALES_MODEL_TEXT = `model: field-sales
title: Field sales
scopes: [organization, region]
responsibilities:
  quota-setting: {title: Quota setting, scope: organization}
  pipeline: {title: Pipeline, scope: region, refines: quota-setting}
roles:
  vp-sales: {title: VP Sales, scope: organization, max_per_scope: 1, reports_to: [external], requires: [quota-setting]}
  account-exec: {title: Account Executive, scope: region, reports_to: [vp-sales], requires: [pipeline]}
  team-lead: {title: Team Lead, scope: region, max_per_scope: 2, reports_to: [vp-sales], requires: [pipeline]}
`;

export function fieldSalesModel() {
  const result = core.parseRoleModel(FIELD_SALES_MODEL_TEXT, 'field-sales.roles.yaml');
  assert.ok(result.ok, result.error);
  return { key: 'test:field-sales', model: result.model };
}
