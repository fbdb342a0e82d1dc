import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, visit, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { aliasProblem } from './aliases';
import { ChunkCache, parseInChunks } from './chunks';
import { duplicateKeyProblems } from './duplicate-keys';
import { intern } from './intern';
import { LineIndex } from './text';
import { findPair, isMergeKey, lookupPair, nodeSpan, resolved, scalarText, distanceWithinTwo, YAML_OPTIONS, type FoundPair } from './yaml-nodes';
import { clip } from './rules/rule';

/** A span of text in one file (offsets). */
export interface Span {
  start: number;
  end: number;
}

export interface Located<T> extends Span {
  value: T;
}

export interface SyntaxProblem extends Span {
  message: string;
  code: string;
}

export interface RegionDecl extends Span {
  name: string;
  /** Name of the enclosing region, or null at the top level. */
  parent: string | null;
}

export type ScopeDecl =
  | ({ kind: 'organization' } & Span)
  | ({ kind: 'regions'; regions: Located<string>[]; node: Node } & Span);

export interface ResponsibilityEntry extends Span {
  /** The id or free text as written. */
  text: string;
  /** True for `{id: X, note: ...}` entries; `start`/`end` then cover the `id:` value. */
  isMapping: boolean;
  /** The whole sequence item. */
  item: Node;
  index: number;
}

/**
 * An unknown key within edit distance 2 (case aside) of exactly one known key its mapping lacks
 * (SPEC §2 "A misspelt key"): read as that key by every rule; its schema fix renames it.
 */
export interface MisspeltKey {
  /** The key as written. */
  key: string;
  /** The known key it stands for. */
  standsFor: string;
  map: YAMLMap;
  pair: Pair<Node, Node | null>;
}

export interface RoleDecl extends Span {
  file: CharterFile;
  index: number;
  node: YAMLMap;
  id?: Located<string>;
  role?: Located<string>;
  /** Informational only: no rule reads it (SPEC); the HTML report shows it. */
  holder?: string;
  /** Present when a `scope:` key exists and its value has a shape SPEC allows. */
  scope?: ScopeDecl;
  reportsTo?: Located<string>;
  responsibilities: ResponsibilityEntry[];
  responsibilitiesKey?: Span;
  /** The role's own list, when its entries may be edited (not shared through an alias or merge). */
  responsibilitiesNode?: YAMLSeq;
  /** A `responsibilities` value that cannot be read as a list (a string, a mapping): schema reports it. */
  responsibilitiesUnreadable: boolean;
  misspeltKeys: MisspeltKey[];
}

export interface CharterFile {
  /** Parsed role items for the next version's incremental parse (large files only). */
  chunkCache?: ChunkCache;
  path: string;
  text: string;
  lines: LineIndex;
  doc: Document;
  syntaxErrors: SyntaxProblem[];
  charterKey?: Span;
  model?: Located<string>;
  regions: RegionDecl[];
  external: Located<string>[];
  roles: RoleDecl[];
  /** Misspelt top-level keys (those of roles are on the roles). */
  misspeltKeys: MisspeltKey[];
  /** Where a second YAML document starts (its `---`): one charter per file, only the first is read. */
  extraDocument?: Span;
  /**
   * Text no fix may touch, in document order: anchored nodes, aliases and merges (`<<` pairs).
   * An edit there would change content other places share.
   */
  frozen: Span[];
}

/** Regions a scope label names before "and N more" (SPEC "Reporting": output stays linear). */
const MAX_SCOPE_NAMES = 5;

/**
 * A role's scope as people write it: `organization`, or its regions joined by commas; past
 * MAX_SCOPE_NAMES regions, the first ones and "and N more", each name cut when very long.
 */
export function scopeLabel(role: RoleDecl): string {
  if (!role.scope) return 'no scope';
  if (role.scope.kind === 'organization') return 'organization';
  return regionList(role.scope.regions.map((r) => r.value));
}

/** Region names joined by commas, at most MAX_SCOPE_NAMES of them then "and N more". */
export function regionList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_SCOPE_NAMES).map(clip).join(', ');
  return names.length > MAX_SCOPE_NAMES ? `${shown} and ${names.length - MAX_SCOPE_NAMES} more` : shown;
}

