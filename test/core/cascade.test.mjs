// SPEC §2 "One finding, not a cascade": the exact silencing list, applied after every rule ran.
// A silencer counts only when it is shown (its rule is not off, the finding is not suppressed),
// on either role of a pair; turning a rule off never hides another rule's findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { core, lint, byRule, repoRoot } from '../helpers.mjs';
import { charter, hos, rsm, role, HOS, RSM } from './rules/_support.mjs';

/** analyze.ts MAX_PER_RULE: findings listed per rule per file before the rest are summarised. */
const MAX_PER_RULE = 1000;
const HOS_PLUS_KEY_ACCOUNTS = HOS.replace(']', ', key-account-relationships]');
const RSM_WITH = (...ids) => RSM.replace(']', `, ${ids.join(', ')}]`);
const RSM_TYPO = RSM.replace('key-account-relationships', 'key-acount-relationships');
const RSM_LACKING_KEY_ACCOUNTS = RSM.replace(', key-account-relationships', '');

/**
 * Inserts `# charter-lint-disable-next-line <rule>` above the first line containing `needle` at or
 * after the line containing `after`, with that line's indentation.
 */
function suppressAt(text, rule, needle, after) {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.includes(after));
  assert.ok(from >= 0, `test setup: "${after}" not found`);
  const at = lines.findIndex((l, i) => i >= from && l.includes(needle));
  assert.ok(at >= 0, `test setup: "${needle}" not found after "${after}"`);
  const indent = lines[at].match(/^ */)[0];
  lines.splice(at, 0, `${indent}# charter-lint-disable-next-line ${rule}`);
  return lines.join('\n');
}

const suppressAll = (text, rule, places) => places.reduce((t, [needle, after]) => suppressAt(t, rule, needle, after), text);

/** Findings of `rule` (whose message matches `about`, if given). */
const count = (findings, rule, about) => byRule(findings, rule).filter((f) => !about || about.test(f.message)).length;

/**
 * One row per silencing pair of SPEC's list. `silencerAt` lists where every silencer finding is
 * (line needle, anchor), `back` how many findings of the silenced rule its absence brings back,
 * `elsewhere` an organization where the silencer is shown for another pair or entry and the
 * silenced rule still reports `elsewhereCount` findings.
 */
