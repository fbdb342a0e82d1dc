import { MAX_RELATED, type Rule, quoted } from './rule';

export const duplicateRoleId: Rule = {
  meta: {
    id: 'duplicate-role-id',
    defaultSeverity: 'error',
    description: 'Two roles share an id, or a role id is also an external id.',
    fixable: 'none',
    needsModel: false,
  },
  check({ org, report }) {
    for (const [id, roles] of org.rolesById) {
      const externals = org.externals.get(id) ?? [];
      if (roles.length + (externals.length > 0 ? 1 : 0) < 2) continue;
      const places = [
        ...roles.map((role) => ({ file: role.file, span: role.id ?? role, what: 'role' as const })),
        ...externals.map((external) => ({ file: external.file, span: external.id, what: 'external' as const })),
      ];
      for (const place of places) {
        // SPEC "Reporting": at most 20 related locations, picked without walking all the others,
        // so thousands of roles sharing one id cost linear time and output.
        const others: typeof places = [];
        for (let i = 0; i < places.length && others.length < MAX_RELATED; i++) if (places[i] !== place) others.push(places[i]);
        const message =
          place.what === 'external'
            ? `External id "${id}" is also the id of a role; ids must be unique.`
            : externals.length > 0 && roles.length === 1
              ? `Role id "${id}" is also listed under external; ids must be unique.`
              : `Role id "${id}" is used by ${roles.length} roles; ids must be unique across the organization.`;
        report({
          file: place.file,
          span: place.span,
          message,
          related: others.map((other) => ({
            file: other.file,
            span: other.span,
            message: other.what === 'external' ? `${quoted(id)} listed as external here` : `${quoted(id)} also defined here`,
          })),
        });
      }
    }
  },
};
