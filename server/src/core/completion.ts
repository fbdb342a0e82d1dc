import { readJsonAsset } from './assets';
import type { Organization } from './organization';
import { scopeLabel, type CharterFile, type RoleDecl } from './parse';
import { roleAt } from './query';
import { charterSkeleton, skeletonChoices } from './skeleton';

/**
 * Completion in a charter, from our own server (no other YAML extension needed): the keys the
 * charter schema allows where a key is typed, and values where one is: role types, scope forms,
 * region names, `reports_to` ids and responsibility ids ranked by how well they fit the role.
 * Plain data in and out; the LSP glue converts it (lsp/handlers/completion.ts).
 */

export type CompletionKind = 'roleType' | 'responsibility' | 'region' | 'roleId' | 'scope' | 'key' | 'skeleton';

/** The mapping a key is typed in. */
export type KeyMapping = 'document' | 'role' | 'scope' | 'responsibility';

export interface CompletionContext {
  kind: CompletionKind;
  /** Offset where the word being completed starts (the edit replaces from here to the cursor). */
  start: number;
  /** For keys: the mapping, the keys it already has and the column its keys start at. */
  mapping?: KeyMapping;
  present?: ReadonlySet<string>;
  column?: number;
}

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Plain text (escaped by the LSP glue), unless `markdown`. */
  documentation?: string;
  /** `documentation` is the product's own Markdown (the schema's `markdownDescription`). */
  markdown?: boolean;
  sortText: string;
  /** Text to insert, when it differs from the label. */
  insertText?: string;
  /** The same with snippet tab stops (`$1`, `${1:name}`, `${1|a,b|}`), for clients that take snippets. */
  snippet?: string;
  /** Whether the value inserted after the key has completions of its own (ask again once inserted). */
  retrigger?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Where the cursor is

/** A `key:` line: its indentation, whether it starts a list item, the key and its column. */
interface KeyLine {
  indent: number;
  dash: boolean;
  key: string;
  column: number;
  /** Nothing after the colon but a comment: the value is on the lines below. */
  open: boolean;
}

const KEY_LINE = /^( *)(?:(-)( +))?([A-Za-z_][\w-]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]+(.*))?$/;

