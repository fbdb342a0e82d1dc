import { removeSeqItem } from '../fixes';
import { overlapWithin, type ScopeCluster } from '../facts';
import type { ResolvedResponsibility } from '../organization';
import { scopeLabel } from '../parse';
import { MAX_RELATED, nameList, type Rule } from './rule';

export const responsibilityOverlap: Rule = {
  meta: {
    id: 'responsibility-overlap',
    defaultSeverity: 'warning',
    description: 'Two roles own one responsibility in overlapping scopes.',
    fixable: 'suggestion',
    needsModel: true,
  },
  check({ org, facts, parsedFiles, report }) {
    const parsed = new Set(parsedFiles);
    const outOfScope = facts.outOfScope;
    const { byRole } = facts.clusters;
    const byRegion = facts.clustersByRegion;
    // Owners of each id, grouped by scope cluster; out-of-scope entries take no part.
    const owners = new Map<string, Map<ScopeCluster, ResolvedResponsibility[]>>();
    for (const role of org.roles) {
      const cluster = byRole.get(role);
      if (!cluster) continue;
      for (const [id, resolved] of org.ownedIds(role)) {
        if (outOfScope.has(resolved)) continue;
        let byCluster = owners.get(id);
        if (!byCluster) owners.set(id, (byCluster = new Map()));
        const list = byCluster.get(cluster);
        if (list) list.push(resolved);
        else byCluster.set(cluster, [resolved]);
      }
    }
    for (const [id, byCluster] of owners) {
      const clusters = [...byCluster.keys()];
      if (clusters.length === 1 && (byCluster.get(clusters[0])?.length ?? 0) < 2) continue;
      const overlapping = overlapWithin(clusters, byRegion);
      for (const cluster of clusters) {
        const others = overlapping(cluster);
        if (others.length === 0 && (byCluster.get(cluster)?.length ?? 0) < 2) continue;
        const partnerClusters = [cluster, ...others].filter((other) => !facts.clusterPairReported(cluster, other));
        if (partnerClusters.length === 0) continue;
        for (const mine of byCluster.get(cluster) ?? []) {
          if (!parsed.has(mine.role.file)) continue;
          const partners: ResolvedResponsibility[] = [];
          let count = 0;
          for (const other of partnerClusters) {
            for (const entry of byCluster.get(other) ?? []) {
              if (entry === mine) continue;
              count++;
              if (partners.length < MAX_RELATED) partners.push(entry);
            }
          }
          if (count === 0) continue;
          const file = mine.role.file;
          const seq = mine.role.responsibilitiesNode;
          const names = partners.map((p) => `"${p.role.id?.value ?? '?'}" (${scopeLabel(p.role)})`);
          report({
            file,
            span: mine.entry,
            message: `Responsibility "${id}" of role "${mine.role.id?.value ?? '?'}" (${scopeLabel(mine.role)}) is also owned by ${nameList(names, count)} in an overlapping scope.`,
            related: partners.map((p) => ({ file: p.role.file, span: p.entry, message: `"${id}" also owned by "${p.role.id?.value ?? '?'}" here` })),
            fixes: seq ? [{ title: `Remove "${id}" from role "${mine.role.id?.value ?? '?'}"`, edits: removeSeqItem(file, seq, mine.entry.index), safe: false }] : [],
          });
        }
      }
    }
  },
};
