import { scopeRank, type RoleTypeDef } from './model/model';
import type { Organization, ResolvedResponsibility } from './organization';
import type { RoleDecl } from './parse';

/** One id of an entry, judged on its own (SPEC: findings are per entry and id). */
export interface EntryId {
  resolved: ResolvedResponsibility;
  id: string;
}

/** A set of roles of one type sharing one scope beyond the type's `max_per_scope`. */
export interface HolderGroup {
  type: string;
  /** `organization` or a region name. */
  scope: string;
  roles: RoleDecl[];
  max: number;
}

/**
 * Participating roles of one type with the same scope. Pair questions (do they overlap, is the
 * pair already reported) are answered per cluster, so thousands of roles sharing a scope cost
 * one comparison, not millions.
 */
export interface ScopeCluster {
  type: RoleTypeDef;
  /** `organization`, or the sorted named regions joined by NUL. */
  key: string;
  /** Named regions (empty for organization scope). */
  named: string[];
  /** Covered regions; undefined for organization scope. */
  covered: Set<string> | undefined;
  roles: RoleDecl[];
  /**
   * The groups its roles belong to, for silencing (SPEC "One finding, not a cascade"): the
   * cluster's own key (`c:` type and scope) and one holder-group key (`h:` type and scope) per
   * scope it counts in. The same array for every role of the cluster.
   */
  memberships: string[];
}

/** Key of the holder group of a type in one scope (`organization` or a region name). */
export function holderKey(type: string, scope: string): string {
  return `h:${type}\u0000${scope}`;
}

/**
 * Data several rules share, computed once per analysis: scope clusters, the region index, holder
 * groups, entries broader than their role. Data only: whether another rule reports something is
 * decided after every rule ran (`cascade.ts`), never here.
 */
export class Facts {
  private outOfScopeCache?: EntryId[];
  private clustersCache?: { clusters: ScopeCluster[]; byRole: Map<RoleDecl, ScopeCluster> };
  private holderGroupsCache?: HolderGroup[];
  private territoryCache?: Map<ScopeCluster, ScopeCluster[]>;
  private byRegionCache?: Map<string, ScopeCluster[]>;

  constructor(private readonly org: Organization) {}

  /**
   * Ids of entries broader than their role's scope (a regional manager owning `sales-strategy`),
   * one item per entry and id: an entry naming several ids may be broader for some of them only.
   */
  get outOfScope(): EntryId[] {
    if (this.outOfScopeCache) return this.outOfScopeCache;
    const result: EntryId[] = [];
    const model = this.org.model;
    if (model) {
      for (const role of this.org.roles) {
        const kind = this.org.scopeKind(role);
        // SPEC: roles with an unknown type or region, a rejected scope or a scope-mismatch take no part.
        if (!kind || !this.org.participates(role)) continue;
        const roleRank = scopeRank(model, kind);
        // First occurrences only: a later duplicate is duplicate-responsibility's finding.
        for (const [id, resolved] of this.org.ownedIds(role)) {
          const def = model.responsibilities.get(id);
          if (def && scopeRank(model, def.scope) < roleRank) result.push({ resolved, id });
        }
      }
    }
    this.outOfScopeCache = result;
    return result;
  }

  get clusters(): { clusters: ScopeCluster[]; byRole: Map<RoleDecl, ScopeCluster> } {
    if (this.clustersCache) return this.clustersCache;
    const byKey = new Map<string, ScopeCluster>();
    const byRole = new Map<RoleDecl, ScopeCluster>();
    for (const role of this.org.roles) {
      const type = this.org.typeOf(role);
      if (!type || !role.scope || !this.org.participates(role)) continue;
      const named = role.scope.kind === 'organization' ? [] : [...new Set(role.scope.regions.map((r) => r.value))].sort();
      const key = role.scope.kind === 'organization' ? 'organization' : named.join('\u0000');
      const clusterKey = `${type.id}\u0001${key}`;
      let cluster = byKey.get(clusterKey);
      if (!cluster) {
        const memberships = [`c:${clusterKey}`, ...(named.length > 0 ? named : ['organization']).map((scope) => holderKey(type.id, scope))];
        cluster = { type, key, named, covered: this.org.coveredRegions(role), roles: [], memberships };
        byKey.set(clusterKey, cluster);
      }
      cluster.roles.push(role);
      byRole.set(role, cluster);
    }
    this.clustersCache = { clusters: [...byKey.values()], byRole };
    return this.clustersCache;
  }

