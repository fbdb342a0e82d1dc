// The properties checked by properties.test.mjs and counterexamples.test.mjs (not a test file
// itself; `node --test test/fuzz/` loads it as an empty entry). Each prop* function takes an
// organization ({ path, text }[]) and throws an AssertionError when the property does not hold.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { collectComments, commentsOf, core, yamlSource } from '../helpers.mjs';

export { commentsOf, yamlSource };

const require = createRequire(import.meta.url);
const { Parser, Composer, YAMLParseError, parseDocument, isAlias, isMap, isScalar, isSeq, visit } = require('yaml');
/** The language server's "disable for this line" edit (server/src/lsp/handlers/codeActions.ts). */
export const { disableNextLine } = require('../../server/out/core/fixes.js');

export const TIME_BOUND_MS = 2000;

// ── Independent helpers (no code of the product under test) ──────────────────────────────────────

/** Line starts and lengths of a text; line breaks are \r\n, \n and \r, as in LSP. */
export function lineTable(text) {
  const starts = [0];
  const lengths = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      lengths.push(i - starts[starts.length - 1]);
      if (ch === '\r' && text[i + 1] === '\n') i++;
      starts.push(i + 1);
    }
  }
  lengths.push(text.length - starts[starts.length - 1]);
  const positionAt = (offset) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return { line, character: offset - starts[line] };
  };
  return { starts, lengths, lineCount: starts.length, positionAt };
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function assertPosition(table, pos, what) {
  assert.ok(Number.isInteger(pos?.line) && Number.isInteger(pos?.character), `${what}: not integer positions ${JSON.stringify(pos)}`);
  assert.ok(pos.line >= 0 && pos.line < table.lineCount, `${what}: line ${pos.line} outside 0..${table.lineCount - 1}`);
  assert.ok(pos.character >= 0 && pos.character <= table.lengths[pos.line], `${what}: character ${pos.character} outside 0..${table.lengths[pos.line]} on line ${pos.line}`);
}

function assertRange(table, range, what) {
  assertPosition(table, range.start, `${what} start`);
  assertPosition(table, range.end, `${what} end`);
  assert.ok(before(range.start, range.end), `${what}: start ${JSON.stringify(range.start)} after end ${JSON.stringify(range.end)}`);
}

/** The comments of `beforeComments` (a list, as commentsOf returns) that `afterComments` lacks, as multisets. */
function missingComments(beforeComments, afterComments) {
  const left = new Map();
  for (const c of afterComments) left.set(c, (left.get(c) ?? 0) + 1);
  const missing = [];
  for (const c of beforeComments) {
    const n = left.get(c) ?? 0;
    if (n === 0) missing.push(c);
    else left.set(c, n - 1);
  }
  return missing;
}


/**
 * YAML problems of a text: parser errors, and, when it parses, what building its data reports
 * (an alias whose anchor is gone, say), which the product also reports as yaml-syntax.
 */
export function yamlErrors(text) {
  const doc = parseDocument(yamlSource(text));
  if (doc.errors.length > 0) return doc.errors.map((e) => e.message.split('\n')[0]);
  try {
    doc.toJS({ maxAliasCount: 10_000 });
    return [];
  } catch (error) {
    return [String(error?.message ?? error).split('\n')[0]];
  }
}

/**
 * What the oracle reads of a text as YAML, from ONE pass of the yaml package's parser (the checks
 * of a fix used to parse its input and its output up to five times): `doc` (what parseDocument
 * returns, but for the prettified error messages), `comments` (as commentsOf) and `parses` (as
 * yamlErrors(text) being empty). Memoized by text: every fix of a document, and every property,
 * asks again about the same input. yamlErrors stays the reference and writes failure messages.
 */
