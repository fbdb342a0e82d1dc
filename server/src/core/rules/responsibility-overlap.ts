import { removeSeqItem } from '../fixes';
import type { ResolvedResponsibility } from '../organization';
import type { RoleDecl } from '../parse';
import type { Rule } from './rule';

function scopeLabel(role: RoleDecl): string {
  if (!role.scope) return '?';
  return role.scope.kind === 'organization' ? 'organization' : role.scope.regions.map((r) => r.value).join(', ');
}

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
    const owners = new Map<string, ResolvedResponsibility[]>();
    for (const role of org.roles) {
      if (!org.participates(role)) continue;
      for (const [id, resolved] of org.ownedIds(role)) {
        const list = owners.get(id) ?? [];
        list.push(resolved);
        owners.set(id, list);
      }
    }
    const outOfScope = facts.outOfScope;
    for (const [id, list] of owners) {
      if (list.length < 2) continue;
      for (const mine of list) {
        if (outOfScope.has(mine) || !parsed.has(mine.role.file)) continue;
        const partners = list.filter(
          (other) =>
            other !== mine &&
            other.role !== mine.role &&
            !outOfScope.has(other) &&
            org.scopesOverlap(mine.role, other.role) &&
            !facts.pairAlreadyReported(mine.role, other.role),
        );
        if (partners.length === 0) continue;
        const file = mine.role.file;
        const seq = mine.role.responsibilitiesNode;
        const names = partners.map((p) => `"${p.role.id?.value ?? '?'}" (${scopeLabel(p.role)})`).join(', ');
        report({
          file,
          span: mine.entry,
          message: `Responsibility "${id}" of role "${mine.role.id?.value ?? '?'}" (${scopeLabel(mine.role)}) is also owned by ${names} in an overlapping scope.`,
          related: partners.map((p) => ({ file: p.role.file, span: p.entry, message: `"${id}" also owned by "${p.role.id?.value ?? '?'}" here` })),
          fixes: seq ? [{ title: `Remove "${id}" from role "${mine.role.id?.value ?? '?'}"`, edits: removeSeqItem(file, seq, mine.entry.index), safe: false }] : [],
        });
      }
    }
  },
};
