import { scopeLabel } from '../parse';
import { MAX_RELATED, nameList, type Rule } from './rule';

export const territoryOverlap: Rule = {
  meta: {
    id: 'territory-overlap',
    defaultSeverity: 'warning',
    description: 'Two roles of one type have different but overlapping region scopes.',
    fixable: 'none',
    needsModel: true,
  },
  check({ facts, parsedFiles, report }) {
    const parsed = new Set(parsedFiles);
    for (const [cluster, partners] of facts.territoryOverlaps) {
      const others = partners.flatMap((p) => p.roles);
      const shared = new Set<string>();
      for (const partner of partners) for (const region of partner.covered ?? []) if (cluster.covered?.has(region)) shared.add(region);
      const sharedText = [...shared].sort().join(', ');
      const othersText = nameList(others.slice(0, 3).map((o) => `"${o.id?.value ?? '?'}" (${scopeLabel(o)})`), others.length);
      const shown = others.slice(0, MAX_RELATED);
      for (const role of cluster.roles) {
        if (!parsed.has(role.file) || !role.scope) continue;
        report({
          file: role.file,
          span: role.scope,
          message: `Territory of ${cluster.type.title} "${role.id?.value ?? '?'}" (${scopeLabel(role)}) overlaps ${othersText} in ${sharedText}.`,
          related: shown.map((o) => ({ file: o.file, span: o.scope ?? o, message: `"${o.id?.value ?? '?'}" covers ${scopeLabel(o)}` })),
        });
      }
    }
  },
};