const infoCache = new Map();
const INFO_CACHE_SIZE = 200;
export function yamlInfo(text) {
  let info = infoCache.get(text);
  if (info) return info;
  const source = yamlSource(text);
  const tokens = [...new Parser().parse(source)];
  const comments = [];
  collectComments(tokens, comments);
  // As parseDocument: the first document, with an error when the source holds another (logLevel
  // 'error' only silences the process warnings toJS emits for collection keys).
  let doc = null;
  for (const next of new Composer({ logLevel: 'error' }).compose(tokens, true, source.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  let parses = doc.errors.length === 0;
  if (parses) {
    try {
      doc.toJS({ maxAliasCount: 10_000 });
    } catch {
      parses = false;
    }
  }
  info = { doc, comments, parses };
  if (infoCache.size >= INFO_CACHE_SIZE) infoCache.clear();
  infoCache.set(text, info);
  return info;
}
export const parses = (text) => yamlInfo(text).parses;

/** Applies edits after checking they are in bounds and do not overlap; also compares core.applyEdits. */
export function applyChecked(text, edits, what) {
  assert.ok(Array.isArray(edits) && edits.length > 0, `${what}: a fix without edits`);
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  for (const [i, e] of sorted.entries()) {
    assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && typeof e.newText === 'string', `${what}: malformed edit ${JSON.stringify(e)}`);
    assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${what}: edit ${e.start}..${e.end} outside 0..${text.length}`);
    if (i > 0) {
      const p = sorted[i - 1];
      assert.ok(e.start >= p.end, `${what}: edits overlap (${p.start}..${p.end} and ${e.start}..${e.end})`);
      assert.ok(!(e.start === p.end && p.start === p.end && e.start === e.end), `${what}: two insertions at one offset ${e.start} (order undefined)`);
    }
  }
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  out += text.slice(at);
  assert.equal(core.applyEdits(text, edits), out, `${what}: core.applyEdits dropped an edit`);
  return out;
}

export function analyzeFiles(files) {
  return core.analyze({ files });
}

/**
 * The product's analysis for a re-analysis (of a fix's output, of Fix all's input and output): the
 * checks ask again and again about the same texts (every finding's "Add all N" fix makes the same
 * text; the editor offers one "disable" per line and rule), and analyze() is a pure function of
 * its input, so a result is memoized by the organization's paths and texts. Parses go through one
 * FileCache, as in the language server: an unchanged file of a multi-file organization is not
 * parsed again. A document's first analysis (propAnalyzes, which (a) times) stays uncached.
 */
export const fileCache = new core.FileCache();
const analysisMemo = new Map();
const ANALYSIS_MEMO_SIZE = 200;
export function reanalyze(files) {
  const key = files.map((f) => `${f.path}\u0000${f.text}`).join('\u0000\u0000');
  let result = analysisMemo.get(key);
  if (result) return result;
  result = core.analyze({ files, cache: fileCache });
  if (analysisMemo.size >= ANALYSIS_MEMO_SIZE) analysisMemo.clear();
  analysisMemo.set(key, result);
  return result;
}

/** Fix all of an organization, with the shared FileCache (its first analysis parses nothing that reanalyze() just parsed). */
export const fixAllOf = (files) => core.fixAll({ files, cache: fileCache });

const countSame = (findings, finding) => findings.filter((f) => f.rule === finding.rule && f.message === finding.message).length;

/** A text for a failure message: as is, or JSON-escaped when it holds characters a terminal hides (a lone CR, say). */
const visible = (text) => (/\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0085\u2028\u2029\ufeff]/.test(text) ? `(JSON) ${JSON.stringify(text)}` : text);
const show = (files) => files.map((f) => `--- ${f.path} ---\n${visible(f.text)}`).join('\n');


// ── Fix semantics: what a fix must do to the data (computed on the yaml AST, aliases unresolved) ──

/** Plain data of a node with aliases left as `{ alias }` and mappings as Maps (so `__proto__` is data). */
function plain(node) {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return { alias: node.source };
  if (isScalar(node)) return node.value;
  if (isMap(node)) return new Map(node.items.map((pair) => [isScalar(pair.key) ? pair.key.value : typeof pair.key === 'string' ? pair.key : JSON.stringify(plain(pair.key)), plain(pair.value)]));
  if (isSeq(node)) return node.items.map(plain);
  return node;
}

const contains = (node, offset) => !!node?.range && node.range[0] <= offset && offset <= node.range[1];
/**
 * The pair of `key` in a mapping; given the mapping's `known` keys, else the pair of the key that
 * misspells it (SPEC §2: within two edits, case aside, of exactly one known key the mapping lacks;
 * the first such key), as the product reads it.
 */
const pairOf = (map, key, known) => {
  if (!isMap(map)) return undefined;
  const keyed = map.items.filter((pair) => isScalar(pair.key));
  const own = keyed.find((pair) => pair.key.value === key);
  if (own || !known) return own;
  return keyed.find((pair) => {
    if (typeof pair.key.value !== 'string') return false;
    const text = pair.key.value;
    if (known.includes(text) || text.length > 64) return false;
    // Within two edits, and not every letter replaced (`to` is no misspelling of `id`).
    const near = known.filter((k) => !keyed.some((p) => p.key.value === k) && osa(text.toLowerCase(), k) <= Math.min(2, k.length - 1));
    return near.length === 1 && near[0] === key;
  });
};
/** Sets a key's value where the product reads it (a misspelt key's value, say), else adds the key. */
const setKey = (doc, map, key, value) => {
  const pair = pairOf(map, key, ROLE_KEYS);
  if (pair) pair.value = doc.createNode(value);
  else map.set(key, value);
};

/** The pair whose key starts at `offset`, with the mapping holding it. */
function pairAt(node, offset) {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (pair.key?.range?.[0] === offset) return { map: node, pair };
      const inner = pairAt(pair.value, offset);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = pairAt(item, offset);
      if (inner) return inner;
    }
  }
  return undefined;
}

const isIdLike = (text) => /^[a-z0-9-]+$/.test(text);
const MODEL_IDS = new Set(core.loadBuiltinModel('sales-leadership').model.responsibilities.keys());

/**
 * The document a fix should produce, as a modified clone of the input's AST; undefined when the
 * fix's title is not one this test knows (then only the syntactic checks apply).
 */
function expectedAfterFix(doc, finding, title) {
  const clone = doc.clone();
  const root = clone.contents;
  const at = finding.offsets.start;
  let m;
  if (finding.rule === 'schema') {
    if ((m = /^Rename "(.*)" to "(.*)"$/.exec(title))) {
      const found = pairAt(root, at);
      assert.ok(found, `fix "${title}": no key starts at the finding`);
      assert.equal(String(found.pair.key.value), m[1], `fix "${title}" names another key than the one at the finding`);
      found.pair.key.value = m[2];
      return clone;
    }
    if (!(m = /^Remove unknown key "(.*)"$/.exec(title))) return undefined;
    const found = pairAt(root, at);
    assert.ok(found, `fix "${title}": no key starts at the finding`);
    assert.equal(String(found.pair.key.value), m[1], `fix "${title}" names another key than the one at the finding`);
    found.map.items.splice(found.map.items.indexOf(found.pair), 1);
    return clone;
  }
  const roles = pairOf(root, 'roles', TOP_KEYS)?.value;
  const role = isSeq(roles) ? roles.items.find((item) => isMap(item) && contains(item, at)) : undefined;
  assert.ok(role, `fix "${title}" of ${finding.rule}: the finding is in no role`);
  const respPair = pairOf(role, 'responsibilities', ROLE_KEYS);
  const seq = isSeq(respPair?.value) ? respPair.value : undefined;
  const j = seq ? seq.items.findIndex((item) => contains(item, at)) : -1;
  const entry = j >= 0 ? seq.items[j] : undefined;
  const setEntry = (value) => {
    assert.ok(entry, `fix "${title}": no responsibility entry at the finding`);
    seq.items[j] = clone.createNode(value);
  };
  const entryBecomes = (id, { keepTextAsNote }) => {
    assert.ok(entry, `fix "${title}": no responsibility entry at the finding`);
    if (isMap(entry)) setEntry(new Map([...plain(entry)].map(([k, v]) => [k, k === 'id' ? id : v])));
    else if (keepTextAsNote) setEntry(new Map([['id', id], ['note', entry.value]]));
    else setEntry(id);
  };
  if ((m = /^Remove duplicate "(.+)"$/.exec(title)) || (m = /^Remove "(.+)" from (this role|role ".*")$/.exec(title))) {
    assert.ok(entry, `fix "${title}": no responsibility entry at the finding`);
    seq.items.splice(j, 1);
    // A block list cannot be written empty: removing its only item leaves `responsibilities:` (null),
    // which the schema accepts as "no responsibilities".
    if (seq.items.length === 0 && !seq.flow) respPair.value = null;
  } else if ((m = /^Replace with "(.+)" \(keep the text as note\)$/.exec(title))) {
    entryBecomes(m[1], { keepTextAsNote: true });
  } else if ((m = /^Replace with "(.+)"$/.exec(title))) {
    entryBecomes(m[1], { keepTextAsNote: isScalar(entry) && !MODEL_IDS.has(String(entry.value)) });
  } else if ((m = /^Change to "(.+)"$/.exec(title))) {
    if (finding.rule === 'unknown-responsibility') entryBecomes(m[1], { keepTextAsNote: isScalar(entry) && !isIdLike(String(entry.value)) });
    else if (finding.rule === 'unknown-role-type') setKey(clone, role, 'role', m[1]);
    else if (finding.rule === 'unknown-reference') setKey(clone, role, 'reports_to', m[1]);
    else if (finding.rule === 'unknown-region') {
      const scope = pairOf(role, 'scope', ROLE_KEYS)?.value;
      const region = pairOf(scope, 'region')?.value;
      const list = pairOf(scope, 'regions')?.value;
      const target = contains(region, at) ? region : isSeq(list) ? list.items.find((item) => contains(item, at)) : undefined;
      assert.ok(isScalar(target), `fix "${title}": no region scalar at the finding`);
      target.value = m[1];
    } else return undefined;
  } else if ((m = /^Add "(.+)"$/.exec(title))) {
    if (seq) seq.items.push(clone.createNode(m[1]));
    else setKey(clone, role, 'responsibilities', [m[1]]);
  } else if (title === 'Set scope to organization') {
    setKey(clone, role, 'scope', 'organization');
  } else if ((m = /^Set scope to region (.+)$/.exec(title))) {
    setKey(clone, role, 'scope', { region: m[1] });
  } else return undefined;
  return clone;
}

/**
 * "Add all N missing responsibilities": the role's list (or a new one) gains exactly N plain model
 * ids at its end, none it listed before, none twice; nothing else changes. The ids are read from the
 * result and checked, then applied to the data before the fix as the expected data.
 */
function expectedAfterAddAll(doc, after, finding, title, count) {
  const at = finding.offsets.start;
  const roleIn = (d) => {
    const roles = pairOf(d.contents, 'roles', TOP_KEYS)?.value;
    return isSeq(roles) ? roles.items.findIndex((item) => isMap(item) && contains(item, at)) : -1;
  };
  const index = roleIn(doc);
  assert.ok(index >= 0, `fix "${title}" of ${finding.rule}: the finding is in no role`);
  const listOf = (d) => {
    const role = pairOf(d.contents, 'roles', TOP_KEYS).value.items[index];
    const value = pairOf(role, 'responsibilities', ROLE_KEYS)?.value;
    return isSeq(value) ? value.items.map((item) => plain(item)) : [];
  };
  const was = listOf(doc);
  const now = listOf(after);
  const added = now.slice(was.length);
  assert.equal(added.length, count, `fix "${title}" added ${added.length} entries\n--- after ---\n${visible(String(after))}`);
  assert.deepEqual(now.slice(0, was.length), was, `fix "${title}" changed the entries already listed`);
  const listed = new Set(was.map((e) => (e instanceof Map ? e.get('id') : e)));
  for (const id of added) {
    assert.ok(typeof id === 'string' && MODEL_IDS.has(id), `fix "${title}" added ${JSON.stringify(id)}, not a model id`);
    assert.ok(!listed.has(id), `fix "${title}" added "${id}", which the role already lists`);
    listed.add(id);
  }
  const clone = doc.clone();
  const role = pairOf(clone.contents, 'roles', TOP_KEYS).value.items[index];
  const respPair = pairOf(role, 'responsibilities', ROLE_KEYS);
  if (isSeq(respPair?.value)) for (const id of added) respPair.value.items.push(clone.createNode(id));
  else setKey(clone, role, 'responsibilities', added);
  return clone;
}

/** The fixed text holds exactly the data the fix promises (for a disable fix: the same data). */
export function assertFixSemantics(beforeText, afterText, finding, title, { disable = false } = {}) {
  const doc = yamlInfo(beforeText).doc;
  if (doc.errors.length > 0) return;
  const after = yamlInfo(afterText).doc;
  if (after.errors.length > 0) return;
  const addAll = /^Add all (\d+) missing responsibilities$/.exec(title);
  const expected = disable ? doc : addAll ? expectedAfterAddAll(doc, after, finding, title, Number(addAll[1])) : expectedAfterFix(doc, finding, title);
  if (!expected) return;
  assert.deepStrictEqual(plain(after.contents), plain(expected.contents), `fix "${title}" of ${finding.rule} "${finding.message}" changed the data otherwise than it says\n--- before ---\n${visible(beforeText)}\n--- after ---\n${visible(afterText)}`);
}

// ── Properties ───────────────────────────────────────────────────────────────────────────────────

/**
 * (a) The time bound is on the CPU time analyze() uses (this process's, user and system), not on
 * the clock: analyze() is synchronous and does no I/O, so a hang or a runaway analysis spends CPU
 * and fails it just the same, while a busy machine (CI runs this beside other stages, at low
 * priority, and pauses it while timed tests run) cannot.
 */
export function propAnalyzes(files) {
  const start = process.cpuUsage();
  let result;
  try {
    result = analyzeFiles(files);
  } catch (error) {
    assert.fail(`analyze() threw ${error?.stack ?? error}\n${show(files)}`);
  }
  const used = process.cpuUsage(start);
  const elapsed = (used.user + used.system) / 1000;
  assert.ok(elapsed < TIME_BOUND_MS, `analyze() took ${Math.round(elapsed)} ms of CPU (bound ${TIME_BOUND_MS} ms)`);
  assert.deepEqual([...result.findings.keys()].sort(), files.map((f) => f.path).sort(), 'every input file has an entry');
  return result;
}

export function propRanges(files, result = analyzeFiles(files)) {
  const tables = new Map(files.map((f) => [f.path, lineTable(f.text)]));
  const texts = new Map(files.map((f) => [f.path, f.text]));
  for (const [path, findings] of result.findings) {
    const table = tables.get(path);
    const text = texts.get(path);
    for (const f of findings) {
      const what = `${path}: ${f.rule} "${f.message}"`;
      assert.equal(f.file, path, `${what}: file`);
      assertRange(table, f.range, `${what} range`);
      assert.ok(f.offsets.start >= 0 && f.offsets.start <= f.offsets.end && f.offsets.end <= text.length, `${what}: offsets ${JSON.stringify(f.offsets)} outside 0..${text.length}`);
      assert.deepEqual(f.range, { start: table.positionAt(f.offsets.start), end: table.positionAt(f.offsets.end) }, `${what}: range disagrees with offsets ${JSON.stringify(f.offsets)}`);
      for (const r of f.related) {
        assert.ok(tables.has(r.file), `${what}: related file ${r.file} is not an input`);
        assertRange(tables.get(r.file), r.range, `${what} related ${r.file}`);
      }
      for (const fix of f.fixes) {
        for (const e of fix.edits) {
          assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${what} fix "${fix.title}": edit ${e.start}..${e.end} outside 0..${text.length}`);
          assertRange(table, e.range, `${what} fix "${fix.title}" edit range`);
          assert.deepEqual(e.range, { start: table.positionAt(e.start), end: table.positionAt(e.end) }, `${what} fix "${fix.title}": edit range disagrees with its offsets`);
        }
      }
    }
  }
}

