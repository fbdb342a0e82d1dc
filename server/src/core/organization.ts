import { matchResponsibility, isIdLike, type MatchCandidate, type MatchResult } from './match';
import type { RoleModel, RoleTypeDef } from './model/model';
import type { CharterFile, Located, RegionDecl, ResponsibilityEntry, RoleDecl } from './parse';

export interface RegionInfo {
  name: string;
  /** Every declaration, in file path order then document order. */
  decls: { file: CharterFile; decl: RegionDecl }[];
  children: Set<string>;
}

export type ResolutionKind = 'canonical' | 'matched' | 'unknown';

export interface ResolvedResponsibility {
  entry: ResponsibilityEntry;
  role: RoleDecl;
  /** The first of `ids`; undefined when unknown. */
  id?: string;
  /**
   * Every model id this entry counts as, in text order (SPEC "Responsibilities"): one for an id or
   * most free text, two or three for text naming coordinated duties; empty when unknown. Every
   * rule judges each id separately.
   */
  ids: readonly string[];
  kind: ResolutionKind;
  /** For unknown and matched entries: the closest model ids. */
  candidates: MatchCandidate[];
  /** Unmatched free text that reads as a requirement or a trait rather than a duty. */
  notDuty: 'requirement' | undefined;
}

const NO_IDS: readonly string[] = [];

/**
 * A region and everything under it, depth first (the order overlap messages follow). Cycles in a
 * broken tree end where a region repeats.
 */
export function withDescendants(name: string, childrenOf: (region: string) => Iterable<string>): Set<string> {
  const result = new Set<string>();
  const stack = [name];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (result.has(current)) continue;
    result.add(current);
    for (const child of childrenOf(current)) stack.push(child);
  }
  return result;
}

/** Names answered by membership only (a Set, or the keys of the incremental analysis' counts). */
export interface NameSet {
  has(name: string): boolean;
}

/** What an Organization holding part of an organization asks about the whole of it. */
export interface WholeOrganization {
  /** The first role (files in path order) with this id, wherever it is. */
  firstRole(id: string): RoleDecl | undefined;
  isExternal(id: string): boolean;
  isDeclaredRegion(name: string): boolean;
  /** Sub-regions declared under a region, in any file. */
  children(name: string): Iterable<string>;
  hasChildren(name: string): boolean;
  firstFile: CharterFile | undefined;
  presentTypes: NameSet;
  coveredRegions: NameSet;
  knownIds(): Iterable<string>;
  declaredRegionNames(): Iterable<string>;
}

/**
 * Kept between analyses, by model: a role's resolved entries depend only on the role (its file's
 * parse, reused while the text is unchanged) and the model, so a keystroke resolves the roles of
 * the edited file only, not those of the organization's 10,000 other files. Weak maps: a file's
 * roles go with its parse, a model's entries with the model.
 */
const resolvedByModel = new WeakMap<RoleModel, WeakMap<RoleDecl, ResolvedResponsibility[]>>();
const matchesByModel = new WeakMap<RoleModel, Map<string, MatchResult>>();
const MAX_CACHED_MATCHES = 50_000;

function resolvedCache(model: RoleModel): WeakMap<RoleDecl, ResolvedResponsibility[]> {
  let cache = resolvedByModel.get(model);
  if (!cache) resolvedByModel.set(model, (cache = new WeakMap()));
  return cache;
}

function matchCache(model: RoleModel): Map<string, MatchResult> {
  let cache = matchesByModel.get(model);
  if (!cache) matchesByModel.set(model, (cache = new Map()));
  return cache;
}

/** The cross-file index of one organization: every rule reads this, nothing reads the files twice. */
export class Organization {
  readonly roles: RoleDecl[] = [];
  readonly rolesById = new Map<string, RoleDecl[]>();
  readonly externals = new Map<string, { file: CharterFile; id: Located<string> }[]>();
  readonly regions = new Map<string, RegionInfo>();
  readonly responsibilities = new Map<RoleDecl, ResolvedResponsibility[]>();
  private readonly coverCache = new Map<string, Set<string>>();
  private readonly roleCoverCache = new Map<RoleDecl, Set<string> | undefined>();

