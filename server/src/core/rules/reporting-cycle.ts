import type { RoleDecl } from '../parse';
import { MAX_RELATED, type Rule, quoted, clip } from './rule';

/** Roles a cycle message names after the reported one (SPEC "Reporting": at most 3 others). */
const MAX_NAMED_OTHERS = 3;

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
      const manager = org.firstRole(role.reportsTo.value);
      return manager && org.typeOf(manager) ? manager : undefined;
    };
    // Each role on a cycle, with the length of its cycle: every role is walked once.
    const cycleLength = new Map<RoleDecl, number>();
    const done = new Set<RoleDecl>();
    for (const start of org.roles) {
      if (done.has(start)) continue;
      const path: RoleDecl[] = [];
      const position = new Map<RoleDecl, number>();
      let current: RoleDecl | undefined = start;
      while (current && !done.has(current)) {
        const at = position.get(current);
        if (at !== undefined) {
          for (let i = at; i < path.length; i++) cycleLength.set(path[i], path.length - at);
          break;
        }
        position.set(current, path.length);
        path.push(current);
        current = managerOf(current);
      }
      for (const member of path) done.add(member);
    }
    const idOf = (role: RoleDecl) => clip(role.id?.value ?? '?');
    // SPEC "Reporting": a message names at most 3 others and lists at most 20 related locations,
    // so each role's finding costs the same however long its cycle is.
    for (const [role, length] of cycleLength) {
      if (!parsed.has(role.file) || !role.reportsTo) continue;
      if (length === 1) {
        report({ file: role.file, span: role.reportsTo, message: `Role "${idOf(role)}" reports to itself.` });
        continue;
      }
      const following: RoleDecl[] = [];
      for (let next = managerOf(role); next && next !== role && following.length < Math.min(length - 1, MAX_RELATED); next = managerOf(next)) following.push(next);
      const named = following.slice(0, MAX_NAMED_OTHERS).map(idOf);
      const message =
        length - 1 <= MAX_NAMED_OTHERS
          ? `Reporting cycle: ${[idOf(role), ...named, idOf(role)].join(' \u2192 ')}.`
          : `Reporting cycle of ${length} roles: ${[idOf(role), ...named, '\u2026', idOf(role)].join(' \u2192 ')}.`;
      report({
        file: role.file,
        span: role.reportsTo,
        message,
        related: following.map((other) => ({ file: other.file, span: other.reportsTo ?? other, message: `"${idOf(other)}" reports to ${quoted(other.reportsTo?.value ?? '?')}` })),
      });
    }
  },
};