/** Checks one fix (edits for `path`) against the organization `files`. */
export function checkFix(files, path, finding, edits, title, { mustRemove, semantics = false, disable = false, result }) {
  const file = files.find((f) => f.path === path);
  const what = `${path}: fix "${title}" of ${finding.rule} "${finding.message}"`;
  const after = applyChecked(file.text, edits, what);
  assert.notEqual(after, file.text, `${what}: changes nothing\n${visible(file.text)}`);
  const before = yamlInfo(file.text);
  if (before.parses) {
    const afterInfo = yamlInfo(after);
    if (!afterInfo.parses) assert.fail(`${what}: broke the YAML (${yamlErrors(after).join('; ')})\n--- before ---\n${visible(file.text)}\n--- after ---\n${visible(after)}`);
    assert.deepEqual(missingComments(before.comments, afterInfo.comments), [], `${what}: dropped comments\n--- before ---\n${visible(file.text)}\n--- after ---\n${visible(after)}`);
    if (semantics || disable) assertFixSemantics(file.text, after, finding, title, { disable });
  }
  if (mustRemove) {
    const fixedFiles = files.map((f) => (f.path === path ? { path, text: after } : f));
    const was = countSame((result ?? reanalyze(files)).findings.get(path), finding);
    const now = countSame(reanalyze(fixedFiles).findings.get(path), finding);
    assert.ok(now < was, `${what}: the finding is still there after the fix (${was} -> ${now})\n--- after ---\n${visible(after)}`);
  }
}

