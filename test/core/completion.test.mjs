// Issue #13 items 2 and 3: completion from our own server — keys the charter schema allows where a
// key is typed, scope forms as snippets, and responsibility ids ranked by how they fit the role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { core, yaml, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../helpers.mjs';

const require = createRequire(import.meta.url);
/** @type {typeof import('../../server/out/core/completion')} */
const { completionContext, completions, plainSnippet } = require('../../server/out/core/completion.js');

const CURSOR = '|';

/** Completion at the `|` in `source` (removed before analysis), as the server computes it. */
function complete(source) {
  const offset = source.indexOf(CURSOR);
  assert.ok(offset >= 0, 'test setup: no cursor');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  const result = core.analyze({ files: [{ path: 'org.charter.yaml', text }] });
  const context = completionContext(text, offset);
  const entries = context ? completions(result.org, result.files[0], offset, context) : [];
  const sorted = [...entries].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
  return { context, entries: sorted, labels: sorted.map((e) => e.label), text, offset };
}

const ORG = yaml`
  charter: Acme Sales
  regions: [EMEA, APAC]
  external: [ceo]
  roles:
    - id: hos
      role: head-of-sales
      scope: organization
      reports_to: ceo
      responsibilities: [${HOS_RESPONSIBILITIES.join(', ')}]
`;

test('an empty file: a whole skeleton per role type first, then the charter\'s top-level keys in the schema\'s order', () => {
  const { context, labels, entries } = complete('|');
  assert.equal(context.kind, 'key');
  assert.equal(context.mapping, 'document');
  assert.deepEqual(labels, ['New charter: Head of Sales organization', 'New charter: Regional Sales Manager team', 'charter', 'model', 'regions', 'external', 'roles']);
  const skeleton = entries[0].insertText;
  assert.equal(entries[0].kind, 'skeleton');
  assert.deepEqual(core.analyze({ files: [{ path: 'org.charter.yaml', text: skeleton }] }).findings.get('org.charter.yaml'), [], 'the Head of Sales skeleton lints clean');
  assert.deepEqual(complete('# draft\r\n|').entries[1].insertText.split('\r\n').length > 5, true, 'CRLF file: CRLF skeleton');
  assert.ok(!complete('charter: A\n|').labels.some((l) => l.startsWith('New charter')), 'not once the charter has a key');
  const roles = entries.find((e) => e.label === 'roles');
  assert.match(roles.snippet, /^roles:\n {2}- id: \$\{1:id\}\n {4}role: \$\{2\|head-of-sales,regional-sales-manager\|\}\n {4}scope: \$3$/);
  assert.equal(plainSnippet(roles.snippet), 'roles:\n  - id: id\n    role: \n    scope: ');
  assert.ok(entries.filter((e) => e.kind === 'key').every((e) => e.detail && e.documentation), 'each key carries the schema\'s description');
});

test('top-level keys already present are not offered again; a typed prefix is replaced', () => {
  const { context, labels, text, offset } = complete('charter: Acme\nreg|\nroles: []\n');
  assert.deepEqual(labels, ['model', 'regions', 'external']);
  assert.equal(text.slice(context.start, offset), 'reg');
});

test('inside a role: the role keys it lacks (holder, reports_to, responsibilities), whatever the order of its lines', () => {
  const { context, labels, entries } = complete(`${ORG}  - id: rsm-emea\n    role: regional-sales-manager\n    |\n    scope: {region: EMEA}\n`);
  assert.equal(context.mapping, 'role');
  assert.deepEqual(labels, ['holder', 'reports_to', 'responsibilities']);
  const responsibilities = entries.find((e) => e.label === 'responsibilities');
  assert.equal(responsibilities.snippet, 'responsibilities:\n      - $1');
  assert.equal(responsibilities.retrigger, true, 'its value has completions: asked again');
  assert.equal(entries.find((e) => e.label === 'holder').retrigger, false);
});

test('a new list item under roles: every role key, id first; under responsibilities: ids, not keys', () => {
  const { context, labels } = complete(`${ORG}  - |\n`);
  assert.equal(context.mapping, 'role');
  assert.deepEqual(labels, ['id', 'role', 'holder', 'scope', 'reports_to', 'responsibilities']);
  const ids = complete(`${ORG}  - id: rsm-emea\n    role: regional-sales-manager\n    scope: {region: EMEA}\n    responsibilities:\n      - |\n`);
  assert.equal(ids.context.kind, 'responsibility');
  // Top-level region declarations are names the author chooses: nothing offered.
  assert.equal(complete('charter: A\nregions:\n  - |\n').context, undefined);
});

test('a block scope: region or regions, and nothing once it has one; a mapping entry of a list: note', () => {
  const scope = complete(`${ORG}  - id: rsm-emea\n    role: regional-sales-manager\n    scope:\n      |\n`);
  assert.equal(scope.context.mapping, 'scope');
  assert.deepEqual(scope.labels, ['region', 'regions']);
  assert.equal(scope.entries.find((e) => e.label === 'regions').snippet, 'regions: [$1]');
  const full = complete(`${ORG}  - id: rsm-emea\n    role: regional-sales-manager\n    scope:\n      region: EMEA\n      |\n`);
  assert.deepEqual(full.labels, []);
  const note = complete(`${ORG}  - id: rsm-emea\n    role: regional-sales-manager\n    responsibilities:\n      - id: regional-sales-plan\n        |\n`);
  assert.equal(note.context.mapping, 'responsibility');
  assert.deepEqual(note.labels, ['note']);
});

