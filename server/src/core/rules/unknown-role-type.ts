import type { Rule } from './rule';
import { didYouMean, replacementFixes, suggestionText } from './suggest';

export const unknownRoleType: Rule = {
  meta: {
    id: 'unknown-role-type',
    defaultSeverity: 'error',
    description: 'A role\u2019s `role:` is not a role type of the model.',
    fixable: 'suggestion',
    needsModel: true,
  },
  check({ org, model, parsedFiles, report }) {
    if (!model) return;
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        if (!role.role || model.roles.has(role.role.value)) continue;
        const suggestions = didYouMean(role.role.value, model.roles.keys());
        report({
          file,
          span: role.role,
          message: `Unknown role type "${role.role.value}" (model ${model.id} has: ${[...model.roles.keys()].join(', ')}).${suggestionText(suggestions)}`,
          fixes: replacementFixes(file, role.role, suggestions),
        });
      }
    }
    void org;
  },
};