export function propFixes(files, result = analyzeFiles(files)) {
  for (const [path, findings] of result.findings) {
    for (const finding of findings) {
      for (const fix of finding.fixes) checkFix(files, path, finding, fix.edits, fix.title, { mustRemove: fix.safe, result });
    }
  }
}

/** "Disable <rule> for this line", where the server offers it, for every finding of the rules `which` selects. */
export function propDisableFixes(files, which, result = analyzeFiles(files)) {
  for (const [path, findings] of result.findings) {
    // The charter as analysed, as the language server computes the edit from its analysis.
    const charter = result.files.find((f) => f.path === path);
    const done = new Set();
    for (const finding of findings) {
      if (!which(finding.rule)) continue;
      // The server offers one "disable" action per rule and range start (the first finding there).
      const key = `${finding.rule}@${finding.offsets.start}`;
      if (done.has(key)) continue;
      done.add(key);
      const edits = disableNextLine(charter, finding.offsets.start, finding.rule);
      if (edits.length === 0) continue;
      checkFix(files, path, finding, edits, `Disable ${finding.rule} for this line`, { mustRemove: true, disable: true, result });
    }
  }
}

export function propFixSemantics(files, result = analyzeFiles(files)) {
  for (const [path, findings] of result.findings) {
    const file = files.find((f) => f.path === path);
    for (const finding of findings) {
      for (const fix of finding.fixes) assertFixSemantics(file.text, applyChecked(file.text, fix.edits, fix.title), finding, fix.title);
    }
  }
}