/** Refuse alias expansion beyond this many nodes ("billion laughs"). */
const MAX_ALIAS_COUNT = 1000;

/** Library wording that reaches people through yaml-syntax messages, in the product's words. */
const REPHRASED: [RegExp, string][] = [
  [/Source contains multiple documents; please use YAML\.parseAllDocuments\(\)/g, 'A second YAML document: one charter per file'],
  [/please use YAML\.parseAllDocuments\(\)|YAML\.parseAllDocuments\(\)|parseAllDocuments\(\)/g, 'one charter per file'],
  [/Excessive alias count indicates a resource exhaustion attack/g, 'Aliases expand to too many nodes; the file is not read'],
  [/Merge sources must be maps or map aliases/g, 'A merge key (<<) must name a mapping or a list of mappings'],
  [/Unresolved alias \(the anchor must be set before the alias\)/g, 'Alias names no anchor defined before it'],
  [/,? ?\(?this should not happen\)?(, please report a bug)?\.?/gi, ''],
  [/\bYAML\.\w+\(\)/g, 'the parser'],
];

/** A yaml package message in the product's words (no API names, no "please use ..."). */
export function rephrase(message: string): string {
  let out = message;
  for (const [pattern, replacement] of REPHRASED) out = out.replace(pattern, replacement);
  return out;
}

export function parseYaml(text: string): { doc: Document; errors: SyntaxProblem[]; extraDocument?: Span } {
  // A lone CR is a line break to LSP and to our line index; the yaml parser would keep it inside
  // a scalar. Turning it into LF keeps every offset and makes both agree.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  let doc: Document.Parsed | undefined;
  let extraDocument: Span | undefined;
  // Only the first document is read; a second one is reported once, on its start, whatever it holds.
  for (const next of new Composer(YAML_OPTIONS).compose(new Parser().parse(source), true, source.length)) {
    if (!doc) {
      doc = next;
      continue;
    }
    const start = next.range[0];
    const lineEnd = source.slice(start).search(/[\r\n]|$/);
    const end = source.startsWith('---', start) ? start + 3 : start + Math.max(1, lineEnd);
    extraDocument = { start, end: Math.min(end, source.length) };
    break;
  }
  const first = doc as Document.Parsed;
  const errors: SyntaxProblem[] = first.errors.map((error) => ({
    message: rephrase(error.message.split('\n')[0]),
    code: error.code,
    start: error.pos[0],
    end: Math.max(error.pos[0], error.pos[1]),
  }));
  // Repeated keys are found in one pass (duplicate-keys.ts): the library's check is quadratic.
  errors.push(...duplicateKeyProblems(first));
  return { doc: first, errors, extraDocument };
}

/** Converts a parsed document to plain data for schema validation; null when aliases explode. */
export function toPlainData(doc: Document): { data: unknown; error?: string } {
  const refused = aliasProblem(doc); // in one pass, before the library resolves any alias
  if (refused) return { data: undefined, error: refused.message };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    return { data: undefined, error: rephrase(error instanceof Error ? error.message : String(error)) };
  }
}

function located(node: unknown): Located<string> | undefined {
  const text = scalarText(node);
  const span = nodeSpan(node as Node);
  if (text === undefined || !span) return undefined;
  return { value: intern(text), ...span };
}

function collectRegions(seq: Node | null, parent: string | null, out: RegionDecl[], depth: number): void {
  if (!isSeq(seq) || depth > 1000) return;
  for (const item of seq.items) {
    if (isScalar(item)) {
      const name = located(item);
      if (name) out.push({ name: name.value, parent, start: name.start, end: name.end });
    } else if (isMap(item)) {
      for (const pair of item.items) {
        const name = located(pair.key);
        if (!name) continue;
        out.push({ name: name.value, parent, start: name.start, end: name.end });
        collectRegions(pair.value as Node | null, name.value, out, depth + 1);
      }
    }
  }
}

