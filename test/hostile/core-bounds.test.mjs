// Bounded work on hostile input in the analysis core (issue #11, deliverable 4): each case runs
// analyze() in a child `node --max-old-space-size=1024`, so running out of memory or hanging fails
// the test (exit status, time limit) instead of the suite. Time bounds are on the CPU time the
// analysis uses (the work done, whatever else loads the machine); the wall clock has a generous
// hard limit. Build first: `npx tsc -b`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { core, tempDir, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const CORE_PATH = require.resolve('../../server/out/core/index.js');
const HOS = `[${HOS_RESPONSIBILITIES.join(', ')}]`;
const RSM = `[${RSM_RESPONSIBILITIES.join(', ')}]`;

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────

/** Analyses the files named in a job file; prints a summary of the findings as JSON. */
const CHILD = `
const fs = require('node:fs');
const core = require(process.argv[1]);
const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const files = job.files.map(({ path, file }) => ({ path, text: fs.readFileSync(file, 'utf8') }));
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = core.analyze({ files, ...(job.rules ? { rules: job.rules } : {}) });
const cpuUsed = process.cpuUsage(cpuStart);
const cpu = Math.round((cpuUsed.user + cpuUsed.system) / 1000);
const elapsed = Math.round(performance.now() - start);
const byFile = {};
let outputChars = 0, maxMessage = 0, maxRelated = 0, count = 0;
for (const [file, list] of result.findings) {
  byFile[file] = {};
  for (const f of list) {
    count++;
    const size = f.message.length + f.related.reduce((n, r) => n + r.message.length + r.file.length + 16, 0);
    outputChars += size;
    maxMessage = Math.max(maxMessage, f.message.length);
    maxRelated = Math.max(maxRelated, f.related.length);
    (byFile[file][f.rule] ??= []).push(job.full ? { message: f.message, range: f.range, related: f.related } : undefined);
  }
  for (const rule of Object.keys(byFile[file])) {
    const all = byFile[file][rule];
    byFile[file][rule] = { count: all.length, sample: job.full ? all : [] };
  }
}
const samples = {};
for (const [file, list] of result.findings) for (const f of list) if (!(f.rule in samples)) samples[f.rule] = { file, message: f.message.slice(0, 500), related: f.related.slice(0, 3) };
process.stdout.write(JSON.stringify({ elapsed, cpu, count, outputChars, maxMessage, maxRelated, byFile, samples, heapMb: Math.round(process.memoryUsage().heapUsed / 1048576), rssMb: Math.round(process.memoryUsage().rss / 1048576) }));
`;

/**
 * Writes `files` ({ path: text }) to a temp folder and analyses them in a child process with a
 * 1 GB heap; fails when the child does not exit 0 within `limitMs` (out of memory, hang, throw).
 */
function analyzeInChild(t, files, { limitMs, full = false, rules }) {
  const dir = tempDir('cl-bounds-');
  const job = { full, rules, files: Object.entries(files).map(([p, text], i) => ({ path: p, file: path.join(dir, `${i}.yaml`) })) };
  Object.values(files).forEach((text, i) => fs.writeFileSync(job.files[i].file, text));
  const jobFile = path.join(dir, 'job.json');
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const started = Date.now();
  const child = spawnSync(process.execPath, ['--max-old-space-size=1024', '-e', CHILD, CORE_PATH, jobFile], { encoding: 'utf8', timeout: limitMs, maxBuffer: 64 * 1024 * 1024 });
  const wall = Date.now() - started;
  assert.equal(child.signal, null, `the analysis was killed (${child.signal}) after ${wall} ms (limit ${limitMs} ms)`);
  assert.equal(child.status, 0, `the analysis exited with ${child.status}:\n${child.stderr.slice(0, 2000)}`);
  const result = JSON.parse(child.stdout);
  result.wall = wall;
  // Measured bounds, for docs/reliability.md (node --test prints diagnostics with the results).
  t.diagnostic(`cpu ${result.cpu} ms, wall ${result.elapsed} ms, heap ${result.heapMb} MB, rss ${result.rssMb} MB, ${result.count} findings, ${result.outputChars} chars`);
  return result;
}

const countOf = (result, file, rule) => result.byFile[file]?.[rule]?.count ?? 0;