const CASES = [
  {
    name: 'responsibility-overlap, for a pair territory-overlap reports (EMEA vs DACH)',
    silenced: 'responsibility-overlap',
    silencer: 'territory-overlap',
    pair: true,
    text: charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos(), rsm('EMEA'), rsm('DACH')] }),
    silencerAt: [['scope:', 'id: rsm-emea'], ['scope:', 'id: rsm-dach']],
    back: 10,
    // The Head of Sales owning key accounts overlaps both managers: not their territory pair.
    elsewhere: charter({ regions: '[EMEA: [DACH, Nordics]]', roles: [hos({ resp: HOS_PLUS_KEY_ACCOUNTS }), rsm('EMEA'), rsm('DACH')] }),
    elsewhereCount: 3,
  },
  {
    name: 'responsibility-overlap, for a pair too-many-holders reports (two managers of EMEA)',
    silenced: 'responsibility-overlap',
    silencer: 'too-many-holders',
    pair: true,
    text: charter({ roles: [hos(), rsm('EMEA'), rsm('EMEA', { id: 'rsm-emea-2' }), rsm('APAC')] }),
    silencerAt: [['scope:', 'id: rsm-emea'], ['scope:', 'id: rsm-emea-2']],
    back: 10,
    // The Head of Sales is of another type: its overlap with both managers stays.
    elsewhere: charter({ roles: [hos({ resp: HOS_PLUS_KEY_ACCOUNTS }), rsm('EMEA'), rsm('EMEA', { id: 'rsm-emea-2' }), rsm('APAC')] }),
    elsewhereCount: 4,
  },
  {
    name: 'responsibility-overlap, for a pair in which an entry is responsibility-out-of-scope',
    silenced: 'responsibility-overlap',
    silencer: 'responsibility-out-of-scope',
    pair: false,
    text: charter({ roles: [hos(), rsm('EMEA', { resp: RSM_WITH('revenue-forecasting') }), rsm('APAC')] }),
    silencerAt: [['responsibilities:', 'id: rsm-emea']],
    back: 2,
    // The out-of-scope entry is sales-strategy; the key-account overlap is another entry.
    elsewhere: charter({ roles: [hos({ resp: HOS_PLUS_KEY_ACCOUNTS }), rsm('EMEA', { resp: RSM_WITH('sales-strategy') }), rsm('APAC')] }),
    elsewhereCount: 3,
  },
  {
    name: 'territory-overlap, for a pair too-many-holders reports ([EMEA, APAC] vs [APAC, LATAM])',
    silenced: 'territory-overlap',
    silencer: 'too-many-holders',
    pair: true,
    text: charter({
      regions: '[EMEA, APAC, LATAM]',
      roles: [
        hos(),
        role({ id: 'rsm-a', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC]}', reportsTo: 'hos', resp: RSM }),
        role({ id: 'rsm-b', type: 'regional-sales-manager', scope: '{regions: [APAC, LATAM]}', reportsTo: 'hos', resp: RSM }),
      ],
    }),
    silencerAt: [['scope:', 'id: rsm-a'], ['scope:', 'id: rsm-b']],
    back: 2,
    // rsm-a also overlaps rsm-dach (inside EMEA): a pair too-many-holders does not report.
    elsewhere: charter({
      regions: '[EMEA: [DACH], APAC, LATAM]',
      roles: [
        hos(),
        role({ id: 'rsm-a', type: 'regional-sales-manager', scope: '{regions: [EMEA, APAC]}', reportsTo: 'hos', resp: RSM }),
        role({ id: 'rsm-b', type: 'regional-sales-manager', scope: '{regions: [APAC, LATAM]}', reportsTo: 'hos', resp: RSM }),
        rsm('DACH'),
      ],
    }),
    elsewhereCount: 2,
  },
  {
    name: 'missing-responsibility, for the id an id-like typo of the role stands for',
    silenced: 'missing-responsibility',
    silencer: 'unknown-responsibility',
    pair: false,
    text: charter({ roles: [hos(), rsm('EMEA', { resp: RSM_TYPO }), rsm('APAC')] }),
    silencerAt: [['responsibilities:', 'id: rsm-emea']],
    back: 1,
    // The typo of rsm-emea stands for nothing rsm-apac lacks.
    elsewhere: charter({ roles: [hos(), rsm('EMEA', { resp: RSM_TYPO }), rsm('APAC', { resp: RSM_LACKING_KEY_ACCOUNTS })] }),
    elsewhereCount: 1,
  },
];

for (const c of CASES) {
  test(`${c.name}: silenced while the silencer is shown`, () => {
    const findings = lint(c.text);
    assert.ok(count(findings, c.silencer) >= c.silencerAt.length, `test setup: ${c.silencer} is shown`);
    assert.equal(count(findings, c.silenced), 0);
  });

  test(`${c.name}: back when ${c.silencer} is off`, () => {
    const findings = lint(c.text, { rules: { [c.silencer]: 'off' } });
    assert.equal(count(findings, c.silencer), 0);
    assert.equal(count(findings, c.silenced), c.back);
  });

  test(`${c.name}: back when every ${c.silencer} finding is suppressed by disable-next-line, at any severity`, () => {
    const text = suppressAll(c.text, c.silencer, c.silencerAt);
    const findings = lint(text);
    assert.equal(count(findings, c.silencer), 0, 'test setup: the silencer findings are suppressed');
    assert.equal(count(findings, c.silenced), c.back);
    // A silencer still silences at another severity, and suppressing another rule changes nothing.
    const asHint = lint(c.text, { rules: { [c.silencer]: 'hint' } });
    assert.equal(count(asHint, c.silenced), 0);
    const other = lint(suppressAll(c.text, 'yaml-syntax', c.silencerAt));
    assert.equal(count(other, c.silenced), 0);
  });

  if (c.pair) {
    test(`${c.name}: a silencer shown on either role of the pair is enough`, () => {
      for (const place of c.silencerAt) {
        const findings = lint(suppressAt(c.text, c.silencer, ...place));
        assert.equal(count(findings, c.silencer), c.silencerAt.length - 1);
        assert.equal(count(findings, c.silenced), 0);
      }
    });
  }

  test(`${c.name}: a silencer on another pair or entry silences nothing here`, () => {
    const findings = lint(c.elsewhere);
    assert.ok(count(findings, c.silencer) > 0, `test setup: ${c.silencer} is shown`);
    assert.equal(count(findings, c.silenced), c.elsewhereCount);
  });
}