function readScope(node: Node | null): ScopeDecl | undefined {
  const span = nodeSpan(node);
  if (!span) return undefined;
  if (isScalar(node)) {
    return node.value === 'organization' ? { kind: 'organization', ...span } : undefined;
  }
  if (!isMap(node) || node.items.length !== 1) return undefined;
  const pair = node.items[0];
  const key = scalarText(pair.key);
  if (key === 'region') {
    const region = located(pair.value);
    return region && typeof (pair.value as { value?: unknown }).value === 'string'
      ? { kind: 'regions', regions: [region], node: node, ...span }
      : undefined;
  }
  if (key === 'regions' && isSeq(pair.value)) {
    const regions: Located<string>[] = [];
    for (const item of pair.value.items) {
      const region = located(item);
      if (!region || !isScalar(item) || typeof item.value !== 'string') return undefined;
      regions.push(region);
    }
    return regions.length > 0 ? { kind: 'regions', regions, node: node, ...span } : undefined;
  }
  return undefined;
}

function readResponsibilities(node: Node | null): ResponsibilityEntry[] {
  if (!isSeq(node)) return [];
  const entries: ResponsibilityEntry[] = [];
  node.items.forEach((item, index) => {
    const itemNode = item as Node;
    if (isScalar(itemNode) && typeof itemNode.value === 'string') {
      const span = nodeSpan(itemNode);
      if (span) entries.push({ text: intern(itemNode.value), isMapping: false, item: itemNode, index, ...span });
    } else if (isMap(itemNode)) {
      const idPair = findPair(itemNode, 'id');
      const id = idPair && isScalar(idPair.value) && typeof idPair.value.value === 'string' ? located(idPair.value) : undefined;
      if (id) entries.push({ text: id.value, isMapping: true, item: itemNode, index, start: id.start, end: id.end });
    }
  });
  return entries;
}

/** Follows a YAML alias (`*name`) to its anchored node. */
function resolveAlias(doc: Document, node: Node | null): Node | null {
  return resolved(doc, node);
}

/** The keys the parser reads, by mapping (SPEC §1). */
export const ROLE_KEYS: readonly string[] = ['id', 'role', 'holder', 'scope', 'reports_to', 'responsibilities'];
export const TOP_LEVEL_KEYS: readonly string[] = ['charter', 'model', 'regions', 'external', 'roles'];

/** Longest key considered a misspelling; a longer unknown key is just unknown. */
const MAX_MISSPELT_KEY_LENGTH = 64;

/**
 * Finds each known key of a mapping: its own, merged in (`<<`), or misspelt — an unknown key
 * within edit distance 2 (case aside) of exactly one known key the mapping lacks, the first such
 * key when several stand for the same one.
 */
function readKeys(doc: Document, map: YAMLMap, known: readonly string[]): { found: Map<string, FoundPair>; misspelt: MisspeltKey[] } {
  const found = new Map<string, FoundPair>();
  for (const key of known) {
    const pair = lookupPair(doc, map, key);
    if (pair) found.set(key, pair);
  }
  const misspelt: MisspeltKey[] = [];
  for (const item of map.items) {
    if (found.size === known.length) break;
    if (!isPair(item) || !isScalar(item.key) || typeof item.key.value !== 'string') continue;
    const key = item.key.value;
    if (key.length > MAX_MISSPELT_KEY_LENGTH || known.includes(key)) continue;
    let match: string | undefined;
    let count = 0;
    for (const candidate of known) {
      if (found.has(candidate)) continue;
      const distance = distanceWithinTwo(key, candidate);
      // Every letter replaced (`to` for `id`) is another word, not a misspelling.
      if (distance === undefined || distance >= candidate.length) continue;
      match = candidate;
      count++;
    }
    if (count !== 1 || match === undefined) continue;
    const pair = item as Pair<Node, Node | null>;
    found.set(match, { pair });
    misspelt.push({ key, standsFor: match, map, pair });
  }
  return { found, misspelt };
}

/**
 * Where a value read through a merge or an alias is reported: the mapping's own `<<` key, or the
 * alias itself; undefined for a value the mapping holds itself.
 */
