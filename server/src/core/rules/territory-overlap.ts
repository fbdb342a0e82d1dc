import type { ScopeCluster } from '../facts';
import { regionList, scopeLabel } from '../parse';
import { nameList, type PairSide, type PartnerGroup, type Rule, quoted } from './rule';

export const territoryOverlap: Rule = {
  meta: {
    id: 'territory-overlap',
    defaultSeverity: 'warning',
    description: 'Two roles of one type have different but overlapping region scopes.',
    fixable: 'none',
    needsModel: true,
    // SPEC: unless too-many-holders reports the pair.
    supersededBy: [{ rule: 'too-many-holders', relation: 'role-pair' }],
  },
  check({ facts, parsedFiles, reportPair }) {
    const parsed = new Set(parsedFiles);
    // One partner group per cluster, shared by every finding that names it.
    const groups = new Map<ScopeCluster, PartnerGroup>();
    const clusterOf = new Map<PartnerGroup, ScopeCluster>();
    const groupOf = (cluster: ScopeCluster): PartnerGroup => {
      let group = groups.get(cluster);
      if (!group) {
        group = { key: cluster.memberships[0], memberships: cluster.memberships, members: cluster.roles.map((role): PairSide => ({ role })) };
        groups.set(cluster, group);
        clusterOf.set(group, cluster);
      }
      return group;
    };
    for (const [cluster, partnerClusters] of facts.territoryOverlaps) {
      const own = groupOf(cluster);
      const partners = partnerClusters.map(groupOf);
      for (const self of own.members) {
        const role = self.role;
        if (!parsed.has(role.file) || !role.scope) continue;
        const scope = role.scope;
        reportPair({
          self,
          selfMemberships: cluster.memberships,
          partners,
          render(shown, count, keptGroups) {
            const shared = new Set<string>();
            for (const group of keptGroups) for (const region of clusterOf.get(group)?.covered ?? []) if (cluster.covered?.has(region)) shared.add(region);
            const sharedText = regionList([...shared].sort());
            const othersText = nameList(shown.slice(0, 3).map((o) => `${quoted(o.role.id?.value ?? '?')} (${scopeLabel(o.role)})`), count);
            return {
              file: role.file,
              span: scope,
              message: `Territory of ${cluster.type.title} ${quoted(role.id?.value ?? '?')} (${scopeLabel(role)}) overlaps ${othersText} in ${sharedText}.`,
              related: shown.map((o) => ({ file: o.role.file, span: o.role.scope ?? o.role, message: `${quoted(o.role.id?.value ?? '?')} covers ${scopeLabel(o.role)}` })),
            };
          },
        });
      }
    }
  },
};
