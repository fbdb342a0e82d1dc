import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';

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
    if (isMap(current)) {
      const pair = findPair(current, segment);
      if (!pair) return { node: current, pair: lastPair };
      lastPair = pair;
      current = pair.value;
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
