// Fix safety as an invariant (SPEC "Fixes", "Fix all never raises a finding that was not there"):
// Fix all applies a safe fix only if re-linting the result finds nothing new; a safe fix never
// removes what a person wrote (checked on every YAML file of the repository and on YAML that is
// not a charter at all); fixes keep the file's line ending, lone CR included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { core, lint, byRule, repoRoot, textAt, yaml } from '../helpers.mjs';
import { charter, hos, rsm, HOS, RSM, fixAllText, applyChecked } from './rules/_support.mjs';
import { lostScalars, propFixAllKeepsScalars, propFixAllKeepsYaml, propFixAllRaisesNothingNew } from '../fuzz/properties-lib.mjs';

/** Runs `body` with one rule's findings given an extra fix; the rule is restored afterwards. */
function withExtraFix(ruleId, makeFix, body) {
  const rule = core.RULES_BY_ID.get(ruleId);
  const check = rule.check;
  rule.check = (context) =>
    check({
      ...context,
      report: (input) => {
        const extra = makeFix(input);
        context.report(extra ? { ...input, fixes: [extra, ...(input.fixes ?? [])] } : input);
      },
    });
  try {
    return body();
  } finally {
    rule.check = check;
  }
}

test('Fix all drops a safe fix whose result raises a new finding and applies the others', () => {
  // Eleven duplicates; the extra "safe" fix of the seventh also points rsm-emea at a manager that
  // does not exist, which re-linting reports as a new unknown-reference.
  const extras = Array.from({ length: 11 }, () => 'regional-sales-plan');
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace(']', `, ${extras.join(', ')}]`) }), rsm('APAC')] });
  let seen = 0;
  const { changed, result } = withExtraFix('duplicate-responsibility', (input) => {
    if (++seen !== 7) return undefined;
    const at = text.indexOf('reports_to: hos', text.indexOf('id: rsm-emea')) + 'reports_to: '.length;
    const remove = input.fixes[0].edits;
    return { title: 'bad', safe: true, edits: [...remove, { start: at, end: at + 3, newText: 'nobody', range: input.fixes[0].edits[0].range }] };
  }, () => core.fixAll({ files: [{ path: 'org.charter.yaml', text }] }));
  const after = changed.get('org.charter.yaml');
  assert.ok(after, 'the good fixes are applied');
  assert.ok(after.includes('reports_to: hos'), 'the offending fix is not');
  assert.equal(byRule([...result.findings.values()].flat(), 'unknown-reference').length, 0);
  assert.equal(byRule([...result.findings.values()].flat(), 'duplicate-responsibility').length, 0, 'its duplicate goes in a later pass');
  // Without the bad fix, the same result.
  assert.equal(after, fixAllText(text));
});

