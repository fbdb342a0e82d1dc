import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { aliasProblem, aliasTarget } from './aliases';
import { ChunkCache, parseInChunks } from './chunks';
import { duplicateKeyProblems } from './duplicate-keys';
import { intern } from './intern';
import { LineIndex } from './text';
import { findPair, nodeSpan, scalarText } from './yaml-nodes';

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
  responsibilitiesNode?: YAMLSeq;
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
}

/** A role's scope as people write it: `organization`, or its regions joined by commas. */
export function scopeLabel(role: RoleDecl): string {
  if (!role.scope) return 'no scope';
  return role.scope.kind === 'organization' ? 'organization' : role.scope.regions.map((r) => r.value).join(', ');
}

/** Refuse alias expansion beyond this many nodes ("billion laughs"). */
const MAX_ALIAS_COUNT = 1000;

export function parseYaml(text: string): { doc: Document; errors: SyntaxProblem[] } {
  const lineCounter = new LineCounter();
  // A lone CR is a line break to LSP and to our line index; the yaml parser would keep it inside
  // a scalar. Turning it into LF keeps every offset and makes both agree.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  const doc = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false, // checked in one pass below: the library's check is quadratic
    keepSourceTokens: false,
    strict: true,
  });
  const errors: SyntaxProblem[] = doc.errors.map((error) => ({
    message: error.message.split('\n')[0],
    code: error.code,
    start: error.pos[0],
    end: Math.max(error.pos[0], error.pos[1]),
  }));
  errors.push(...duplicateKeyProblems(doc));
  return { doc, errors };
}

/** Converts a parsed document to plain data for schema validation; null when aliases explode. */
export function toPlainData(doc: Document): { data: unknown; error?: string } {
  const refused = aliasProblem(doc); // in one pass, before the library resolves any alias
  if (refused) return { data: undefined, error: refused.message };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    return { data: undefined, error: error instanceof Error ? error.message : String(error) };
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
  if (!isAlias(node)) return node;
  try {
    return aliasTarget(doc, node);
  } catch {
    return null;
  }
}

function readRole(file: CharterFile, node: YAMLMap, index: number): RoleDecl {
  const span = nodeSpan(node) ?? { start: 0, end: 0 };
  const stringValue = (key: string): Located<string> | undefined => {
    const pair = findPair(node, key);
    if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'string') return undefined;
    return located(pair.value);
  };
  // Every field is set here, in one order, so all roles share one object shape: the rules read
  // these fields millions of times in a large organization, and V8 keeps such reads fast.
  const role: RoleDecl = {
    file,
    index,
    node,
    start: span.start,
    end: span.end,
    id: stringValue('id'),
    role: stringValue('role'),
    holder: stringValue('holder')?.value,
    scope: undefined,
    reportsTo: stringValue('reports_to'),
    responsibilities: [],
    responsibilitiesKey: undefined,
    responsibilitiesNode: undefined,
  };
  const scopePair = findPair(node, 'scope');
  if (scopePair) role.scope = readScope(resolveAlias(file.doc, scopePair.value));
  const responsibilitiesPair = findPair(node, 'responsibilities');
  if (responsibilitiesPair) {
    role.responsibilitiesKey = nodeSpan(responsibilitiesPair.key);
    // An aliased list is read through the alias; edits to it would change its anchor, so none are offered.
    if (isSeq(responsibilitiesPair.value)) role.responsibilitiesNode = responsibilitiesPair.value;
    role.responsibilities = readResponsibilities(resolveAlias(file.doc, responsibilitiesPair.value));
  }
  return role;
}

/** Parses one charter file and extracts what the rules read, keeping exact offsets. */
export function parseCharter(path: string, text: string, previous?: ChunkCache): CharterFile {
  const binaryAt = text.indexOf('\u0000');
  const chunked = binaryAt < 0 ? parseInChunks(text, previous) : undefined;
  const { doc, errors } = chunked ? { doc: chunked.doc, errors: [] } : binaryAt >= 0 ? parseYaml('') : parseYaml(text);
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
  };
  // Aliases that expand too far refuse the file before anything is read through them.
  const aliasRefusal = chunked || !text.includes('*') ? undefined : aliasProblem(doc);
  if (aliasRefusal) errors.push({ ...aliasRefusal, code: 'ALIAS_LIMIT' });
  const root = doc.contents as Node | null;
  if (!isMap(root) || aliasRefusal) return file;
  const charterPair = findPair(root, 'charter');
  if (charterPair) file.charterKey = nodeSpan(charterPair.key);
  const modelPair = findPair(root, 'model');
  if (modelPair && isScalar(modelPair.value) && typeof modelPair.value.value === 'string') {
    file.model = located(modelPair.value);
  }
  collectRegions(findPair(root, 'regions')?.value ?? null, null, file.regions, 0);
  const externalNode = findPair(root, 'external')?.value;
  if (isSeq(externalNode)) {
    for (const item of externalNode.items) {
      if (isScalar(item) && typeof item.value === 'string') {
        const id = located(item);
        if (id) file.external.push(id);
      }
    }
  }
  const rolesNode = findPair(root, 'roles')?.value;
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
