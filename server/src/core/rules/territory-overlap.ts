import type { RoleDecl } from '../parse';
import type { Rule } from './rule';

export const territoryOverlap: Rule = {
  meta: {
    id: 'territory-overlap',
    defaultSeverity: 'warning',
    description: 'Two roles of one type have different but overlapping region scopes.',
    fixable: 'none',
    needsModel: true,
  },
  check({ org, facts, parsedFiles, report }) {
    const parsed = new Set(parsedFiles);
    const partners = new Map<RoleDecl, RoleDecl[]>();
    for (const [a, b] of facts.territoryPairs) {
      partners.set(a, [...(partners.get(a) ?? []), b]);
      partners.set(b, [...(partners.get(b) ?? []), a]);
    }
    const label = (role: RoleDecl) => (role.scope?.kind === 'regions' ? role.scope.regions.map((r) => r.value).join(', ') : 'organization');
    for (const [role, others] of partners) {
      if (!parsed.has(role.file) || !role.scope) continue;
      const type = org.typeOf(role);
      const shared = new Set<string>();
      const mine = org.coveredRegions(role) ?? new Set<string>();
      for (const other of others) for (const region of org.coveredRegions(other) ?? []) if (mine.has(region)) shared.add(region);
      report({
        file: role.file,
        span: role.scope,
        message: `Territory of ${type?.title ?? 'role'} "${role.id?.value ?? '?'}" (${label(role)}) overlaps ${others.map((o) => `"${o.id?.value ?? '?'}" (${label(o)})`).join(', ')} in ${[...shared].sort().join(', ')}.`,
        related: others.map((o) => ({ file: o.file, span: o.scope ?? o, message: `"${o.id?.value ?? '?'}" covers ${label(o)}` })),
      });
    }
  },
};
