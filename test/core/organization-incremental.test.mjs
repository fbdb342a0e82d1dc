// What the core keeps between analyses of one organization (parses by file, resolved entries and
// free-text matches by model, suppressions by parse) must never change a result: after every edit
// of a random sequence over a multi-file organization, the analysis that reuses them equals one
// made from scratch. (The single-file chunk parse has its own test in incremental.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { core, repoRoot } from '../helpers.mjs';
import { bigCharter } from '../../bench/generate.mjs';

const summary = (result) =>
  JSON.stringify([...result.findings].map(([file, findings]) => [file, findings.map((f) => [f.rule, f.severity, f.range, f.message, f.related, f.fixes.map((x) => [x.title, x.edits])])]));

const examples = path.join(repoRoot, 'examples');
const exampleFiles = () =>
  fs
    .readdirSync(examples)
    .filter((name) => name.endsWith('.charter.yaml'))
    .map((name) => ({ path: `/org/${name}`, text: fs.readFileSync(path.join(examples, name), 'utf8') }));

/**
 * Lines an author might type anywhere: duties as ids, as free text and as typos, other scopes,
 * managers, role types, regions, suppressions, and lines that break the YAML.
 */
const POOL = [
  '    scope: {region: T3}',
  '    scope: {region: North}',
  '    reports_to: rsm-4',
  '    reports_to: rsm-7',
  '  - id: rsm-7',
  '  - T3',
  '  - South: [T4, T99]',
  '      - regional-sales-plan',
  '      - sales-strategy',
  '      - Own the EMEA forecast and the regional budget',
  '      - key-acount-relationships',
  '      - regional-business-development',
  '      - Minimum of 10 years experience in software sales.',
  '    scope: {region: EMEA}',
  '    scope: {region: Atlantis}',
  '    scope: organization',
  '    reports_to: hos',
  '    reports_to: nobody',
  '    role: regional-sales-manager',
  '    role: head-of-sales',
  '    role: regional-sales-manger',
  '  - id: hos',
  '  - id: rsm-extra',
  '  - EMEA: [DACH, Nordics]',
  '  - Nordics',
  '# charter-lint-disable-next-line missing-responsibility',
  '# charter-lint-disable territory-overlap',
  '    responsibilities: []',
  '  - id: [broken',
  'model: sales-leadership',
  '',
];

function random(seed) {
  let state = seed;
  return (n) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
}

/** One edit of one file: a line replaced, inserted or deleted, or a region renamed everywhere. */
let lastEdit = '';
function edit(files, next) {
  const index = next(files.length);
  lastEdit = files[index].path;
  const lines = files[index].text.split('\n');
  const at = next(lines.length);
  const kind = next(5);
  if (kind === 0) lines[at] = POOL[next(POOL.length)];
  else if (kind === 1) lines.splice(at, 0, POOL[next(POOL.length)]);
  else if (kind === 2) lines.splice(at, 1);
  else if (kind === 3) {
    // A rename across the organization, as the editor's rename does (or half of one).
    const from = ['EMEA', 'APAC', 'Americas', 'hos', 'T3', 'North', 'rsm-4'][next(7)];
    const to = `${from}${next(3)}`;
    for (const file of files.slice(0, 1 + next(files.length))) file.text = file.text.split(from).join(to);
    return;
  } else {
    // A file comes or goes.
    if (files.length > 1 && next(2) === 0) files.splice(index, 1);
    else {
      // Paths are unique within an organization.
      const path = `/org/new-${next(1000)}.charter.yaml`;
      if (!files.some((file) => file.path === path)) files.push({ path, text: `charter: New\nroles:\n  - id: rsm-new\n    role: regional-sales-manager\n    scope: {region: APAC}\n    reports_to: hos\n` });
    }
    return;
  }
  files[index] = { path: files[index].path, text: lines.join('\n') };
}

const run = (steps) => {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
};

/** The files that differ between two summaries, for a readable failure. */
function differing(a, b) {
  const x = new Map(JSON.parse(a).map(([file, list]) => [file, JSON.stringify(list)]));
  const y = new Map(JSON.parse(b).map(([file, list]) => [file, JSON.stringify(list)]));
  const only = (a, b) => (a ? JSON.parse(a) : []).map((f) => JSON.stringify(f)).filter((f) => !(b ? JSON.parse(b) : []).map((g) => JSON.stringify(g)).includes(f));
  return [...new Set([...x.keys(), ...y.keys()])]
    .filter((file) => x.get(file) !== y.get(file))
    .map((file) => `${file}:\n  only kept  ${only(x.get(file), y.get(file)).join('\n    ').slice(0, 1500)}\n  only fresh ${only(y.get(file), x.get(file)).join('\n    ').slice(0, 1500)}`)
    .join('\n');
}

