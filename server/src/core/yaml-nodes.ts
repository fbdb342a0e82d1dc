import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { aliasTarget } from './aliases';
import { boundedDistance } from './distance';

/**
 * Options of every charter parse: merge keys as YAML 1.1 tools read them, and YAML 1.2 core
 * scalars whatever a `%YAML` directive says (`NO`, `ON` stay strings).
 */
export const YAML_OPTIONS = {
  prettyErrors: false,
  // Repeated keys are found in one pass (duplicate-keys.ts): the library's check is quadratic.
  uniqueKeys: false,
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
/** A node with its alias followed (one step); null for an alias naming no anchor. */
export function resolved(doc: Document, node: unknown): Node | null {
  if (!isAlias(node)) return (node as Node | null) ?? null;
  // One walk of the document finds every alias's target (aliases.ts); the yaml package's own
  // resolve walks the whole document for each alias.
  try {
    return aliasTarget(doc, node);
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
 * when it is at most 2; undefined beyond. Banded (rules/suggest.ts): a 40,000-character key costs little.
 */
export function distanceWithinTwo(a: string, b: string): number | undefined {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  const distance = boundedDistance(s, t, 2);
  return distance <= 2 ? distance : undefined;
}
