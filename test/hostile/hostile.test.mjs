// Hostile inputs against the analysis core (server/out; build first: `npx tsc -b`).
// Inputs that could hang or exhaust memory run in a worker thread with a hard time limit, so a
// hang fails the test instead of the suite; the others run in this thread (the CLI and the
// language server run the core on their main thread, with its stack size).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { core, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const { parseDocument } = require('yaml');
const CORE_PATH = require.resolve('../../server/out/core/index.js');

const HOS = `[${HOS_RESPONSIBILITIES.join(', ')}]`;
const RSM = `[${RSM_RESPONSIBILITIES.join(', ')}]`;

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const core = require(workerData.corePath);
const out = {};
try {
  const start = Date.now();
  const result = core.analyze({ files: workerData.files });
  out.elapsed = Date.now() - start;
  out.findings = [...result.findings].map(([path, list]) => [path, list.map((f) => ({
    rule: f.rule, severity: f.severity, message: f.message, range: f.range, offsets: f.offsets,
    related: f.related, fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, edits: x.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })) })),
  }))]);
  out.count = out.findings.reduce((n, [, list]) => n + list.length, 0);
  if (out.count > 20000) out.findings = out.findings.map(([p, list]) => [p, list.slice(0, 20000)]);
  if (workerData.fixAll) {
    const fixStart = Date.now();
    const fixed = core.fixAll({ files: workerData.files });
    out.fixElapsed = Date.now() - fixStart;
    out.changed = [...fixed.changed].map(([p, t]) => [p, t.length]);
  }
} catch (error) {
  out.error = String(error && error.stack || error);
}
parentPort.postMessage(out);
`;

/**
 * Runs analyze() (and optionally fixAll()) in a worker; rejects when it takes longer than
 * `limitMs`, runs out of memory or crashes. Resolves { elapsed, findings, count, error? }.
 */
function analyzeIsolated(files, { limitMs, fixAll = false, memoryMb = 3072 }) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { corePath: CORE_PATH, files, fixAll },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`analysis did not finish within ${limitMs} ms`));
    }, limitMs);
    worker.once('message', (message) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(message);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`the analysis worker crashed: ${error?.code ?? ''} ${error?.message ?? error}`));
    });
  });
}

/** Findings of one file from a worker result. */
const findingsOf = (result, path) => new Map(result.findings).get(path) ?? [];

/** Every finding range of `path` lies inside `text` (LSP positions, \r\n, \n and \r as breaks). */
function assertRangesInside(text, findings, what) {
  const lines = text.split(/\r\n|\r|\n/);
  for (const f of findings) {
    for (const pos of [f.range.start, f.range.end]) {
      assert.ok(pos.line >= 0 && pos.line < lines.length, `${what}: ${f.rule} line ${pos.line} outside 0..${lines.length - 1}`);
      assert.ok(pos.character >= 0 && pos.character <= lines[pos.line].length, `${what}: ${f.rule} character ${pos.character} outside line ${pos.line} (length ${lines[pos.line].length})`);
    }
    const { start, end } = f.range;
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: ${f.rule} range start after end`);
  }
}

function lint(files) {
  return core.analyze({ files: typeof files === 'string' ? [{ path: 'org.charter.yaml', text: files }] : files });
}

const flat = (result) => [...result.findings.values()].flat();
const textAt = (text, range) => {
  const index = new core.LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
};

/** A clean two-role organization (Head of Sales and one Regional Sales Manager of EMEA). */
const CLEAN = [
  '# Acme sales leadership',
  'charter: Acme Sales   # the organization',
  'regions: [EMEA]',
  'external: [ceo]',
  'roles:',
  '  - id: hos',
  '    role: head-of-sales',
  '    scope: organization',
  '    reports_to: ceo',
  `    responsibilities: ${HOS}`,
  '  - id: rsm-emea',
  '    role: regional-sales-manager',
  '    scope: {region: EMEA}',
  '    reports_to: hos',
  `    responsibilities: ${RSM}`,
  '',
].join('\n');

