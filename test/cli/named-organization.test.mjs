// SPEC §3 "Named files and globs": each named file belongs to the organization of its project root
// (the nearest .charterlintrc.yaml upward, found by real path, else the current folder); every
// charter under that root is read as context, only named charters are reported and fixed. So a
// pre-commit hook or lint-staged passing changed files gets exactly the findings of a full run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers.mjs';
import { project, run, runJson, describe, assertNoCrash, flat, filesOf } from './cli-util.mjs';

const EXAMPLES = path.join(repoRoot, 'examples');
const CHARTERS = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.charter.yaml')).sort();

/** The examples laid out as { rel: text }: flat (as shipped), or the organization at the top and teams in a folder. */
function examples({ config, teamsFolder }) {
  const files = {};
  for (const name of CHARTERS) {
    const rel = teamsFolder && name !== 'org.charter.yaml' ? `teams/${name}` : name;
    files[rel] = fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
  }
  if (config) files['.charterlintrc.yaml'] = fs.readFileSync(path.join(EXAMPLES, '.charterlintrc.yaml'), 'utf8');
  return files;
}

for (const layout of [
  { config: true, teamsFolder: false },
  { config: false, teamsFolder: false },
  { config: false, teamsFolder: true },
  { config: true, teamsFolder: true },
]) {
  const what = `${layout.config ? 'with' : 'without'} a config, ${layout.teamsFolder ? 'teams in a folder' : 'flat'}`;
  test(`examples (${what}): each charter named alone gets exactly the findings the full run gives it`, () => {
    const files = examples(layout);
    const dir = project(files);
    const full = runJson([], { cwd: dir });
    const names = Object.keys(files).filter((f) => f.endsWith('.charter.yaml')).sort();
    assert.deepEqual(filesOf(full.report), names);
    assert.ok(flat(full.report).length >= 10, 'the examples have findings to compare');
    for (const name of names) {
      const alone = runJson([name], { cwd: dir });
      assert.deepEqual(alone.report, full.report.filter((entry) => entry.file === name), `${name} named alone`);
      const fullErrors = flat(full.report).some((d) => d.file === name && d.severity === 'error');
      assert.equal(alone.r.status, fullErrors ? 1 : 0, describe(alone.r));
    }
    // Two files at once, as a pre-commit hook passes them.
    const two = names.slice(0, 2);
    const both = runJson(two, { cwd: dir });
    assert.deepEqual(both.report, full.report.filter((entry) => two.includes(entry.file)));
  });
}

test('examples named from a parent folder (as lint-staged runs from the repository root) get the findings of the full run', () => {
  const dir = project(Object.fromEntries(Object.entries(examples({ config: true })).map(([rel, text]) => [`examples/${rel}`, text])));
  const full = runJson(['examples'], { cwd: dir });
  const alone = runJson(['examples/emea.charter.yaml'], { cwd: dir });
  assert.deepEqual(alone.report, full.report.filter((entry) => entry.file === 'examples/emea.charter.yaml'));
});

test('--fix on a named charter fixes that file only; the other charters of its organization are context, byte-identical', () => {
  const files = examples({ config: false, teamsFolder: true });
  const dir = project(files);
  const r = run(['--fix', 'teams/apac.charter.yaml'], { cwd: dir });
  assertNoCrash(r);
  const after = (rel) => fs.readFileSync(path.join(dir, rel), 'utf8');
  assert.notEqual(after('teams/apac.charter.yaml'), files['teams/apac.charter.yaml'], 'the named charter had a safe fix');
  for (const rel of Object.keys(files)) if (rel !== 'teams/apac.charter.yaml') assert.equal(after(rel), files[rel], `${rel} is not written`);
});

test('a charter named through a symbolic link to a folder of the project is one file with its real path, not a duplicate of itself', () => {
  const files = examples({ config: true, teamsFolder: true });
  const dir = project(files);
  fs.symlinkSync(path.join(dir, 'teams'), path.join(dir, 'alias'));
  const full = runJson([], { cwd: dir });
  const viaLink = runJson(['alias/emea.charter.yaml'], { cwd: dir });
  assert.deepEqual(filesOf(viaLink.report), ['alias/emea.charter.yaml']);
  const strip = (report) => flat(report).map(({ file, related, ...d }) => d);
  assert.deepEqual(strip(viaLink.report), strip(full.report.filter((entry) => entry.file === 'teams/emea.charter.yaml')));
  assert.ok(!flat(viaLink.report).some((d) => d.rule === 'duplicate-role-id'), 'the linked file is not read twice');
});

test('a nested folder with its own config stays its own organization when a file of the outer one is named', () => {
  const files = examples({ config: false, teamsFolder: false });
  // The nested organization reuses the ids: it would be full of duplicate-role-id if it were context.
  for (const name of CHARTERS) files[`subsidiary/${name}`] = files[name];
  files['subsidiary/.charterlintrc.yaml'] = '';
  const dir = project(files);
  const full = runJson([], { cwd: dir });
  assert.ok(!flat(full.report).some((d) => d.rule === 'duplicate-role-id'), JSON.stringify(flat(full.report).map((d) => d.rule)));
  const alone = runJson(['emea.charter.yaml'], { cwd: dir });
  assert.deepEqual(alone.report, full.report.filter((entry) => entry.file === 'emea.charter.yaml'));
});