test('a misspelt id of a regional manager: one unknown-responsibility finding whose fix supplies the id, no missing-responsibility for it', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { resp: RSM_TYPO }), rsm('APAC')] });
  const findings = lint(text);
  assert.deepEqual(findings.map((f) => f.rule), ['unknown-responsibility']);
  const [typo] = findings;
  assert.match(typo.message, /"key-acount-relationships".*Did you mean "key-account-relationships"\?/);
  const fix = typo.fixes.find((f) => f.preferred);
  assert.equal(fix?.title, 'Change to "key-account-relationships"');
  const fixed = core.applyEdits(text, fix.edits);
  assert.deepEqual(lint(fixed), [], 'the fix supplies the id: nothing is left');
  const off = lint(text, { rules: { 'unknown-responsibility': 'off' } });
  assert.deepEqual(off.map((f) => f.rule), ['missing-responsibility']);
  assert.match(off[0].message, /"rsm-emea".*"key-account-relationships"/);
});

test('the typo silencing needs a single did-you-mean that is a required id the role lacks', () => {
  const missing = (resp) => byRule(lint(charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] })), 'missing-responsibility').length;
  // Distance 3 is no typo; a required id the role already has is not what the typo stands for.
  assert.equal(missing(RSM.replace('key-account-relationships', 'key-acc-relationships')), 1);
  assert.equal(missing(RSM.replace('key-account-relationships', 'key-account-relationships, key-acount-relationships')), 0);
  assert.equal(byRule(lint(charter({ roles: [hos(), rsm('EMEA', { resp: RSM_WITH('key-acount-relationships') }), rsm('APAC')] })), 'unknown-responsibility').length, 1);
  // A case-only miss stands for its id (written as a mapping, so it is read as an id).
  assert.equal(missing(RSM.replace('key-account-relationships', '{id: Key-Account-Relationships}')), 0);
  // A typo of an id the role's type does not require silences nothing.
  assert.equal(missing(RSM_LACKING_KEY_ACCOUNTS.replace(']', ', sales-stratgy]')), 1);
  // A tie (two ids at the same distance) is no single did-you-mean: tested on a custom model.
  const parsed = core.parseRoleModel(`model: tie
title: Tie
scopes: [organization, region]
responsibilities:
  pipeline-a: {title: Pipeline A, scope: region}
  pipeline-b: {title: Pipeline B, scope: region}
roles:
  rep: {title: Rep, scope: region, reports_to: [external], requires: [pipeline-a]}
`, 'tie.roles.yaml');
  assert.ok(parsed.ok, parsed.error);
  const model = { key: 'test:tie', model: parsed.model };
  const text = (resp) => charter({ regions: '[EMEA]', roles: [role({ id: 'r', type: 'rep', scope: '{region: EMEA}', reportsTo: 'ceo', resp })] });
  assert.equal(byRule(lint(text('[pipeline-c]'), { model }), 'missing-responsibility').length, 1, 'pipeline-c is as near to pipeline-a as to pipeline-b');
  assert.equal(byRule(lint(text('[pipeline-a]'), { model }), 'missing-responsibility').length, 0, 'test setup: the model loads');
  assert.equal(byRule(lint(text('[pipelne-a]'), { model }), 'missing-responsibility').length, 0, 'pipelne-a is nearest to pipeline-a alone');
});