function check(seed, edits, initial, settings, { engine = true } = {}) {
  const next = random(seed);
  const files = initial.map((file) => ({ ...file }));
  const cache = new core.FileCache();
  const engines = new Map();
  let partial = 0;
  for (let i = 0; i < edits; i++) {
    edit(files, next);
    const rules = Array.isArray(settings) ? settings[i % settings.length] : settings;
    const fresh = summary(core.analyze({ files: files.map((f) => ({ ...f })), rules }));
    const kept = summary(core.analyze({ files: files.map((f) => ({ ...f })), cache, rules }));
    assert.ok(kept === fresh, `seed ${seed}, edit ${i}: the analysis reusing parses differs from a fresh one\n${differing(kept, fresh)}`);
    if (!engine) continue;
    // One engine per rule setting (the server makes a new one when the config changes).
    const key = JSON.stringify(rules ?? null);
    if (!engines.has(key)) engines.set(key, new core.IncrementalAnalysis({ rules }));
    const incremental = engines.get(key);
    // As the server does: the same array shape, edited files' entries replaced, sorted by path.
    const previous = new Map((incremental.sources ?? []).map((source) => [source.path, source]));
    const sources = [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => (previous.get(f.path)?.text === f.text ? previous.get(f.path) : { ...f }));
    incremental.sources = sources;
    const result = summary(run(incremental.update(sources)));
    if (!incremental.lastUpdate.full) partial++;
    if (process.env.DEBUG_SEED === String(seed)) console.log(i, JSON.stringify(incremental.lastUpdate), lastEdit);
    assert.ok(result === fresh, `seed ${seed}, edit ${i}: the incremental analysis differs from a fresh one\n${differing(result, fresh)}`);
  }
  return partial;
}

/**
 * An organization of the shape the workspace benchmark uses, small: an org file with the Head of
 * Sales and a region tree (areas over regions), one team file per regional manager, an area
 * manager over several of them, shared regions, a reporting cycle and free-text duties.
 */
function teamOrganization(teams) {
  const areas = ['North', 'South', 'East'];
  const org = ['charter: Org', 'regions:'];
  for (const [a, area] of areas.entries()) org.push(`  - ${area}: [${Array.from({ length: teams }, (_, i) => i).filter((i) => i % 3 === a).map((i) => `T${i}`).join(', ')}]`);
  org.push('external: [ceo]', 'roles:', '  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities: [sales-strategy, sales-team-management, performance-reporting, talent-development, customer-insights, cross-functional-alignment, sales-operations, revenue-forecasting, budget-management]');
  org.push('  - id: area-north', '    role: regional-sales-manager', '    scope: {region: North}', '    reports_to: hos', '    responsibilities: [regional-sales-plan, regional-team-leadership]');
  const files = [{ path: '/org/org.charter.yaml', text: `${org.join('\n')}\n` }];
  const duties = ['regional-sales-plan', 'regional-team-leadership', 'key-account-relationships', 'regional-market-insights', 'regional-business-development'];
  for (let i = 0; i < teams; i++) {
    const region = i % 7 === 6 ? `T${i - 1}` : `T${i}`;
    const manager = i === 4 ? 'rsm-5' : i === 5 ? 'rsm-4' : 'hos';
    const own = duties.filter((_, d) => (i + d) % 6 !== 0);
    if (i % 5 === 0) own.push('Own the regional forecast and the budget');
    const text = [`charter: Team ${i}`, 'roles:', `  - id: rsm-${i}`, '    role: regional-sales-manager', `    scope: {region: ${region}}`, `    reports_to: ${manager}`, '    responsibilities:', ...own.map((d) => `      - ${d}`)];
    files.push({ path: `/org/teams/team-${String(i).padStart(2, '0')}.charter.yaml`, text: `${text.join('\n')}\n` });
  }
  return files;
}

test('an organization analysed edit after edit equals a fresh analysis (examples, random edits)', () => {
  let partial = 0;
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) partial += check(seed, 60, exampleFiles());
  assert.ok(partial > 8 * 60 * 0.5, `most updates are partial (${partial} of ${8 * 60})`);
});

test('the same over 40 team files, an org file with a region tree, cycles and shared regions', () => {
  let partial = 0;
  const seeds = process.env.CHARTER_STRESS_SEEDS ? Array.from({ length: Number(process.env.CHARTER_STRESS_SEEDS) }, (_, i) => 1000 + i) : [31, 32, 33, 34, 35, 36];
  for (const seed of seeds) partial += check(seed, 80, teamOrganization(40));
  assert.ok(partial > seeds.length * 80 * 0.5, `most updates are partial (${partial} of ${seeds.length * 80})`);
});

test('the same with rules switched off and severities changed between edits', () => {
  check(11, 60, exampleFiles(), [{ 'territory-overlap': 'off', 'missing-responsibility': 'error' }, undefined, { 'responsibility-overlap': 'off', 'schema': 'warning' }]);
});

test('the same with a large, chunk-parsed charter beside small ones', () => {
  const big = { path: '/org/big.charter.yaml', text: bigCharter(90) };
  check(21, 40, [...exampleFiles(), big]);
});

test('the reused analysis notices a one-character change in each kind of file', () => {
  // Sanity of the comparison itself: a change that alters findings is seen by both analyses.
  const files = exampleFiles();
  const cache = new core.FileCache();
  const before = summary(core.analyze({ files, cache }));
  const changed = files.map((f) => (f.path.endsWith('emea.charter.yaml') ? { ...f, text: f.text.replace('reports_to: hos', 'reports_to: hox') } : f));
  const after = core.analyze({ files: changed, cache });
  assert.notEqual(summary(after), before, 'the edit changes the findings');
  assert.equal(summary(after), summary(core.analyze({ files: changed })));
});
