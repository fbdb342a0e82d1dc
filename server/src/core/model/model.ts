import { isMap, isScalar, type Node } from 'yaml';
import { readAsset } from '../assets';
import { parseYaml, toPlainData } from '../parse';
import { validateAgainstSchema } from '../schema';
import { LineIndex } from '../text';
import { findPair, nodeSpan } from '../yaml-nodes';

export interface ResponsibilityDef {
  id: string;
  title: string;
  scope: string;
  description?: string;
  aliases: string[];
  refines?: string;
}

/**
 * The free-text matcher's vocabulary for a model (`lexicon:` in a model file): the domain's words,
 * so that the matcher itself knows only English. Entries are words or phrases as written.
 */
export interface LexiconDef {
  /** Scope level → words and phrases naming it ("territory", "company-wide"). */
  scopeCues: Map<string, string[]>;
  /** Concept name → words and phrases that mean it. */
  concepts: Map<string, string[]>;
  /** Words and phrases that carry no topic in this domain. */
  filler: string[];
  /** A modifier followed within two words by a head makes `concept`. */
  compounds: { concept: string; modifiers: string[]; heads: string[] }[];
}

export interface RoleTypeDef {
  id: string;
  title: string;
  description?: string;
  scope: string;
  maxPerScope?: number;
  /** Allowed manager role types; `external` allows any external id. */
  reportsTo: string[];
  requires: string[];
}

/** A loaded role model. Maps (not plain objects) so ids like `__proto__` are just ids. */
export interface RoleModel {
  id: string;
  title: string;
  description?: string;
  /** Broadest first. */
  scopes: string[];
  responsibilities: Map<string, ResponsibilityDef>;
  roles: Map<string, RoleTypeDef>;
  /** The matcher's vocabulary; absent: free text is matched on the model's own words only. */
  lexicon?: LexiconDef;
  /** Where the model came from: `builtin:<id>` or a file path. */
  source: string;
  /** Offsets of each id's declaration in the model file, for go-to-definition. */
  locations: Map<string, { start: number; end: number }>;
}

export const BUILTIN_MODELS: ReadonlyMap<string, string> = new Map([['sales-leadership', 'sales-leadership.roles.yaml']]);
export const DEFAULT_MODEL_ID = 'sales-leadership';

export type ModelLoadResult = { ok: true; model: RoleModel } | { ok: false; error: string };

/** Index of a scope level: lower is broader. Unknown levels sort last. */
export function scopeRank(model: RoleModel, scope: string): number {
  const index = model.scopes.indexOf(scope);
  return index < 0 ? model.scopes.length : index;
}

function entries(value: unknown): [string, Record<string, unknown>][] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, (v ?? {}) as Record<string, unknown>]);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function lexiconOf(raw: Record<string, unknown>): LexiconDef {
  const lists = (value: unknown) => new Map(Object.entries((value ?? {}) as Record<string, unknown>).map(([key, v]) => [key, stringList(v)]));
  return {
    scopeCues: lists(raw.scope_cues),
    concepts: lists(raw.concepts),
    filler: stringList(raw.filler),
    compounds: (Array.isArray(raw.compounds) ? raw.compounds : []).map((c: Record<string, unknown>) => ({
      concept: String(c.concept),
      modifiers: stringList(c.modifiers),
      heads: stringList(c.heads),
    })),
  };
}

