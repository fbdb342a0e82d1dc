// YAML as people write it (SPEC §1): merge keys read as YAML 1.1 tools read them, lists shared
// through aliases reported once per role on the role's own key, YAML 1.2 core scalars whatever a
// %YAML directive says, one charter per file, and no library wording in any message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core, lint, byRule, textAt, yaml } from '../helpers.mjs';
import { charter, hos, rsm, HOS, RSM, assertQuiet, fixAllText, rangeOf } from './rules/_support.mjs';
import { bigCharter } from '../../bench/generate.mjs';
import { createRequire } from 'node:module';

const { parseYaml, rephrase } = createRequire(import.meta.url)('../../server/out/core/parse.js');

/** Rules and messages of findings, as readable strings. */
const rules = (findings) => findings.map((f) => `${f.line} ${f.rule}: ${f.message}`);

const MERGED = yaml`
  charter: Acme Sales
  regions: [EMEA, APAC, LATAM]
  external: [ceo]
  roles:
    - id: hos
      role: head-of-sales
      scope: organization
      reports_to: ceo
      responsibilities: ${HOS}
    - &rsm-base
      id: rsm-emea
      role: regional-sales-manager
      scope: {region: EMEA}
      reports_to: hos
      responsibilities: ${RSM}
    - <<: *rsm-base           # every key but these two comes from rsm-emea
      id: rsm-apac
      scope: {region: APAC}
    - <<: [{scope: {region: LATAM}}, *rsm-base]
      id: rsm-latam
`;

test('merge keys: merged keys count as present and are read by every rule; explicit keys override merged ones', () => {
  const findings = lint(MERGED);
  assert.deepEqual(rules(findings), [], 'a clean organization: no missing key, no missing duty, no overlap');
  const { files } = core.analyze({ files: [{ path: 'org.charter.yaml', text: MERGED }] });
  const roles = files[0].roles;
  assert.deepEqual(roles.map((r) => r.id?.value), ['hos', 'rsm-emea', 'rsm-apac', 'rsm-latam']);
  assert.deepEqual(roles.map((r) => r.role?.value), ['head-of-sales', 'regional-sales-manager', 'regional-sales-manager', 'regional-sales-manager']);
  assert.deepEqual(roles.map((r) => r.scope?.regions?.map((x) => x.value) ?? r.scope?.kind), ['organization', ['EMEA'], ['APAC'], ['LATAM']], 'the first merged mapping wins');
  assert.deepEqual(roles.map((r) => r.responsibilities.length), [9, 5, 5, 5]);
});

test('merge keys: a finding in a merged list is reported once per role on its own << key, and never fixed', () => {
  const text = MERGED.replace('responsibilities: [regional-sales-plan,', 'responsibilities: [regional-sales-plan, regional-sales-plan,');
  const duplicates = byRule(lint(text), 'duplicate-responsibility');
  const lineOf = (needle, after) => rangeOf(text, needle, after).start.line + 1;
  assert.deepEqual(
    duplicates.map((f) => `${f.line} ${textAt(text, f.range)}`),
    [`${lineOf('regional-sales-plan,', 'rsm-emea')} regional-sales-plan`, `${lineOf('<<', '&rsm-base')} <<`, `${lineOf('<<', 'id: rsm-apac')} <<`],
  );
  assert.ok(duplicates[0].fixes.every((fix) => !fix.safe), 'the anchored list is shared: no fix edits it');
  assert.ok(duplicates.every((f) => f.fixes.length === 0 || f.fixes.every((fix) => !fix.safe)));
  assert.equal(fixAllText(text), undefined, 'Fix all edits no anchored or merged content');
});

test('merge keys: a misspelling is not detected against a merged key, and a merged key is not "missing"', () => {
  const text = MERGED.replace('    id: rsm-apac\n', '    id: rsm-apac\n    responsibilites: [regional-sales-plan]\n');
  assert.notEqual(text, MERGED);
  const schema = byRule(lint(text), 'schema');
  assert.deepEqual(schema.map((f) => f.message), ['Unknown key "responsibilites" in role "rsm-apac".'], 'responsibilities is merged in, so the key is just unknown');
  assert.ok(schema[0].fixes.every((fix) => !fix.safe));
});