  constructor(
    readonly files: CharterFile[],
    readonly model: RoleModel | undefined,
    /**
     * The whole organization's answers, when this one holds only part of it: the incremental
     * analysis (`incremental.ts`) re-checks the files an edit affects together with the files
     * they depend on, and the few questions about everything are answered from its indexes.
     */
    private readonly whole?: WholeOrganization,
  ) {
    for (const file of files) {
      for (const id of file.external) {
        const list = this.externals.get(id.value) ?? [];
        list.push({ file, id });
        this.externals.set(id.value, list);
      }
      for (const decl of file.regions) {
        let info = this.regions.get(decl.name);
        if (!info) {
          info = { name: decl.name, decls: [], children: new Set() };
          this.regions.set(decl.name, info);
        }
        info.decls.push({ file, decl });
        if (decl.parent !== null) {
          let parent = this.regions.get(decl.parent);
          if (!parent) {
            parent = { name: decl.parent, decls: [], children: new Set() };
            this.regions.set(decl.parent, parent);
          }
          parent.children.add(decl.name);
        }
      }
      for (const role of file.roles) {
        this.roles.push(role);
        if (role.id) {
          const list = this.rolesById.get(role.id.value) ?? [];
          list.push(role);
          this.rolesById.set(role.id.value, list);
        }
      }
    }
    const resolvedRoles = model ? resolvedCache(model) : undefined;
    for (const role of this.roles) {
      let resolved = resolvedRoles?.get(role);
      if (!resolved) {
        resolved = this.resolve(role);
        resolvedRoles?.set(role, resolved);
      }
      this.responsibilities.set(role, resolved);
    }
  }

  /** The organization's first file in path order (organization-wide findings go there). */
  get firstFile(): CharterFile | undefined {
    return this.whole ? this.whole.firstFile : this.files[0];
  }

  /** Ids of the role types some role of the organization has. */
  presentTypes(): NameSet {
    if (this.whole) return this.whole.presentTypes;
    const present = new Set<string>();
    for (const role of this.roles) {
      const type = this.typeOf(role);
      if (type) present.add(type.id);
    }
    return present;
  }

  /** Regions some participating role covers (sub-regions included). */
  coveredRegionNames(): NameSet {
    if (this.whole) return this.whole.coveredRegions;
    if (this.coveredNames) return this.coveredNames;
    const covered = new Set<string>();
    for (const role of this.roles) {
      if (!this.participates(role)) continue;
      for (const region of this.coveredRegions(role) ?? []) covered.add(region);
    }
    this.coveredNames = covered;
    return covered;
  }

  private coveredNames?: Set<string>;

  /** Every role id and external id of the organization, for did-you-mean. */
  knownIds(): Iterable<string> {
    return this.whole ? this.whole.knownIds() : [...this.rolesById.keys(), ...this.externals.keys()];
  }

  /** Every declared region name, in the order the index met them (files in path order). */
  declaredRegionNames(): Iterable<string> {
    return this.whole ? this.whole.declaredRegionNames() : [...this.regions.values()].filter((r) => r.decls.length > 0).map((r) => r.name);
  }

  typeOf(role: RoleDecl): RoleTypeDef | undefined {
    return role.role && this.model ? this.model.roles.get(role.role.value) : undefined;
  }

  private readonly ownedCache = new Map<RoleDecl, Map<string, ResolvedResponsibility>>();

  /** `organization` or `region`, from the charter's scope shape. */
  scopeKind(role: RoleDecl): 'organization' | 'region' | undefined {
    if (!role.scope) return undefined;
    return role.scope.kind === 'organization' ? 'organization' : 'region';
  }

  /** The first role with this id (files in path order), the one a `reports_to` names. */
  firstRole(id: string): RoleDecl | undefined {
    return this.whole ? this.whole.firstRole(id) : this.rolesById.get(id)?.[0];
  }

  isExternal(id: string): boolean {
    return this.whole ? this.whole.isExternal(id) : this.externals.has(id);
  }

  /** A role id or an external id of the organization. */
  isKnownId(id: string): boolean {
    return this.firstRole(id) !== undefined || this.isExternal(id);
  }

  /** Sub-regions declared under a region. */
  childrenOf(name: string): Iterable<string> {
    return this.whole ? this.whole.children(name) : this.regions.get(name)?.children ?? [];
  }

  hasChildren(name: string): boolean {
    return this.whole ? this.whole.hasChildren(name) : (this.regions.get(name)?.children.size ?? 0) > 0;
  }

  isDeclaredRegion(name: string): boolean {
    if (this.whole) return this.whole.isDeclaredRegion(name);
    const info = this.regions.get(name);
    return !!info && info.decls.length > 0;
  }

  /** A region and all its sub-regions. */
  covered(name: string): Set<string> {
    let result = this.coverCache.get(name);
    if (result) return result;
    result = withDescendants(name, (region) => this.childrenOf(region));
    this.coverCache.set(name, result);
    return result;
  }

