// SPEC §1/§2 "Organization": the charter files under one project root form one organization (ids,
// regions and external ids shared); SPEC §3: no paths = the current folder, recursively, by the
// configured globs (default **/*.charter.{yaml,yml}).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { project, runJson, describe, flat, filesOf, rulesOf, where, cleanCharter, list, yaml, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from './cli-util.mjs';

const HEAD = yaml`
  charter: Acme Sales
  regions:
    - EMEA: [DACH, Nordics]
    - APAC
  external: [ceo]
  roles:
    - id: hos
      role: head-of-sales
      scope: organization
      reports_to: ceo
      responsibilities: ${list(HOS_RESPONSIBILITIES)}
`;

const rsm = (id, region, reportsTo = 'hos') => `  - id: ${id}\n    role: regional-sales-manager\n    scope: {region: ${region}}\n    reports_to: ${reportsTo}\n    responsibilities: ${list(RSM_RESPONSIBILITIES)}\n`;

test('roles in one file may report to a role and use regions declared in another file', () => {
  const dir = project({
    'hq.charter.yaml': HEAD,
    'regions/emea.charter.yaml': `charter: Acme Sales\nroles:\n${rsm('rsm-emea', 'EMEA')}`,
    'regions/apac.charter.yml': `charter: Acme Sales\nroles:\n${rsm('rsm-apac', 'APAC')}`,
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(filesOf(report), ['hq.charter.yaml', 'regions/apac.charter.yml', 'regions/emea.charter.yaml']);
  assert.deepEqual(flat(report).map((d) => `${d.file} ${d.rule}`), []);
  assert.equal(r.status, 0, describe(r));
});

test('external ids declared in one file serve reports_to in another', () => {
  const dir = project({
    'a.charter.yaml': 'charter: Acme Sales\nexternal: [board]\n',
    'b.charter.yaml': HEAD.replace('external: [ceo]\n', '').replace('reports_to: ceo', 'reports_to: board').replace(/regions:[\s\S]*?(?=roles:)/, ''),
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(flat(report).map((d) => `${d.file} ${d.rule}`), []);
  assert.equal(r.status, 0, describe(r));
});

test('naming one file of an organization still resolves ids and regions from the other files under its root', () => {
  // SPEC §2: "The charter files under one project root form one organization", whatever the command line names.
  const dir = project({
    'hq.charter.yaml': HEAD,
    'emea.charter.yaml': `charter: Acme Sales\nroles:\n${rsm('rsm-emea', 'EMEA')}${rsm('rsm-apac', 'APAC')}`,
  });
  const all = runJson([], { cwd: dir });
  assert.deepEqual(rulesOf(all.report), []);
  const { r, report } = runJson(['emea.charter.yaml'], { cwd: dir });
  assert.ok(filesOf(report).includes('emea.charter.yaml'), filesOf(report).join());
  assert.deepEqual(where(report, 'unknown-reference'), [], 'reports_to: hos resolves to the role in hq.charter.yaml');
  assert.deepEqual(where(report, 'unknown-region'), [], 'EMEA and APAC are declared in hq.charter.yaml');
  assert.equal(r.status, 0, describe(r));
});

test('a duplicate role id across two files is reported in both files, each pointing to the other', () => {
  const a = HEAD + rsm('rsm-emea', 'EMEA') + rsm('rsm-apac', 'APAC');
  const b = `charter: Acme Sales\nregions: [LATAM]\nroles:\n${rsm('rsm-emea', 'LATAM')}`;
  const dir = project({ 'a.charter.yaml': a, 'teams/b.charter.yaml': b });
  const { r, report } = runJson([], { cwd: dir });
  const pos = (text) => {
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('id: rsm-emea'));
    const character = lines[line].indexOf('rsm-emea');
    return { start: { line, character }, end: { line, character: character + 'rsm-emea'.length } };
  };
  const dups = flat(report).filter((d) => d.rule === 'duplicate-role-id');
  assert.deepEqual(dups.map((d) => d.file), ['a.charter.yaml', 'teams/b.charter.yaml']);
  const [inA, inB] = dups;
  assert.equal(inA.severity, 'error');
  assert.deepEqual(inA.range, pos(a));
  assert.deepEqual(inB.range, pos(b));
  assert.ok(inA.related.some((rel) => rel.file === 'teams/b.charter.yaml' && JSON.stringify(rel.range) === JSON.stringify(pos(b))), JSON.stringify(inA.related));
  assert.ok(inB.related.some((rel) => rel.file === 'a.charter.yaml' && JSON.stringify(rel.range) === JSON.stringify(pos(a))), JSON.stringify(inB.related));
  for (const d of dups) for (const rel of d.related) assert.ok(rel.message.length > 0);
  assert.equal(r.status, 1, describe(r));
});

test('related file paths are relative to the cwd too', () => {
  const a = HEAD + rsm('rsm-emea', 'EMEA') + rsm('rsm-apac', 'APAC');
  const b = `charter: Acme Sales\nregions: [LATAM]\nroles:\n${rsm('rsm-emea', 'LATAM')}`;
  const root = project({ 'org/a.charter.yaml': a, 'org/teams/b.charter.yaml': b, 'org/.charterlintrc.yaml': '' });
  const { report } = runJson(['org'], { cwd: root });
  const dups = flat(report).filter((d) => d.rule === 'duplicate-role-id');
  assert.deepEqual(dups.map((d) => [d.file, d.related.map((rel) => rel.file)]), [
    ['org/a.charter.yaml', ['org/teams/b.charter.yaml']],
    ['org/teams/b.charter.yaml', ['org/a.charter.yaml']],
  ]);
});

test('folders with their own .charterlintrc.yaml are separate organizations', () => {
  const root = project({
    'north/.charterlintrc.yaml': '',
    'north/hq.charter.yaml': HEAD + rsm('rsm-emea', 'EMEA') + rsm('rsm-apac', 'APAC'),
    'south/.charterlintrc.yaml': '',
    'south/hq.charter.yaml': HEAD.replace('reports_to: ceo', 'reports_to: hos-north') + rsm('rsm-emea', 'EMEA') + rsm('rsm-apac', 'APAC'),
  });
  const { r, report } = runJson([], { cwd: root });
  assert.deepEqual(filesOf(report), ['north/hq.charter.yaml', 'south/hq.charter.yaml']);
  // Same ids in both organizations are not duplicates; an id of one is unknown in the other.
  assert.deepEqual(flat(report).map((d) => `${d.file} ${d.rule}`), ['south/hq.charter.yaml unknown-reference']);
  assert.equal(r.status, 1, describe(r));
});

// ── discovery ──────────────────────────────────────────────────────────────────────────────────

test('no paths: the current folder, recursively, **/*.charter.{yaml,yml}; other YAML and node_modules skipped', () => {
  const broken = 'charter: [this would be a yaml-syntax error\n';
  const dir = project({
    'org.charter.yaml': HEAD + rsm('rsm-emea', 'EMEA') + rsm('rsm-apac', 'APAC'),
    'teams/deep/er/nordics.charter.yml': 'charter: Acme Sales\n',
    'teams/readme.yaml': broken,
    'teams/team.yml': broken,
    'charter.yaml': broken,
    'org.charter.yaml.bak': broken,
    'org.charter.json': '{}',
    'model.roles.yaml': broken,
    'node_modules/pkg/vendor.charter.yaml': broken,
    'teams/node_modules/x.charter.yml': broken,
  });
  const { r, report } = runJson([], { cwd: dir });
  assert.deepEqual(filesOf(report), ['org.charter.yaml', 'teams/deep/er/nordics.charter.yml']);
  assert.deepEqual(rulesOf(report), []);
  assert.equal(r.status, 0, describe(r));
});

test('a folder argument is searched recursively with the same globs', () => {
  const root = project({
    'sales/org.charter.yaml': HEAD + rsm('rsm-emea', 'EMEA') + rsm('rsm-apac', 'APAC'),
    'sales/x/y.charter.yml': 'charter: Acme Sales\n',
    'sales/x/notes.yaml': 'charter: [broken\n',
    'elsewhere/z.charter.yaml': 'charter: [broken\n',
  });
  const { r, report } = runJson(['sales'], { cwd: root });
  assert.deepEqual(filesOf(report), ['sales/org.charter.yaml', 'sales/x/y.charter.yml']);
  assert.equal(r.status, 0, describe(r));
  const fromInside = runJson(['.'], { cwd: path.join(root, 'sales') });
  assert.deepEqual(filesOf(fromInside.report), ['org.charter.yaml', 'x/y.charter.yml']);
});

test('a glob argument selects the matching files', () => {
  const dir = project({
    'a.charter.yaml': cleanCharter(),
    'teams/b.charter.yml': 'charter: Acme Sales\n',
    'teams/c.charter.yaml': 'charter: [broken\n',
  });
  const { r, report } = runJson(['**/*.charter.yml'], { cwd: dir });
  assert.deepEqual(filesOf(report), ['teams/b.charter.yml']);
  assert.equal(r.status, 0, describe(r));
});

test('a file named twice (directly and through its folder) is linted and listed once', () => {
  const dir = project({ 'org.charter.yaml': cleanCharter() });
  const { r, report } = runJson(['org.charter.yaml', '.', './org.charter.yaml'], { cwd: dir });
  assert.deepEqual(report, [{ file: 'org.charter.yaml', diagnostics: [] }]);
  assert.equal(r.status, 0, describe(r));
});