test('merge keys: a merge of something that is not a mapping is a yaml-syntax finding in the product\'s words', () => {
  const text = MERGED.replace('<<: *rsm-base           #', '<<: 42  #');
  const findings = lint(text);
  const syntax = byRule(findings, 'yaml-syntax');
  assert.equal(syntax.length, 1, rules(findings).join('\n'));
  assert.match(syntax[0].message, /merge key \(<<\) must name a mapping/);
});

test('aliases: a list shared through an alias is reported once per role, on that role\'s own key holding the alias', () => {
  const text = yaml`
    charter: Acme Sales
    regions: [EMEA, APAC]
    external: [ceo]
    roles:
      - id: hos
        role: head-of-sales
        scope: organization
        reports_to: ceo
        responsibilities: ${HOS}
      - id: rsm-emea
        role: regional-sales-manager
        scope: {region: EMEA}
        reports_to: hos
        responsibilities: &regional [regional-sales-plan, regional-team-leadership, key-account-relationships, regional-market-insights, regional-business-development, bogus-duty]
      - id: rsm-apac
        role: regional-sales-manager
        scope: {region: APAC}
        reports_to: hos
        responsibilities: *regional
  `;
  const unknown = byRule(lint(text), 'unknown-responsibility');
  assert.deepEqual(unknown.map((f) => `${f.line} ${textAt(text, f.range)}`), ['14 bogus-duty', '19 responsibilities']);
  assert.ok(unknown.every((f) => f.fixes.every((fix) => !fix.safe)));
  assert.equal(fixAllText(text), undefined);
});

test('YAML 1.2 core scalars whatever a %YAML 1.1 directive says: NO and ON are region names, not booleans', () => {
  const text = `%YAML 1.1\n---\n${charter({ regions: '[NO, ON]', roles: [hos(), rsm('NO'), rsm('ON')] })}`;
  const findings = lint(text);
  assert.deepEqual(rules(findings), []);
  const { files } = core.analyze({ files: [{ path: 'org.charter.yaml', text }] });
  assert.deepEqual(files[0].regions.map((r) => r.name), ['NO', 'ON']);
});

test('one charter per file: a second document is one schema finding on its ---, whatever it holds; only the first is read', () => {
  const first = charter();
  for (const second of ['', charter(), 'roles:\n  - id: hos\n    role: nonsense\n', 'key: [unclosed\n  - : :\n', '%%%\n']) {
    const text = `${first}---\n${second}`;
    const findings = lint(text);
    assert.deepEqual(rules(findings), [`${first.split('\n').length} schema: A second YAML document starts here: one charter per file, and only the first document is read.`], JSON.stringify(second));
    assert.equal(textAt(text, findings[0].range), '---');
    assert.ok(findings[0].fixes.every((fix) => !fix.safe));
    assert.equal(fixAllText(text), undefined);
  }
  // After an end marker, a document without ---: reported where it starts.
  const text = `${first}...\nnote: more\n`;
  const [f, ...rest] = lint(text);
  assert.equal(rest.length, 0);
  assert.equal(f.rule, 'schema');
  assert.equal(textAt(text, f.range), 'note: more');
  // A document start before the charter, or an end marker after it, is one document.
  assert.deepEqual(rules(lint(`---\n${first}...\n`)), []);
});

test('no library wording in messages: a second document, an unresolved alias, an alias bomb', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
  const texts = [`${charter()}---\nmore: 1\n`, charter().replace('external: [ceo]', 'external: *nowhere'), `charter: Acme\n${bomb.join('\n')}\n`];
  for (const text of texts) {
    const findings = lint(text);
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.doesNotMatch(f.message, /parseAllDocuments|YAML\.\w+\(|please use|resource exhaustion attack|should not happen/i, f.message);
    }
  }
  assert.match(byRule(lint(texts[2]), 'yaml-syntax')[0].message, /aliases in this file expand to too much content/);
  assert.deepEqual(parseYaml(`${charter()}---\nx: 1\n`).errors, []);
  assert.equal(rephrase('Source contains multiple documents; please use YAML.parseAllDocuments()'), 'A second YAML document: one charter per file');
});