  /** Regions a role's scope covers; undefined for organization scope or no scope. */
  coveredRegions(role: RoleDecl): Set<string> | undefined {
    if (this.roleCoverCache.has(role)) return this.roleCoverCache.get(role);
    let all: Set<string> | undefined;
    if (role.scope?.kind === 'regions') {
      all = new Set<string>();
      for (const region of role.scope.regions) for (const name of this.covered(region.value)) all.add(name);
    }
    this.roleCoverCache.set(role, all);
    return all;
  }

  hasScopeMismatch(role: RoleDecl): boolean {
    const type = this.typeOf(role);
    const kind = this.scopeKind(role);
    return !!type && !!kind && type.scope !== kind;
  }

  /**
   * SPEC: a role with an unknown type, an unknown region or a scope-mismatch takes no part in
   * overlap, coverage or holder counts.
   */
  participates(role: RoleDecl): boolean {
    if (!this.typeOf(role) || !role.scope) return false;
    if (this.hasScopeMismatch(role)) return false;
    if (role.scope.kind === 'regions' && role.scope.regions.some((r) => !this.isDeclaredRegion(r.value))) return false;
    return true;
  }

  /**
   * Each id the role owns, with the entry that first names it: an entry naming several ids is
   * listed under each of them.
   */
  ownedIds(role: RoleDecl): Map<string, ResolvedResponsibility> {
    const cached = this.ownedCache.get(role);
    if (cached) return cached;
    const owned = new Map<string, ResolvedResponsibility>();
    this.ownedCache.set(role, owned);
    for (const resolved of this.responsibilities.get(role) ?? []) {
      for (const id of resolved.ids) if (!owned.has(id)) owned.set(id, resolved);
    }
    return owned;
  }

  /**
   * The ids an entry is the first to name for its role, in text order; the others repeat an
   * earlier entry (duplicate-responsibility's findings).
   */
  firstIds(resolved: ResolvedResponsibility): string[] {
    const owned = this.ownedIds(resolved.role);
    return resolved.ids.filter((id) => owned.get(id) === resolved);
  }

  /**
   * Free text is matched once per text and scope level: a list shared through an alias by
   * hundreds of roles, or a phrase repeated across the organization, costs one match.
   */
  private match(text: string, model: RoleModel, roleScope: string | undefined): MatchResult {
    const cache = matchCache(model);
    const key = `${roleScope ?? ''}\u0000${text}`;
    let result = cache.get(key);
    if (!result) {
      // Bounded: text typed a character at a time leaves one entry per keystroke behind.
      if (cache.size >= MAX_CACHED_MATCHES) cache.clear();
      result = matchResponsibility(text, model, roleScope);
      cache.set(key, result);
    }
    return result;
  }

  /** Every result has the same fields in the same order (one object shape for V8). */
  resolve(role: RoleDecl): ResolvedResponsibility[] {
    const model = this.model;
    return role.responsibilities.map((entry): ResolvedResponsibility => {
      if (!model) return { entry, role, id: undefined, ids: NO_IDS, kind: 'unknown', candidates: [], notDuty: undefined };
      if (model.responsibilities.has(entry.text)) return { entry, role, id: entry.text, ids: [entry.text], kind: 'canonical', candidates: [], notDuty: undefined };
      if (entry.isMapping || isIdLike(entry.text)) return { entry, role, id: undefined, ids: NO_IDS, kind: 'unknown', candidates: [], notDuty: undefined };
      const roleScope = this.scopeKind(role) ?? this.typeOf(role)?.scope;
      const match = this.match(entry.text, model, roleScope);
      const ids = matchedIds(match, model);
      return ids.length > 0
        ? { entry, role, id: ids[0], ids, kind: 'matched', candidates: match.candidates, notDuty: undefined }
        : { entry, role, id: undefined, ids: NO_IDS, kind: 'unknown', candidates: match.candidates, notDuty: match.notDuty };
    });
  }
}

/**
 * The model ids a match names, in text order, each once: `ids`, or the one confident `id` of a
 * matcher that fills only that. An id the model does not define is dropped, never counted.
 */
function matchedIds(match: MatchResult, model: RoleModel): readonly string[] {
  const named = match.ids.length > 0 ? match.ids : match.id !== undefined ? [match.id] : NO_IDS;
  if (named.length === 1) return model.responsibilities.has(named[0]) ? named : NO_IDS;
  return [...new Set(named)].filter((id) => model.responsibilities.has(id));
}
