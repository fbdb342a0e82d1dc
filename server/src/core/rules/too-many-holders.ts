import { holderKey } from '../facts';
import type { RoleDecl } from '../parse';
import { MAX_RELATED, nameList, type Rule, quoted, clip } from './rule';

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
    // Every crowded scope a role counts in: its one finding (on its first crowded scope) is about
    // the role paired with each other holder of any of them, for silencing.
    const crowded = new Map<RoleDecl, string[]>();
    for (const group of facts.holderGroups) {
      const key = holderKey(group.type, group.scope);
      for (const role of group.roles) {
        const list = crowded.get(role);
        if (list) list.push(key);
        else crowded.set(role, [key]);
      }
    }
    const reported = new Set<RoleDecl>();
    for (const group of facts.holderGroups) {
      const type = org.model?.roles.get(group.type);
      const where = group.scope === 'organization' ? 'the organization' : `region ${clip(group.scope)}`;
      group.roles.forEach((role, index) => {
        if (!parsed.has(role.file) || !role.scope || reported.has(role)) return;
        reported.add(role);
        // The others, nearest in list order first, at most MAX_RELATED of them.
        const others: RoleDecl[] = [];
        for (let step = 1; others.length < MAX_RELATED && step < group.roles.length; step++) {
          others.push(group.roles[(index + step) % group.roles.length]);
        }
        const otherCount = group.roles.length - 1;
        report({
          file: role.file,
          span: role.scope,
          message: `${group.roles.length} ${type?.title ?? group.type} roles share ${where} (at most ${group.max} allowed): ${nameList([role, ...others].map((o) => quoted(o.id?.value ?? '?')), otherCount + 1)}.`,
          related: others.map((o) => ({ file: o.file, span: o.scope ?? o, message: `${quoted(o.id?.value ?? '?')} also holds ${where}` })),
          subjects: { role, peers: crowded.get(role) ?? [] },
        });
      });
    }
  },
};
