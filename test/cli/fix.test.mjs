// SPEC §3 `--fix` and §2 "Fixes": the safe fixes only (remove a later plain duplicate, rename a
// misspelt key, replace matched free text by its id), in place, never dropping a
// comment; then the report of what remains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentsOf, parseDocument } from '../helpers.mjs';
import { project, read, run, runJson, describe, assertNoCrash, flat, rulesOf, list, yaml, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from './cli-util.mjs';

const HOS_BUT_BUDGET = HOS_RESPONSIBILITIES.filter((id) => id !== 'budget-management' && id !== 'sales-strategy');


const BEFORE = [
  '# Acme sales charter: maintained by RevOps.',
  '# Do not edit the regions without telling finance.',
  'charter: Acme Sales   # the whole company',
  'regions: [EMEA, APAC]',
  'external: [ceo]',
  'roles:',
  '  # The top of the sales org.',
  '  - id: hos',
  '    role: head-of-sales',
  '    scope: organization',
  '    reports_to: ceo',
  '    holdr: Dana Whitfield',
  '    responsibilities:',
  '      - sales-strategy          # set every January',
  '      # second listing below is a copy-paste leftover',
  '      - sales-strategy',
  '      - Own the annual sales budget   # from the 2024 plan',
  ...HOS_BUT_BUDGET.map((id) => `      - ${id}`),
  '  - id: rsm-emea   # Europe',
  '    role: regional-sales-manager',
  '    scope: {region: EMEA}',
  '    reports_to: hos',
  `    responsibilities: ${list(RSM_RESPONSIBILITIES.slice(0, 4))}   # business development is missing`,
  '  - id: rsm-apac',
  '    role: regional-sales-manager',
  '    scope: {region: APAC}',
  '    reports_to: hos',
  `    responsibilities: ${list(RSM_RESPONSIBILITIES)}`,
  '',
].join('\n');

test('fixture sanity: the charter has the intended findings before --fix', () => {
  assert.ok(BEFORE.includes('      - sales-team-management\n'), BEFORE);
  const dir = project({ 'org.charter.yaml': BEFORE });
  const { r, report } = runJson([], { cwd: dir });
  const rules = rulesOf(report).sort();
  assert.deepEqual(rules, ['duplicate-responsibility', 'missing-responsibility', 'non-canonical-responsibility', 'schema'].sort());
  assert.equal(r.status, 1, describe(r));
  assert.deepEqual(flat(report).filter((d) => d.fixable).map((d) => d.rule).sort(), ['duplicate-responsibility', 'non-canonical-responsibility', 'schema']);
});

test('--fix applies the safe fixes in place and keeps every comment byte-for-byte', () => {
  const dir = project({ 'org.charter.yaml': BEFORE });
  const r = run(['--fix', '--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  const after = read(dir, 'org.charter.yaml');
  assert.notEqual(after, BEFORE, 'the file was rewritten');
  assert.deepEqual(parseDocument(after).errors.map(String), [], 'still valid YAML');

  // Duplicate removed: sales-strategy listed once.
  assert.equal(after.match(/- sales-strategy\b/g)?.length, 1, after);
  // Misspelt key renamed to the key it stands for (an unknown key is never removed by --fix).
  assert.ok(!/holdr/.test(after) && /\n    holder: Dana Whitfield\n/.test(after), after);
  // Free text replaced by its id, the text kept as a note, same indentation.
  assert.match(after, /^( +)- id: budget-management\n\1  note: Own the annual sales budget\b/m, after);
  // Unsafe fix (add the missing responsibility) not applied.
  assert.equal(after.match(/regional-business-development/g)?.length, 1, 'missing-responsibility is not auto-added');
  // Every comment kept exactly, in order.
  assert.deepEqual(commentsOf(after), commentsOf(BEFORE));
  // Nothing else changed: the untouched lines are all still there.
  for (const line of BEFORE.split('\n')) {
    if (/holdr|Own the annual sales budget/.test(line) || line.trim() === '- sales-strategy') continue;
    assert.ok(after.includes(line), `line kept: ${JSON.stringify(line)}`);
  }

  // The report shows what remains; warnings only, so exit 0.
  const report = JSON.parse(r.stdout);
  assert.deepEqual(rulesOf(report), ['missing-responsibility']);
  assert.equal(r.status, 0, describe(r));
  // A fresh lint agrees.
  const again = runJson([], { cwd: dir });
  assert.deepEqual(rulesOf(again.report), ['missing-responsibility']);
  assert.equal(again.r.status, 0);
});

test('--fix is idempotent: a second run changes nothing', () => {
  const dir = project({ 'org.charter.yaml': BEFORE });
  run(['--fix'], { cwd: dir });
  const once = read(dir, 'org.charter.yaml');
  const r = run(['--fix'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(read(dir, 'org.charter.yaml'), once);
});

test('--fix keeps an unknown key whose span holds a comment; exit 1 because its error remains', () => {
  const text = BEFORE.replace('    holdr: Dana Whitfield\n', '    legacy:\n      # keep until the Q3 reorg\n      owner: finance\n');
  assert.notEqual(text, BEFORE);
  const dir = project({ 'org.charter.yaml': text });
  const r = run(['--fix', '--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  const after = read(dir, 'org.charter.yaml');
  assert.match(after, /legacy:\n +# keep until the Q3 reorg\n +owner: finance/);
  assert.deepEqual(commentsOf(after), commentsOf(text));
  const report = JSON.parse(r.stdout);
  assert.deepEqual(rulesOf(report).sort(), ['missing-responsibility', 'schema']);
  assert.equal(flat(report).find((d) => d.rule === 'schema').fixable, false);
  assert.equal(r.status, 1, describe(r));
});

test('--fix does not apply unsafe fixes: did-you-mean, missing responsibility, out of scope', () => {
  const text = yaml`
    charter: Acme Sales
    regions: [EMEA, APAC]
    external: [ceo]
    roles:
      - id: hos
        role: head-of-sales
        scope: organization
        reports_to: ceo
        responsibilities: ${list(HOS_RESPONSIBILITIES.slice(1))}
      - id: rsm-emea
        role: regional-sales-manager
        scope: {region: EMEA}
        reports_to: hoss
        responsibilities: ${list([...RSM_RESPONSIBILITIES, 'sales-strategy'])}
      - id: rsm-apac
        role: regional-sales-manger
        scope: {region: APAC}
        reports_to: hos
        responsibilities: ${list(RSM_RESPONSIBILITIES)}
  `;
  const dir = project({ 'org.charter.yaml': text });
  const r = run(['--fix', '--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(read(dir, 'org.charter.yaml'), text, 'nothing safe to fix: the file is untouched');
  const report = JSON.parse(r.stdout);
  const rules = rulesOf(report);
  for (const rule of ['unknown-role-type', 'unknown-reference', 'missing-responsibility', 'responsibility-out-of-scope']) assert.ok(rules.includes(rule), `${rule} remains: ${rules.join()}`);
  assert.deepEqual(flat(report).filter((d) => d.fixable).map((d) => d.rule), [], 'none of these is a safe fix');
  assert.equal(r.status, 1);
});

test('--fix across several files fixes each and reports every file', () => {
  const a = yaml`
    charter: Acme Sales   # part one
    regions: [EMEA]
    external: [ceo]
    roles:
      - id: hos
        role: head-of-sales
        scope: organization
        reports_to: ceo
        responsibilities: [${HOS_RESPONSIBILITIES.join(', ')}, sales-operations]
  `;
  const b = yaml`
    charter: Acme Sales   # part two
    roles:
      - id: rsm-emea
        role: regional-sales-manager
        scope: {region: EMEA}
        reports_to: hos
        responsibilities: [${RSM_RESPONSIBILITIES.join(', ')}, key-account-relationships]
  `;
  const dir = project({ 'a.charter.yaml': a, 'teams/b.charter.yml': b });
  const r = run(['--fix', '--format', 'json'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 0, describe(r));
  assert.deepEqual(JSON.parse(r.stdout), [
    { file: 'a.charter.yaml', diagnostics: [] },
    { file: 'teams/b.charter.yml', diagnostics: [] },
  ]);
  assert.equal(read(dir, 'a.charter.yaml').match(/sales-operations/g).length, 1);
  assert.equal(read(dir, 'teams/b.charter.yml').match(/key-account-relationships/g).length, 1);
  assert.match(read(dir, 'a.charter.yaml'), /# part one/);
  assert.match(read(dir, 'teams/b.charter.yml'), /# part two/);
});

test('--fix leaves a clean file byte-for-byte untouched', () => {
  const text = '# top\n' + yaml`
    charter: Acme Sales  # x
    external: [ceo]
    regions: [EMEA]
    roles:
      - id: hos
        role: head-of-sales
        scope: organization
        reports_to: ceo
        responsibilities: ${list(HOS_RESPONSIBILITIES)}
      - id: rsm
        role: regional-sales-manager
        scope: {region: EMEA}
        reports_to: hos
        responsibilities: ${list(RSM_RESPONSIBILITIES)}
  ` + '\n';
  const dir = project({ 'org.charter.yaml': text });
  const r = run(['--fix'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 0, describe(r));
  assert.equal(read(dir, 'org.charter.yaml'), text);
});