function keyLine(line: string): KeyLine | undefined {
  const match = KEY_LINE.exec(line);
  if (!match) return undefined;
  const indent = match[1].length;
  const dash = match[2] !== undefined;
  const rest = (match[5] ?? '').trim();
  return { indent, dash, key: match[4].replace(/^["']|["']$/g, ''), column: indent + (dash ? 1 + match[3].length : 0), open: rest === '' || rest.startsWith('#') };
}

const indentOf = (line: string) => /^ */.exec(line)?.[0].length ?? 0;
const skippable = (line: string) => line.trim() === '' || line.trim().startsWith('#');

/** Lines looked at above and below the cursor: enough for any role, bounded for huge files. */
const SCAN_LINES = 2000;

/** What a line says about the list owner: `skip` it, or the owner found (undefined: none). */
function ownerLine(line: string, dashIndent: number): { skip: true } | { skip: false; owner: string | undefined } {
  if (skippable(line)) return { skip: true };
  const indent = indentOf(line);
  if (indent > dashIndent) return { skip: true };
  if (indent === dashIndent && /^ *-/.test(line)) return { skip: true }; // an earlier item of the same list
  // `key:` with its value below: at a smaller indentation, or the same one (`roles:\n- id: x`).
  const parsed = keyLine(line);
  return { skip: false, owner: parsed?.open ? parsed.key : undefined };
}

/** Lines above the window, read backwards without splitting the text: for a list of many items. */
type Beyond = (dashIndent: number) => string | undefined;

/**
 * The key owning the list whose item starts with a dash at `dashIndent` on line `at`; above the
 * window's first line, `beyond` goes on reading (the `roles:` of a list of thousands of roles).
 */
function listOwner(lines: readonly string[], at: number, dashIndent: number, beyond?: Beyond): string | undefined {
  for (let i = at - 1; i >= 0; i--) {
    const found = ownerLine(lines[i], dashIndent);
    if (!found.skip) return found.owner;
  }
  return beyond?.(dashIndent);
}

/** `beyond` for a window starting at offset `from` of `text`: reads its lines backwards. */
function readBeyond(text: string, from: number): Beyond {
  return (dashIndent) => {
    let end = from - 1; // the line break before the window
    while (end > 0) {
      const start = text.lastIndexOf('\n', end - 1) + 1;
      const found = ownerLine(text.slice(start, end).replace(/\r$/, ''), dashIndent);
      if (!found.skip) return found.owner;
      end = start - 1;
    }
    return undefined;
  };
}

/**
 * The mapping a key typed at `column` on line `at` belongs to, and the keys it already has (on
 * the lines above and below at that column). `dashItem`: the cursor's line starts a new list item.
 */
function keyMapping(lines: readonly string[], at: number, column: number, dashIndent: number | undefined, beyond?: Beyond): { mapping: KeyMapping; present: Set<string> } | undefined {
  const present = new Set<string>();
  let mapping: KeyMapping | undefined;
  if (dashIndent !== undefined) {
    const owner = listOwner(lines, at, dashIndent, beyond);
    mapping = owner === 'roles' ? 'role' : owner === 'responsibilities' ? 'responsibility' : undefined;
  } else {
    let parentFound = false;
    for (let i = at - 1; i >= 0; i--) {
      const line = lines[i];
      if (skippable(line)) continue;
      const indent = indentOf(line);
      if (indent > column) continue;
      const parsed = keyLine(line);
      if (indent === column) {
        // A sibling key; a list item at this column belongs to an earlier sibling's value.
        if (parsed && !parsed.dash) present.add(parsed.key);
        continue;
      }
      parentFound = true;
      if (parsed?.dash && parsed.column === column) {
        // The first key of the list item this mapping is.
        present.add(parsed.key);
        const owner = listOwner(lines, i, parsed.indent, beyond);
        mapping = owner === 'roles' ? 'role' : owner === 'responsibilities' ? 'responsibility' : undefined;
      } else if (parsed?.open && parsed.key === 'scope') {
        mapping = 'scope';
      }
      break;
    }
    if (!parentFound && column === 0) mapping = 'document';
  }
  if (!mapping) return undefined;
  for (let i = at + 1; i < lines.length && i <= at + SCAN_LINES; i++) {
    const line = lines[i];
    if (skippable(line)) continue;
    const indent = indentOf(line);
    if (indent > column) continue;
    if (indent < column) break;
    const parsed = keyLine(line);
    if (parsed && !parsed.dash) present.add(parsed.key);
  }
  return { mapping, present };
}

/** Where a key is being typed: a word alone on its line (after a list item's dash or not). */
function keyContext(text: string, offset: number, lineStart: number, before: string): CompletionContext | undefined {
  const match = /^( *)(?:(-)( +))?([A-Za-z_][\w-]*)?$/.exec(before);
  if (!match) return undefined;
  // A key already written after the cursor (`rol|e: x`) is not completed over.
  const lineEnd = text.indexOf('\n', offset);
  const after = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  if (after.replace(/\s*#.*$/, '').trim() !== '') return undefined;
  const word = match[4] ?? '';
  const dash = match[2] !== undefined;
  const column = match[1].length + (dash ? 1 + match[3].length : 0);
  // At most SCAN_LINES lines above: a keystroke in a 100,000-line charter splits a window, not the file.
  let from = lineStart;
  for (let n = 0; n <= SCAN_LINES && from > 0; n++) from = from <= 1 ? 0 : text.lastIndexOf('\n', from - 2) + 1;
  const lines = lineStart === 0 ? [] : text.slice(from, lineStart - 1).split('\n').map((l) => l.replace(/\r$/, ''));
  const below = text.slice(lineEnd < 0 ? text.length : lineEnd + 1).split('\n', SCAN_LINES).map((l) => l.replace(/\r$/, ''));
  const all = [...lines, before, ...below];
  const found = keyMapping(all, lines.length, column, dash ? match[1].length : undefined, from > 0 ? readBeyond(text, from) : undefined);
  if (!found) return undefined;
  return { kind: 'key', start: offset - word.length, mapping: found.mapping, present: found.present, column };
}

/** What the cursor is completing, read from the text before it (the YAML may be half-typed). */
export function completionContext(text: string, offset: number): CompletionContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const word = /[^\s:,[\]{}'"]*$/.exec(before)?.[0] ?? '';
  const start = offset - word.length;
  const head = before.slice(0, before.length - word.length);
  if (/^\s*(-\s+)?role:\s*$/.test(head)) return { kind: 'roleType', start };
  if (/^\s*(-\s+)?reports_to:\s*$/.test(head)) return { kind: 'roleId', start };
  if (/^\s*(-\s+)?scope:\s*$/.test(head)) return { kind: 'scope', start };
  if (/(^|[\s{,])region:\s*$/.test(head) || /regions:\s*\[[^\]]*$/.test(head)) return { kind: 'region', start };
  if (/responsibilities:\s*\[[^\]]*$/.test(head)) return { kind: 'responsibility', start };
  if (/^\s*-\s*$/.test(head) || /^\s*-\s+id:\s*$/.test(head) || /^\s*id:\s*$/.test(head)) {
    // A list item: whose list? The nearest less-indented line ending in `key:`.
    const indent = /^\s*/.exec(before)?.[0].length ?? 0;
    const lines = text.slice(0, lineStart).split(/\r?\n/);
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 500; i--) {
      const line = lines[i];
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const lineIndent = /^\s*/.exec(line)?.[0].length ?? 0;
      if (lineIndent > indent || (lineIndent === indent && /^\s*-/.test(line))) continue;
      const key = /^\s*(?:-\s+)?([A-Za-z_]+):\s*(#.*)?$/.exec(line)?.[1];
      if (key === 'responsibilities') return { kind: 'responsibility', start };
      if (key === 'regions') {
        const above = lines.slice(Math.max(0, i - 3), i).reverse().find((l) => l.trim());
        if (/scope:\s*$/.test(above ?? '')) return { kind: 'region', start };
      }
      break;
    }
  }
  return keyContext(text, offset, lineStart, before);
}

// ---------------------------------------------------------------------------------------------
// Keys, from the charter schema

interface SchemaProperty {
  type?: string | string[];
  description?: string;
  markdownDescription?: string;
}

interface KeySchema {
  keys: [string, SchemaProperty][];
  /** At most this many keys (a scope names `region` or `regions`, not both). */
  maxKeys?: number;
}

let keySchemas: Map<KeyMapping, KeySchema> | undefined;

/** The keys each mapping allows, in the schema's order, read once from charter.schema.json. */
function schemaKeys(): Map<KeyMapping, KeySchema> {
  if (keySchemas) return keySchemas;
  type Obj = { properties?: Record<string, SchemaProperty>; maxProperties?: number; then?: Obj; else?: Obj; definitions?: Record<string, Obj> };
  const charter = readJsonAsset('charter.schema.json') as Obj;
  const defs = charter.definitions ?? {};
  const of = (schema: Obj | undefined): KeySchema => ({ keys: Object.entries(schema?.properties ?? {}), maxKeys: schema?.maxProperties });
  keySchemas = new Map<KeyMapping, KeySchema>([
    ['document', of(charter)],
    ['role', of(defs.role)],
    ['scope', of(defs.scope?.else)],
    ['responsibility', of(defs.responsibility?.then)],
  ]);
  return keySchemas;
}

/** Keys whose value has completions of their own: after inserting them, completion is asked again. */
const VALUE_COMPLETED = new Set(['role', 'scope', 'reports_to', 'region', 'regions', 'responsibilities', 'id']);

/**
 * What a key inserts in its mapping: `key: ` and its value's usual form. Lines after the first
 * are indented from `column` (the text is inserted as is); `$1`... are the snippet's tab stops.
 */
function keySnippet(org: Organization, mapping: KeyMapping, key: string, column: number, eol: string): string {
  const pad = ' '.repeat(column);
  const types = [...(org.model?.roles.keys() ?? [])];
  const typeChoice = types.length > 0 ? `\${2|${types.map((t) => t.replace(/[|,$}\\]/g, '')).join(',')}|}` : '$2';
  switch (`${mapping}.${key}`) {
    case 'document.charter':
      return 'charter: ${1:Acme Sales}';
    case 'document.model':
      return `model: \${1:${org.model?.id ?? 'sales-leadership'}}`;
    case 'document.regions':
      return `regions:${eol}${pad}  - \${1:EMEA}`;
    case 'document.external':
      return 'external: [${1:ceo}]';
    case 'document.roles':
      return `roles:${eol}${pad}  - id: \${1:id}${eol}${pad}    role: ${typeChoice}${eol}${pad}    scope: $3`;
    case 'role.responsibilities':
      return `responsibilities:${eol}${pad}  - $1`;
    case 'scope.regions':
      return 'regions: [$1]';
    default:
      return `${key}: $1`;
  }
}

/** A snippet as plain text: tab stops dropped, placeholders kept, choices left empty. */
export function plainSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|[^}]*\|\}/g, '')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

function keyCompletions(org: Organization, context: CompletionContext, eol: string): CompletionEntry[] {
  const mapping = context.mapping;
  if (!mapping) return [];
  const schema = schemaKeys().get(mapping);
  if (!schema) return [];
  const present = context.present ?? new Set<string>();
  if (schema.maxKeys !== undefined && present.size >= schema.maxKeys) return [];
  const where = mapping === 'document' ? 'charter' : mapping;
  const keys: CompletionEntry[] = schema.keys
    .filter(([key]) => !present.has(key))
    .map(([key, property], index) => {
      const snippet = keySnippet(org, mapping, key, context.column ?? 0, eol);
      return {
        label: key,
        kind: 'key' as const,
        detail: `${where} key${property.description ? `: ${property.description}` : ''}`,
        documentation: property.markdownDescription ?? property.description,
        markdown: property.markdownDescription !== undefined,
        // The schema's order: the order people write a charter in.
        sortText: `0-${String(index).padStart(2, '0')}`,
        snippet,
        insertText: plainSnippet(snippet),
        retrigger: VALUE_COMPLETED.has(key) && mapping !== 'document' && !(mapping === 'role' && key === 'id'),
      };
    });
  // A charter with no key yet: the whole skeleton of each role type first (the "New charter"
  // command's and the empty-file quick fix's text, from the core).
  if (mapping !== 'document' || present.size > 0 || (context.column ?? 0) > 0 || !org.model) return keys;
  const model = org.model;
  const skeletons = skeletonChoices(model).flatMap((choice, index): CompletionEntry[] => {
    const text = charterSkeleton(model, choice.roleType);
    if (text === undefined) return [];
    return [{
      label: `New charter: ${choice.label}`,
      kind: 'skeleton',
      detail: `a charter skeleton with one ${model.roles.get(choice.roleType)?.title ?? choice.roleType} and every responsibility its type requires`,
      documentation: choice.description,
      sortText: `0-${index}`,
      insertText: text.replace(/\n/g, eol),
    }];
  });
  return [...skeletons, ...keys.map((entry) => ({ ...entry, sortText: `1-${entry.sortText}` }))];
}

// ---------------------------------------------------------------------------------------------
// Values

/** The role around an offset, or the last one before it (a role being typed at the end). */
function roleNear(file: CharterFile, offset: number): RoleDecl | undefined {
  return roleAt(file, offset) ?? [...file.roles].reverse().find((r) => r.start <= offset);
}

/** The level a role works at: its scope as written, else its type's. */
function levelOf(org: Organization, role: RoleDecl | undefined): string | undefined {
  return role ? (org.scopeKind(role) ?? org.typeOf(role)?.scope) : undefined;
}

/**
 * Responsibility ids for a role's list, ranked by fit: the ids its type requires and it lacks,
 * then the others at its level, then narrower ones, and last the broader ones, marked as out of
 * scope for the role (responsibility-out-of-scope would flag them), with the id that refines them
 * at the role's level when the model has one. Ids the role already owns are not offered.
 */
function responsibilityCompletions(org: Organization, role: RoleDecl | undefined): CompletionEntry[] {
  const model = org.model;
  if (!model) return [];
  // A role parsed from newer text than the analysis (completion while typing) is not in the
  // organization: what it owns is read from its own entries.
  const owned: ReadonlySet<string> = !role
    ? new Set()
    : org.responsibilities.has(role)
      ? new Set(org.ownedIds(role).keys())
      : new Set(role.responsibilities.map((entry) => entry.text));
  const type = role ? org.typeOf(role) : undefined;
  const level = levelOf(org, role);
  const rank = (scope: string): number => {
    const a = model.scopes.indexOf(scope);
    const b = level === undefined ? -1 : model.scopes.indexOf(level);
    if (a < 0 || b < 0 || a === b) return 1;
    return a < b ? 3 : 2;
  };
  const roleName = role?.id?.value ? `"${role.id.value}"` : 'this role';
  return [...model.responsibilities.values()]
    .filter((def) => !owned.has(def.id))
    .map((def) => {
      const required = type?.requires.includes(def.id) ?? false;
      const group = required ? 0 : rank(def.scope);
      let detail = `${def.title} (${def.scope})`;
      let documentation = def.description;
      if (required) detail += ' \u2014 required, missing';
      if (group === 3) {
        const refining = [...model.responsibilities.values()].find((other) => other.refines === def.id && other.scope === level && !owned.has(other.id));
        detail += ` \u2014 out of scope for a ${level} role`;
        const note =
          `Out of scope for ${roleName}: ${def.id} is a ${def.scope}-level responsibility, broader than the role's ${level} scope ` +
          `(responsibility-out-of-scope would flag it).${refining ? ` At ${level} level it is ${refining.id} (${refining.title}).` : ''}`;
        documentation = documentation ? `${note}\n\n${documentation}` : note;
      }
      return { label: def.id, kind: 'responsibility' as const, detail, documentation, sortText: `${group}-${def.id}` };
    });
}

/** A region name as a flow scalar: plain when it reads back as itself, else double-quoted. */
function regionScalar(name: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 _.&-]*$/.test(name) && !/ $/.test(name) ? name : JSON.stringify(name);
}

/** `scope:` values: the three forms (as snippets), then one `{region: R}` per declared region; the role's level first. */
function scopeCompletions(org: Organization, role: RoleDecl | undefined): CompletionEntry[] {
  const level = role ? org.typeOf(role)?.scope : undefined;
  const regional = level !== undefined && level !== 'organization';
  const regions = [...org.regions.values()].filter((r) => r.decls.length > 0).map((r) => r.name);
  return [
    { label: 'organization', kind: 'scope', detail: 'the whole organization', sortText: regional ? '2' : '0' },
    { label: '{region: }', kind: 'scope', detail: 'one region (and its sub-regions)', sortText: regional ? '0-0' : '1-0', snippet: '{region: $1}', insertText: '{region: }', retrigger: true },
    { label: '{regions: []}', kind: 'scope', detail: 'several regions', sortText: regional ? '0-1' : '1-1', snippet: '{regions: [$1]}', insertText: '{regions: []}', retrigger: true },
    ...regions.map((name, index) => ({
      label: `{region: ${name}}`,
      kind: 'scope' as const,
      detail: 'one region',
      sortText: `${regional ? '0' : '1'}-2-${String(index).padStart(4, '0')}`,
      insertText: `{region: ${regionScalar(name)}}`,
    })),
  ];
}

export function completions(org: Organization, file: CharterFile, offset: number, context: CompletionContext): CompletionEntry[] {
  const model = org.model;
  const role = roleNear(file, offset);
  const kind = context.kind;
  switch (kind) {
    case 'key':
    case 'skeleton':
      return keyCompletions(org, context, file.lines.eol);
    case 'roleType':
      return [...(model?.roles.values() ?? [])].map((type) => ({
        label: type.id,
        kind,
        detail: `${type.title} (${type.scope})`,
        documentation: type.description,
        sortText: `0-${type.id}`,
      }));
    case 'responsibility':
      return responsibilityCompletions(org, role);
    case 'region': {
      const entries: CompletionEntry[] = [];
      for (const info of org.regions.values()) {
        if (info.decls.length === 0) continue;
        const parent = info.decls[0].decl.parent;
        entries.push({ label: info.name, kind, detail: parent ? `region in ${parent}` : 'region', sortText: `0-${info.name}` });
      }
      return entries;
    }
    case 'roleId': {
      const entries: CompletionEntry[] = [];
      for (const [id, roles] of org.rolesById) {
        if (role?.id?.value === id) continue;
        const type = org.typeOf(roles[0]);
        const allowed = role ? org.typeOf(role)?.reportsTo.includes(type?.id ?? '') : false;
        entries.push({ label: id, kind, detail: `${type?.title ?? roles[0].role?.value ?? 'role'} (${scopeLabel(roles[0])})`, sortText: `${allowed ? 0 : 1}-${id}` });
      }
      const externalAllowed = role ? org.typeOf(role)?.reportsTo.includes('external') : false;
      for (const id of org.externals.keys()) entries.push({ label: id, kind, detail: 'external', sortText: `${externalAllowed ? 0 : 2}-${id}` });
      return entries;
    }
    case 'scope':
      return scopeCompletions(org, role);
  }
}