export function propFixAllKeepsYaml(files, first = core.fixAll({ files })) {
  for (const f of files) {
    const after = first.changed.get(f.path);
    const before = yamlInfo(f.text);
    if (after === undefined || !before.parses) continue;
    const afterInfo = yamlInfo(after);
    if (!afterInfo.parses) assert.fail(`${f.path}: fixAll broke the YAML (${yamlErrors(after).join('; ')})\n--- before ---\n${visible(f.text)}\n--- after ---\n${visible(after)}`);
    assert.deepEqual(missingComments(before.comments, afterInfo.comments), [], `${f.path}: fixAll dropped comments\n--- before ---\n${visible(f.text)}\n--- after ---\n${visible(after)}`);
  }
}

// ── Fix safety (SPEC "Fixes": a safe fix never removes what a person wrote) ───────────────────────

/** The keys the product reads (SPEC §1), which a misspelt key may be renamed to. */
const TOP_KEYS = ['charter', 'model', 'regions', 'external', 'roles'];
const ROLE_KEYS = ['id', 'role', 'holder', 'scope', 'reports_to', 'responsibilities'];
const KNOWN_KEYS = [...TOP_KEYS, ...ROLE_KEYS];

/** Optimal string alignment distance (independent of the product's), for short strings. */
function osa(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The string and number scalars of a text's first document (values and keys, as the yaml package
 * reads them), and which of them are keys. Memoized through yamlInfo's parse.
 */