test('Fix all with a rule filter (the editor\'s "Fix all <rule> problems") applies only that rule\'s safe fixes and drops one that raises a new finding', () => {
  // Three free texts and a duplicate; the extra "safe" fix of the second free text also points
  // rsm-emea at a manager that does not exist (a new unknown-reference), in every pass.
  const resp = RSM.replace('regional-team-leadership', 'Coach the regional reps').replace('key-account-relationships', 'Own key accounts').replace(']', ', Own the EMEA forecast, regional-sales-plan]');
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const { changed, result } = withExtraFix('non-canonical-responsibility', (input) => {
    if (!input.message.startsWith('"Own key accounts"')) return undefined;
    const at = text.indexOf('reports_to: hos', text.indexOf('id: rsm-emea')) + 'reports_to: '.length;
    return { title: 'bad', safe: true, edits: [...input.fixes[0].edits, { start: at, end: at + 3, newText: 'nobody', range: input.fixes[0].edits[0].range }] };
  }, () => core.fixAll({ files: [{ path: 'org.charter.yaml', text }] }, undefined, 'non-canonical-responsibility'));
  const after = changed.get('org.charter.yaml');
  assert.ok(after, 'the good fixes are applied');
  assert.ok(after.includes('reports_to: hos'), 'the offending fix is not');
  const findings = [...result.findings.values()].flat();
  assert.equal(byRule(findings, 'unknown-reference').length, 0);
  assert.deepEqual(byRule(findings, 'non-canonical-responsibility').map((f) => f.message.split(' matches')[0]), ['"Own key accounts"'], 'the other two free texts are replaced');
  assert.equal(byRule(findings, 'duplicate-responsibility').length, 1, 'another rule\'s safe fix is not applied');
  assert.equal(after.match(/\{id: [a-z-]+, note: /g)?.length, 2);
});

test('Fix all with 400 fixable findings and one offending fix finishes in < 20 s, drops that fix and applies the rest', () => {
  const roles = [hos()];
  for (let i = 0; i < 40; i++) roles.push(rsm(`R${i}`, { resp: RSM.replace(']', `, ${Array(10).fill('key-account-relationships').join(', ')}]`) }));
  const text = charter({ regions: `[${Array.from({ length: 40 }, (_, i) => `R${i}`).join(', ')}]`, roles });
  let analyses = 0;
  let seen = 0;
  const start = performance.now();
  const { changed } = withExtraFix('duplicate-responsibility', (input) => {
    if (input.fixes?.length === 0) return undefined;
    seen++;
    if (seen !== 200) return undefined;
    const at = text.indexOf('charter: Acme Sales') + 'charter: '.length;
    return { title: 'bad', safe: true, edits: [{ start: at, end: at, newText: 'x', range: input.fixes[0].edits[0].range }, ...input.fixes[0].edits] };
  }, () => withExtraFix('yaml-syntax', () => { analyses++; return undefined; }, () => core.fixAll({ files: [{ path: 'org.charter.yaml', text }] })));
  const elapsed = performance.now() - start;
  assert.ok(elapsed < 20_000, `${Math.round(elapsed)} ms`);
  const after = changed.get('org.charter.yaml');
  assert.ok(after.startsWith('charter: Acme Sales\n'), 'the offending fix is not applied');
  // Its duplicate goes too, by its own plain fix in a later pass: one per role is left.
  assert.equal((after.match(/key-account-relationships/g) ?? []).length, 40, 'every duplicate is removed');
  assert.ok(analyses < 60, `${analyses} analyses for 400 fixes`);
});

test('a GitHub workflow analysed as a charter: Fix all changes nothing', () => {
  const workflow = yaml`
    name: CI
    on:
      push:
        branches: [main]
      pull_request:
    jobs:
      test:
        runs-on: ubuntu-latest
        strategy:
          matrix:
            node: [20, 22]
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-node@v4
            with:
              node-version: \${{ matrix.node }}
          - run: npm ci
          - run: npm test
  `;
  const findings = lint(workflow);
  assert.ok(byRule(findings, 'schema').length >= 3, 'every key is unknown');
  assert.ok(findings.every((f) => f.fixes.every((fix) => !fix.safe)), 'no finding has a safe fix');
  assert.equal(fixAllText(workflow, 'ci.yaml'), undefined);
});

test('a role model and a compose file analysed as charters: Fix all changes nothing', () => {
  const model = fs.readFileSync(path.join(repoRoot, 'schemas', 'sales-leadership.roles.yaml'), 'utf8');
  assert.equal(fixAllText(model, 'team.roles.yaml'), undefined);
  const compose = 'services:\n  web:\n    image: nginx\n    ports: ["80:80"]\nroles:\n  - title: admin\n    responsibilites: [all]\n';
  const fixed = fixAllText(compose, 'compose.yaml');
  // The only safe fix here is the rename of a key one letter off; nothing is removed.
  assert.deepEqual(lostScalars(compose, fixed ?? compose), []);
});

/** Every YAML file of the repository (tests, examples, schemas, bench), but node_modules and out folders. */
function repoYamlFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git' || entry.name === 'out' || entry.name === 'dist') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) out.push(full);
    }
  };
  for (const dir of ['test', 'examples', 'schemas', 'bench', 'docs']) if (fs.existsSync(path.join(repoRoot, dir))) walk(path.join(repoRoot, dir));
  return out;
}

/** Charters written inline in the test files: single-quoted strings passed to single(...) in the fuzz counterexamples. */
function inlineCharters() {
  const source = fs.readFileSync(path.join(repoRoot, 'test', 'fuzz', 'counterexamples.test.mjs'), 'utf8');
  return [...source.matchAll(/single\('((?:[^'\\]|\\.)*)'\)/g)].map((m) => JSON.parse(`"${m[1].replace(/"/g, '\\"').replace(/\\'/g, "'")}"`));
}

