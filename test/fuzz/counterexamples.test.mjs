// Shrunk counterexamples of the properties in properties.test.mjs, kept as fixed regression cases:
// one test per distinct defect the fuzzing found, each checking the same property
// (properties-lib.mjs) on the smallest input known to have broken it. fast-check reports only the
// first failure of a property; these keep every known failure visible on each run. Where the fix
// was to stop offering an edit, the property checks the edit if it is ever offered again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { propFixes, propFixSemantics, propDisableFixes, propRanges, propFixAllKeepsYaml, propFixAllKeepsScalars, analyzeFiles } from './properties-lib.mjs';

const single = (text) => [{ path: 'org.charter.yaml', text }];
const disableAllButSyntax = (files) => propDisableFixes(files, (rule) => rule !== 'yaml-syntax');
const disableSyntax = (files) => propDisableFixes(files, (rule) => rule === 'yaml-syntax');

// (c) "Remove unknown key" is safe only when its span holds no comment; the span it removes is larger.

test('(c) removing an unknown first key of a multi-line flow mapping keeps the comment before the next key', () => {
  propFixes(single('charter: Acme\nroles:\n  - {owner: x,\n     # keep me\n     id: hos}\n'));
});

test('(c) removing an unknown later key of a multi-line flow mapping keeps the comment after the previous pair', () => {
  propFixes(single('charter: Acme\nroles:\n  - {id: hos,   # keep me\n     owner: x}\n'));
});

test('(c) removing an unknown key on the "- " line of a block mapping keeps the comment line below it', () => {
  propFixes(single('charter: Acme\nroles:\n  - owner: x\n    # keep me\n    id: hos\n'));
});

test('(c) removing an unknown key that is a one-pair mapping inside a flow sequence keeps valid YAML', () => {
  propFixes(single('charter: Acme\nroles:\n  - id: hos\n    responsibilities: [sales-strategy, owner: x, budget-management]\n'));
});

// A comment on the line of an unknown block key goes with the line's removal however far after
// the value it sits: it was once caught only when longer than the blanks before it.

test('(c) removing an unknown last key keeps an empty comment far after its value (no final newline)', () => {
  propFixes(single('charter: Acme\nx-custom: [x]   #'));
});

test('(c) removing an unknown middle key keeps a comment with text far after its value', () => {
  propFixes(single('charter: Acme\nx-custom: y          # hi\nregions: [EMEA]\n'));
});

test('(c) removing an unknown key keeps a far comment with CRLF and with lone CR line breaks', () => {
  propFixes(single('charter: Acme\r\nx-custom: [x]      #\r\nregions: [EMEA]\r\n'));
  propFixes(single('charter: Acme\r\nx-custom: [x]   #'));
  propFixes(single('charter: Acme\rx-custom: [x]   #\rregions: [EMEA]\r'));
  propFixes(single('charter: Acme\rx-custom: [x]   #'));
});

test('(c) removing an unknown key of a one-line flow mapping is still offered, and keeps the comment after the braces', () => {
  for (const text of ['charter: Acme\nroles:\n  - {id: hos, x-custom: y}      #', 'charter: Acme\nroles:\n  - {x-custom: y, id: hos}   # hi\n']) {
    const files = single(text);
    const result = analyzeFiles(files);
    const offered = [...result.findings.values()].flat().flatMap((f) => f.fixes).filter((fix) => fix.title === 'Remove unknown key "x-custom"');
    assert.equal(offered.length, 1, 'the removal does not touch the comment, so it is offered');
    propFixes(files, result);
  }
});

// (c) Anchors and tags belong to the node they precede.

test('(c) removing a duplicate that carries an anchor (flow list) keeps valid YAML', () => {
  propFixes(single('charter: Acme\nroles:\n  - id: hos\n    responsibilities: [sales-strategy, &s sales-strategy, *s]\n'));
});

test('(c) removing a duplicate that carries an anchor (block list) keeps its alias resolvable', () => {
  propFixes(single('charter: Acme\nroles:\n  - id: hos\n    responsibilities:\n      - sales-strategy\n      - &s sales-strategy\n      - *s\n'));
});

test('(c) replacing tagged free text by {id, note} keeps valid YAML', () => {
  propFixes(single('charter: Acme\nroles:\n  - id: hos\n    role: head-of-sales\n    responsibilities:\n      - !!str sales forecast\n'));
});

test('(g) removing a tagged duplicate at the end of a flow list removes its tag too', () => {
  propFixSemantics(single('charter: Acme\nroles:\n  - id: hos\n    responsibilities: [sales-strategy, !!str sales-strategy]\n'));
});

// "Add" to an explicitly empty list.

test('(g) "Add" to `responsibilities: ~` makes a list holding the id', () => {
  propFixSemantics(single('charter: Acme\nroles:\n  - id: hos\n    role: head-of-sales\n    scope: organization\n    responsibilities: ~\n'));
});

test('(g) "Add" to `responsibilities: null` makes a list holding the id', () => {
  propFixSemantics(single('charter: Acme\nroles:\n  - id: hos\n    role: head-of-sales\n    scope: organization\n    responsibilities: null\n'));
});

test('(c) "Add" to `responsibilities: ~  # comment` keeps valid YAML', () => {
  propFixes(single('charter: Acme\nroles:\n  - id: hos\n    role: head-of-sales\n    scope: organization\n    responsibilities: ~   # none yet\n'));
});

test("(d') fixAll keeps valid YAML when a duplicate carries an anchor", () => {
  propFixAllKeepsYaml(single('charter: Acme\nroles:\n  - id: hos\n    role: head-of-sales\n    scope: organization\n    responsibilities: [sales-strategy, &s sales-strategy, *s]\n'));
});