test('a large charter parsed in chunks reads misspelt keys as a full parse does (same findings and fixes)', () => {
  const text = bigCharter(120)
    .replace('  - id: rsm-50\n    role: regional-sales-manager\n', '  - id: rsm-50\n    rol: regional-sales-manager\n')
    .replace(/(  - id: rsm-60\n(?:.*\n){4})    responsibilities:/, '$1    Responsibilites:');
  const summary = (result) => JSON.stringify([...result.findings].map(([file, list]) => [file, list.map((f) => [f.rule, f.range, f.message, f.fixes])]));
  const cache = new core.FileCache();
  const chunked = core.analyze({ files: [{ path: 'big.charter.yaml', text }], cache });
  assert.ok(chunked.files[0].chunkCache, 'the chunked parse is used');
  const full = core.analyze({ files: [{ path: 'big.charter.yaml', text: `${text}# &full-parse\n` }] });
  assert.equal(full.files[0].chunkCache, undefined);
  assert.equal(summary(chunked), summary(full));
  assert.equal(byRule([...chunked.findings.values()].flat(), 'schema').length, 2);
  // Again from the cache (reused chunks): still the same.
  const again = core.analyze({ files: [{ path: 'big.charter.yaml', text }], cache });
  assert.equal(summary(again), summary(full));
});

test('every scalar form of a key keeps its quoting when renamed: "reprots_to" and \'responsibilites\'', () => {
  const text = charter({ roles: [hos(), rsm('EMEA').replace('    reports_to: hos', '    "reprots_to": hos').replace('    responsibilities:', "    'responsibilites':"), rsm('APAC')] });
  const after = fixAllText(text);
  assert.equal(after, text.replace('"reprots_to"', '"reports_to"').replace("'responsibilites'", "'responsibilities'"));
  assertQuiet(lint(after));
});

test('a role model with a second document is refused with one line naming it', () => {
  const model = core.loadBuiltinModel('sales-leadership');
  assert.ok(model.ok);
  const text = 'model: tiny\ntitle: Tiny\nscopes: [organization]\nresponsibilities:\n  plan: {title: Plan, scope: organization}\nroles:\n  boss: {title: Boss, scope: organization, requires: [plan]}\n';
  assert.ok(core.parseRoleModel(text, 'tiny.roles.yaml').ok);
  const refused = core.parseRoleModel(`${text}---\nmodel: other\n`, 'tiny.roles.yaml');
  assert.equal(refused.ok, false);
  assert.equal(refused.error, 'tiny.roles.yaml:8:1: a second YAML document; one role model per file');
});

test('a collection as a key: no yaml package advice ("Set mapAsMap ...") printed on stderr', async () => {
  const warnings = [];
  const onWarning = (warning) => warnings.push(warning.message);
  process.on('warning', onWarning);
  try {
    const findings = lint('charter: Acme\n? [a, b]\n: c\n{x: 1}: y\n');
    assert.ok(findings.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.off('warning', onWarning);
  }
  assert.deepEqual(warnings, []);
});

test('a config with a second document is refused; a config\'s alias bomb is reported in the product\'s words', () => {
  assert.ok(core.parseConfig('rules: {schema: warning}\n', '/p/.charterlintrc.yaml', '/p', new Set(['schema'])).ok);
  const two = core.parseConfig('rules: {schema: warning}\n---\nrules: {schema: off}\n', '/p/.charterlintrc.yaml', '/p', new Set(['schema']));
  assert.equal(two.ok, false);
  assert.match(two.error, /:2:1: a second YAML document; one config per file$/);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
  const refused = core.parseConfig(`${bomb.join('\n')}\n`, '/p/.charterlintrc.yaml', '/p', new Set(['schema']));
  assert.equal(refused.ok, false);
  assert.doesNotMatch(refused.error, /resource exhaustion attack/);
});

test('merge keys: an unknown key merged in is reported on each merging role\'s own << key, with no fix', () => {
  const text = MERGED.replace('    reports_to: hos\n', '    reports_to: hos\n    extra: 1\n');
  assert.notEqual(text, MERGED);
  const schema = byRule(lint(text), 'schema');
  assert.deepEqual(schema.map((f) => `${f.message} @${textAt(text, f.range)}`), [
    'Unknown key "extra" in role "rsm-emea". @extra',
    'Unknown key "extra" in role "rsm-apac". @<<',
    'Unknown key "extra" in role "rsm-latam". @<<',
  ]);
  assert.ok(schema.every((f) => f.fixes.every((fix) => !fix.safe)));
  assert.ok(schema.slice(1).every((f) => f.fixes.length === 0), 'nothing inside the merged mapping is edited from a role that merges it');
  assert.equal(fixAllText(text), undefined);
});