/** A small organization with known findings; hostile files sit beside it. */
const OK_FILE = [
  'charter: Acme Sales',
  'regions: [EMEA]',
  'external: [ceo]',
  'roles:',
  '  - id: hos',
  '    role: head-of-sales',
  '    scope: organization',
  '    reports_to: ceo',
  `    responsibilities: ${HOS}`,
  '  - id: rsm-emea',
  '    role: regional-sales-manger',
  '    scope: {region: EMAE}',
  '    reports_to: hos',
  `    responsibilities: ${RSM}`,
  '  - id: rsm-x',
  '    role: regional-sales-manager',
  '    scope: {region: EMEA}',
  '    reports_to: hoss',
  `    responsibilities: ${RSM}`,
  '',
].join('\n');

/** Findings of OK_FILE when it is the organization's only file (what hostile neighbours must not change). */
function okFindings() {
  const result = core.analyze({ files: [{ path: 'a.charter.yaml', text: OK_FILE }] });
  return result.findings.get('a.charter.yaml').map((f) => ({ rule: f.rule, message: f.message, range: f.range }));
}

// ── 1. did-you-mean on huge names ────────────────────────────────────────────────────────────────

test('did-you-mean on 40,000-character ids, role types and regions (near misses of as long candidates): < 5 s of CPU under a 1 GB heap', (t) => {
  const long = 'a'.repeat(40_000);
  const text = [
    'charter: Acme Sales',
    `regions: [EMEA, ${'E'.repeat(40_000)}]`,
    'external: [ceo]',
    'roles:',
    `  - id: ${long}`,
    '    role: head-of-sales',
    '    scope: organization',
    '    reports_to: ceo',
    `    responsibilities: ${HOS}`,
    '  - id: r2',
    '    role: regional-sales-manager',
    `    scope: {region: ${'E'.repeat(39_999)}F}`,
    `    reports_to: ${long}b`,
    `    responsibilities: ${RSM}`,
    '  - id: r3',
    `    role: ${'regional-sales-manager'.repeat(1800)}`,
    '    scope: {region: EMEA}',
    `    reports_to: ${long.slice(1)}c`,
    '  - id: r4',
    '    role: regional-sales-manager',
    '    scope: {region: EMEA}',
    '    reports_to: ceoo',
    `    responsibilities: ${RSM}`,
    '',
  ].join('\n');
  assert.ok(text.length > 200_000);
  const result = analyzeInChild(t, { 'org.charter.yaml': text }, { limitMs: 60_000, full: true });
  assert.ok(result.cpu < 5_000, `took ${result.cpu} ms of CPU`);
  const references = result.byFile['org.charter.yaml']['unknown-reference'].sample;
  // The huge near miss gets no suggestion; the ordinary typo beside it keeps its did-you-mean.
  assert.equal(references.length, 2, JSON.stringify(references.map((r) => r.message.slice(0, 80))));
  assert.ok(references.some((r) => r.message.startsWith(`reports_to "${long.slice(0, 80)}…" is neither`) && !r.message.includes('Did you mean')));
  assert.ok(references.some((r) => r.message.endsWith('Did you mean "ceo"?')));
  assert.equal(countOf(result, 'org.charter.yaml', 'unknown-role-type'), 1);
  assert.equal(countOf(result, 'org.charter.yaml', 'unknown-region'), 1);
});

// ── 2. Reporting cycles ──────────────────────────────────────────────────────────────────────────

/** `n` Regional Sales Managers of one region each, over `files` files, reporting in one cycle (no duties listed, to keep the files small). */
function cycleFiles(n, files) {
  const perFile = n / files;
  const out = {};
  for (let f = 0; f < files; f++) {
    const lines = [`charter: Acme part ${f}`, 'regions:'];
    for (let i = f * perFile; i < (f + 1) * perFile; i++) lines.push(`  - R${i}`);
    lines.push('roles:');
    for (let i = f * perFile; i < (f + 1) * perFile; i++) {
      lines.push(`  - {id: r${i}, role: regional-sales-manager, scope: {region: R${i}}, reports_to: r${(i + 1) % n}}`);
    }
    out[`part-${String(f).padStart(2, '0')}.charter.yaml`] = `${lines.join('\n')}\n`;
  }
  return out;
}