export function scalarsOf(text) {
  const values = new Set();
  const keys = new Set();
  const add = (node, set) => {
    if (!isScalar(node)) return;
    if (typeof node.value === 'string') set.add(node.value);
    else if (typeof node.value === 'number') set.add(String(node.value));
  };
  visit(yamlInfo(text).doc, {
    Scalar(_, node) {
      add(node, values);
    },
    Pair(_, pair) {
      add(pair.key, keys);
    },
  });
  return { values, keys };
}

/**
 * The scalars of `before` that `after` no longer holds anywhere (an exact duplicate that stays is
 * not lost), but for a key renamed to a known key within two edits (a misspelt key's fix).
 */
export function lostScalars(before, after) {
  const was = scalarsOf(before);
  const now = scalarsOf(after);
  const renamedTo = (key) => key.length <= 64 && KNOWN_KEYS.some((known) => now.keys.has(known) && osa(key.toLowerCase(), known) <= 2);
  return [...was.values].filter((scalar) => !now.values.has(scalar) && !(was.keys.has(scalar) && renamedTo(scalar)));
}

/** (i) Fix all removes no scalar a person wrote unless an exact duplicate of it stays. */
export function propFixAllKeepsScalars(files, first = core.fixAll({ files })) {
  for (const f of files) {
    const after = first.changed.get(f.path);
    if (after === undefined || !yamlInfo(f.text).parses) continue;
    const lost = lostScalars(f.text, after);
    assert.deepEqual(lost, [], `${f.path}: Fix all removed what a person wrote\n--- before ---\n${visible(f.text)}\n--- after ---\n${visible(after)}`);
  }
}