test('silenced findings take no place under the per-file limit, and the "more not listed" count counts kept findings only', () => {
  // 1,100 managers, each alone in a region, each owning revenue-forecasting (out of scope): every
  // overlap with the Head of Sales is silenced by the out-of-scope entry.
  const n = MAX_PER_RULE + 100;
  const regions = Array.from({ length: n }, (_, i) => `R${i}`);
  const roles = [hos(), ...regions.map((r) => rsm(r, { resp: RSM_WITH('revenue-forecasting') }))];
  const text = charter({ regions: `[${regions.join(', ')}]`, roles });
  const findings = lint(text);
  assert.equal(count(findings, 'responsibility-overlap'), 0, 'no summary of silenced findings either');
  assert.equal(count(findings, 'responsibility-out-of-scope'), MAX_PER_RULE + 1, 'the silencer itself is listed up to the limit, then summarised');
  const off = lint(text, { rules: { 'responsibility-out-of-scope': 'off' } });
  const overlaps = byRule(off, 'responsibility-overlap');
  assert.equal(overlaps.length, MAX_PER_RULE + 1);
  const summary = overlaps.filter((f) => /not listed/.test(f.message));
  assert.equal(summary.length, 1);
  assert.match(summary[0].message, new RegExp(`^${n + 1 - MAX_PER_RULE} more responsibility-overlap findings`));
});

test('exclusions hold whatever the rule settings: unknown type or region take no part in responsibility-out-of-scope', () => {
  const text = charter({
    roles: [hos(), rsm('EMEA'), rsm('APAC'),
      role({ id: 'x', type: 'regional-sales-boss', scope: '{region: EMEA}', reportsTo: 'hos', resp: '[sales-strategy]' }),
      rsm('Mars', { id: 'y', resp: RSM_WITH('sales-strategy') })],
  });
  for (const rules of [{}, { 'unknown-role-type': 'off', 'unknown-region': 'off' }]) {
    const findings = lint(text, { rules });
    assert.deepEqual(byRule(findings, 'responsibility-out-of-scope'), []);
    assert.deepEqual(byRule(findings, 'responsibility-overlap'), []);
    assert.deepEqual(byRule(findings, 'missing-responsibility'), [], 'no missing-responsibility for an unknown type');
    assert.deepEqual(byRule(findings, 'too-many-holders'), []);
    assert.deepEqual(byRule(findings, 'territory-overlap'), []);
  }
});

test('exclusions: a schema-rejected scope or a scope-mismatch takes no part in overlap, coverage, holder counts or out-of-scope', () => {
  const text = charter({
    roles: [hos(), rsm('EMEA'), rsm('APAC'),
      rsm('EMEA', { id: 'bad-scope', scope: '{region: [EMEA, APAC]}', resp: RSM_WITH('sales-strategy') }),
      rsm('EMEA', { id: 'mismatch', scope: 'organization', resp: RSM_WITH('sales-strategy') })],
  });
  for (const rules of [{}, { schema: 'off', 'scope-mismatch': 'off' }]) {
    const findings = lint(text, { rules });
    for (const rule of ['responsibility-out-of-scope', 'responsibility-overlap', 'too-many-holders', 'territory-overlap']) assert.deepEqual(byRule(findings, rule), [], rule);
  }
  const uncovered = charter({ roles: [hos(), rsm('EMEA'), rsm('EMEA', { id: 'bad', scope: '{region: [APAC]}' })] });
  assert.equal(byRule(lint(uncovered), 'uncovered-region').length, 1, 'APAC is not covered by a rejected scope');
});

