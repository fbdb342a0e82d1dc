// --stdin and --stdin-filename: the text of an unsaved buffer, linted as the file it stands for in
// its organization (the other charters read from disk); --fix prints the fixed text, writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument, commentsOf } from '../helpers.mjs';
import { tmp, write, run, describe, assertNoCrash, assertUsageError, flat, list, yaml, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from './cli-util.mjs';
import { runWith } from './spawn-util.mjs';

const ORG = {
  'org.charter.yaml': yaml`
    charter: Acme Sales
    regions: [EMEA, APAC]
    external: [ceo]
    roles:
      - id: hos
        role: head-of-sales
        scope: organization
        reports_to: ceo
        responsibilities: ${list(HOS_RESPONSIBILITIES)}
  `,
  'teams/apac.charter.yaml': rsm('apac', 'APAC'),
  'teams/emea.charter.yaml': rsm('emea', 'EMEA'),
};

function rsm(id, region, responsibilities = list(RSM_RESPONSIBILITIES)) {
  return `charter: Acme Sales - ${region}\nroles:\n  - id: rsm-${id}\n    role: regional-sales-manager\n    scope: {region: ${region}}\n    reports_to: hos\n    responsibilities: ${responsibilities}\n`;
}

/** EMEA's team file as an editor holds it: a comment, a repeated id, a free-text duty. */
const EDITED = yaml`
  charter: Acme Sales - EMEA
  roles:
    - id: rsm-emea   # our EMEA lead
      role: regional-sales-manager
      scope: {region: EMEA}
      reports_to: hos
      responsibilities:
        - regional-sales-plan
        - regional-team-leadership
        - key-account-relationships
        - regional-market-insights
        - regional-market-insights   # pasted twice
        - Grow new business in the region
`;

const snapshot = (dir) => Object.fromEntries(fs.readdirSync(dir, { recursive: true }).sort().map((f) => [f, fs.statSync(path.join(dir, f)).isFile() ? fs.readFileSync(path.join(dir, f), 'utf8') : '/']));
const json = (r) => {
  assertNoCrash(r);
  return JSON.parse(r.stdout);
};

test('--stdin-filename: the text is linted as that file of its organization, exactly as if it were on disk', () => {
  const dir = write(tmp(), ORG);
  const before = snapshot(dir);
  const r = runWith(['--stdin', '--stdin-filename', 'teams/emea.charter.yaml', '--format', 'json'], { cwd: dir, input: EDITED });
  const report = json(r);
  assert.deepEqual(report.map((e) => e.file), ['teams/emea.charter.yaml'], 'only the stdin file is reported');
  const rules = flat(report).map((d) => d.rule).sort();
  assert.deepEqual(rules, ['duplicate-responsibility', 'non-canonical-responsibility'], describe(r));
  // The same text on disk gives the same report.
  const disk = write(tmp(), { ...ORG, 'teams/emea.charter.yaml': EDITED });
  assert.deepEqual(report, json(run(['teams/emea.charter.yaml', '--format', 'json'], { cwd: disk })));
  assert.deepEqual(snapshot(dir), before, 'nothing written');
  assert.equal(r.status, 0, describe(r));
});

test('--stdin-filename: a file not on disk yet is linted where it would be, with the organization as context', () => {
  const dir = write(tmp(), ORG);
  // A second manager for EMEA in a new, unsaved file: two managers hold EMEA with rsm-emea (read from disk), and
  // reports_to hos resolves through org.charter.yaml.
  const r = runWith(['--stdin', '--stdin-filename', 'teams/new/emea2.charter.yaml', '--format', 'json'], { cwd: dir, input: rsm('emea2', 'EMEA') });
  const report = json(r);
  assert.deepEqual(report.map((e) => e.file), ['teams/new/emea2.charter.yaml']);
  const rules = flat(report).map((d) => d.rule);
  assert.ok(rules.includes('too-many-holders'), describe(r)); // rsm-emea is in a file on disk
  assert.ok(!rules.includes('unknown-reference'), describe(r));
  assert.equal(fs.existsSync(path.join(dir, 'teams/new')), false, 'nothing created');
});

test('--stdin --fix: stdout is the fixed text (the same as --fix on disk writes), comments kept; nothing is written', () => {
  const dir = write(tmp(), ORG);
  const before = snapshot(dir);
  const r = runWith(['--stdin', '--stdin-filename', 'teams/emea.charter.yaml', '--fix'], { cwd: dir, input: EDITED });
  assertNoCrash(r);
  assert.deepEqual(snapshot(dir), before, 'nothing written');
  const fixed = r.stdout;
  assert.notEqual(fixed, EDITED, 'the safe fixes were applied');
  const doc = parseDocument(fixed);
  assert.deepEqual(doc.errors, []);
  const duties = doc.toJS().roles[0].responsibilities;
  assert.equal(duties.filter((d) => d === 'regional-market-insights').length, 1, 'the repeated id is gone');
  assert.ok(duties.some((d) => d && d.id === 'regional-business-development' && d.note === 'Grow new business in the region'), fixed);
  assert.deepEqual(commentsOf(fixed), commentsOf(EDITED), 'every comment is kept');
  // --fix on disk writes the same text.
  const disk = write(tmp(), { ...ORG, 'teams/emea.charter.yaml': EDITED });
  const written = run(['teams/emea.charter.yaml', '--fix'], { cwd: disk });
  assert.equal(fixed, fs.readFileSync(path.join(disk, 'teams/emea.charter.yaml'), 'utf8'));
  assert.equal(r.status, written.status);
});

test('--stdin --fix keeps the text\'s CRLF line breaks and byte order mark; with nothing to fix it prints the text as given', () => {
  const dir = write(tmp(), ORG);
  const crlf = `\uFEFF${EDITED.replace(/\n/g, '\r\n')}`;
  const r = runWith(['--stdin', '--stdin-filename', 'teams/emea.charter.yaml', '--fix'], { cwd: dir, input: crlf });
  assert.ok(r.stdout.startsWith('\uFEFF'), describe(r));
  assert.ok(!/[^\r]\n/.test(r.stdout), 'every line break is CRLF');
  const clean = rsm('emea', 'EMEA');
  const same = runWith(['--stdin', '--stdin-filename', 'teams/emea.charter.yaml', '--fix'], { cwd: dir, input: clean });
  assert.equal(same.stdout, clean);
  assert.equal(same.status, 0);
});

test('--stdin --fix with --output: the fixed text on stdout, the report in the file', () => {
  const dir = write(tmp(), ORG);
  const r = runWith(['--stdin', '--stdin-filename', 'teams/emea.charter.yaml', '--fix', '--format', 'json', '--output', 'report.json'], { cwd: dir, input: EDITED });
  assertNoCrash(r);
  assert.ok(r.stdout.startsWith('charter: Acme Sales - EMEA'), describe(r));
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
  assert.deepEqual(report.map((e) => e.file), ['teams/emea.charter.yaml']);
  assert.deepEqual(flat(report), [], 'what remains after the fixes: nothing');
});

test('--stdin without --stdin-filename: a charter on its own named <stdin>; the folder\'s charters are not read', () => {
  const dir = write(tmp(), ORG);
  const r = runWith(['--stdin', '--format', 'json'], { cwd: dir, input: rsm('emea', 'EMEA') });
  const report = json(r);
  assert.deepEqual(report.map((e) => e.file), ['<stdin>']);
  const rules = flat(report).map((d) => d.rule);
  // Alone, hos and the regions are unknown.
  assert.ok(rules.includes('unknown-reference'), describe(r));
  assert.ok(rules.includes('unknown-region'), describe(r));
  assert.equal(r.status, 1);
  const stylish = runWith(['--stdin'], { cwd: dir, input: rsm('emea', 'EMEA') });
  assert.match(stylish.stdout, /^<stdin>$/m);
});

test('--stdin without --stdin-filename uses the current folder\'s config', () => {
  const dir = write(tmp(), { '.charterlintrc.yaml': 'rules:\n  unknown-reference: off\n  unknown-region: off\n  unowned-responsibility: off\n' });
  const report = json(runWith(['--stdin', '--format', 'json'], { cwd: dir, input: rsm('emea', 'EMEA') }));
  assert.deepEqual(flat(report).map((d) => d.rule), []);
});

test('--stdin-filename naming a non-charter: skipped with a warning; --fix prints the text unchanged', () => {
  const dir = write(tmp(), ORG);
  const text = 'name: ci\non: push\n';
  const r = runWith(['--stdin', '--stdin-filename', '.github/workflows/ci.yml', '--fix'], { cwd: dir, input: text });
  assert.equal(r.status, 0, describe(r));
  assert.equal(r.stdout, text);
  assert.match(r.stderr, /ci\.yml: not a charter file, skipped/);
  const ignored = write(tmp(), { ...ORG, '.charterlintrc.yaml': "ignores: ['drafts/**']\n" });
  const skipped = runWith(['--stdin', '--stdin-filename', 'drafts/x.charter.yaml', '--format', 'json'], { cwd: ignored, input: EDITED });
  assert.equal(skipped.status, 0, describe(skipped));
  assert.deepEqual(JSON.parse(skipped.stdout), []);
  assert.match(skipped.stderr, /drafts\/x\.charter\.yaml: ignored by/);
});

test('--stdin-filename naming a role model: checked as a role model', () => {
  const dir = write(tmp(), ORG);
  const r = runWith(['--stdin', '--stdin-filename', 'models/our.roles.yaml', '--format', 'json'], { cwd: dir, input: 'model: x\nroles: 3\n' });
  const report = json(r);
  assert.deepEqual(report.map((e) => e.file), ['models/our.roles.yaml']);
  assert.ok(flat(report).length > 0 && flat(report).every((d) => d.rule === 'invalid-model'), describe(r));
});

test('--stdin usage errors: one line, exit 2', () => {
  const dir = write(tmp(), ORG);
  assertUsageError(runWith(['--stdin-filename', 'org.charter.yaml'], { cwd: dir }), /--stdin-filename .*needs --stdin/);
  assertUsageError(runWith(['--stdin', 'org.charter.yaml'], { cwd: dir, input: 'x: 1\n' }), /name no paths/);
  assertUsageError(runWith(['--stdin', '--stdin-filename', 'teams'], { cwd: dir, input: 'x: 1\n' }), /teams is a folder/);
  assertUsageError(runWith(['--stdin', '--stdin-filename='], { cwd: dir, input: 'x: 1\n' }), /needs a path/);
});

test('--stdin larger than a charter may be: one line, exit 2 (the reader stops at the cap)', async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { repoRoot } = await import('../helpers.mjs');
  const { main } = require(path.join(repoRoot, 'server/out/cli/main.js'));
  const { MAX_CHARTER_BYTES } = require(path.join(repoRoot, 'server/out/node/read.js'));
  const dir = write(tmp(), ORG);
  let asked;
  const out = [];
  const err = [];
  const env = { ...process.env };
  const status = await main(['--stdin', '--stdin-filename', 'org.charter.yaml'], {
    cwd: dir,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    isTTY: false,
    env: {},
    readStdin: async (max) => {
      asked = max;
      return undefined;
    },
  });
  process.env = env; // main() snapshots the environment
  assert.equal(status, 2);
  assert.equal(asked, MAX_CHARTER_BYTES);
  assert.deepEqual(out, []);
  assert.deepEqual(err, ['charter-lint: stdin is larger than 32 MB, the limit for a charter\n']);
});