/**
 * What a finding is about, for "did Fix all raise anything new" (SPEC §2: compared by rule, file,
 * role and subject, not by range): its rule, file and message, with counts ("and 2 more") and an
 * entry's place in its list (`responsibilities[3]`, which removing an earlier duplicate shifts) left out.
 */
export function findingSubject(file, finding) {
  const message = finding.message.replace(/\b\d+ more\b/g, 'N more').replace(/responsibilities\[\d+\]/g, 'responsibilities[]');
  return `${finding.rule}\u0000${file}\u0000${message}`;
}

/** The subjects of an analysis as a multiset. */
function subjectCounts(result) {
  const counts = new Map();
  for (const [file, findings] of result.findings) for (const f of findings) counts.set(findingSubject(file, f), (counts.get(findingSubject(file, f)) ?? 0) + 1);
  return counts;
}

/** (j) Fix all never raises a finding that was not there before it ran: re-analysed here, on its output. */
export function propFixAllRaisesNothingNew(files, first = fixAllOf(files), before = reanalyze(files)) {
  if (first.changed.size === 0) return;
  const fixed = files.map((f) => ({ path: f.path, text: first.changed.get(f.path) ?? f.text }));
  const was = subjectCounts(before);
  const raised = [];
  for (const [subject, count] of subjectCounts(reanalyze(fixed))) {
    if (count > (was.get(subject) ?? 0)) raised.push(subject.replace(/\u0000/g, ' '));
  }
  assert.deepEqual(raised, [], `Fix all raised new findings\n--- before ---\n${show(files)}\n--- after ---\n${show(fixed)}`);
}

export function propFixAllIdempotent(files) {
  const first = fixAllOf(files);
  const fixed = files.map((f) => ({ path: f.path, text: first.changed.get(f.path) ?? f.text }));
  const second = fixAllOf(fixed);
  const again = [...second.changed].map(([p, t]) => `--- ${p} (second run) ---\n${t}`);
  assert.deepEqual(again, [], `fixAll is not idempotent: the second run changed files\n${show(fixed)}`);
}

export function propClean(files, result = analyzeFiles(files)) {
  for (const f of files) if (!parses(f.text)) assert.fail(`generator produced invalid YAML in ${f.path} (${yamlErrors(f.text).join('; ')})\n${f.text}`);
  const noisy = [];
  for (const [path, findings] of result.findings) {
    for (const f of findings) if (f.severity === 'error' || f.severity === 'warning') noisy.push(`${path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message}`);
  }
  assert.deepEqual(noisy, [], `a clean organization got findings\n${show(files)}`);
}
