// The incremental parse (one chunk per role, reused across versions) must give exactly the
// findings and fixes of a full parse, edit after edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';
import { bigCharter } from '../../bench/generate.mjs';

const summary = (result) =>
  JSON.stringify([...result.findings].map(([file, findings]) => [file, findings.map((f) => [f.rule, f.range, f.message, f.related, f.fixes.map((x) => x.edits)])]));

/** Everything the parse extracted of each role, with every offset, for a field-by-field comparison. */
const span = (x) => (x ? [x.start, x.end, x.value ?? x.text ?? null] : null);
const rolesOf = (result) =>
  JSON.stringify(
    result.files[0].roles.map((role) => ({
      at: span(role),
      index: role.index,
      file: role.file === result.files[0],
      id: span(role.id),
      role: span(role.role),
      holder: role.holder ?? null,
      reportsTo: span(role.reportsTo),
      scope: role.scope ? [role.scope.kind, span(role.scope), (role.scope.regions ?? []).map(span)] : null,
      key: span(role.responsibilitiesKey),
      responsibilities: role.responsibilities.map((entry) => [span(entry), entry.index, entry.isMapping]),
      node: role.node.range.slice(0, 2),
    })),
  );

/** A trailing comment that looks like an anchor makes the chunked parse step aside (same findings). */
const forceFullParse = (text) => `${text}${text.endsWith('\n') ? '' : '\n'}# &full-parse\n`;

function check(seed, edits, initial) {
  let text = initial;
  const cache = new core.FileCache();
  let state = seed;
  const random = (n) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
  for (let i = 0; i < edits; i++) {
    const at = random(text.length);
    const kind = random(5);
    if (kind === 0) text = `${text.slice(0, at)}x${text.slice(at)}`;
    else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1);
    else if (kind === 2) text = `${text.slice(0, at)}\n${text.slice(at)}`;
    else if (kind === 3) text = `${text.slice(0, at)}  # note\n${text.slice(at)}`;
    else {
      // Move a whole role: same chunk text at another offset.
      const start = text.indexOf('  - id: rsm-', at);
      const end = start < 0 ? -1 : text.indexOf('  - id: rsm-', start + 1);
      if (start > 0 && end > 0) text = text.slice(0, start) + text.slice(end) + text.slice(start, end);
    }
    const incremental = core.analyze({ files: [{ path: '/org/big.charter.yaml', text }], cache });
    const full = core.analyze({ files: [{ path: '/org/big.charter.yaml', text: forceFullParse(text) }] });
    assert.equal(full.files[0].chunkCache, undefined, 'the reference is a plain full parse');
    assert.equal(summary(incremental), summary(full), `edit ${i} (kind ${kind} at ${at}) differs`);
    assert.equal(rolesOf(incremental), rolesOf(full), `edit ${i} (kind ${kind} at ${at}): the roles read differ`);
  }
}

test('incremental parse equals a full parse across random edits', () => {
  const initial = bigCharter(120).replace('  - id: rsm-50\n', '  # a comment\n  - id: rsm-50\n    bogus: 1\n').concat('external2: [x]\n');
  check(11, 40, initial);
  check(97, 40, bigCharter(90));
});

test('the chunked parse is used for large charters and reused across versions', () => {
  const text = bigCharter(200);
  const cache = new core.FileCache();
  const first = core.analyze({ files: [{ path: '/org/big.charter.yaml', text }], cache });
  assert.ok(first.files[0].chunkCache, 'a large charter is parsed in chunks');
  const edited = text.replace('holder: Person 100', 'holder: Person 100x');
  const second = core.analyze({ files: [{ path: '/org/big.charter.yaml', text: edited }], cache });
  const before = first.files[0].roles[150].node;
  const after = second.files[0].roles[150].node;
  assert.equal(after, before, 'an unchanged role after the edit reuses its parsed node');
  assert.deepEqual(after.range.slice(0, 1), [edited.indexOf('id: rsm-150')], 'and its offsets follow the edit');
});

test('schema problems of a chunked charter equal those of a full parse', () => {
  const base = bigCharter(100);
  const variants = [
    base.replace('  - id: rsm-50\n', '  - id: rsm-50\n    bogus: 1\n'),
    base.replace('  - id: rsm-60\n', '  - id: 7\n    extra: [1, 2]\n  - id: rsm-60\n'),
    base.replace('  - id: rsm-70\n', '  - "just a string"\n  - id: rsm-70\n'),
    base.replace('  - id: rsm-71\n', '  - {}\n  - id: rsm-71\n'),
    base.replace(/(- id: rsm-80\n(?:    .*\n)*?)    scope: .*\n/, '$1    scope: {region: EMEA, regions: [APAC]}\n'),
    base.replace('    holder: Person 81\n', '    holder: [Person, 81]\n'),
    base.replace('    reports_to: hos\n    responsibilities:\n      - regional-sales-plan\n      - regional-team-leadership\n      - key-account-relationships\n      - regional-market-insights\n      - regional-business-development\n  - id: rsm-82', '    reports_to: hos\n    responsibilities: {a: 1}\n  - id: rsm-82'),
    `unknown_top: 1\n${base}`,
    base.replace(/^charter: .*\n/m, 'charter: ""\n'),
    base.replace(/^regions:/m, 'regionz:'),
  ];
  for (const [index, text] of variants.entries()) {
    assert.notEqual(text, base, `variant ${index} changed the text`);
    const chunked = core.analyze({ files: [{ path: '/org/big.charter.yaml', text }] });
    const full = core.analyze({ files: [{ path: '/org/big.charter.yaml', text: forceFullParse(text) }] });
    assert.ok(chunked.files[0].chunkCache, `variant ${index} is parsed in chunks`);
    assert.equal(full.files[0].chunkCache, undefined);
    const schemaFindings = chunked.findings.get('/org/big.charter.yaml').filter((f) => f.rule === 'schema');
    assert.ok(schemaFindings.length > 0, `variant ${index} has schema findings`);
    assert.equal(summary(chunked), summary(full), `variant ${index} differs`);
    // As an edit of the clean file: most items validated before, the changed ones on their own.
    const cache = new core.FileCache();
    core.analyze({ files: [{ path: '/org/big.charter.yaml', text: base }], cache });
    const edited = core.analyze({ files: [{ path: '/org/big.charter.yaml', text }], cache });
    assert.equal(summary(edited), summary(full), `variant ${index} as an edit differs`);
    // And the other way: the problem found by the first analysis, then an edit elsewhere.
    const later = text.replace('holder: Person 10\n', 'holder: Person 10b\n');
    assert.notEqual(later, text);
    const laterFull = core.analyze({ files: [{ path: '/org/big.charter.yaml', text: forceFullParse(later) }] });
    const fresh = new core.FileCache();
    core.analyze({ files: [{ path: '/org/big.charter.yaml', text }], cache: fresh });
    const laterEdited = core.analyze({ files: [{ path: '/org/big.charter.yaml', text: later }], cache: fresh });
    assert.equal(summary(laterEdited), summary(laterFull), `variant ${index}, then an edit elsewhere, differs`);
  }
});
