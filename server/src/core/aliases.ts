import { isAlias, isCollection, isPair, type Alias, type Document, type Node } from 'yaml';

/**
 * Aliases read in one pass over a document. The YAML library resolves each alias by walking the
 * whole document up to it, so a file with thousands of aliases cost thousands of walks before a
 * single rule ran; here every alias's target, and what the aliases expand to, is found once.
 */

/** At most this many aliases in one file. */
export const MAX_ALIASES = 1000;
/** At most this many nodes copied in by aliases, once every alias is expanded. */
export const MAX_EXPANDED_NODES = 100_000;

export const ALIAS_LIMIT_MESSAGE = `aliases in this file expand to too much content (more than ${MAX_ALIASES} aliases, or more than ${MAX_EXPANDED_NODES} items copied by them); the file is not read`;
const RECURSIVE_MESSAGE = 'an alias refers to a node that contains it; the file is not read';

interface AliasIndex {
  targets: Map<Alias, Node | null>;
  /** Why the file's aliases refuse it, if they do. */
  problem?: { message: string; start: number; end: number };
}

const indexes = new WeakMap<Document, AliasIndex>();

function indexOf(doc: Document): AliasIndex {
  let index = indexes.get(doc);
  if (index) return index;
  index = buildIndex(doc);
  indexes.set(doc, index);
  return index;
}

/**
 * Walks the document once in document order (a node before its children, a key before its value),
 * without recursion: the anchor an alias names is the last node with that anchor before it, as the
 * YAML library reads it. Expanded sizes saturate (at 2^53: a billion laughs stays a number).
 */
function buildIndex(doc: Document): AliasIndex {
  const targets = new Map<Alias, Node | null>();
  const anchors = new Map<string, Node>();
  const size = new Map<Node, number>();
  const open = new Set<Node>();
  let aliases = 0;
  /** The document's own nodes (an alias counts as one). */
  let own = 0;
  let problem: AliasIndex['problem'];
  const cap = Number.MAX_SAFE_INTEGER;
  // Each frame: a node and whether its children were pushed (then it is being closed).
  const stack: { node: Node; closing: boolean }[] = [];
  const root = doc.contents as Node | null;
  if (root) stack.push({ node: root, closing: false });
  const spanOf = (node: Node) => ({ start: node.range?.[0] ?? 0, end: node.range?.[1] ?? node.range?.[0] ?? 0 });
  while (stack.length > 0) {
    const frame = stack.pop() as { node: Node; closing: boolean };
    const { node } = frame;
    if (frame.closing) {
      let total = 1;
      for (const child of childrenOf(node)) total = Math.min(cap, total + (size.get(child) ?? 1));
      size.set(node, total);
      open.delete(node);
      continue;
    }
    own++;
    if (isAlias(node)) {
      aliases++;
      const target = anchors.get(node.source) ?? null;
      targets.set(node, target);
      if (target && open.has(target)) problem ??= { message: RECURSIVE_MESSAGE, ...spanOf(node) };
      size.set(node, target ? (size.get(target) ?? 1) : 1);
      if (aliases > MAX_ALIASES) problem ??= { message: ALIAS_LIMIT_MESSAGE, ...spanOf(node) };
      continue;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    const children = childrenOf(node);
    if (children.length === 0) {
      size.set(node, 1);
      continue;
    }
    open.add(node);
    stack.push({ node, closing: true });
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], closing: false });
  }
  if (!problem && root && (size.get(root) ?? 1) - own > MAX_EXPANDED_NODES) problem = { message: ALIAS_LIMIT_MESSAGE, start: 0, end: 0 };
  return { targets, problem };
}

/** A collection's items, a pair's key and value (as nodes; plain keys and values count as leaves). */
function childrenOf(node: Node): Node[] {
  if (!isCollection(node)) return [];
  const out: Node[] = [];
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      if (isNodeLike(item.key)) out.push(item.key);
      if (isNodeLike(item.value)) out.push(item.value);
    } else if (isNodeLike(item)) out.push(item);
  }
  return out;
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !isPair(value);
}

/** The node an alias stands for (null when no anchor of its name comes before it). */
export function aliasTarget(doc: Document, alias: Alias): Node | null {
  const { targets } = indexOf(doc);
  return targets.has(alias) ? (targets.get(alias) ?? null) : ((alias.resolve(doc) as Node | undefined) ?? null);
}

/** Why a document's aliases make it too costly to read: too many, expanding too far, or recursive. */
export function aliasProblem(doc: Document): { message: string; start: number; end: number } | undefined {
  return indexOf(doc).problem;
}