test('exclusions: a role whose manager is unknown gets no invalid-reporting-line, whatever unknown-reference is set to', () => {
  const text = charter({ roles: [hos(), rsm('EMEA', { reportsTo: 'hso' }), rsm('APAC', { reportsTo: 'rsm-emea' })] });
  for (const rules of [{}, { 'unknown-reference': 'off' }]) {
    const findings = lint(text, { rules });
    const lines = byRule(findings, 'invalid-reporting-line');
    assert.equal(lines.length, 1, 'rsm-apac reports to a manager of the wrong type');
    assert.match(lines[0].message, /"rsm-apac"/);
  }
});

test('a responsibilities value that cannot be read as a list gets schema and no missing-responsibility', () => {
  for (const resp of ['regional-sales-plan', '{regional-sales-plan: yes}']) {
    const findings = lint(charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] }));
    assert.equal(byRule(findings, 'schema').length, 1, resp);
    assert.deepEqual(byRule(findings, 'missing-responsibility'), [], resp);
  }
  for (const resp of ['[]', 'null', '']) {
    assert.equal(byRule(lint(charter({ roles: [hos(), rsm('EMEA', { resp }), rsm('APAC')] })), 'missing-responsibility').length, 5, `an empty list is read: ${resp}`);
  }
});

test('the stepped analysis (as the language server runs it) silences exactly as analyze does', () => {
  for (const c of CASES) {
    for (const rules of [{}, { [c.silencer]: 'off' }]) {
      const files = [{ path: 'org.charter.yaml', text: c.text }];
      const steps = core.analyzeInSteps({ files, rules });
      let step = steps.next();
      while (!step.done) step = steps.next();
      assert.deepEqual(JSON.stringify([...step.value.findings]), JSON.stringify([...core.analyze({ files, rules }).findings]), c.name);
    }
  }
});

// ---- property: turning one rule off never hides another rule's findings ----

/** A small deterministic PRNG (mulberry32), so every run checks the same organizations. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALL_IDS = [...HOS.slice(1, -1).split(', '), ...RSM.slice(1, -1).split(', ')];
const EXTRA_ENTRIES = ['key-acount-relationships', 'sales-stratgy', 'Own the annual sales budget', 'coach the regional reps', '10+ years of experience', '{id: regional-sales-plan, note: with finance}'];

/** A random organization over three files, rich in every silencing pair. */
function randomOrganization(seed) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const regionNames = ['EMEA', 'DACH', 'Nordics', 'APAC', 'Japan', 'LATAM', 'Mars'];
  const roles = [];
  const hosCount = 1 + Math.floor(random() * 2);
  for (let i = 0; i < hosCount; i++) {
    const resp = ALL_IDS.filter(() => random() < 0.6).concat(random() < 0.3 ? [pick(EXTRA_ENTRIES)] : []);
    roles.push(role({ id: i === 0 ? 'hos' : `hos-${i}`, type: 'head-of-sales', scope: random() < 0.9 ? 'organization' : '{region: EMEA}', reportsTo: 'ceo', resp: `[${resp.join(', ')}]` }));
  }
  const rsmCount = 3 + Math.floor(random() * 6);
  for (let i = 0; i < rsmCount; i++) {
    const named = [...new Set(Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(regionNames)))];
    const resp = ALL_IDS.filter(() => random() < 0.5).concat(random() < 0.5 ? [pick(EXTRA_ENTRIES)] : []);
    const type = random() < 0.9 ? 'regional-sales-manager' : 'regional-sales-boss';
    roles.push(role({ id: `rsm-${i}`, type, scope: random() < 0.1 ? 'organization' : `{regions: [${named.join(', ')}]}`, reportsTo: pick(['hos', 'hos', 'rsm-0', 'nobody']), resp: `[${resp.join(', ')}]` }));
  }
  const third = Math.ceil(roles.length / 3);
  return {
    'a.charter.yaml': charter({ regions: '[EMEA: [DACH, Nordics], APAC: [Japan], LATAM]', roles: roles.slice(0, third) }),
    'b.charter.yaml': charter({ name: 'Acme B', regions: null, external: null, roles: roles.slice(third, 2 * third) }),
    'c.charter.yaml': charter({ name: 'Acme C', regions: null, external: null, roles: roles.slice(2 * third) }),
  };
}