test('a 10,000-role reporting cycle over 10 files: < 10 s of CPU under a 1 GB heap, one finding per role naming at most 3 others with at most 20 related (output linear)', (t) => {
  const result = analyzeInChild(t, cycleFiles(10_000, 10), { limitMs: 90_000 });
  assert.ok(result.cpu < 10_000, `took ${result.cpu} ms of CPU`);
  let cycles = 0;
  for (const file of Object.keys(result.byFile)) cycles += countOf(result, file, 'reporting-cycle');
  assert.equal(cycles, 10_000);
  assert.ok(result.maxRelated <= 20, `a finding lists ${result.maxRelated} related locations`);
  assert.ok(result.maxMessage < 400, `a message is ${result.maxMessage} characters long`);
  // Linear: a bounded size per finding (10,000 cycle findings and a few per role besides).
  assert.ok(result.outputChars < result.count * 1_500, `${result.outputChars} characters for ${result.count} findings`);
  const sample = result.samples['reporting-cycle'];
  assert.match(sample.message, /^Reporting cycle of 10000 roles: r\d+ → r\d+ → r\d+ → r\d+ → … → r\d+\.$/);
});

// ── 3. Duplicate ids ─────────────────────────────────────────────────────────────────────────────

test('5,000 roles sharing one id across 5 files: < 10 s of CPU under a 1 GB heap, at most 20 related per finding (output linear)', (t) => {
  const files = {};
  for (let f = 0; f < 5; f++) {
    const lines = [`charter: Acme part ${f}`, ...(f === 0 ? ['regions: [EMEA]', 'external: [ceo]'] : []), 'roles:'];
    for (let i = 0; i < 1000; i++) lines.push('  - {id: same, role: regional-sales-manager, scope: {region: EMEA}, reports_to: ceo}');
    files[`part-${f}.charter.yaml`] = `${lines.join('\n')}\n`;
  }
  const result = analyzeInChild(t, files, { limitMs: 90_000 });
  assert.ok(result.cpu < 10_000, `took ${result.cpu} ms of CPU`);
  let duplicates = 0;
  for (const file of Object.keys(files)) duplicates += countOf(result, file, 'duplicate-role-id');
  assert.equal(duplicates, 5_000);
  assert.ok(result.maxRelated <= 20, `a finding lists ${result.maxRelated} related locations`);
  assert.ok(result.outputChars < result.count * 1_500, `${result.outputChars} characters for ${result.count} findings`);
  assert.equal(result.samples['duplicate-role-id'].message, 'Role id "same" is used by 5000 roles; ids must be unique across the organization.');
});

// ── 4. Free text behind an alias, multiplied ─────────────────────────────────────────────────────

const PHRASES = [
  'Own the annual sales budget',
  'Coach the regional reps every week',
  'Forecast revenue and manage the pipeline',
  'Build relationships with key accounts in the region',
  'Report performance to the board',
  'Hire and onboard new account executives',
  'Align with marketing on campaigns',
];

/** One anchored list of `entries` free-text duties, aliased as the responsibilities of `roles` roles. */
function aliasedFreeText(entries, roles) {
  const list = Array.from({ length: entries }, (_, i) => `  - ${PHRASES[i % PHRASES.length]} for segment ${i} of the plan, quarterly`).join('\n');
  const items = Array.from({ length: roles }, (_, i) => `  - {id: r${i}, role: head-of-sales, responsibilities: *duties}`).join('\n');
  return `charter: Acme Sales\nexternal: [ceo]\nshared: &duties\n${list}\nroles:\n${items}\n`;
}

test('a 254 KB charter whose free-text list is aliased by 2,000 roles: refused by the alias guard before any matching, < 5 s of CPU under a 1 GB heap', (t) => {
  const text = aliasedFreeText(1_580, 2_000);
  assert.ok(text.length > 250_000 && text.length < 260_000, `${text.length} characters`);
  const result = analyzeInChild(t, { 'a.charter.yaml': OK_FILE, 'big.charter.yaml': text }, { limitMs: 60_000, full: true });
  assert.ok(result.cpu < 5_000, `took ${result.cpu} ms of CPU`);
  const syntax = result.byFile['big.charter.yaml']['yaml-syntax'].sample;
  assert.equal(syntax.length, 1);
  assert.match(syntax[0].message, /^YAML syntax error: aliases in this file expand to too much content/);
  assert.deepEqual(Object.keys(result.byFile['big.charter.yaml']), ['yaml-syntax']);
  // The other file is analysed as if the refused one held nothing.
  const other = Object.values(result.byFile['a.charter.yaml']).flatMap((r) => r.sample.map((f) => f.message)).sort();
  assert.deepEqual(other, okFindings().map((f) => f.message).sort());
});

