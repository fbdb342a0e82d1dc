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
  /** The model id this entry counts as; undefined when unknown. */
  id?: string;
  kind: ResolutionKind;
  /** For unknown and matched entries: the closest model ids. */
  candidates: MatchCandidate[];
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
    for (const role of this.roles) this.responsibilities.set(role, this.resolve(role));
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

  isDeclaredRegion(name: string): boolean {
    const info = this.regions.get(name);
    return !!info && info.decls.length > 0;
  }

  /** A region and all its sub-regions. */
  covered(name: string): Set<string> {
    let result = this.coverCache.get(name);
    if (result) return result;
    result = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const current = stack.pop() as string;
      if (result.has(current)) continue;
      result.add(current);
      for (const child of this.regions.get(current)?.children ?? []) stack.push(child);
    }
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

  /** Resolved entries with a model id, first occurrence of each id only. */
  ownedIds(role: RoleDecl): Map<string, ResolvedResponsibility> {
    const cached = this.ownedCache.get(role);
    if (cached) return cached;
    const owned = new Map<string, ResolvedResponsibility>();
    this.ownedCache.set(role, owned);
    for (const resolved of this.responsibilities.get(role) ?? []) {
      if (resolved.id && !owned.has(resolved.id)) owned.set(resolved.id, resolved);
    }
    return owned;
  }

  /** Match results by role scope, then text. */
  private readonly matchCache = new Map<string | undefined, Map<string, MatchResult>>();

  /**
   * Free text is matched once per text and scope level: a list shared through an alias by
   * hundreds of roles, or a phrase repeated across the organization, costs one match.
   */
  private match(text: string, model: RoleModel, roleScope: string | undefined): MatchResult {
    let byText = this.matchCache.get(roleScope);
    if (!byText) {
      byText = new Map();
      this.matchCache.set(roleScope, byText);
    }
    let result = byText.get(text);
    if (!result) {
      result = matchResponsibility(text, model, roleScope);
      byText.set(text, result);
    }
    return result;
  }

  /** Every result has the same fields in the same order (one object shape for V8). */
  private resolve(role: RoleDecl): ResolvedResponsibility[] {
    const model = this.model;
    return role.responsibilities.map((entry) => {
      if (!model) return { entry, role, id: undefined, kind: 'unknown', candidates: [] };
      if (model.responsibilities.has(entry.text)) return { entry, role, id: entry.text, kind: 'canonical', candidates: [] };
      if (entry.isMapping || isIdLike(entry.text)) return { entry, role, id: undefined, kind: 'unknown', candidates: [] };
      const roleScope = this.scopeKind(role) ?? this.typeOf(role)?.scope;
      const match = this.match(entry.text, model, roleScope);
      return match.id
        ? { entry, role, id: match.id, kind: 'matched', candidates: match.candidates }
        : { entry, role, id: undefined, kind: 'unknown', candidates: match.candidates };
    });
  }
}