function homeOf(found: FoundPair): Span | undefined {
  if (found.via) return nodeSpan(found.via.key);
  if (isAlias(found.pair.value)) return nodeSpan(found.pair.value);
  return undefined;
}

/** A string value (through an alias or a merge too), located where the mapping holds it. */
function readString(doc: Document, found: FoundPair | undefined): Located<string> | undefined {
  if (!found) return undefined;
  const value = resolveAlias(doc, found.pair.value);
  if (!isScalar(value) || typeof value.value !== 'string') return undefined;
  const span = homeOf(found) ?? nodeSpan(value);
  return span ? { value: intern(value.value), ...span } : undefined;
}

function relocateScope(scope: ScopeDecl, home: Span): ScopeDecl {
  if (scope.kind === 'organization') return { kind: 'organization', start: home.start, end: home.end };
  return { kind: 'regions', regions: scope.regions.map((region) => ({ value: region.value, start: home.start, end: home.end })), node: scope.node, start: home.start, end: home.end };
}

function readRole(file: CharterFile, node: YAMLMap, index: number): RoleDecl {
  const doc = file.doc;
  const span = nodeSpan(node) ?? { start: 0, end: 0 };
  const { found, misspelt } = readKeys(doc, node, ROLE_KEYS);
  // Every field is set here, in one order, so all roles share one object shape: the rules read
  // these fields millions of times in a large organization, and V8 keeps such reads fast.
  const role: RoleDecl = {
    file,
    index,
    node,
    start: span.start,
    end: span.end,
    id: readString(doc, found.get('id')),
    role: readString(doc, found.get('role')),
    holder: readString(doc, found.get('holder'))?.value,
    scope: undefined,
    reportsTo: readString(doc, found.get('reports_to')),
    responsibilities: [],
    responsibilitiesKey: undefined,
    responsibilitiesNode: undefined,
    responsibilitiesUnreadable: false,
    misspeltKeys: misspelt,
  };
  const scopeFound = found.get('scope');
  if (scopeFound) {
    const scope = readScope(resolveAlias(doc, scopeFound.pair.value));
    const home = homeOf(scopeFound);
    role.scope = scope && home ? relocateScope(scope, home) : scope;
  }
  const listFound = found.get('responsibilities');
  if (listFound) {
    const raw = listFound.pair.value;
    const value = resolveAlias(doc, raw);
    // A list shared through an alias or a merge is reported on this role's own key holding it,
    // once per role; edits to it would change what the other roles read, so none are offered.
    const shared = !!listFound.via || isAlias(raw);
    role.responsibilitiesKey = nodeSpan(listFound.via ? listFound.via.key : listFound.pair.key);
    if (!shared && isSeq(value)) role.responsibilitiesNode = value;
    role.responsibilitiesUnreadable = !!value && !isSeq(value) && !(isScalar(value) && value.value === null);
    role.responsibilities = readResponsibilities(value);
    const home = role.responsibilitiesKey;
    if (shared && home) {
      for (const entry of role.responsibilities) {
        entry.start = home.start;
        entry.end = home.end;
      }
    }
  }
  return role;
}

/** Joins overlapping spans into disjoint ones, in order. */
function joinSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ start: span.start, end: span.end });
  }
  return out;
}