test('600 roles aliasing one 100-entry free-text list (under the alias guard): each text matched once, < 5 s of CPU under a 1 GB heap', (t) => {
  const text = aliasedFreeText(100, 600);
  const result = analyzeInChild(t, { 'big.charter.yaml': text }, { limitMs: 60_000 });
  assert.ok(result.cpu < 5_000, `took ${result.cpu} ms of CPU`);
  assert.equal(countOf(result, 'big.charter.yaml', 'yaml-syntax'), 0);
  // The texts are read and matched for every role: matched ones are findings of each role.
  assert.ok(countOf(result, 'big.charter.yaml', 'non-canonical-responsibility') + countOf(result, 'big.charter.yaml', 'unknown-responsibility') > 600);
});

test('alias guard boundaries: 999 aliases are read, 1,001 refused on the 1,001st; an alias inside its own anchor refused; a redefined anchor resolves to the latest', () => {
  const roles = (n) => Array.from({ length: n }, (_, i) => `  - {id: r${i}, role: regional-sales-manager, scope: *emea, reports_to: ceo, responsibilities: ${RSM}}`).join('\n');
  const org = (n) => `charter: Acme\nregions: [EMEA, APAC]\nexternal: [ceo]\nscopes: [&emea {region: EMEA}]\nroles:\n${roles(n)}\n`;
  const read = core.analyze({ files: [{ path: 'a.charter.yaml', text: org(999) }] }).findings.get('a.charter.yaml');
  assert.deepEqual(read.filter((f) => f.rule === 'yaml-syntax'), []);
  assert.ok(read.some((f) => f.rule === 'too-many-holders'), 'the roles were read through the alias');
  const refused = core.analyze({ files: [{ path: 'a.charter.yaml', text: org(1001) }] }).findings.get('a.charter.yaml');
  assert.deepEqual(refused.map((f) => f.rule), ['yaml-syntax']);
  assert.equal(refused[0].range.start.line, 5 + 1000, 'on the 1,001st alias');
  assert.match(refused[0].message, /^YAML syntax error: aliases in this file expand to too much content \(more than 1000 aliases, or more than 100000 items copied by them\); the file is not read$/);
  // The limit is on what aliases copy in, not on the file's own size: a large file with one alias is read.
  const large = `charter: Acme\nregions: [EMEA]\nexternal: [ceo]\nnotes: [${'x, '.repeat(110_000)}x]\nscopes: [&emea {region: EMEA}]\nroles:\n${roles(1)}\n`;
  const largeFindings = core.analyze({ files: [{ path: 'a.charter.yaml', text: large }] }).findings.get('a.charter.yaml');
  assert.deepEqual(largeFindings.filter((f) => f.rule === 'yaml-syntax'), []);
  const recursive = core.analyze({ files: [{ path: 'a.charter.yaml', text: 'charter: A\nregions: &r [EMEA, *r]\n' }] }).findings.get('a.charter.yaml');
  assert.deepEqual(recursive.map((f) => [f.rule, f.message]), [['yaml-syntax', 'YAML syntax error: an alias refers to a node that contains it; the file is not read']]);
  // An alias names the latest anchor of its name before it: `b` reads the first `&s`, `c` the second.
  const redefined = [
    'charter: A',
    'regions: [EMEA, APAC]',
    'external: [ceo]',
    'x: &s {region: EMEA}',
    'roles:',
    `  - {id: b, role: regional-sales-manager, scope: *s, reports_to: ceo, responsibilities: ${RSM}}`,
    `  - {id: c, role: regional-sales-manager, scope: &s {region: APAC}, reports_to: ceo, responsibilities: ${RSM}}`,
    `  - {id: d, role: regional-sales-manager, scope: *s, reports_to: ceo, responsibilities: ${RSM}}`,
    '',
  ].join('\n');
  const result2 = core.analyze({ files: [{ path: 'a.charter.yaml', text: redefined }] });
  assert.deepEqual(result2.org.roles.map((r) => r.scope.regions[0].value), ['EMEA', 'APAC', 'APAC']);
});

// ── 5. Deep trees ────────────────────────────────────────────────────────────────────────────────

function deepBlock(depth) {
  const lines = ['charter: Deep', 'regions:'];
  for (let i = 0; i < depth; i++) lines.push(`${'  '.repeat(i + 1)}- R${i}:`);
  lines.push(`${'  '.repeat(depth + 1)}- Leaf`);
  return `${lines.join('\n')}\n`;
}