  /** SPEC: a role naming several regions counts once in each; absent max_per_scope is unlimited. */
  get holderGroups(): HolderGroup[] {
    if (this.holderGroupsCache) return this.holderGroupsCache;
    const groups = new Map<string, HolderGroup>();
    for (const cluster of this.clusters.clusters) {
      const max = cluster.type.maxPerScope;
      if (max === undefined) continue;
      for (const scope of cluster.named.length > 0 ? cluster.named : ['organization']) {
        const key = `${cluster.type.id}\u0000${scope}`;
        let group = groups.get(key);
        if (!group) {
          group = { type: cluster.type.id, scope, roles: [], max };
          groups.set(key, group);
        }
        for (const role of cluster.roles) group.roles.push(role);
      }
    }
    this.holderGroupsCache = [...groups.values()].filter((g) => g.roles.length > g.max);
    return this.holderGroupsCache;
  }

  /** Regional clusters by each region they cover (sub-regions included). */
  get clustersByRegion(): Map<string, ScopeCluster[]> {
    if (this.byRegionCache) return this.byRegionCache;
    const byRegion = new Map<string, ScopeCluster[]>();
    for (const cluster of this.clusters.clusters) {
      for (const region of cluster.covered ?? []) {
        const list = byRegion.get(region);
        if (list) list.push(cluster);
        else byRegion.set(region, [cluster]);
      }
    }
    this.byRegionCache = byRegion;
    return byRegion;
  }

  /** For a cluster, the same-type clusters whose different region scopes overlap it. */
  get territoryOverlaps(): Map<ScopeCluster, ScopeCluster[]> {
    if (this.territoryCache) return this.territoryCache;
    const result = new Map<ScopeCluster, ScopeCluster[]>();
    const regional = this.clusters.clusters.filter((c) => c.covered !== undefined);
    const overlapping = overlapWithin(regional, this.clustersByRegion);
    for (const cluster of regional) {
      const partners = overlapping(cluster).filter((other) => other.type === cluster.type);
      if (partners.length > 0) result.set(cluster, partners);
    }
    this.territoryCache = result;
    return result;
  }
}

/**
 * Overlap lookup among some of the organization's clusters (all regional ones, or those owning one
 * responsibility) through the organization's region index (`Facts.clustersByRegion`), without
 * building an index for them: organization-wide clusters overlap all, regional ones those sharing
 * a covered region.
 */
export function overlapWithin(clusters: readonly ScopeCluster[], byRegion: ReadonlyMap<string, ScopeCluster[]>): (cluster: ScopeCluster) => ScopeCluster[] {
  const members = new Set(clusters);
  const organizationWide = clusters.filter((cluster) => !cluster.covered);
  // Members by each region they name. Regions form a tree (a region has one parent), so two
  // regional scopes overlap exactly when one covers a region the other names: looking up only
  // those keeps the work linear in covered regions plus partners, where going through every
  // covered region's clusters was cubic (5,000 scopes naming one parent region and one child each).
  const byNamed = new Map<string, ScopeCluster[]>();
  for (const cluster of clusters) {
    if (!cluster.covered) continue;
    for (const region of cluster.named) {
      const list = byNamed.get(region);
      if (list) list.push(cluster);
      else byNamed.set(region, [cluster]);
    }
  }
  return (cluster) => {
    if (!cluster.covered) return clusters.filter((other) => other !== cluster);
    // Most clusters overlap nothing: answer those without allocating.
    let result: Set<ScopeCluster> | undefined;
    for (const other of organizationWide) (result ??= new Set()).add(other);
    // Scopes naming a region this one covers...
    for (const region of cluster.covered) {
      const list = byNamed.get(region);
      if (!list || (list.length === 1 && list[0] === cluster)) continue;
      for (const other of list) if (other !== cluster) (result ??= new Set()).add(other);
    }
    // ...and scopes covering a region this one names.
    for (const region of cluster.named) {
      const list = byRegion.get(region);
      if (!list || (list.length === 1 && list[0] === cluster)) continue;
      for (const other of list) if (other !== cluster && members.has(other)) (result ??= new Set()).add(other);
    }
    return result ? [...result] : [];
  };
}