test('no key completion where a key is already written, inside a value, or in a comment', () => {
  assert.equal(complete('charter: Acme\nrol|es: []\n').context, undefined);
  assert.equal(complete('charter: Ac|me\n').context, undefined);
  assert.equal(complete('# a comm|\ncharter: A\n').context, undefined);
});

test('CRLF files: a key\'s snippet uses CRLF', () => {
  const { entries } = complete(`${ORG}  - id: rsm-emea\n    |\n`.replace(/\n/g, '\r\n'));
  assert.equal(entries.find((e) => e.label === 'responsibilities').snippet, 'responsibilities:\r\n      - $1');
});

test('scope values: the three forms as snippets, the role type\'s level first', () => {
  const regional = complete(`${ORG}  - id: rsm-emea\n    role: regional-sales-manager\n    scope: |\n`);
  assert.equal(regional.context.kind, 'scope');
  assert.deepEqual(regional.labels.slice(0, 2), ['{region: }', '{regions: []}']);
  assert.equal(regional.labels.at(-1), 'organization');
  assert.ok(regional.labels.includes('{region: EMEA}') && regional.labels.includes('{region: APAC}'));
  const forms = Object.fromEntries(regional.entries.map((e) => [e.label, e]));
  assert.equal(forms['{region: }'].snippet, '{region: $1}');
  assert.equal(forms['{regions: []}'].snippet, '{regions: [$1]}');
  assert.equal(forms['{region: }'].retrigger, true, 'region names are offered next');
  const head = complete(`${ORG}  - id: hos2\n    role: head-of-sales\n    scope: |\n`);
  assert.equal(head.labels[0], 'organization');
});

test('a regional manager\'s list: the ids it lacks first, the broader ones last and marked out of scope', () => {
  const { labels, entries } = complete(`${ORG}  - id: rsm-emea\n    role: regional-sales-manager\n    scope: {region: EMEA}\n    responsibilities:\n      - regional-sales-plan\n      - |\n`);
  const lacking = RSM_RESPONSIBILITIES.filter((id) => id !== 'regional-sales-plan');
  assert.deepEqual(labels.slice(0, lacking.length), [...lacking].sort(), 'the required ids it lacks come first');
  assert.ok(!labels.includes('regional-sales-plan'), 'an id it has is not offered');
  const rest = entries.slice(lacking.length);
  assert.deepEqual(rest.map((e) => e.label).sort(), [...HOS_RESPONSIBILITIES].sort(), 'then the organization-wide ones');
  for (const entry of rest) {
    assert.match(entry.detail, /out of scope for a region role$/, entry.label);
    assert.match(entry.documentation, /^Out of scope for "rsm-emea": .* broader than the role's region scope/, entry.label);
  }
  for (const entry of entries.slice(0, lacking.length)) {
    assert.match(entry.detail, /required, missing$/);
    assert.doesNotMatch(entry.detail, /out of scope/);
  }
  // sales-strategy names the id that refines it, once the role lacks that one.
  const lacksPlan = complete(`${ORG}  - id: rsm-emea\n    role: regional-sales-manager\n    scope: {region: EMEA}\n    responsibilities:\n      - |\n`);
  assert.match(lacksPlan.entries.find((e) => e.label === 'sales-strategy').documentation, /At region level it is regional-sales-plan \(Regional sales plan\)\./);
});

test('a Head of Sales\' list: its missing ids first, the regional ones after them and not marked out of scope', () => {
  const { labels, entries } = complete(yaml`
    charter: Acme Sales
    roles:
      - id: hos
        role: head-of-sales
        scope: organization
        responsibilities:
          - sales-strategy
          - |
  `);
  const lacking = HOS_RESPONSIBILITIES.filter((id) => id !== 'sales-strategy');
  assert.deepEqual(labels.slice(0, lacking.length), [...lacking].sort());
  assert.deepEqual(labels.slice(lacking.length).sort(), [...RSM_RESPONSIBILITIES].sort());
  assert.ok(entries.every((e) => !/out of scope/i.test(`${e.detail} ${e.documentation ?? ''}`)));
});

test('the lines around the cursor are read from a window: first lines, blank lines, and a role far down a long file', () => {
  assert.equal(complete('\n|').context.mapping, 'document');
  assert.equal(complete('\n\n  \n|\n').context.mapping, 'document');
  const many = Array.from({ length: 3000 }, (_, i) => `  - id: r${i}\n    role: regional-sales-manager\n    scope: {region: EMEA}`).join('\n');
  const { context, labels } = complete(`charter: A\nregions: [EMEA]\nroles:\n${many}\n    |\n`);
  assert.equal(context.mapping, 'role');
  assert.deepEqual(labels, ['holder', 'reports_to', 'responsibilities']);
});
