// SARIF 2.1.0 as the SARIF Multitool's `validate` and GitHub's ingestion rules read it. The Multitool
// needs .NET and the official JSON schema is not in any installed package, so this suite checks by
// hand what those rules check and what can be checked without them:
//   SARIF1001  a rule's `name` differs from its `id` (ignoring case); names are unique, PascalCase
//   SARIF1005  helpUri and informationUri are absolute URIs
//   SARIF1009  ruleIndex is inside the rules array; SARIF1010 ruleId agrees with rules[ruleIndex].id
//   SARIF1004 / GH1005  result URIs are relative, with a uriBaseId declared in originalUriBaseIds
//   SARIF1007  regions are consistent (1-based, end after start)
//   GitHub     required: shortDescription, fullDescription (≤ 1024 characters), help.text, message.text,
//              1–10 locations, startLine/startColumn/endLine/endColumn
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers.mjs';
import { tmp, run, describe, assertNoCrash, RULE_IDS, project, cleanCharter } from './cli-util.mjs';

const LEVELS = ['error', 'warning', 'note'];

/** Lints a copy of examples/ plus a broken charter in a folder whose name needs percent-encoding. */
function sarifOfExamples() {
  const dir = tmp();
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'sub folder'));
  fs.writeFileSync(path.join(dir, 'sub folder', 'broken.charter.yaml'), 'version: 1\nroles: [\n');
  const r = run(['--format', 'sarif'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 1, describe(r));
  return JSON.parse(r.stdout);
}

function assertAbsoluteHttpUri(value, what) {
  assert.equal(typeof value, 'string', what);
  const url = new URL(value); // throws on a relative or malformed URI
  assert.ok(url.protocol === 'https:' || url.protocol === 'http:', `${what}: ${value}`);
}

function assertText(message, what, max = Infinity) {
  assert.equal(typeof message?.text, 'string', what);
  assert.ok(message.text.trim().length > 0, `${what} is not empty`);
  assert.ok(message.text.length <= max, `${what} is at most ${max} characters`);
}

function assertRegion(region, what) {
  for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
    assert.ok(Number.isInteger(region[key]) && region[key] >= 1, `${what}: ${key} = ${region[key]}`);
  }
  assert.ok(region.endLine >= region.startLine, `${what}: endLine ≥ startLine`);
  if (region.endLine === region.startLine) assert.ok(region.endColumn > region.startColumn, `${what}: endColumn > startColumn on one line`);
}

function assertArtifactLocation(location, run, what) {
  const { uri, uriBaseId } = location;
  assert.equal(typeof uri, 'string', what);
  assert.ok(uri.length > 0, what);
  assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(uri), `${what}: relative, no scheme: ${uri}`);
  assert.ok(!uri.startsWith('/') && !uri.includes('\\'), `${what}: relative with /: ${uri}`);
  assert.doesNotThrow(() => new URL(uri, 'file:///root/'), `${what}: a valid URI reference: ${uri}`);
  assert.ok(!/[ #?]/.test(uri), `${what}: spaces, # and ? are percent-encoded: ${uri}`);
  assert.equal(typeof uriBaseId, 'string', `${what}: has a uriBaseId`);
  assert.ok(Object.hasOwn(run.originalUriBaseIds ?? {}, uriBaseId), `${what}: ${uriBaseId} is declared in originalUriBaseIds`);
}

test('sarif rules: every rule has a PascalCase name distinct from its id (SARIF1001), names unique', () => {
  const driver = sarifOfExamples().runs[0].tool.driver;
  assert.deepEqual(driver.rules.map((rule) => rule.id).sort(), [...RULE_IDS].sort());
  const names = new Set();
  for (const rule of driver.rules) {
    assert.equal(typeof rule.name, 'string', rule.id);
    assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/, `${rule.id}: name ${rule.name} is PascalCase`);
    assert.notEqual(rule.name.toLowerCase(), rule.id.toLowerCase(), `${rule.id}: name differs from id`);
    assert.ok(rule.name.length <= 255, rule.id);
    assert.ok(!names.has(rule.name), `${rule.id}: name ${rule.name} is unique`);
    names.add(rule.name);
  }
  // The one-word id that SARIF1001 flagged gets a descriptive name, not the id capitalised.
  assert.notEqual(driver.rules.find((rule) => rule.id === 'schema').name.toLowerCase(), 'schema');
});