test('every YAML file of the repository, analysed as a charter alone and as one organization: Fix all removes no scalar and keeps YAML and comments', () => {
  const files = repoYamlFiles();
  assert.ok(files.length >= 8, `found ${files.length} YAML files`);
  for (const file of files) {
    const one = [{ path: path.relative(repoRoot, file), text: fs.readFileSync(file, 'utf8') }];
    propFixAllKeepsScalars(one);
    propFixAllKeepsYaml(one);
  }
  const examples = files.filter((f) => f.includes(`${path.sep}examples${path.sep}`) && f.endsWith('.charter.yaml'));
  const org = examples.map((f) => ({ path: path.relative(repoRoot, f), text: fs.readFileSync(f, 'utf8') }));
  assert.ok(org.length >= 4);
  propFixAllKeepsScalars(org);
  const inline = inlineCharters();
  assert.ok(inline.length >= 5, `found ${inline.length} inline charters`);
  for (const text of inline) propFixAllKeepsScalars([{ path: 'org.charter.yaml', text }]);
});

test('the scalar property fails when a scalar goes without a duplicate staying, and allows a misspelt key renamed', () => {
  assert.deepEqual(lostScalars('a: 1\nb: x\n', 'a: 1\n'), ['b', 'x']);
  assert.deepEqual(lostScalars('r: [x, x]\n', 'r: [x]\n'), [], 'an exact duplicate stays');
  assert.deepEqual(lostScalars('roles: []\nreprots_to: hos\n', 'roles: []\nreports_to: hos\n'), []);
  assert.deepEqual(lostScalars('roles: []\nreprots_to: hos\n', 'roles: []\nxyz: hos\n'), ['reprots_to']);
  assert.deepEqual(lostScalars('roles: []\nreprots_to: hos\n', 'roles: []\n'), ['reprots_to', 'hos'], 'a misspelt key removed is lost');
  assert.throws(() => propFixAllKeepsScalars([{ path: 'a', text: 'a: 1\nb: x\n' }], { changed: new Map([['a', 'a: 1\n']]) }), /removed what a person wrote/);
});

test('a misspelt responsibilities key keeps every duty through Fix all (issue #11)', () => {
  const text = charter({ roles: [hos(), rsm('EMEA').replace('responsibilities:', 'responsibilites:'), rsm('APAC')] });
  const before = lint(text);
  assert.deepEqual(byRule(before, 'missing-responsibility'), []);
  const after = fixAllText(text);
  assert.equal(after, charter());
  assert.deepEqual(lostScalars(text, after), []);
});

test('a fix keeps the file\'s line ending: CRLF, LF and lone CR', () => {
  for (const eol of ['\r\n', '\n', '\r']) {
    const lines = ['charter: Acme Sales', 'regions: [EMEA, APAC]', 'external: [ceo]', 'roles:', hos(), rsm('APAC'), '  - id: rsm-emea', '    role: regional-sales-manager', '    scope: {region: EMEA}', '    reports_to: hos', '    responsibilites:', ...RSM.slice(1, -1).split(', ').filter((d) => d !== 'regional-team-leadership').map((d) => `      - ${d}`), '      - Coach the regional reps', '      - regional-sales-plan', ''];
    const text = lines.join('\n').replace(/\n/g, eol);
    const after = fixAllText(text);
    assert.ok(after, JSON.stringify(eol));
    const breaks = after.match(/\r\n|\r|\n/g);
    assert.ok(breaks.every((b) => b === eol), `${JSON.stringify(eol)}: ${JSON.stringify(after)}`);
    assert.ok(after.includes(`responsibilities:${eol}`));
    assert.ok(after.includes(`- id: regional-team-leadership${eol}        note: Coach the regional reps`));
    assert.deepEqual(lint(after.replace(/\r\n?/g, '\n')).filter((f) => f.severity !== 'info').map((f) => f.message), []);
    // A suggestion that adds a line (missing-responsibility) uses the same line ending.
    const missing = byRule(lint(text.replace(`      - regional-market-insights${eol}`, '')), 'missing-responsibility')[0];
    const added = missing.fixes[0].edits.map((e) => e.newText).join('');
    assert.ok(added.startsWith(eol) && !added.replace(eol, '').match(/[\r\n]/), JSON.stringify(added));
  }
});

