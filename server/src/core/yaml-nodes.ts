import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';

/**
 * Options of every charter parse: merge keys as YAML 1.1 tools read them, and YAML 1.2 core
 * scalars whatever a `%YAML` directive says (`NO`, `ON` stay strings).
 */
export const YAML_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: true,
  keepSourceTokens: false,
  strict: true,
  merge: true,
  schema: 'core',
  resolveKnownTags: true,
  // The yaml package would print its own advice on stderr ("Set mapAsMap: true ..."): not our words.
  logLevel: 'error',
} as const;

/** Offsets of a node's own text: for scalars the value without its trailing comment. */
export function nodeSpan(node: Node | null | undefined): { start: number; end: number } | undefined {
  if (!node || !node.range) return undefined;
  const [start, valueEnd] = node.range;
  return { start, end: Math.max(start, valueEnd) };
}

/** A scalar of any type read as text (numbers and booleans as they were written). */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'object') return undefined;
  return typeof node.value === 'string' ? node.value : node.source ?? String(node.value);
}

export function findPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String((item.key as Scalar).value) === key) {
      return item as Pair<Node, Node | null>;
    }
  }
  return undefined;
}

/**
 * Walks a JSON-pointer path (as ajv reports it) through the YAML AST.
 * Returns the node at the path and, when the last step went through a mapping, the pair.
 */
export function nodeAtPath(doc: Document, segments: string[]): { node: Node | null; pair?: Pair<Node, Node | null> } {
  let current: Node | null = (doc.contents as Node | null) ?? null;
  let lastPair: Pair<Node, Node | null> | undefined;
  for (const segment of segments) {
    if (isAlias(current)) {
      // Inside content shared through an alias: reported on the alias, which this mapping owns.
      return { node: current, pair: lastPair };
    }
    if (isMap(current)) {
      const found = lookupPair(doc, current, segment);
      if (!found) return { node: current, pair: lastPair };
      // A merged-in key: reported on this mapping's own `<<` key, never inside the shared mapping.
      if (found.via) return { node: found.via.key, pair: found.via };
      lastPair = found.pair;
      current = found.pair.value;
    } else if (isSeq(current)) {
      const index = Number(segment);
      const item = current.items[index];
      lastPair = undefined;
      current = (item as Node | undefined) ?? current;
      if (!item) return { node: current };
    } else {
      return { node: current, pair: lastPair };
    }
  }
  return { node: current, pair: lastPair };
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A plain `<<` key: a merge key, read as YAML 1.1 tools read it (the parser's `merge` option). */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value: unknown = key.value;
  if (typeof value === 'symbol') return value.description === '<<';
  return value === '<<' && (!key.type || key.type === 'PLAIN');
}

/** Merges nested deeper than this are not followed (a merge source may merge others). */
const MAX_MERGE_DEPTH = 20;

/** Each document's aliases resolved, by one walk of it (the yaml package walks the whole document per alias). */
const aliasTargets = new WeakMap<Document, Map<Alias, Node | null>>();

function targetsOf(doc: Document): Map<Alias, Node | null> {
  let targets = aliasTargets.get(doc);
  if (targets) return targets;
  const found = new Map<Alias, Node | null>();
  const anchors = new Map<string, Node>();
  // Document order, as YAML defines it: an alias names the latest anchor before it.
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) found.set(node, anchors.get(node.source) ?? null);
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  targets = found;
  aliasTargets.set(doc, targets);
  return targets;
}

/** A node with its alias followed (one step); null for an alias naming no anchor. */
export function resolved(doc: Document, node: unknown): Node | null {
  if (!isAlias(node)) return (node as Node | null) ?? null;
  const targets = targetsOf(doc);
  const target = targets.get(node);
  if (target !== undefined) return target;
  // An alias the walk did not see (a node added later): the yaml package resolves it.
  try {
    return (node.resolve(doc) as Node | undefined) ?? null;
  } catch {
    return null;
  }
}

/** The mappings one `<<` value merges in, in precedence order (aliases followed). */
function mergeSources(doc: Document, value: unknown): YAMLMap[] {
  const source = resolved(doc, value);
  if (isMap(source)) return [source];
  if (!isSeq(source)) return [];
  return source.items.map((item) => resolved(doc, item)).filter((item): item is YAMLMap => isMap(item));
}

/** A key found in a mapping: its own pair, or one merged in through `via` (the mapping's own `<<` pair). */
export interface FoundPair {
  pair: Pair<Node, Node | null>;
  via?: Pair<Node, Node | null>;
}

/**
 * Looks a key up as YAML 1.1 tools read merge keys: the mapping's own keys win; then the merged
 * mappings, the first one of a list first (each with its own merges, to a bounded depth).
 */
export function lookupPair(doc: Document, map: YAMLMap, key: string, depth = 0): FoundPair | undefined {
  const own = findPair(map, key);
  if (own) return { pair: own };
  if (depth >= MAX_MERGE_DEPTH) return undefined;
  for (const item of map.items) {
    if (!isPair(item) || !isMergeKey(item.key)) continue;
    for (const source of mergeSources(doc, item.value)) {
      if (source === map) continue;
      const found = lookupPair(doc, source, key, depth + 1);
      if (found) return { pair: found.pair, via: item as Pair<Node, Node | null> };
    }
  }
  return undefined;
}

/**
 * The optimal-string-alignment distance of two keys, ignoring case (a case-only difference is 0),
 * when it is at most 2; undefined beyond. Banded: O(length) work, so a 40,000-character key costs little.
 */
export function distanceWithinTwo(a: string, b: string): number | undefined {
  if (Math.abs(a.length - b.length) > 2 || a.length > 200) return undefined;
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  const band = 2;
  const big = band + 1;
  // rows[i][j] for |i - j| <= band, stored at j - i + band.
  let prev2 = new Array<number>(2 * band + 1).fill(big);
  let prev = new Array<number>(2 * band + 1).fill(big);
  for (let j = 0; j <= Math.min(band, t.length); j++) prev[j + band] = j;
  for (let i = 1; i <= s.length; i++) {
    const row = new Array<number>(2 * band + 1).fill(big);
    let best = big;
    for (let j = Math.max(0, i - band); j <= Math.min(t.length, i + band); j++) {
      const k = j - i + band;
      let value: number;
      if (j === 0) value = i;
      else {
        const cost = s[i - 1] === t[j - 1] ? 0 : 1;
        const diagonal = prev[k];
        const up = k + 1 <= 2 * band ? prev[k + 1] : big; // (i-1, j)
        const left = k - 1 >= 0 ? row[k - 1] : big; // (i, j-1)
        value = Math.min(diagonal + cost, up + 1, left + 1);
        if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, prev2[k] + 1);
      }
      row[k] = Math.min(value, big);
      best = Math.min(best, row[k]);
    }
    if (best > band) return undefined;
    prev2 = prev;
    prev = row;
  }
  const distance = prev[t.length - s.length + band];
  return distance <= band ? distance : undefined;
}
