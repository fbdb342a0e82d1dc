// Property-based tests of the analysis core (server/out, build first: `npx tsc -b`).
//
// Generated organizations (see charter-arbitraries.mjs): valid charters, near-valid ones (typos,
// duplicates, missing or unknown keys...), textually mutated ones (lines deleted/duplicated/swapped,
// indentation changed, odd unicode inserted, truncation, CRLF, BOM) and multi-file organizations.
// For every family:
//   (a) analyze() returns without throwing, within 2 s of CPU time per organization (see propAnalyzes);
//   (b) every finding's range, related ranges and fix-edit ranges lie inside their document
//       (line < lineCount, character <= line length, start <= end) and agree with their offsets;
//   (c) every fix of every finding applies cleanly (edits in bounds, non-overlapping), changes the
//       text, and - when the input parsed - leaves YAML that parses and keeps every comment (as a
//       multiset of comment texts); a SAFE fix removes its finding (fewer findings of that rule with
//       that message after re-analysis);
//   (c') the editor's "disable <rule> for this line" fix (disableNextLine, as the language server
//       computes it, where it offers one) obeys the same, changes no data, and hides its finding;
//   (d) fixAll() reaches a fixed point: running it on its own output changes nothing;
//   (d') fixAll()'s output parses and keeps every comment whenever the input parsed;
//   (i) fixAll() removes no string or number scalar (value or key) of a parsed input unless an exact
//       duplicate of it stays, but for a misspelt key renamed to the key it stands for (SPEC "Fixes");
//   (j) fixAll() never raises a finding that was not there before it ran (by rule, file and message,
//       counts and list positions aside; SPEC §2), re-analysed here on its output;
//   (g) every fix does to the data what its title says (remove that entry, add that id, replace by
//       {id, note}, change that value, remove that key) and changes nothing else; a disable fix
//       changes no data at all (checked in (c'));
//   (e) a clean organization (valid family, one or several files) gets no error and no warning;
//   (f) exhaustively (not random): every alias of the built-in model, written as the free-text
//       responsibility of a role whose type requires its id, counts as that id;
//   (h) coverage: the generated charters produce every kind of fix, so (c), (c'), (g) check something.
//
// (c), (c'), (g) and (e) also check (a) and (b) on the analysis they make anyway, so their documents
// get the time bound and the position checks too. ((d) and (d') analyse inside fixAll() only.)
//
// Documents: each property draws its organizations from its own seed (derived from
// CHARTER_FUZZ_SEED, the property and the shard), so no two properties check the same documents.
// A counter per property counts the generated organizations and documents (files) that passed all of
// its checks; with CHARTER_FUZZ_REPORT=<file> the counts are written there as JSON after each property.
//
// Runs: by default each property runs DEFAULT_RUNS (below) cases with a fixed seed, so a run is
// reproducible; the whole file takes about 10 s when every property holds (plus up to 2.5 s of
// shrinking per failing property). For a long run (as `npm run test:fuzz`, test/fuzz/run-long.mjs):
//   CHARTER_FUZZ_RUNS=<runs per property>   e.g. CHARTER_FUZZ_RUNS=2450 node --test test/fuzz/properties.test.mjs
//   CHARTER_FUZZ_SEED=<int>                 the base seed (default 20240611)
//   CHARTER_FUZZ_SHARD=<i>/<n>              run shard i (0-based) of n: each property runs its share
//                                           of the runs, from a seed of its own (run-long runs n=2)
// There are 30 random properties, each case has at least one document (multi-file cases 2-3, about
// 2.45 on average), so one run of every property checks about 41.6 documents: CHARTER_FUZZ_RUNS=2450
// about 102,000. On failure fast-check prints the property's own seed, the replay path and the shrunk
// counterexample; the same environment variables replay the whole shard.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { core, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../helpers.mjs';
import { validTextArb, nearValidTextArb, mutatedTextArb, multiFileArb, validMultiFileArb, single } from './charter-arbitraries.mjs';
import { propAnalyzes, propRanges, propFixes, propDisableFixes, propFixSemantics, propFixAllIdempotent, propFixAllKeepsYaml, propFixAllKeepsScalars, propFixAllRaisesNothingNew, propClean, analyzeFiles, reanalyze, fixAllOf, disableNextLine } from './properties-lib.mjs';

