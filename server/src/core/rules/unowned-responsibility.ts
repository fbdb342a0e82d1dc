import type { Rule } from './rule';

export const unownedResponsibility: Rule = {
  meta: {
    id: 'unowned-responsibility',
    defaultSeverity: 'warning',
    description: 'No role in the organization is of a type that requires an organization-scope responsibility.',
    fixable: 'none',
    needsModel: true,
  },
  check({ org, model, parsedFiles, report }) {
    if (!model || org.files.length === 0) return;
    const broadest = model.scopes[0];
    const first = org.firstFile;
    if (!first || !parsedFiles.includes(first)) return;
    const presentTypes = org.presentTypes();
    const span = first.charterKey ?? { start: 0, end: 0 };
    const reported = new Set<string>();
    for (const type of model.roles.values()) {
      for (const id of type.requires) {
        const def = model.responsibilities.get(id);
        if (!def || def.scope !== broadest || reported.has(id)) continue;
        const holders = [...model.roles.values()].filter((t) => t.requires.includes(id));
        if (holders.some((t) => presentTypes.has(t.id))) continue;
        reported.add(id);
        report({
          file: first,
          span,
          message: `Nobody owns "${id}" (${def.title}): the organization has no ${holders.map((t) => t.title).join(' or ')}.`,
        });
      }
    }
  },
};