/** A charter with findings that carry fixes: duplicate, free text, unknown key, missing id, typo. */
const FIXABLE = [
  '# Acme sales leadership',
  'charter: Acme Sales   # the organization',
  'regions: [EMEA]',
  'external: [ceo]',
  'roles:',
  '  - id: hos',
  '    role: head-of-sales',
  '    scope: organization',
  '    reports_to: ceo',
  '    budget: 12',
  '    responsibilities:',
  '      - sales-strategy        # first',
  '      - sales-strategy        # listed twice',
  '      - revenue forecast      # free text',
  '      - budget-management',
  '  - id: rsm-emea',
  '    role: regional-sales-manger',
  '    scope: {region: EMEA}',
  '    reports_to: hos',
  `    responsibilities: ${RSM}`,
  '',
].join('\n');

// ── Alias bombs ──────────────────────────────────────────────────────────────────────────────────

/** "Billion laughs": nine anchors, each a list of nine aliases of the previous one (9^9 leaves). */
function billionLaughs() {
  const lines = ['lol:', '  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  let previous = 'a';
  for (const name of 'bcdefghi') {
    lines.push(`  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  return lines.join('\n');
}

test('alias bomb (billion laughs): bounded time, reported as a finding, no throw', async () => {
  const variants = {
    'bomb under an unknown key': `charter: Acme Sales\n${billionLaughs()}\n`,
    'bomb used as a role list': `charter: Acme Sales\n${billionLaughs()}\nroles: *i\n`,
    'bomb used as responsibilities and scope': `charter: Acme Sales\n${billionLaughs()}\nroles:\n  - id: hos\n    role: head-of-sales\n    scope: *i\n    responsibilities: *i\n`,
    'bomb used as regions': `charter: Acme Sales\n${billionLaughs()}\nregions: *i\n`,
  };
  for (const [name, text] of Object.entries(variants)) {
    const result = await analyzeIsolated([{ path: 'bomb.charter.yaml', text }], { limitMs: 20_000, fixAll: true, memoryMb: 1024 });
    assert.equal(result.error, undefined, `${name}: analyze or fixAll threw\n${result.error}`);
    assert.ok(result.elapsed < 5_000, `${name}: analysis took ${result.elapsed} ms`);
    const findings = findingsOf(result, 'bomb.charter.yaml');
    assert.ok(
      findings.some((f) => f.severity === 'error' && /alias/i.test(f.message)),
      `${name}: no error finding names the alias expansion: ${JSON.stringify(findings.map((f) => `${f.rule}: ${f.message}`))}`,
    );
    assertRangesInside(text, findings, name);
  }
});

test('alias amplification: one big responsibilities list aliased by many roles stays bounded', async () => {
  // 2,000 entries read through 500 aliases: a 78 KB file that expands to a million entries.
  const entries = Array.from({ length: 2000 }, () => '  - sales-strategy').join('\n');
  const roles = Array.from({ length: 500 }, (_, i) => `  - {id: r${i}, role: head-of-sales, scope: organization, responsibilities: *big}`).join('\n');
  const text = `charter: Acme Sales\nexternal: [ceo]\nlist: &big\n${entries}\nroles:\n${roles}\n`;
  assert.ok(text.length < 100_000);
  const result = await analyzeIsolated([{ path: 'amp.charter.yaml', text }], { limitMs: 60_000, memoryMb: 2048 });
  assert.equal(result.error, undefined, `analyze threw\n${result.error}`);
  assert.ok(result.elapsed < 10_000, `a ${Math.round(text.length / 1024)} KB file took ${result.elapsed} ms to analyse (${result.count} findings)`);
  assert.ok(result.count > 0, 'the file is reported');
  assert.ok(result.count <= 20_000, `a ${Math.round(text.length / 1024)} KB file produced ${result.count} findings`);
});

// ── Size ─────────────────────────────────────────────────────────────────────────────────────────

const TEN_MB = 10 * 1024 * 1024;

test('a 10 MB charter of many roles: analysed (or refused with a clear finding) within 60 s, no throw', async () => {
  const chunks = ['charter: Huge Sales\nexternal: [ceo]\nregions:\n'];
  for (let i = 0; i < 2000; i++) chunks.push(`  - R${i}: [R${i}-a, R${i}-b]\n`);
  chunks.push(`roles:\n  - id: hos\n    role: head-of-sales\n    scope: organization\n    reports_to: ceo\n    responsibilities: ${HOS}\n`);
  let size = chunks.reduce((n, c) => n + c.length, 0);
  for (let i = 0; size < TEN_MB; i++) {
    const chunk =
      `  - id: rsm-${i}   # manager ${i}\n    role: regional-sales-manager\n    holder: Person ${i}\n    scope: {region: R${i % 2000}-${i % 2 ? 'a' : 'b'}}\n    reports_to: hos\n` +
      `    responsibilities:\n      - regional-sales-plan\n      - regional-team-leadership\n      - key-account-relationships\n      - regional-market-insights\n      - regional business development in the territory\n`;
    chunks.push(chunk);
    size += chunk.length;
  }
  const text = chunks.join('');
  const result = await analyzeIsolated([{ path: 'big.charter.yaml', text }], { limitMs: 60_000 });
  assert.equal(result.error, undefined, `analyze threw\n${result.error}`);
  const findings = findingsOf(result, 'big.charter.yaml');
  assert.ok(result.count > 0, 'analysed (findings) or refused (a finding)');
  assertRangesInside(text, findings, '10 MB charter');
});

test('a 10 MB charter that is one dense flow list: analysed (or refused with a clear finding) within 60 s, no throw', async () => {
  const ids = [];
  let size = 0;
  for (let i = 0; size < TEN_MB; i++) {
    ids.push(`e${i}`);
    size += `e${i}`.length + 2;
  }
  const text = `charter: Dense Sales\nexternal: [${ids.join(', ')}]\n`;
  const result = await analyzeIsolated([{ path: 'dense.charter.yaml', text }], { limitMs: 60_000 });
  assert.equal(result.error, undefined, `analyze threw\n${result.error}`);
  assert.ok(result.count > 0, 'analysed (findings) or refused (a finding)');
  assertRangesInside(text, findingsOf(result, 'dense.charter.yaml'), 'dense 10 MB charter');
});

// ── Deep nesting ─────────────────────────────────────────────────────────────────────────────────

test('deep nesting (10,000 levels of [ , { , block mappings, block sequences): no stack overflow, a finding', () => {
  const N = 10_000;
  const variants = {
    'flow sequences': `charter: Deep\nroles: ${'['.repeat(N)}${']'.repeat(N)}\n`,
    'unclosed flow sequences': `charter: Deep\nroles: ${'['.repeat(N)}\n`,
    'flow mappings': `charter: Deep\nroles: ${'{a: '.repeat(N)}1${'}'.repeat(N)}\n`,
    'flow regions': `charter: Deep\nregions: ${'[{r: '.repeat(N)}[leaf]${'}]'.repeat(N)}\n`,
    'block mappings': `charter: Deep\nnested:\n${Array.from({ length: N }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`,
    'block sequences': `charter: Deep\nroles:\n  ${'- '.repeat(N)}x\n`,
  };
  for (const [name, text] of Object.entries(variants)) {
    let result;
    try {
      result = lint([{ path: 'deep.charter.yaml', text }]);
      core.fixAll({ files: [{ path: 'deep.charter.yaml', text }] });
    } catch (error) {
      assert.fail(`${name}: threw ${error?.stack ?? error}`);
    }
    const findings = result.findings.get('deep.charter.yaml');
    assert.ok(findings.some((f) => f.severity === 'error'), `${name}: no error reported`);
    assertRangesInside(text, findings, name);
  }
});

test('regions nested 100 deep (the YAML parses): every level is declared, no spurious findings', () => {
  const D = 100;
  const lines = ['charter: Deep Regions', 'external: [ceo]', 'regions:'];
  for (let i = 0; i < D; i++) lines.push(`${'  '.repeat(i + 1)}- r${i}:`);
  lines.push(`${'  '.repeat(D + 1)}- r${D}`);
  lines.push('roles:', '  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', `    responsibilities: ${HOS}`);
  lines.push('  - id: rsm', '    role: regional-sales-manager', `    scope: {region: r${D}}`, '    reports_to: hos', `    responsibilities: ${RSM}`, '');
  const text = lines.join('\n');
  assert.deepEqual(parseDocument(text).errors, [], 'test setup: valid YAML');
  const findings = flat(lint(text));
  assert.deepEqual(
    findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.range.start.line + 1}: ${f.rule}: ${f.message}`),
    [],
    'SPEC: a mapping nests sub-regions at any depth',
  );
});

// ── Prototype pollution ──────────────────────────────────────────────────────────────────────────

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

function prototypeSnapshot() {
  return { keys: Reflect.ownKeys(Object.prototype).map(String).sort(), toString: Object.prototype.toString, hasOwnProperty: Object.prototype.hasOwnProperty, proto: Object.getPrototypeOf({}) };
}

function assertNoPollution(before, what) {
  assert.equal(({}).polluted, undefined, `${what}: Object.prototype.polluted was set`);
  assert.equal(Object.prototype.polluted, undefined, `${what}: Object.prototype.polluted was set`);
  const after = prototypeSnapshot();
  assert.deepEqual(after.keys, before.keys, `${what}: Object.prototype's own keys changed`);
  assert.equal(after.toString, before.toString, `${what}: Object.prototype.toString replaced`);
  assert.equal(after.hasOwnProperty, before.hasOwnProperty, `${what}: Object.prototype.hasOwnProperty replaced`);
  assert.equal(after.proto, before.proto, `${what}: {}'s prototype changed`);
  assert.equal(typeof {}.toString, 'function');
}

test('__proto__, constructor, toString, hasOwnProperty as ids, regions, text, reports_to and keys: no pollution, sensible findings', () => {
  const before = prototypeSnapshot();
  const text = [
    'charter: Acme Sales',
    'regions: [__proto__, constructor, {toString: [hasOwnProperty]}]',
    'external: [ceo]',
    '__proto__: {polluted: yes}',
    'roles:',
    '  - id: __proto__',
    '    role: head-of-sales',
    '    scope: organization',
    '    reports_to: ceo',
    `    responsibilities: ${HOS.slice(0, -1)}, __proto__, constructor]`,
    '  - id: constructor',
    '    role: regional-sales-manager',
    '    scope: {region: __proto__}',
    '    reports_to: __proto__',
    `    responsibilities: ${RSM.slice(0, -1)}, toString, hasOwnProperty]`,
    '    __proto__: {polluted: yes}',
    '  - id: toString',
    '    role: regional-sales-manager',
    '    scope: {regions: [constructor, toString]}',
    '    reports_to: hasOwnProperty',
    `    responsibilities: ${RSM}`,
    '  - id: hasOwnProperty',
    '    role: __proto__',
    '    scope: {region: valueOf}',
    '    reports_to: toString',
    '    responsibilities: [{id: __proto__, note: constructor}]',
    '',
  ].join('\n');
  const result = lint(text);
  core.fixAll({ files: [{ path: 'org.charter.yaml', text }] });
  assertNoPollution(before, 'charter');
  const findings = flat(result);
  const at = (rule, needle) => findings.filter((f) => f.rule === rule && textAt(text, f.range) === needle);
  // Unknown keys named __proto__ are unknown keys, at the top level and in a role.
  assert.equal(at('schema', '__proto__').length, 2, JSON.stringify(findings.filter((f) => f.rule === 'schema').map((f) => f.message)));
  // Roles and regions named like Object.prototype members are found as declared...
  assert.deepEqual(findings.filter((f) => f.rule === 'unknown-reference').map((f) => textAt(text, f.range)), [], 'reports_to __proto__/toString/hasOwnProperty name declared roles');
  assert.deepEqual(findings.filter((f) => f.rule === 'unknown-region').map((f) => textAt(text, f.range)), ['valueOf'], 'only valueOf is undeclared');
  assert.equal(findings.filter((f) => f.rule === 'duplicate-role-id').length, 0);
  // ...and model ids are looked up as ids, not as object members.
  assert.equal(at('unknown-role-type', '__proto__').length, 1);
  for (const name of PROTO_NAMES) {
    assert.ok(at('unknown-responsibility', name).length >= 1, `responsibility "${name}" is unknown: ${JSON.stringify(findings.filter((f) => f.rule === 'unknown-responsibility').map((f) => f.message))}`);
  }
  // The role named toString covers region "toString" and its sub-region hasOwnProperty: no gap there.
  assert.deepEqual(findings.filter((f) => f.rule === 'uncovered-region').map((f) => textAt(text, f.range)), [], 'every declared region is covered');
  // Two roles with ids that are Object.prototype members are still told apart (no duplicate).
  const dup = `${text}  - id: toString\n    role: head-of-sales\n    scope: organization\n`;
  const dupFindings = flat(lint(dup)).filter((f) => f.rule === 'duplicate-role-id');
  assert.equal(dupFindings.length, 2, 'a repeated id "toString" is a duplicate');
  assertNoPollution(before, 'duplicate ids');
});

test('a custom role model with responsibilities and roles named __proto__ / constructor: no pollution, refused or loaded as plain ids', () => {
  const before = prototypeSnapshot();
  const protoModel = [
    'model: protos',
    'title: Proto model',
    'scopes: [organization, region]',
    'responsibilities:',
    '  __proto__: {title: Proto duty, scope: organization, polluted: yes}',
    '  constructor: {title: Constructor duty, scope: region, refines: __proto__}',
    'roles:',
    '  __proto__: {title: Proto role, scope: organization, max_per_scope: 1, reports_to: [external], requires: [__proto__]}',
    '  constructor: {title: Constructor role, scope: region, reports_to: [__proto__], requires: [constructor]}',
    '',
  ].join('\n');
  const proto = core.parseRoleModel(protoModel, 'protos.roles.yaml');
  assertNoPollution(before, 'parseRoleModel(__proto__)');
  if (proto.ok) {
    assert.deepEqual([...proto.model.responsibilities.keys()].sort(), ['__proto__', 'constructor']);
    assert.deepEqual([...proto.model.roles.keys()].sort(), ['__proto__', 'constructor']);
  } else {
    assert.match(proto.error, /^protos\.roles\.yaml:\d+:\d+: /, 'a refusal names the place');
    assert.match(proto.error, /__proto__|pattern|polluted/i);
  }

  // `constructor` is a well-formed id: the model loads, and the ids work as ids.
  const ctorModel = [
    'model: ctor',
    'title: Constructor model',
    'scopes: [organization, region]',
    'responsibilities:',
    '  constructor: {title: Constructor duty, scope: organization}',
    '  tostring: {title: Regional duty, scope: region, refines: constructor}',
    'roles:',
    '  constructor: {title: Constructor role, scope: organization, max_per_scope: 1, reports_to: [external], requires: [constructor]}',
    '  prototype: {title: Prototype role, scope: region, max_per_scope: 1, reports_to: [constructor], requires: [tostring]}',
    '',
  ].join('\n');
  const ctor = core.parseRoleModel(ctorModel, 'ctor.roles.yaml');
  assert.ok(ctor.ok, ctor.error);
  const charter = [
    'charter: Acme',
    'regions: [EMEA, APAC]',
    'external: [ceo]',
    'roles:',
    '  - {id: boss, role: constructor, scope: organization, reports_to: ceo, responsibilities: [constructor]}',
    '  - {id: emea, role: prototype, scope: {region: EMEA}, reports_to: boss, responsibilities: [tostring, constructor, hasOwnProperty]}',
    '  - {id: apac, role: toString, scope: {region: APAC}, reports_to: boss}',
    '',
  ].join('\n');
  const findings = flat(core.analyze({ files: [{ path: 'org.charter.yaml', text: charter }], model: { key: 'ctor', model: ctor.model } }));
  assertNoPollution(before, 'analyze with the constructor model');
  const rules = findings.map((f) => `${f.rule}:${textAt(charter, f.range)}`).sort();
  assert.ok(rules.includes('unknown-role-type:toString'), rules.join(', '));
  assert.ok(rules.includes('unknown-responsibility:hasOwnProperty'), rules.join(', '));
  assert.ok(rules.includes('responsibility-out-of-scope:constructor'), rules.join(', '));
  assert.ok(!rules.some((r) => r.startsWith('missing-responsibility') || r.startsWith('unknown-reference')), rules.join(', '));

  // Cross-references to names that are members of Object.prototype but no ids of the model are refused.
  const refModel = (responsibilities, roles) => ['model: refs', 'title: Refs', 'scopes: [organization, region]', 'responsibilities:', ...responsibilities, 'roles:', ...roles, ''].join('\n');
  const duty = '  duty: {title: Duty, scope: organization}';
  const boss = (extra = '') => `  boss: {title: Boss, scope: organization, reports_to: [external], requires: [duty]${extra}}`;
  for (const [what, bad] of [
    ['requires: [constructor], no such responsibility', refModel([duty], [boss(), '  rep: {title: Rep, scope: region, reports_to: [boss], requires: [constructor]}'])],
    ['refines: constructor, no such responsibility', refModel([duty, '  local: {title: Local, scope: region, refines: constructor}'], [boss()])],
    ['reports_to: [constructor], no such role type', refModel([duty], [boss(), '  rep: {title: Rep, scope: region, reports_to: [constructor], requires: [duty]}'])],
  ]) {
    const loaded = core.parseRoleModel(bad, 'bad.roles.yaml');
    assert.equal(loaded.ok, false, `${what}: must be refused`);
    assert.match(loaded.error, /^bad\.roles\.yaml:\d+:\d+: /, `${what}: ${loaded.error}`);
    assert.match(loaded.error, /constructor/, `${what}: ${loaded.error}`);
  }
  assertNoPollution(before, 'custom models');
});

// ── Line endings, BOM, tabs ──────────────────────────────────────────────────────────────────────

test('CRLF line endings: the same findings at the same positions as LF, and fixes keep CRLF', () => {
  const lf = FIXABLE;
  const crlf = FIXABLE.replace(/\n/g, '\r\n');
  const key = (f) => `${f.rule} ${JSON.stringify(f.range)} ${f.message}`;
  const lfFindings = flat(lint(lf));
  const crlfFindings = flat(lint(crlf));
  assert.deepEqual(crlfFindings.map(key), lfFindings.map(key));
  assertRangesInside(crlf, crlfFindings, 'CRLF');
  let fixes = 0;
  for (const finding of crlfFindings) {
    for (const fix of finding.fixes) {
      fixes++;
      const after = core.applyEdits(crlf, fix.edits);
      assert.ok(!/(^|[^\r])\n/.test(after), `fix "${fix.title}" wrote a bare LF:\n${JSON.stringify(after)}`);
      assert.ok(!/\r(?!\n)/.test(after), `fix "${fix.title}" wrote a bare CR`);
      assert.deepEqual(parseDocument(after).errors, [], `fix "${fix.title}" broke the YAML`);
      // The same fix on the LF text does the same thing.
      const twin = lfFindings.find((f) => key(f) === key(finding))?.fixes.find((x) => x.title === fix.title);
      assert.ok(twin, `the LF text has no fix "${fix.title}"`);
      assert.equal(after.replace(/\r\n/g, '\n'), core.applyEdits(lf, twin.edits), `fix "${fix.title}" differs between CRLF and LF`);
    }
  }
  assert.ok(fixes >= 4, `test setup: expected several fixes, got ${fixes}`);
  const { changed } = core.fixAll({ files: [{ path: 'org.charter.yaml', text: crlf }] });
  const fixed = changed.get('org.charter.yaml');
  assert.ok(fixed, 'fixAll changed the file');
  assert.ok(!/(^|[^\r])\n/.test(fixed), `fixAll wrote a bare LF:\n${JSON.stringify(fixed)}`);
  assert.equal(fixed.replace(/\r\n/g, '\n'), core.fixAll({ files: [{ path: 'org.charter.yaml', text: lf }] }).changed.get('org.charter.yaml'));
});

test('a UTF-8 BOM: parsed as usual, positions count the BOM on line 0 only, fixes keep it first', () => {
  const plain = FIXABLE;
  const bom = `\uFEFF${FIXABLE}`;
  const plainFindings = flat(lint(plain));
  const bomFindings = flat(lint(bom));
  assert.ok(!bomFindings.some((f) => f.rule === 'yaml-syntax'), 'a BOM is not a syntax error');
  assert.equal(bomFindings.length, plainFindings.length);
  assertRangesInside(bom, bomFindings, 'BOM');
  bomFindings.forEach((f, i) => {
    const p = plainFindings[i];
    assert.equal(f.rule, p.rule);
    assert.equal(f.message, p.message);
    assert.equal(textAt(bom, f.range), textAt(plain, p.range), `${f.rule}: covers the same text`);
  });
  for (const finding of bomFindings) {
    for (const fix of finding.fixes) {
      const after = core.applyEdits(bom, fix.edits);
      assert.ok(after.startsWith('\uFEFF') && after.indexOf('\uFEFF', 1) < 0, `fix "${fix.title}" moved the BOM`);
      assert.deepEqual(parseDocument(after).errors, [], `fix "${fix.title}" broke the YAML`);
    }
  }
  const fixed = core.fixAll({ files: [{ path: 'org.charter.yaml', text: bom }] }).changed.get('org.charter.yaml');
  assert.ok(fixed?.startsWith('\uFEFF') && fixed.indexOf('\uFEFF', 1) < 0, 'fixAll keeps the BOM first');
});

test('tabs as indentation: a yaml-syntax finding on the tab, no throw', () => {
  const variants = {
    'tab-indented key': CLEAN.replace('    role: head-of-sales', '\trole: head-of-sales'),
    'tab before a sequence item': 'charter: Acme\nregions:\n\t- EMEA\n',
    'tab-indented top-level mapping': 'charter: Acme\nroles:\n\t- id: hos\n\t  role: head-of-sales\n',
  };
  for (const [name, text] of Object.entries(variants)) {
    const result = lint(text);
    const findings = flat(result);
    const syntax = findings.filter((f) => f.rule === 'yaml-syntax');
    assert.ok(syntax.length > 0, `${name}: no yaml-syntax finding: ${JSON.stringify(findings.map((f) => f.rule))}`);
    const tabLine = text.split('\n').findIndex((l) => l.startsWith('\t'));
    assert.ok(syntax.some((f) => f.range.start.line === tabLine), `${name}: no yaml-syntax finding on line ${tabLine + 1}: ${JSON.stringify(syntax.map((f) => f.range))}`);
    assert.ok(syntax.every((f) => f.severity === 'error'));
    assertRangesInside(text, findings, name);
    assert.doesNotThrow(() => core.fixAll({ files: [{ path: 'org.charter.yaml', text }] }));
  }
});

// ── Degenerate organizations ─────────────────────────────────────────────────────────────────────

test('an empty organization (no files): no findings, no throw', () => {
  const result = core.analyze({ files: [] });
  assert.equal(result.findings.size, 0);
  const fixed = core.fixAll({ files: [] });
  assert.equal(fixed.changed.size, 0);
});

test('a file with only comments: a schema error at its start, no syntax error, nothing to fix', () => {
  for (const text of ['# only a comment\n', '# one\n# two\n\n   # indented\n', '#no space\r\n#crlf\r\n', '# no final newline']) {
    const result = lint(text);
    const findings = result.findings.get('org.charter.yaml');
    assert.ok(
      findings.some((f) => f.rule === 'schema' && f.severity === 'error' && f.range.start.line === 0 && f.range.start.character === 0),
      `${JSON.stringify(text)}: ${JSON.stringify(findings.map((f) => `${f.rule} ${JSON.stringify(f.range.start)} ${f.message}`))}`,
    );
    assert.ok(!findings.some((f) => f.rule === 'yaml-syntax'), `${JSON.stringify(text)}: comments are valid YAML`);
    assertRangesInside(text, findings, JSON.stringify(text));
    const { changed } = core.fixAll({ files: [{ path: 'org.charter.yaml', text }] });
    assert.equal(changed.size, 0, 'nothing to fix, the comments stay');
  }
  // Next to a clean charter, a comment-only file does not disturb the organization.
  const org = lint([{ path: 'a.charter.yaml', text: CLEAN }, { path: 'b.charter.yaml', text: '# TODO: EMEA team\n' }]);
  assert.deepEqual(org.findings.get('a.charter.yaml').filter((f) => f.severity !== 'info').map((f) => f.message), []);
});