function deepFlow(depth) {
  let tree = 'Leaf';
  for (let i = depth - 1; i >= 0; i--) tree = `{R${i}: [${tree}]}`;
  return `charter: Deep\nregions: [${tree}]\n`;
}

for (const [shape, make] of [['block', deepBlock], ['flow', deepFlow]]) {
  test(`${shape}-style region trees 1,000 and 5,000 levels deep beside a normal file: < 10 s of CPU under a 1 GB heap, one finding in the product's words, the other file's findings intact`, (t) => {
    const expected = okFindings();
    for (const depth of [1_000, 5_000]) {
      const result = analyzeInChild(t, { 'a.charter.yaml': OK_FILE, 'deep.charter.yaml': make(depth) }, { limitMs: 60_000, full: true });
      assert.ok(result.cpu < 10_000, `${depth} deep: took ${result.cpu} ms of CPU`);
      const other = Object.values(result.byFile['a.charter.yaml']).flatMap((r) => r.sample.map((f) => f.message)).sort();
      assert.deepEqual(other, expected.map((f) => f.message).sort(), `${depth} deep: the other file's findings changed`);
      const deep = Object.values(result.byFile['deep.charter.yaml']).flatMap((r) => r.sample);
      for (const f of deep) assert.doesNotMatch(f.message, /call stack|Maximum|RangeError|exceeded/i, `${depth} deep: library wording: ${f.message}`);
      const syntax = result.byFile['deep.charter.yaml']['yaml-syntax']?.sample ?? [];
      if (syntax.length > 0) assert.match(syntax[0].message, /nests too deeply/, `${depth} deep`);
      else assert.ok(depth < 5_000, 'a 5,000-level tree is refused');
    }
  });
}

test('a file whose reading throws (a stack overflow, or anything) is one yaml-syntax finding for that file only', () => {
  const parse = require('../../server/out/core/parse.js');
  const original = parse.parseCharter;
  const expected = okFindings();
  try {
    for (const [error, wording] of [[new RangeError('Maximum call stack size exceeded'), /nests too deeply/], [new TypeError('x is undefined'), /could not be read/]]) {
      parse.parseCharter = (filePath, ...rest) => {
        if (filePath === 'bad.charter.yaml') throw error;
        return original(filePath, ...rest);
      };
      const result = core.analyze({ files: [{ path: 'a.charter.yaml', text: OK_FILE }, { path: 'bad.charter.yaml', text: 'charter: Bad\nregions: [X]\n' }] });
      const bad = result.findings.get('bad.charter.yaml');
      assert.deepEqual(bad.map((f) => f.rule), ['yaml-syntax']);
      assert.match(bad[0].message, wording);
      assert.doesNotMatch(bad[0].message, /Maximum|undefined/);
      assert.deepEqual(result.findings.get('a.charter.yaml').map((f) => ({ rule: f.rule, message: f.message, range: f.range })), expected);
    }
  } finally {
    parse.parseCharter = original;
  }
});

// ── 6. The free-text matcher ─────────────────────────────────────────────────────────────────────

test('free text: one 200 KB entry, and 20,000 distinct entries: < 10 s of CPU under a 1 GB heap', (t) => {
  const words = 'coach the regional reps and forecast revenue while managing key accounts across the territory with quarterly business reviews'.split(' ');
  let huge = '';
  for (let i = 0; huge.length < 200 * 1024; i++) huge += `${words[i % words.length]}${i % 17 === 16 ? '. ' : ' '}`;
  const head = 'charter: X\nregions: [EMEA]\nexternal: [ceo]\nroles:\n  - id: hos\n    role: head-of-sales\n    scope: organization\n    reports_to: ceo\n    responsibilities:\n';
  const one = analyzeInChild(t, { 'one.charter.yaml': `${head}      - "${huge.trim()}"\n` }, { limitMs: 60_000 });
  assert.ok(one.cpu < 10_000, `a 200 KB entry took ${one.cpu} ms of CPU`);
  const topics = 'coach regional reps forecast revenue manage key accounts territory quarterly business reviews hire onboard budget pipeline strategy market insights partners enablement'.split(' ');
  const entries = Array.from({ length: 20_000 }, (_, i) => `      - ${topics[i % topics.length]} ${topics[(i * 7) % topics.length]} ${topics[(i * 13) % topics.length]} for team ${i.toString(36)}`);
  const many = analyzeInChild(t, { 'many.charter.yaml': `${head}${entries.join('\n')}\n` }, { limitMs: 90_000 });
  assert.ok(many.cpu < 10_000, `20,000 entries took ${many.cpu} ms of CPU`);
  assert.ok(countOf(many, 'many.charter.yaml', 'non-canonical-responsibility') + countOf(many, 'many.charter.yaml', 'unknown-responsibility') > 1_000);
});

