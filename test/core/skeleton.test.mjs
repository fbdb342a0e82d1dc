// The new-charter skeleton (core/skeleton.ts): the text the editor's "New Charter" command and the
// empty-file quick fix insert. It must hold the chosen role type's required ids, parse, and lint
// clean where it belongs; the contributed "charter" snippet is the same text with tab stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { core, lint, byRule, parseDocument, repoRoot, yaml, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const { charterSkeleton, skeletonChoices } = require('../../server/out/core/skeleton.js');
const model = core.loadBuiltinModel(core.DEFAULT_MODEL_ID).model;

const idsOf = (text) => parseDocument(text).toJS().roles[0].responsibilities;

test('skeleton choices: one per role type of the model, the organization-wide type first, named for what the charter describes', () => {
  assert.deepEqual(
    skeletonChoices(model).map((c) => [c.roleType, c.label]),
    [
      ['head-of-sales', 'Head of Sales organization'],
      ['regional-sales-manager', 'Regional Sales Manager team'],
    ],
  );
});

test('Head of Sales skeleton: every required id, in the model\u2019s order, and a charter that lints clean on its own', () => {
  const text = charterSkeleton(model, 'head-of-sales');
  assert.deepEqual(idsOf(text), HOS_RESPONSIBILITIES);
  const doc = parseDocument(text);
  assert.deepEqual(doc.errors, []);
  assert.equal(doc.toJS().roles[0].scope, 'organization');
  assert.deepEqual(lint({ 'org.charter.yaml': text }).map((f) => `${f.rule}: ${f.message}`), []);
  // The titles are comments: a person reads them, the linter does not.
  assert.match(text, /- sales-strategy +# Sales strategy and planning\n/);
  assert.ok(text.endsWith('\n'));
});

test('Regional Sales Manager skeleton: every required id, a region scope and a reporting line to the Head of Sales; clean beside an organization declaring the region', () => {
  const text = charterSkeleton(model, 'regional-sales-manager', { id: 'rsm-emea', region: 'EMEA', name: 'Acme — EMEA' });
  const role = parseDocument(text).toJS().roles[0];
  assert.deepEqual(role.responsibilities, RSM_RESPONSIBILITIES);
  assert.deepEqual(role.scope, { region: 'EMEA' });
  assert.equal(role.id, 'rsm-emea');
  assert.equal(role.reports_to, 'hos');
  assert.equal(parseDocument(text).toJS().charter, 'Acme — EMEA');
  const organization = charterSkeleton(model, 'head-of-sales').replace('regions: []', 'regions: [EMEA]');
  assert.deepEqual(lint({ 'org.charter.yaml': organization, 'emea.charter.yaml': text }).map((f) => `${f.file} ${f.rule}: ${f.message}`), []);
});

test('Regional Sales Manager skeleton alone: no missing-responsibility, no schema finding; what it lacks is the organization around it', () => {
  const findings = lint({ 'team.charter.yaml': charterSkeleton(model, 'regional-sales-manager') });
  assert.deepEqual(byRule(findings, 'missing-responsibility'), []);
  assert.deepEqual(byRule(findings, 'schema'), []);
  assert.deepEqual(byRule(findings, 'yaml-syntax'), []);
  assert.deepEqual([...new Set(findings.map((f) => f.rule))].sort(), ['unknown-reference', 'unknown-region', 'unowned-responsibility']);
});

test('skeleton for a role type the model does not define: undefined', () => {
  assert.equal(charterSkeleton(model, 'regional-sales-manger'), undefined);
});

test('skeleton of a custom model: its own role types (broadest first) and required ids, scope from its levels, no model: line (a custom model is named by a path only the author knows)', () => {
  const custom = core.parseRoleModel(
    yaml`
      model: field-sales
      title: Field sales
      scopes: [organization, region]
      responsibilities:
        district-plan: {title: District plan, scope: region}
        coaching: {title: Coaching, scope: region}
        strategy: {title: Strategy, scope: organization}
      roles:
        district-manager: {title: District Manager, scope: region, reports_to: [vp-sales], requires: [district-plan, coaching]}
        vp-sales: {title: VP Sales, scope: organization, reports_to: [external], requires: [strategy]}
    `,
    '/models/field.roles.yaml',
  );
  assert.ok(custom.ok, custom.error);
  assert.deepEqual(skeletonChoices(custom.model).map((c) => c.label), ['VP Sales organization', 'District Manager team']);
  const text = charterSkeleton(custom.model, 'district-manager');
  const doc = parseDocument(text).toJS();
  assert.equal(doc.model, undefined);
  assert.deepEqual(doc.roles[0].responsibilities, ['district-plan', 'coaching']);
  assert.equal(doc.roles[0].id, 'dm');
  assert.equal(doc.roles[0].reports_to, 'vs');
  assert.deepEqual(doc.roles[0].scope, { region: 'EMEA' });
});

test('an id or name YAML would read as something else is quoted', () => {
  const text = charterSkeleton(model, 'head-of-sales', { id: 'yes', name: 'Sales: EMEA #1' });
  const doc = parseDocument(text).toJS();
  assert.equal(doc.roles[0].id, 'yes');
  assert.equal(doc.charter, 'Sales: EMEA #1');
});

test('the "charter" snippet is the skeleton with tab stops: its defaults give exactly charterSkeleton\u2019s text', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const contributed = pkg.contributes.snippets.find((s) => s.language === 'yaml');
  assert.ok(contributed, 'package.json contributes a yaml snippet file');
  const snippets = JSON.parse(fs.readFileSync(path.join(repoRoot, contributed.path), 'utf8'));
  const byLabel = new Map(Object.entries(snippets).map(([name, s]) => [name, s]));
  for (const choice of skeletonChoices(model)) {
    const snippet = byLabel.get(`charter: ${choice.label}`);
    assert.ok(snippet, `a snippet for ${choice.label}`);
    assert.equal(snippet.prefix, 'charter');
    const body = snippet.body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\n?\$0$/, '');
    assert.equal(`${body}\n`, charterSkeleton(model, choice.roleType), `snippet "${choice.label}" matches the core's skeleton`);
  }
  assert.equal(byLabel.size, skeletonChoices(model).length);
});