test('safe fixes are exactly: a later plain duplicate id, a misspelt key renamed, matched free text replaced by its id', () => {
  const resp = HOS.replace(']', ', sales-strategy, {id: budget-management, note: twice}, Own the annual sales budget, bogus-thing]');
  const text = charter({ roles: [hos({ resp }).replace('reports_to: ceo', 'reprots_to: ceo\n    extra: 1'), rsm('EMEA', { scope: 'organization' }), rsm('APAC', { reportsTo: 'hso' })] });
  const safe = lint(text).flatMap((f) => f.fixes.filter((fix) => fix.safe).map((fix) => `${f.rule}: ${fix.title}`));
  assert.deepEqual(safe.sort(), [
    'duplicate-responsibility: Remove duplicate "sales-strategy"',
    'schema: Rename "reprots_to" to "reports_to"',
  ]);
  // "Own the annual sales budget" matches budget-management, which the role already has: a
  // duplicate no safe fix removes, so no replacement either.
  const after = fixAllText(text);
  assert.deepEqual(lostScalars(text, after), []);
  assert.ok(after.includes('extra: 1') && after.includes('{id: budget-management, note: twice}') && after.includes('Own the annual sales budget') && after.includes('bogus-thing'));
  applyChecked(text, lint(text).find((f) => f.rule === 'schema' && /extra/.test(f.message)).fixes[0]);
});

test('removing an earlier duplicate is not refused because a later entry\'s place in the list changed', () => {
  // `{note: x}` has no id: a schema finding naming responsibilities[N], which the removal shifts.
  const resp = RSM.replace(']', ', regional-sales-plan, {note: ask finance}]');
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const schema = byRule(lint(text), 'schema');
  assert.equal(schema.length, 1);
  assert.match(schema[0].message, /responsibilities\[6\]/);
  const after = fixAllText(text);
  assert.equal(after, text.replace(', regional-sales-plan, {note', ', {note'));
  assert.match(byRule(lint(after), 'schema')[0].message, /responsibilities\[5\]/);
});

// Issue #13 item 4: matched free text already gets every finding its id would get, so replacing it
// by the id raises nothing (no "Fix all creates a new warning").
test('"Own the EMEA forecast" on a regional manager is out of scope before the fix; Fix all replaces it and raises nothing new', () => {
  const resp = RSM.replace(']', ', Own the EMEA forecast]');
  const text = charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] });
  const before = lint(text);
  const [scope] = byRule(before, 'responsibility-out-of-scope');
  assert.ok(scope, 'the free text gets responsibility-out-of-scope before any fix');
  assert.match(scope.message, /"revenue-forecasting" is organization-wide, broader than role "rsm-emea"'s region scope/);
  assert.equal(textAt(text, scope.range), 'Own the EMEA forecast', 'on the free text');
  assert.equal(byRule(before, 'non-canonical-responsibility').length, 1);
  assert.equal(byRule(before, 'responsibility-overlap').length, 0, 'silenced by the out-of-scope finding, as for the id');
  const files = [{ path: 'org.charter.yaml', text }];
  const first = core.fixAll({ files });
  const after = first.changed.get('org.charter.yaml');
  assert.ok(after?.includes('{id: revenue-forecasting, note: Own the EMEA forecast}'), after);
  const findings = lint(after);
  assert.deepEqual(findings.map((f) => `${f.rule}: ${f.message}`), before.filter((f) => f.rule !== 'non-canonical-responsibility').map((f) => `${f.rule}: ${f.message}`));
  propFixAllRaisesNothingNew(files, first);
});

test('the "raises nothing new" property fails on a Fix all result that raises a finding (it can fail)', () => {
  const text = charter();
  const files = [{ path: 'org.charter.yaml', text }];
  const bad = { changed: new Map([['org.charter.yaml', text.replace('reports_to: hos', 'reports_to: nobody')]]) };
  assert.throws(() => propFixAllRaisesNothingNew(files, bad), /Fix all raised new findings[\s\S]*unknown-reference/);
  // A finding whose list position only moved is not new.
  const dup = charter({ roles: [hos(), rsm('EMEA', { resp: RSM.replace('[', '[regional-sales-plan, ') }), rsm('APAC')] });
  propFixAllRaisesNothingNew([{ path: 'org.charter.yaml', text: dup }]);
});
