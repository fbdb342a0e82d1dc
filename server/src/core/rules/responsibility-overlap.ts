import type { YAMLSeq } from 'yaml';
import { removeSeqItem, replaceWithIds } from '../fixes';
import { overlapWithin, type ScopeCluster } from '../facts';
import { scopeLabel } from '../parse';
import { nameList, type PairSide, type PartnerGroup, type Rule, quoted } from './rule';

export const responsibilityOverlap: Rule = {
  meta: {
    id: 'responsibility-overlap',
    defaultSeverity: 'warning',
    description: 'Two roles own one responsibility in overlapping scopes.',
    fixable: 'suggestion',
    needsModel: true,
    // SPEC "One finding, not a cascade": silent for a pair of roles reported by territory-overlap
    // or too-many-holders, and for a pair in which either entry is responsibility-out-of-scope.
    supersededBy: [
      { rule: 'territory-overlap', relation: 'role-pair' },
      { rule: 'too-many-holders', relation: 'role-pair' },
      { rule: 'responsibility-out-of-scope', relation: 'entry' },
    ],
  },
  check({ org, facts, parsedFiles, reportPair }) {
    const parsed = new Set(parsedFiles);
    const { byRole } = facts.clusters;
    const byRegion = facts.clustersByRegion;
    // Owners of each id, grouped by scope cluster. Every pair is found here, silenced ones
    // included: silencing happens after every rule ran.
    const owners = new Map<string, Map<ScopeCluster, PairSide[]>>();
    for (const role of org.roles) {
      const cluster = byRole.get(role);
      if (!cluster) continue;
      for (const [id, resolved] of org.ownedIds(role)) {
        let byCluster = owners.get(id);
        if (!byCluster) owners.set(id, (byCluster = new Map()));
        const side: PairSide = { role, entry: resolved.entry, id };
        const list = byCluster.get(cluster);
        if (list) list.push(side);
        else byCluster.set(cluster, [side]);
      }
    }
    for (const [id, byCluster] of owners) {
      const clusters = [...byCluster.keys()];
      if (clusters.length === 1 && (byCluster.get(clusters[0])?.length ?? 0) < 2) continue;
      // Made on first use: most clusters overlap nothing and need none.
      const groups = new Map<ScopeCluster, PartnerGroup>();
      const groupOf = (cluster: ScopeCluster): PartnerGroup => {
        let group = groups.get(cluster);
        if (!group) groups.set(cluster, (group = { key: cluster.memberships[0], memberships: cluster.memberships, members: byCluster.get(cluster) ?? [] }));
        return group;
      };
      const overlapping = overlapWithin(clusters, byRegion);
      for (const cluster of clusters) {
        const others = overlapping(cluster);
        const mineList = byCluster.get(cluster) ?? [];
        if (others.length === 0 && mineList.length < 2) continue;
        const partners = [cluster, ...others].map(groupOf);
        for (const mine of mineList) {
          if (!parsed.has(mine.role.file) || !mine.entry) continue;
          const { role, entry } = mine;
          reportPair({
            self: mine,
            selfMemberships: cluster.memberships,
            partners,
            render(shown, count) {
              const seq = role.responsibilitiesNode;
              // Free text naming several ids loses only this one (its other ids stay, the text as note).
              const resolved = org.ownedIds(role).get(id);
              const removeId = (list: YAMLSeq) =>
                resolved && resolved.ids.length > 1
                  ? replaceWithIds(role.file, entry, list, org.firstIds(resolved).filter((k) => k !== id))
                  : removeSeqItem(role.file, list, entry.index);
              const names = shown.map((p) => `${quoted(p.role.id?.value ?? '?')} (${scopeLabel(p.role)})`);
              return {
                file: role.file,
                span: entry,
                message: `Responsibility ${quoted(id)} of role ${quoted(role.id?.value ?? '?')} (${scopeLabel(role)}) is also owned by ${nameList(names, count)} in an overlapping scope.`,
                related: shown.map((p) => ({ file: p.role.file, span: p.entry ?? p.role, message: `${quoted(id)} also owned by ${quoted(p.role.id?.value ?? '?')} here` })),
                fixes: seq ? [{ title: `Remove ${quoted(id)} from role ${quoted(role.id?.value ?? '?')}`, edits: removeId(seq), safe: false }] : [],
              };
            },
          });
        }
      }
    }
  },
};