const FULL = Number.parseInt(process.env.CHARTER_FUZZ_RUNS ?? '', 10);
const SEED = Number.parseInt(process.env.CHARTER_FUZZ_SEED ?? '', 10);
const seed = Number.isFinite(SEED) ? SEED : 20240611;
const [SHARD, SHARDS] = (() => {
  const m = /^(\d+)\/(\d+)$/.exec(process.env.CHARTER_FUZZ_SHARD ?? '0/1');
  const [i, n] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(n >= 1 && i >= 0 && i < n)) throw new Error(`CHARTER_FUZZ_SHARD=${process.env.CHARTER_FUZZ_SHARD}: expected <i>/<n> with 0 <= i < n`);
  return [i, n];
})();
/** Default runs per property, by property (the fix properties re-analyse once per fix). */
const DEFAULT_RUNS = { a: 60, b: 60, c: 25, c2: 25, d: 30, e: 60, g: 40 };
const full = Number.isFinite(FULL) && FULL > 0;
/** This shard's share of a property's runs (the shares of all shards add up to the runs). */
const runs = (p) => {
  const total = full ? FULL : DEFAULT_RUNS[p];
  return Math.floor(total / SHARDS) + (SHARD < total % SHARDS ? 1 : 0);
};
/** A property's own seed: FNV-1a of base seed, property name and shard, as a positive 31-bit int. */
function seedOf(name) {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${SHARD}/${SHARDS}/${name}`) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193);
  return (h >>> 0) & 0x7fffffff;
}
const timeout = full ? 24 * 3600_000 : 120_000;
/**
 * Every run of a property completes; when one fails, fast-check gets SHRINK_BUDGET_MS (the quick
 * default run) or LONG_SHRINK_BUDGET_MS (a long run, CHARTER_FUZZ_RUNS) to shrink the counterexample;
 * it then reports the smallest failing case found so far, with seed and path. (The long run's bound
 * keeps a failing CI run within its time budget.)
 */
const SHRINK_BUDGET_MS = 2500;
const LONG_SHRINK_BUDGET_MS = 120_000;

/** Per property: its seed, runs, and the organizations and documents that passed every check. */
const tallies = new Map();

/** Runs `predicate` on `runs(p)` organizations of `arb` (arrays of files), counting those that pass. */
function check(name, arb, predicate, p) {
  const propertySeed = seedOf(name);
  const numRuns = runs(p);
  const tally = { seed: propertySeed, runs: numRuns, organizations: 0, documents: 0 };
  tallies.set(name, tally);
  let counting = true;
  const property = fc.property(arb, (files) => {
    predicate(files);
    if (counting) {
      tally.organizations++;
      tally.documents += files.length;
    }
  });
  const first = fc.check(property, { seed: propertySeed, numRuns, endOnFailure: true });
  writeReport();
  if (!first.failed) {
    assert.equal(tally.organizations, numRuns, `${name}: ${numRuns} runs asked, ${tally.organizations} checked`);
    return;
  }
  counting = false; // replaying and shrinking the failure check nothing new
  tally.failed = true;
  writeReport();
  fc.assert(property, { seed: propertySeed, path: first.counterexamplePath, interruptAfterTimeLimit: full ? LONG_SHRINK_BUDGET_MS : SHRINK_BUDGET_MS });
}

/** Writes the counts so far to CHARTER_FUZZ_REPORT, if set (after each property, so run-long can show progress). */
function writeReport() {
  const file = process.env.CHARTER_FUZZ_REPORT;
  if (!file) return;
  const properties = Object.fromEntries(tallies);
  const sum = (key) => [...tallies.values()].reduce((n, t) => n + t[key], 0);
  writeFileSync(file, JSON.stringify({ seed, shard: SHARD, shards: SHARDS, organizations: sum('organizations'), documents: sum('documents'), properties }, null, 1));
}
after(writeReport);

/** (a) and (b) on the analysis a property makes anyway; returns it. */
function analyzed(files) {
  const result = propAnalyzes(files);
  propRanges(files, result);
  return result;
}

// ── Families ─────────────────────────────────────────────────────────────────────────────────────

const FAMILIES = {
  valid: validTextArb.map(single),
  'near-valid': nearValidTextArb.map(single),
  mutated: mutatedTextArb.map(single),
  'multi-file': multiFileArb,
};

for (const [family, arb] of Object.entries(FAMILIES)) {
  describe(`${family} charters`, () => {
    test('(a) analyze() returns without throwing, within the time bound', { timeout }, () => {
      check(`${family} (a)`, arb, propAnalyzes, 'a');
    });
    test('(b) finding, related and edit ranges lie inside their documents', { timeout }, () => {
      check(`${family} (b)`, arb, (files) => propRanges(files), 'b');
    });
    test('(c) every fix applies cleanly, keeps YAML and comments; safe fixes remove their finding', { timeout }, () => {
      check(`${family} (c)`, arb, (files) => propFixes(files, analyzed(files)), 'c');
    });
    test("(c') disable-for-this-line keeps YAML and comments, changes no data and hides the finding", { timeout }, () => {
      check(`${family} (c')`, arb, (files) => propDisableFixes(files, () => true, analyzed(files)), 'c2');
    });
    test('(g) every fix changes the data exactly as its title says, nothing else', { timeout }, () => {
      check(`${family} (g)`, arb, (files) => propFixSemantics(files, analyzed(files)), 'g');
    });
    test('(d) fixAll() twice: the second run changes nothing', { timeout }, () => {
      check(`${family} (d)`, arb, (files) => propFixAllIdempotent(files), 'd');
    });
    test("(d') fixAll() output parses and keeps every comment whenever the input parsed; (i) it removes no scalar that is not an exact duplicate of one that stays; (j) it never raises a finding that was not there", { timeout }, () => {
      check(`${family} (d')`, arb, (files) => {
        // The input's analysis first: Fix all's own first analysis then reuses its parse.
        const before = reanalyze(files);
        const first = fixAllOf(files);
        propFixAllKeepsYaml(files, first);
        propFixAllKeepsScalars(files, first);
        propFixAllRaisesNothingNew(files, first, before);
      }, 'd');
    });
  });
}

