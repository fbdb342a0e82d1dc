import type { RoleDecl } from '../parse';
import type { Rule } from './rule';

export const reportingCycle: Rule = {
  meta: {
    id: 'reporting-cycle',
    defaultSeverity: 'error',
    description: '`reports_to` links form a cycle.',
    fixable: 'none',
    needsModel: true,
  },
  check({ org, parsedFiles, report }) {
    const parsed = new Set(parsedFiles);
    const managerOf = (role: RoleDecl): RoleDecl | undefined => {
      if (!role.reportsTo || !org.typeOf(role)) return undefined;
      const manager = org.rolesById.get(role.reportsTo.value)?.[0];
      return manager && org.typeOf(manager) ? manager : undefined;
    };
    const onCycle = new Set<RoleDecl>();
    const done = new Set<RoleDecl>();
    for (const start of org.roles) {
      if (done.has(start)) continue;
      const path: RoleDecl[] = [];
      const position = new Map<RoleDecl, number>();
      let current: RoleDecl | undefined = start;
      while (current && !done.has(current)) {
        if (position.has(current)) {
          for (const member of path.slice(position.get(current))) onCycle.add(member);
          break;
        }
        position.set(current, path.length);
        path.push(current);
        current = managerOf(current);
      }
      for (const member of path) done.add(member);
    }
    for (const role of onCycle) {
      if (!parsed.has(role.file) || !role.reportsTo) continue;
      const cycle: RoleDecl[] = [role];
      for (let next = managerOf(role); next && next !== role && cycle.length <= onCycle.size; next = managerOf(next)) cycle.push(next);
      const names = [...cycle, role].map((r) => r.id?.value ?? '?').join(' \u2192 ');
      report({
        file: role.file,
        span: role.reportsTo,
        message: cycle.length === 1 ? `Role "${role.id?.value ?? '?'}" reports to itself.` : `Reporting cycle: ${names}.`,
        related: cycle.slice(1).map((other) => ({ file: other.file, span: other.reportsTo ?? other, message: `"${other.id?.value ?? '?'}" reports to "${other.reportsTo?.value ?? '?'}"` })),
      });
    }
  },
};
