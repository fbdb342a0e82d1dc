import { Composer, Document, Pair, Parser, YAMLMap, YAMLSeq, isMap, isSeq, type Node } from 'yaml';
import { duplicateKeyProblems } from './duplicate-keys';
import { YAML_OPTIONS } from './yaml-nodes';

/**
 * Incremental parsing of large charters. The `roles:` list is cut into one chunk per top-level
 * item and each chunk is parsed on its own, with absolute offsets; an edit re-parses only the
 * chunks whose text changed, and chunks that merely moved are cloned and shifted. Anything
 * unusual (anchors, merge keys, directives, several documents, a syntax error) falls back to a full parse,
 * so results are always those of the plain parser.
 */

/** Below this many roles a full parse is fast enough. */
const MIN_ITEMS = 64;

interface Piece {
  start: number;
  end: number;
}

export interface Split {
  header: Piece;
  items: Piece[];
  tail?: Piece;
}

const UNSUPPORTED = /(^|[\s[{,])[&*!][^\s]|^%|^---|^\.\.\.|<</m;

/** Cuts a charter's text into header, role items and tail; undefined when it cannot do so safely. */
export function splitRoles(text: string): Split | undefined {
  if (UNSUPPORTED.test(text) || text.includes('\t') || text.includes('\r')) return undefined;
  const rolesKey = /^roles:[ ]*(#.*)?$/m.exec(text);
  if (!rolesKey) return undefined;
  let offset = rolesKey.index + rolesKey[0].length + 1;
  if (offset > text.length) return undefined;
  const items: Piece[] = [];
  let indent = -1;
  let tail: Piece | undefined;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(offset, lineEnd);
    const content = line.trimStart();
    if (content !== '' && !content.startsWith('#')) {
      const lineIndent = line.length - content.length;
      const isItem = content === '-' || content.startsWith('- ');
      if (indent < 0) {
        if (!isItem) return undefined;
        indent = lineIndent;
      }
      if (isItem && lineIndent === indent) {
        if (items.length > 0) items[items.length - 1].end = offset;
        items.push({ start: offset, end: text.length });
      } else if (lineIndent < indent || (lineIndent === indent && !isItem)) {
        if (items.length > 0) items[items.length - 1].end = offset;
        tail = { start: offset, end: text.length };
        break;
      }
    }
    offset = lineEnd + 1;
  }
  if (items.length < MIN_ITEMS) return undefined;
  return { header: { start: 0, end: items[0].start }, items, tail };
}

function parsePiece(text: string, piece: Piece): Document.Parsed | undefined {
  const parser = new Parser();
  // The parser keeps counting from this offset, so every node range is absolute in the file.
  parser.offset = piece.start;
  // Repeated keys are checked in one pass (YAML_OPTIONS leaves the library's quadratic check off); a full parse reports them.
  const composer = new Composer(YAML_OPTIONS);
  const docs = [...composer.compose(parser.parse(text.slice(piece.start, piece.end)), true, piece.end)];
  if (docs.length !== 1 || docs[0].errors.length > 0 || docs[0].warnings.length > 0 || duplicateKeyProblems(docs[0]).length > 0) return undefined;
  return docs[0];
}

/**
 * Moves a parsed node by `delta` characters, in place. A cached chunk belongs to the latest
 * version of its file only, so nothing else still reads the old offsets.
 */
function shift(node: unknown, delta: number): void {
  if (!node || typeof node !== 'object') return;
  const ranged = node as { range?: [number, number, number] | null; items?: unknown[]; key?: unknown; value?: unknown };
  if (ranged.range) {
    ranged.range[0] += delta;
    ranged.range[1] += delta;
    ranged.range[2] += delta;
  }
  if (Array.isArray(ranged.items)) for (const item of ranged.items) shift(item, delta);
  if ('key' in ranged) {
    shift(ranged.key, delta);
    shift(ranged.value, delta);
  }
}

interface CachedPiece {
  text: string;
  start: number;
  pairs: Pair[];
  range: [number, number, number] | null;
}

/** Parsed pieces by their text, from the previous version of the same file. */
export class ChunkCache {
  header?: CachedPiece;
  tail?: CachedPiece;
  readonly items = new Map<string, { start: number; node: Node }[]>();
}

function piece(text: string, at: Piece, previous: CachedPiece | undefined): CachedPiece | undefined {
  const pieceText = text.slice(at.start, at.end);
  if (previous && previous.text === pieceText) {
    if (previous.start !== at.start) {
      for (const pair of previous.pairs) shift(pair, at.start - previous.start);
      if (previous.range) previous.range = [previous.range[0] + at.start - previous.start, previous.range[1] + at.start - previous.start, previous.range[2] + at.start - previous.start];
      previous.start = at.start;
    }
    return previous;
  }
  const doc = parsePiece(text, at);
  if (!doc || !isMap(doc.contents)) return undefined;
  return { text: pieceText, start: at.start, pairs: doc.contents.items as Pair[], range: doc.contents.range ?? null };
}

/** Items parsed by one parser at most; bounds the work redone when a run has to be split up. */
const MAX_RUN = 1024;

/** Parses items first..last together; if that fails, one by one (an error in any still fails). */
function parseRun(text: string, items: Piece[], first: number, last: number): Node[] | undefined {
  const together = parsePiece(text, { start: items[first].start, end: items[last].end });
  if (together && isSeq(together.contents) && together.contents.items.length === last - first + 1) return together.contents.items as Node[];
  if (first === last) return undefined;
  const nodes: Node[] = [];
  for (let index = first; index <= last; index++) {
    const doc = parsePiece(text, items[index]);
    if (!doc || !isSeq(doc.contents) || doc.contents.items.length !== 1) return undefined;
    nodes.push(doc.contents.items[0] as Node);
  }
  return nodes;
}

const keyOf = (pair: Pair) => String((pair.key as { value?: unknown } | null)?.value);

/**
 * Parses a charter through its chunks. Returns the document (the same shape a full parse gives)
 * and the cache for the next version, or undefined to ask for a full parse.
 */
export function parseInChunks(text: string, previous: ChunkCache | undefined): { doc: Document; cache: ChunkCache } | undefined {
  const split = splitRoles(text);
  if (!split) return undefined;
  const next = new ChunkCache();
  const header = piece(text, split.header, previous?.header);
  if (!header) return undefined;
  next.header = header;
  const rolesIndex = header.pairs.findIndex((pair) => keyOf(pair) === 'roles');
  const rolesPair = header.pairs[rolesIndex];
  if (!rolesPair || (rolesPair.value !== null && (rolesPair.value as { value?: unknown }).value !== null)) return undefined;
  const seq = new YAMLSeq();
  const nodes: (Node | undefined)[] = split.items.map((item) => {
    const itemText = text.slice(item.start, item.end);
    const reused = previous?.items.get(itemText)?.shift();
    if (!reused) return undefined;
    if (reused.start !== item.start) shift(reused.node, item.start - reused.start);
    return reused.node;
  });
  // Items not reused are parsed in runs of consecutive items: one parser per run, not per item,
  // so the first parse of a large file costs no more than a full parse.
  for (let first = 0; first < nodes.length; first++) {
    if (nodes[first]) continue;
    let last = first;
    while (last + 1 < nodes.length && !nodes[last + 1] && last + 1 - first < MAX_RUN) last++;
    const parsed = parseRun(text, split.items, first, last);
    if (!parsed) return undefined;
    parsed.forEach((node, offset) => (nodes[first + offset] = node));
    first = last;
  }
  split.items.forEach((item, index) => {
    const node = nodes[index] as Node;
    const itemText = text.slice(item.start, item.end);
    seq.items.push(node);
    const list = next.items.get(itemText) ?? [];
    list.push({ start: item.start, node });
    next.items.set(itemText, list);
  });
  const lastNode = seq.items[seq.items.length - 1] as Node;
  const first = split.items[0];
  const end = lastNode.range ? lastNode.range[1] : split.items[split.items.length - 1].end;
  seq.range = [first.start + text.slice(first.start, first.end).search(/\S/), end, end];
  const pairs: Pair[] = [...header.pairs];
  pairs[rolesIndex] = new Pair(rolesPair.key, seq);
  let rootEnd = end;
  if (split.tail) {
    const tail = piece(text, split.tail, previous?.tail);
    if (!tail) return undefined;
    next.tail = tail;
    // A key repeated across header and tail is a syntax error only a full parse reports.
    const keys = new Set(header.pairs.map(keyOf));
    if (tail.pairs.some((pair) => keys.has(keyOf(pair)))) return undefined;
    pairs.push(...tail.pairs);
    if (tail.range) rootEnd = tail.range[1];
  }
  const root = new YAMLMap();
  root.items = pairs;
  root.range = [header.range ? header.range[0] : 0, rootEnd, rootEnd];
  const doc = new Document();
  doc.contents = root;
  return { doc, cache: next };
}