/** Parses and checks a role model text. Errors are one line each, naming the place. */
export function parseRoleModel(text: string, source: string): ModelLoadResult {
  if (text.includes('\u0000')) return { ok: false, error: `${source} is not a text file` };
  const { doc, errors, extraDocument } = parseYaml(text);
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const p = lines.positionAt(offset);
    return `${source}:${p.line + 1}:${p.character + 1}`;
  };
  if (errors.length > 0) return { ok: false, error: `${at(errors[0].start)}: ${errors[0].message}` };
  if (extraDocument) return { ok: false, error: `${at(extraDocument.start)}: a second YAML document; one role model per file` };
  const { data, error } = toPlainData(doc);
  if (error) return { ok: false, error: `${source}: ${error}` };
  const problems = validateAgainstSchema('role-model', doc, data);
  if (problems.length > 0) return { ok: false, error: `${at(problems[0].start)}: ${problems[0].message}` };
  const raw = data as Record<string, unknown>;
  const model: RoleModel = {
    id: String(raw.model),
    title: typeof raw.title === 'string' ? raw.title : String(raw.model),
    description: typeof raw.description === 'string' ? raw.description : undefined,
    scopes: stringList(raw.scopes),
    responsibilities: new Map(),
    roles: new Map(),
    source,
    locations: new Map(),
  };
  for (const [id, def] of entries(raw.responsibilities)) {
    model.responsibilities.set(id, {
      id,
      title: String(def.title),
      scope: String(def.scope),
      description: typeof def.description === 'string' ? def.description : undefined,
      aliases: stringList(def.aliases),
      refines: typeof def.refines === 'string' ? def.refines : undefined,
    });
  }
  if (raw.lexicon && typeof raw.lexicon === 'object') model.lexicon = lexiconOf(raw.lexicon as Record<string, unknown>);
  for (const [id, def] of entries(raw.roles)) {
    model.roles.set(id, {
      id,
      title: String(def.title),
      description: typeof def.description === 'string' ? def.description : undefined,
      scope: String(def.scope),
      maxPerScope: typeof def.max_per_scope === 'number' ? def.max_per_scope : undefined,
      reportsTo: stringList(def.reports_to),
      requires: stringList(def.requires),
    });
  }
  // Cross-references the schema cannot express.
  const root = doc.contents as Node | null;
  const locate = (section: string, id: string): string => {
    if (!isMap(root)) return source;
    const sectionNode = findPair(root, section)?.value;
    const pair = isMap(sectionNode) ? findPair(sectionNode, id) : undefined;
    const span = nodeSpan(pair?.key as Node | undefined);
    return span ? at(span.start) : source;
  };
  for (const def of model.responsibilities.values()) {
    if (!model.scopes.includes(def.scope)) {
      return { ok: false, error: `${locate('responsibilities', def.id)}: responsibility "${def.id}" has scope "${def.scope}", which is not in scopes` };
    }
    if (def.refines !== undefined && !model.responsibilities.has(def.refines)) {
      return { ok: false, error: `${locate('responsibilities', def.id)}: responsibility "${def.id}" refines unknown "${def.refines}"` };
    }
  }
  for (const def of model.roles.values()) {
    if (!model.scopes.includes(def.scope)) {
      return { ok: false, error: `${locate('roles', def.id)}: role "${def.id}" has scope "${def.scope}", which is not in scopes` };
    }
    for (const required of def.requires) {
      if (!model.responsibilities.has(required)) {
        return { ok: false, error: `${locate('roles', def.id)}: role "${def.id}" requires unknown responsibility "${required}"` };
      }
    }
    for (const manager of def.reportsTo) {
      if (manager !== 'external' && !model.roles.has(manager)) {
        return { ok: false, error: `${locate('roles', def.id)}: role "${def.id}" reports to unknown role type "${manager}"` };
      }
    }
  }
  if (isMap(root)) {
    for (const section of ['responsibilities', 'roles']) {
      const sectionNode = findPair(root, section)?.value;
      if (!isMap(sectionNode)) continue;
      for (const pair of sectionNode.items) {
        const span = nodeSpan(pair.key as Node);
        if (isScalar(pair.key) && span) model.locations.set(String(pair.key.value), span);
      }
    }
  }
  return { ok: true, model };
}

const builtinCache = new Map<string, RoleModel>();

export function loadBuiltinModel(id: string): ModelLoadResult {
  const cached = builtinCache.get(id);
  if (cached) return { ok: true, model: cached };
  const fileName = BUILTIN_MODELS.get(id);
  if (!fileName) {
    return { ok: false, error: `unknown built-in model "${id}" (built-in: ${[...BUILTIN_MODELS.keys()].join(', ')})` };
  }
  const result = parseRoleModel(readAsset(fileName), `builtin:${id}`);
  if (result.ok) builtinCache.set(id, result.model);
  return result;
}

/** True when a model reference names a file rather than a built-in id (SPEC "Model"). */
export function isModelPath(reference: string): boolean {
  return reference.includes('/') || /\.roles\.ya?ml$/.test(reference);
}