function examplesOrganization() {
  const dir = path.join(repoRoot, 'examples');
  return Object.fromEntries(fs.readdirSync(dir).filter((name) => name.endsWith('.charter.yaml')).map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]));
}

const key = (f) => `${f.file} ${f.rule} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;

test('property: for every rule R, every other rule\'s findings with R off are a superset of those with R on (examples and 6 random three-file organizations)', () => {
  const organizations = [examplesOrganization(), ...[1, 2, 3, 4, 5, 6].map(randomOrganization)];
  let silencedSomewhere = 0;
  for (const org of organizations) {
    const all = lint(org);
    const before = new Set(all.map(key));
    for (const rule of core.RULES) {
      const id = rule.meta.id;
      const after = lint(org, { rules: { [id]: 'off' } });
      assert.ok(after.every((f) => f.rule !== id), `${id} is off`);
      const afterKeys = new Set(after.map(key));
      const hidden = [...before].filter((k) => !k.includes(` ${id} `) && !afterKeys.has(k));
      assert.deepEqual(hidden, [], `turning ${id} off hid findings of other rules`);
      if (afterKeys.size > before.size - all.filter((f) => f.rule === id).length) silencedSomewhere++;
    }
  }
  assert.ok(silencedSomewhere > 0, 'test setup: some rule turned off brings back findings it silenced');
});

// ---- bounded work ----

test('5,000 managers sharing one region (every pair silenced by too-many-holders, then not): both analyses finish in < 60 s under a 1 GB heap', () => {
  const script = `
    const MAX_PER_RULE = 1000;
    const core = require(${JSON.stringify(path.join(repoRoot, 'server/out/core/index.js'))});
    const n = 5000;
    const roles = ['  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities: ${HOS}'];
    for (let i = 0; i < n; i++) roles.push('  - id: rsm-' + i, '    role: regional-sales-manager', '    scope: {region: EMEA}', '    reports_to: hos', '    responsibilities: ${RSM}');
    const text = 'charter: Crowd\\nregions: [EMEA]\\nexternal: [ceo]\\nroles:\\n' + roles.join('\\n') + '\\n';
    const files = [{ path: 'crowd.charter.yaml', text }];
    const count = (result, rule) => result.findings.get('crowd.charter.yaml').filter((f) => f.rule === rule).length;
    const cache = new core.FileCache(); // parsed once: the bound is on the rules and the post-pass
    const on = core.analyze({ files, cache });
    if (count(on, 'responsibility-overlap') !== 0) throw new Error('silenced overlaps were listed');
    const off = core.analyze({ files, cache, rules: { 'too-many-holders': 'off' } });
    if (count(off, 'responsibility-overlap') !== MAX_PER_RULE + 1) throw new Error('expected the capped overlaps, got ' + count(off, 'responsibility-overlap'));
    const longest = Math.max(...off.findings.get('crowd.charter.yaml').map((f) => f.message.length + f.related.length * 100));
    if (longest > 5000) throw new Error('a finding grew with the crowd: ' + longest);
    console.log('rss ' + Math.round(process.memoryUsage().rss / 1048576) + ' MB');
  `;
  const started = Date.now();
  const child = spawnSync(process.execPath, ['--max-old-space-size=1024', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(child.status, 0, `${child.stderr}${child.error ?? ''}`);
  console.log(`# 5,000 managers in one region: ${Date.now() - started} ms, ${child.stdout.trim()}`);
});
