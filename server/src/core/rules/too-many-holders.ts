import type { RoleDecl } from '../parse';
import type { Rule } from './rule';

export const tooManyHolders: Rule = {
  meta: {
    id: 'too-many-holders',
    defaultSeverity: 'error',
    description: 'More roles of a type share one scope than the type\u2019s max_per_scope.',
    fixable: 'none',
    needsModel: true,
  },
  check({ org, facts, parsedFiles, report }) {
    const parsed = new Set(parsedFiles);
    const reported = new Set<RoleDecl>();
    for (const group of facts.holderGroups) {
      const type = org.model?.roles.get(group.type);
      const where = group.scope === 'organization' ? 'the organization' : `region ${group.scope}`;
      for (const role of group.roles) {
        if (!parsed.has(role.file) || !role.scope || reported.has(role)) continue;
        reported.add(role);
        const others = group.roles.filter((r) => r !== role);
        report({
          file: role.file,
          span: role.scope,
          message: `${group.roles.length} ${type?.title ?? group.type} roles share ${where} (at most ${group.max} allowed): "${role.id?.value ?? '?'}" and ${others.map((o) => `"${o.id?.value ?? '?'}"`).join(', ')}.`,
          related: others.map((o) => ({ file: o.file, span: o.scope ?? o, message: `"${o.id?.value ?? '?'}" also holds ${where}` })),
        });
      }
    }
  },
};
