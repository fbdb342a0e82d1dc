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
function edit(files, next) {
  const index = next(files.length);
  const lines = files[index].text.split('\n');
  const at = next(lines.length);
  const kind = next(5);
  if (kind === 0) lines[at] = POOL[next(POOL.length)];
  else if (kind === 1) lines.splice(at, 0, POOL[next(POOL.length)]);
  else if (kind === 2) lines.splice(at, 1);
  else if (kind === 3) {
    // A rename across the organization, as the editor's rename does (or half of one).
    const from = ['EMEA', 'APAC', 'Americas', 'hos'][next(4)];
    const to = `${from}${next(3)}`;
    for (const file of files.slice(0, 1 + next(files.length))) file.text = file.text.split(from).join(to);
    return;
  } else {
    // A file comes or goes.
    if (files.length > 1 && next(2) === 0) files.splice(index, 1);
    else files.push({ path: `/org/new-${next(1000)}.charter.yaml`, text: `charter: New\nroles:\n  - id: rsm-new\n    role: regional-sales-manager\n    scope: {region: APAC}\n    reports_to: hos\n` });
    return;
  }
  files[index] = { path: files[index].path, text: lines.join('\n') };
}

function check(seed, edits, initial, settings) {
  const next = random(seed);
  const files = initial.map((file) => ({ ...file }));
  const cache = new core.FileCache();
  for (let i = 0; i < edits; i++) {
    edit(files, next);
    const rules = Array.isArray(settings) ? settings[i % settings.length] : settings;
    const kept = core.analyze({ files: files.map((f) => ({ ...f })), cache, rules });
    const fresh = core.analyze({ files: files.map((f) => ({ ...f })), rules });
    assert.equal(summary(kept), summary(fresh), `seed ${seed}, edit ${i}: the analysis reusing earlier work differs from a fresh one`);
  }
}

test('an organization analysed edit after edit equals a fresh analysis (examples, random edits)', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) check(seed, 60, exampleFiles());
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