/** Anchors, aliases and merges: text a fix must not touch. */
const SHARED_SYNTAX = /(^|[\s[{,])[&*][^\s]|<</m;

function frozenSpans(doc: Document, text: string): Span[] {
  if (!SHARED_SYNTAX.test(text)) return [];
  const spans: Span[] = [];
  visit(doc, {
    Alias(_, node) {
      const span = nodeSpan(node);
      if (span) spans.push(span);
    },
    Pair(_, pair) {
      if (!isMergeKey(pair.key)) return;
      const key = nodeSpan(pair.key as Node);
      const value = nodeSpan(pair.value as Node | null);
      if (key) spans.push({ start: key.start, end: value ? Math.max(key.end, value.end) : key.end });
    },
    Node(_, node) {
      const span = node.anchor ? nodeSpan(node) : undefined;
      if (span) spans.push(span);
    },
  });
  return joinSpans(spans);
}

/** Parses one charter file and extracts what the rules read, keeping exact offsets. */
export function parseCharter(path: string, text: string, previous?: ChunkCache): CharterFile {
  const binaryAt = text.indexOf('\u0000');
  const chunked = binaryAt < 0 ? parseInChunks(text, previous) : undefined;
  const { doc, errors, extraDocument } = chunked ? { doc: chunked.doc, errors: [], extraDocument: undefined } : binaryAt >= 0 ? parseYaml('') : parseYaml(text);
  if (binaryAt >= 0) {
    errors.push({ message: 'The file holds binary data (a NUL byte), not YAML text', code: 'BINARY', start: binaryAt, end: binaryAt + 1 });
  }
  const file: CharterFile = {
    path,
    text,
    lines: new LineIndex(text),
    doc,
    syntaxErrors: errors,
    regions: [],
    external: [],
    roles: [],
    chunkCache: chunked?.cache,
    misspeltKeys: [],
    extraDocument,
    frozen: chunked ? [] : frozenSpans(doc, text),
  };
  // Aliases that expand too far refuse the file before anything is read through them.
  const aliasRefusal = chunked || !text.includes('*') ? undefined : aliasProblem(doc);
  if (aliasRefusal) errors.push({ ...aliasRefusal, code: 'ALIAS_LIMIT' });
  const root = doc.contents as Node | null;
  if (!isMap(root) || aliasRefusal) return file;
  const { found, misspelt } = readKeys(doc, root, TOP_LEVEL_KEYS);
  file.misspeltKeys = misspelt;
  const charterFound = found.get('charter');
  if (charterFound) file.charterKey = nodeSpan(charterFound.via ? charterFound.via.key : charterFound.pair.key);
  file.model = readString(doc, found.get('model'));
  const valueOf = (key: string): Node | null => {
    const pair = found.get(key)?.pair;
    return pair ? resolveAlias(doc, pair.value) : null;
  };
  collectRegions(valueOf('regions'), null, file.regions, 0);
  const externalNode = valueOf('external');
  if (isSeq(externalNode)) {
    for (const item of externalNode.items) {
      if (isScalar(item) && typeof item.value === 'string') {
        const id = located(item);
        if (id) file.external.push(id);
      }
    }
  }
  const rolesNode = valueOf('roles');
  if (isSeq(rolesNode)) {
    rolesNode.items.forEach((item, index) => {
      if (isMap(item)) file.roles.push(chunked ? reusedRole(file, item, index) : readRole(file, item, index));
    });
  }
  return file;
}

/**
 * Roles read from chunk nodes, with the node's offset at the time. A chunk the next version reuses
 * (unchanged, maybe moved) reuses its role: shifted like the node, pointed at the new file. Like
 * the chunk cache, this serves the latest version of a file only.
 */
const rolesByChunk = new WeakMap<Node, { role: RoleDecl; at: number }>();

function shiftSpan(span: Span | undefined, delta: number): void {
  if (!span) return;
  span.start += delta;
  span.end += delta;
}

function shiftRole(role: RoleDecl, delta: number): void {
  shiftSpan(role, delta);
  shiftSpan(role.id, delta);
  shiftSpan(role.role, delta);
  shiftSpan(role.reportsTo, delta);
  shiftSpan(role.responsibilitiesKey, delta);
  if (role.scope) {
    shiftSpan(role.scope, delta);
    if (role.scope.kind === 'regions') for (const region of role.scope.regions) shiftSpan(region, delta);
  }
  for (const entry of role.responsibilities) shiftSpan(entry, delta);
}

function reusedRole(file: CharterFile, node: YAMLMap, index: number): RoleDecl {
  const at = node.range?.[0] ?? 0;
  const cached = rolesByChunk.get(node);
  if (!cached) {
    const role = readRole(file, node, index);
    rolesByChunk.set(node, { role, at });
    return role;
  }
  if (at !== cached.at) shiftRole(cached.role, at - cached.at);
  cached.at = at;
  cached.role.file = file;
  cached.role.index = index;
  return cached.role;
}