// ── Repeated keys ────────────────────────────────────────────────────────────────────────────────

test('a mapping of 20,000 keys, the last repeating an earlier one: parsed in < 5 s of CPU, the repeat is a syntax error where the YAML library puts it', () => {
  const lines = ['charter: X'];
  for (let i = 0; i < 20_000; i++) lines.push(`k${i}: v`);
  lines.push('k5: again', '');
  const text = lines.join('\n');
  const cpuStart = process.cpuUsage();
  const file = core.parseCharter('a.charter.yaml', text);
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  assert.ok(cpuMs < 5_000, `took ${Math.round(cpuMs)} ms of CPU`);
  assert.deepEqual(file.syntaxErrors, [{ message: 'Map keys must be unique', code: 'DUPLICATE_KEY', start: text.indexOf('k5: again'), end: text.indexOf('k5: again') + 1 }]);
  // Same rule as the library's: equal scalar values, at any depth, in block and flow mappings.
  const nestedText = 'charter: A\nroles:\n  - {id: x, id: y}\n  - id: z\n    scope:\n      region: EMEA\n      region: APAC\n1: a\n"1": b\n';
  const nested = core.parseCharter('b.charter.yaml', nestedText);
  assert.deepEqual(nested.syntaxErrors.map((e) => e.start), [nestedText.indexOf('id: y'), nestedText.indexOf('region: APAC')], '1 and "1" are different keys');
});

// ── A large custom role model ────────────────────────────────────────────────────────────────────

test('a custom role model of 6,000 responsibilities with one title: loaded and matched against in < 10 s of CPU', () => {
  const lines = ['model: big', 'scopes: [organization, region]', 'responsibilities:'];
  for (let i = 0; i < 6_000; i++) lines.push(`  duty-${i}:`, '    title: Sales duty', `    scope: ${i % 2 ? 'region' : 'organization'}`);
  lines.push('roles:', '  boss:', '    title: Boss', '    scope: organization', '    max_per_scope: 1', '    requires: [duty-0]', '');
  const cpuStart = process.cpuUsage();
  const loaded = core.parseRoleModel(lines.join('\n'), 'big.roles.yaml');
  assert.ok(loaded.ok, JSON.stringify(loaded).slice(0, 300));
  const match = core.matchResponsibility('Own the sales duty for the whole company', loaded.model, 'organization');
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  assert.ok(cpuMs < 10_000, `took ${Math.round(cpuMs)} ms of CPU`);
  assert.ok(Array.isArray(match.candidates));
});

// ── Linear output and time in every message (issue #11 follow-up) ─────────────────────────────────

test('one role naming 5,000 regions beside overlapping roles: < 10 s of CPU under a 1 GB heap, each scope and shared-region list names at most 5 regions then "and N more"', (t) => {
  const regions = Array.from({ length: 5000 }, (_, i) => `R${i}`);
  const text = [
    'charter: Acme', `regions: [{EU: [${regions.join(', ')}]}]`, 'external: [ceo]', 'roles:',
    `  - {id: hos, role: head-of-sales, scope: organization, reports_to: ceo, responsibilities: ${HOS}}`,
    `  - {id: wide, role: regional-sales-manager, scope: {regions: [${regions.join(', ')}]}, reports_to: hos, responsibilities: ${RSM}}`,
    `  - {id: pair, role: regional-sales-manager, scope: {region: EU}, reports_to: hos, responsibilities: ${RSM}}`,
    '',
  ].join('\n');
  const result = analyzeInChild(t, { 'a.charter.yaml': text }, { limitMs: 90_000, full: true });
  assert.ok(result.cpu < 10_000, `took ${result.cpu} ms of CPU`);
  assert.ok(result.maxMessage < 600, `a message is ${result.maxMessage} characters long`);
  const [territory] = result.byFile['a.charter.yaml']['territory-overlap'].sample;
  assert.match(territory.message, /"wide" \(R0, R1, R2, R3, R4 and 4995 more\)/);
  assert.match(territory.message, / overlaps "pair" \(EU\) in R\d+, R\d+, R\d+, R\d+, R\d+ and 4995 more\.$/);
  assert.ok(territory.related.every((r) => r.message.length < 200));
});