// A list shared through an alias.

test('(g) a fix of a role that reads its list through an alias does not rewrite the anchored list otherwise than it says', () => {
  propFixSemantics(single('charter: Acme\nregions: [EMEA]\nroles:\n  - id: a\n    role: regional-sales-manager\n    scope: {region: EMEA}\n    responsibilities: &l [customer voice]\n  - id: b\n    role: regional-sales-manager\n    scope: {region: EMEA}\n    responsibilities: *l\n'));
});

// (c') "Disable <rule> for this line".

test("(c') disable yaml-syntax for this line, where offered, hides the syntax error", () => {
  disableSyntax(single('charter: Acme\nroles:\n  - id: hos\n    responsibilities:\n      - sales-strategy\n     - budget-management\n'));
});

test("(c') disable for this line, where offered, hides a finding of an empty file", () => {
  disableAllButSyntax(single(''));
});

test("(c') disable for this line, where offered, hides a finding of a comment-only file", () => {
  disableAllButSyntax(single('# just a comment\n'));
});

test("(c') disable for this line, where offered, hides unowned-responsibility of a file without a charter key", () => {
  disableAllButSyntax([{ path: 'a.charter.yaml', text: '\r' }, { path: 'b.charter.yaml', text: 'charter: Acme part 2\n' }]);
});

// (b) Positions.

test('(b) a yaml-syntax range never ends between the \\r and \\n of a CRLF', () => {
  propRanges(single('charter: x\r\nroles:\r\nroles:\r\n'));
});

// A lone CR (as in "\r\r\n", a doubly converted line end) is a line break in YAML 1.2 and LSP, and
// to the product's line index; the yaml package alone keeps it inside the scalar before it.

test('(c) a value followed by a lone CR: no did-you-mean fix that changes nothing', () => {
  propFixes(single('charter: Acme\r\nroles:\r\n  - id: r\r\n    role: regional-sales-manager\r\r\n'));
});

test('(c) free text followed by a lone CR in a flow list: replacing it by {id, note} keeps valid YAML', () => {
  propFixes(single('charter: Acme\nroles:\n  - id: hos\n    role: head-of-sales\n    responsibilities: [sales forecast\r]\n'));
});

// ── Found by `npm run test:fuzz` (2026-11-27, seeds 20261127 and 467231715), fixed the same day ──

// A plain scalar may end in a character that JavaScript's \s matches but YAML does not count as
// white space (\v, \f, U+00A0, U+FEFF, U+3000...): the value keeps it, the did-you-mean fix's span
// (trimSpan in server/src/core/fixes.ts) leaves it out, so the fix rewrites the visible part only:
// it changes nothing ("Change to"), or leaves the character after the new flow mapping, which breaks
// the YAML ("Replace with ... (keep the text as note)").

test('(c) a reports_to value ending in \\v: "Change to" changes the text', () => {
  propFixes(single('charter: x\nexternal: [cfo]\nroles:\n- id: hos\n  role: head-of-sales\n  reports_to: cfo\u000b\n'));
});

test('(c) a region ending in U+00A0: "Change to" changes the text', () => {
  propFixes(single('charter: x\nregions: [EMEA]\nroles:\n- id: r\n  role: regional-sales-manager\n  scope: {region: EMEA\u00a0}\n'));
});

test('(c) free text ending in U+00A0 in a flow list: replacing it by {id, note} keeps valid YAML', () => {
  propFixes(single('charter: x\nroles:\n- id: hos\n  role: head-of-sales\n  responsibilities: [performance-reporting\u00a0, sales-strategy]\n'));
});

test("(d') an id ending in \\v in a flow list: fixAll (its safe {id, note} fix) keeps valid YAML", () => {
  propFixAllKeepsYaml(single('charter: x\nroles:\n- id: r\n  role: regional-sales-manager\n  responsibilities: [regional-sales-plan\u000b, key-account-relationships]\n'));
});

// "Set scope to organization" replaces a block scope mapping with the comments inside it
// (server/src/core/rules/scope-mismatch.ts replaces the whole node's span).

test('(c) "Set scope to organization" keeps the comments inside a block scope mapping', () => {
  propFixes(single('charter: x\nregions: [EMEA]\nroles:\n  - id: hos\n    role: head-of-sales\n    scope:\n      region: EMEA # keep me\n'));
});

// Removing the last item of a block list when the file does not end in a line break also removes
// the line break before it, sized as the file's usual line end (removeSeqItem in
// server/src/core/fixes.ts): after a first CRLF, a "\n" break is taken as two characters and the
// line above loses its last one (a comment's last letter, or the previous entry's).

test('(c) removing a last duplicate without a final newline, after a CRLF line, keeps the comment above it', () => {
  propFixes(single('\r\nroles:\n- id: b\n  responsibilities:\n  - sales-strategy # t\n  - sales-strategy'));
});

test('(g) removing a last duplicate without a final newline, after a CRLF line, keeps the entry above it', () => {
  propFixSemantics(single('\r\nroles:\n- id: b\n  responsibilities:\n  - sales-strategy\n  - sales-strategy'));
});

// (g), (i) A misspelt key is read as the key it stands for: fixes inside it edit what the rules read.

test('(g) a second BOM inside the first key makes it a misspelt "roles": role fixes and the rename do what they say', () => {
  const files = single('\ufeff\ufeffroles:\n  - {reports_to: hos, responsibilities: [regional-sales-plan, strategic customer relationships], id: rsm-x, scope: organization, role: regional-sales-manager}\ncharter: Acme Sales\n');
  propFixSemantics(files);
  propFixAllKeepsScalars(files);
  propFixAllKeepsYaml(files);
});