describe('clean organizations', () => {
  test('(e) a valid single-file organization gets no error or warning', { timeout }, () => {
    check('clean single-file (e)', validTextArb.map(single), (files) => propClean(files, analyzed(files)), 'e');
  });
  test('(e) a valid organization split over 2-3 files gets no error or warning', { timeout }, () => {
    check('clean multi-file (e)', validMultiFileArb, (files) => propClean(files, analyzed(files)), 'e');
  });
});

test('(f) every alias of the built-in model counts as its id (exhaustive)', () => {
  const model = core.loadBuiltinModel('sales-leadership').model;
  const failures = [];
  for (const def of model.responsibilities.values()) {
    for (const alias of def.aliases) {
      const hosResp = HOS_RESPONSIBILITIES.map((id) => (id === def.id ? JSON.stringify(alias) : id));
      const rsmResp = RSM_RESPONSIBILITIES.map((id) => (id === def.id ? JSON.stringify(alias) : id));
      const text = [
        'charter: Acme Sales',
        'regions: [EMEA]',
        'external: [ceo]',
        'roles:',
        '  - id: hos',
        '    role: head-of-sales',
        '    scope: organization',
        '    reports_to: ceo',
        `    responsibilities: [${hosResp.join(', ')}]`,
        '  - id: rsm-emea',
        '    role: regional-sales-manager',
        '    scope: {region: EMEA}',
        '    reports_to: hos',
        `    responsibilities: [${rsmResp.join(', ')}]`,
        '',
      ].join('\n');
      const findings = [...analyzeFiles(single(text)).findings.values()].flat();
      const noisy = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      const matched = findings.some((f) => f.rule === 'non-canonical-responsibility' && f.message.includes(`"${def.id}"`));
      if (noisy.length > 0 || !matched) failures.push(`"${alias}" (alias of ${def.id}, ${def.scope} scope): ${noisy.map((f) => `${f.rule}: ${f.message}`).join(' | ') || 'not matched'}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('(h) the generated charters exercise every kind of fix, so (c), (c\'), (g) are not vacuous', () => {
  const orgs = [
    ...fc.sample(nearValidTextArb.map(single), { seed, numRuns: 150 }),
    ...fc.sample(mutatedTextArb.map(single), { seed, numRuns: 100 }),
    ...fc.sample(multiFileArb, { seed, numRuns: 50 }),
  ];
  const seen = new Set();
  for (const files of orgs) {
    for (const [path, findings] of analyzeFiles(files).findings) {
      const charter = core.parseCharter(path, files.find((f) => f.path === path).text);
      for (const f of findings) {
        for (const fix of f.fixes) seen.add(`${f.rule}: ${fix.title.replace(/"[^"]*"|region .*$/g, 'X').replace(/^Add all \d+/, 'Add all N')}${fix.safe ? ' (safe)' : ''}`);
        if (disableNextLine(charter, f.offsets.start, f.rule).length > 0) seen.add('disable for this line');
      }
    }
  }
  const expected = [
    'duplicate-responsibility: Remove duplicate X (safe)',
    'non-canonical-responsibility: Replace with X (keep the text as note) (safe)',
    'duplicate-responsibility: Remove duplicate X',
    'schema: Rename X to X (safe)',
    'schema: Remove unknown key X',
    'missing-responsibility: Add X',
    'missing-responsibility: Add all N missing responsibilities',
    'responsibility-out-of-scope: Remove X from this role',
    'responsibility-overlap: Remove X from role X',
    'scope-mismatch: Set scope to organization',
    'scope-mismatch: Set scope to X',
    'unknown-reference: Change to X',
    'unknown-region: Change to X',
    'unknown-responsibility: Change to X',
    'unknown-role-type: Change to X',
    'disable for this line',
  ];
  assert.deepEqual(expected.filter((kind) => !seen.has(kind)), [], `fix kinds seen: ${[...seen].sort().join('; ')}`);
});