test('40,000-character user values (reports_to, region, role type, responsibility id and free text): < 10 s of CPU under a 1 GB heap, each quoted cut to 80 characters and "…"', (t) => {
  const long = (c) => c.repeat(40_000);
  const free = `Coach the regional reps ${'and forecast revenue '.repeat(2_000)}`;
  const text = [
    'charter: Acme', 'regions: [EMEA]', 'external: [ceo]', 'roles:',
    `  - {id: hos, role: head-of-sales, scope: organization, reports_to: ${long('q')}, responsibilities: [${long('z')}, "${free}"]}`,
    `  - {id: rsm, role: ${long('w')}, scope: {region: ${long('v')}}, reports_to: hos}`,
    '',
  ].join('\n');
  const result = analyzeInChild(t, { 'a.charter.yaml': text }, { limitMs: 90_000, full: true });
  assert.ok(result.cpu < 10_000, `took ${result.cpu} ms of CPU`);
  assert.ok(result.maxMessage < 1_000, `a message is ${result.maxMessage} characters long`);
  const messages = Object.values(result.byFile['a.charter.yaml']).flatMap((r) => r.sample.map((f) => f.message));
  for (const [rule, value] of [['unknown-reference', 'q'], ['unknown-role-type', 'w'], ['unknown-responsibility', 'z']]) {
    const [finding] = result.byFile['a.charter.yaml'][rule].sample;
    assert.ok(finding.message.includes(`"${value.repeat(80)}…"`), `${rule}: ${finding.message.slice(0, 200)}`);
  }
  assert.ok(messages.every((m) => !m.includes('q'.repeat(81)) && !m.includes('forecast revenue and forecast revenue and forecast revenue and forecast revenue and')), 'a whole long value is quoted');
});

test('a charter with 20,000 unknown keys: analysed in < 10 s of CPU under a 1 GB heap, one schema finding per key (linear)', (t) => {
  const lines = ['charter: Acme', 'regions: [EMEA]', 'external: [ceo]'];
  for (let i = 0; i < 20_000; i++) lines.push(`extra${i}: ${i}`);
  lines.push('roles:', `  - {id: hos, role: head-of-sales, scope: organization, reports_to: ceo, responsibilities: ${HOS}}`, '');
  const result = analyzeInChild(t, { 'a.charter.yaml': lines.join('\n') }, { limitMs: 90_000 });
  assert.ok(result.cpu < 10_000, `took ${result.cpu} ms of CPU`);
  assert.ok(countOf(result, 'a.charter.yaml', 'schema') >= 1_000);
  assert.match(result.samples.schema.message, /^Unknown key "extra\d+" in the document\.$/);
});

/** `n` regional managers, each naming the parent region HQ and a child of its own: every two overlap. */
function overlappingManagers(n) {
  const regions = Array.from({ length: n }, (_, i) => `R${i}`);
  const lines = ['charter: Acme', `regions: [{HQ: [${regions.join(', ')}]}]`, 'external: [ceo]', 'roles:',
    '  - {id: hos, role: head-of-sales, scope: organization, reports_to: ceo, responsibilities: [key-account-relationships]}'];
  for (let i = 0; i < n; i++) lines.push(`  - {id: r${i}, role: regional-sales-manager, scope: {regions: [HQ, R${i}]}, reports_to: hos, responsibilities: ${RSM}}`);
  return { 'a.charter.yaml': `${lines.join('\n')}\n` };
}

for (const [label, rules] of [['silenced by territory-overlap and too-many-holders', undefined], ['with both off (nothing silenced)', { 'territory-overlap': 'off', 'too-many-holders': 'off' }]]) {
  test(`responsibility-overlap, 1,000 managers in pairwise overlapping scopes owning the same 5 ids, ${label}: < 15 s of CPU under a 1 GB heap`, (t) => {
    const result = analyzeInChild(t, overlappingManagers(1000), { limitMs: 120_000, rules });
    assert.ok(result.cpu < 15_000, `took ${result.cpu} ms of CPU`);
    assert.ok(countOf(result, 'a.charter.yaml', 'responsibility-overlap') >= 1);
    assert.ok(result.maxRelated <= 20);
  });
}