test('sarif rules: descriptions, help, helpUri and default level that GitHub requires', () => {
  const sarif = sarifOfExamples();
  assert.equal(sarif.version, '2.1.0');
  assertAbsoluteHttpUri(sarif.$schema, '$schema');
  const driver = sarif.runs[0].tool.driver;
  assert.equal(typeof driver.name, 'string');
  assert.ok(driver.name.length > 0);
  assert.match(driver.semanticVersion, /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/);
  assertAbsoluteHttpUri(driver.informationUri, 'informationUri');
  const ids = new Set();
  for (const rule of driver.rules) {
    assert.ok(!ids.has(rule.id), `rule id ${rule.id} is unique`);
    ids.add(rule.id);
    assertText(rule.shortDescription, `${rule.id}: shortDescription`, 1024);
    assertText(rule.fullDescription, `${rule.id}: fullDescription`, 1024);
    assertText(rule.help, `${rule.id}: help`);
    assertAbsoluteHttpUri(rule.helpUri, `${rule.id}: helpUri`);
    assert.ok(rule.helpUri.includes(rule.id), `${rule.id}: helpUri names the rule's page`);
    assert.ok(LEVELS.includes(rule.defaultConfiguration?.level), `${rule.id}: defaultConfiguration.level`);
    assert.ok(['error', 'warning', 'recommendation'].includes(rule.properties['problem.severity']), `${rule.id}: problem.severity`);
  }
});

test('sarif results: ruleId and ruleIndex agree, locations relative under %SRCROOT%, regions consistent', () => {
  const sarif = sarifOfExamples();
  const run = sarif.runs[0];
  const rules = run.tool.driver.rules;
  assert.ok(run.results.length >= 10, `examples/ give many results (${run.results.length})`);
  assert.ok(run.results.some((result) => result.relatedLocations), 'some result has related locations');
  assert.ok(run.results.some((result) => result.ruleId === 'yaml-syntax'), 'the broken charter is reported');
  const uris = new Set();
  for (const [n, result] of run.results.entries()) {
    const what = `result ${n} (${result.ruleId})`;
    assert.ok(Number.isInteger(result.ruleIndex) && result.ruleIndex >= 0 && result.ruleIndex < rules.length, `${what}: ruleIndex in range`);
    assert.equal(rules[result.ruleIndex].id, result.ruleId, `${what}: rules[ruleIndex].id is ruleId`);
    assert.ok(LEVELS.includes(result.level), what);
    assertText(result.message, `${what}: message`);
    assert.ok(result.locations.length >= 1 && result.locations.length <= 10, `${what}: 1 to 10 locations`);
    for (const location of result.locations) {
      assertArtifactLocation(location.physicalLocation.artifactLocation, run, what);
      assertRegion(location.physicalLocation.region, what);
      uris.add(location.physicalLocation.artifactLocation.uri);
    }
    const relatedIds = new Set();
    for (const related of result.relatedLocations ?? []) {
      assert.ok(Number.isInteger(related.id) && !relatedIds.has(related.id), `${what}: related location ids unique`);
      relatedIds.add(related.id);
      assertText(related.message, `${what}: related message`);
      assertArtifactLocation(related.physicalLocation.artifactLocation, run, `${what} related`);
      assertRegion(related.physicalLocation.region, `${what} related`);
    }
  }
  assert.ok(uris.has('sub%20folder/broken.charter.yaml'), `the space is percent-encoded: ${[...uris].join(', ')}`);
  const artifactUris = new Set(run.artifacts.map((artifact) => artifact.location.uri));
  for (const uri of uris) assert.ok(artifactUris.has(uri), `${uri} is listed in artifacts`);
});

test('sarif: a clean organization still lists every rule, with no results', () => {
  const r = run(['--format', 'sarif'], { cwd: project({ 'org.charter.yaml': cleanCharter() }) });
  assertNoCrash(r);
  assert.equal(r.status, 0, describe(r));
  const sarif = JSON.parse(r.stdout);
  assert.deepEqual(sarif.runs[0].results, []);
  assert.equal(sarif.runs[0].tool.driver.rules.length, RULE_IDS.length);
});
