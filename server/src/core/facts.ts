import { scopeRank } from './model/model';
import type { Organization, ResolvedResponsibility } from './organization';
import type { RoleDecl } from './parse';

/** A set of roles of one type sharing one scope beyond the type's `max_per_scope`. */
export interface HolderGroup {
  type: string;
  /** `organization` or a region name. */
  scope: string;
  roles: RoleDecl[];
  max: number;
}

/**
 * Findings that other rules must know about to stay silent (SPEC "One finding, not a cascade"),
 * computed once per analysis.
 */
export class Facts {
  private outOfScopeCache?: Set<ResolvedResponsibility>;
  private holderGroupsCache?: HolderGroup[];
  private territoryPairsCache?: [RoleDecl, RoleDecl][];
  private readonly reportedPairs = new Map<RoleDecl, Set<RoleDecl>>();
  private pairsComputed = false;

  constructor(private readonly org: Organization) {}

  /** Entries broader than their role's scope (a regional manager owning `sales-strategy`). */
  get outOfScope(): Set<ResolvedResponsibility> {
    if (this.outOfScopeCache) return this.outOfScopeCache;
    const result = new Set<ResolvedResponsibility>();
    const model = this.org.model;
    if (model) {
      for (const role of this.org.roles) {
        const kind = this.org.scopeKind(role);
        if (!kind || this.org.hasScopeMismatch(role)) continue;
        const roleRank = scopeRank(model, kind);
        // First occurrences only: a later duplicate is duplicate-responsibility's finding.
        for (const resolved of this.org.ownedIds(role).values()) {
          const def = resolved.id ? model.responsibilities.get(resolved.id) : undefined;
          if (def && scopeRank(model, def.scope) < roleRank) result.add(resolved);
        }
      }
    }
    this.outOfScopeCache = result;
    return result;
  }

  get holderGroups(): HolderGroup[] {
    if (this.holderGroupsCache) return this.holderGroupsCache;
    const groups = new Map<string, HolderGroup>();
    for (const role of this.org.roles) {
      if (!this.org.participates(role) || !role.scope) continue;
      const type = this.org.typeOf(role);
      if (!type || type.maxPerScope === undefined) continue;
      const scopes = role.scope.kind === 'organization' ? ['organization'] : [...new Set(role.scope.regions.map((r) => r.value))];
      for (const scope of scopes) {
        const key = `${type.id}\u0000${scope}`;
        let group = groups.get(key);
        if (!group) {
          group = { type: type.id, scope, roles: [], max: type.maxPerScope };
          groups.set(key, group);
        }
        group.roles.push(role);
      }
    }
    this.holderGroupsCache = [...groups.values()].filter((g) => g.roles.length > g.max);
    return this.holderGroupsCache;
  }

  /** Same-type regional roles whose scopes differ but overlap, minus pairs already in a holder group. */
  get territoryPairs(): [RoleDecl, RoleDecl][] {
    if (this.territoryPairsCache) return this.territoryPairsCache;
    const pairs: [RoleDecl, RoleDecl][] = [];
    const holderPairs = new Set<string>();
    for (const group of this.holderGroups) {
      for (const a of group.roles) for (const b of group.roles) if (a !== b) holderPairs.add(pairKey(a, b));
    }
    const byType = new Map<string, RoleDecl[]>();
    for (const role of this.org.roles) {
      if (!this.org.participates(role) || role.scope?.kind !== 'regions') continue;
      const type = this.org.typeOf(role);
      if (!type) continue;
      const list = byType.get(type.id) ?? [];
      list.push(role);
      byType.set(type.id, list);
    }
    for (const roles of byType.values()) {
      for (let i = 0; i < roles.length; i++) {
        for (let j = i + 1; j < roles.length; j++) {
          const a = roles[i];
          const b = roles[j];
          if (sameRegionSet(a, b) || holderPairs.has(pairKey(a, b))) continue;
          if (this.org.scopesOverlap(a, b)) pairs.push([a, b]);
        }
      }
    }
    this.territoryPairsCache = pairs;
    return pairs;
  }

  /** True when territory-overlap or too-many-holders already reports this pair of roles. */
  pairAlreadyReported(a: RoleDecl, b: RoleDecl): boolean {
    if (!this.pairsComputed) {
      const add = (x: RoleDecl, y: RoleDecl) => {
        const set = this.reportedPairs.get(x) ?? new Set<RoleDecl>();
        set.add(y);
        this.reportedPairs.set(x, set);
      };
      for (const group of this.holderGroups) {
        for (const x of group.roles) for (const y of group.roles) if (x !== y) add(x, y);
      }
      for (const [x, y] of this.territoryPairs) {
        add(x, y);
        add(y, x);
      }
      this.pairsComputed = true;
    }
    return this.reportedPairs.get(a)?.has(b) ?? false;
  }
}

function pairKey(a: RoleDecl, b: RoleDecl): string {
  const ka = `${a.file.path}#${a.index}`;
  const kb = `${b.file.path}#${b.index}`;
  return ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
}

function sameRegionSet(a: RoleDecl, b: RoleDecl): boolean {
  if (a.scope?.kind !== 'regions' || b.scope?.kind !== 'regions') return false;
  const sa = new Set(a.scope.regions.map((r) => r.value));
  const sb = new Set(b.scope.regions.map((r) => r.value));
  return sa.size === sb.size && [...sa].every((r) => sb.has(r));
}
