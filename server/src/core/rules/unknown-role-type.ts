import type { Rule } from './rule';
import { quoted } from './rule';
import { Suggester, replacementFixes, suggestionText } from './suggest';

/** Why the role's other findings appear only once its type is known. */
export const WAITING = 'Its other checks (responsibilities, scope, reporting line) wait for a known type, so fixing it may bring new findings for this role.';

export const unknownRoleType: Rule = {
  meta: {
    id: 'unknown-role-type',
    defaultSeverity: 'error',
    description: 'A role\u2019s `role:` is not a role type of the model.',
    fixable: 'suggestion',
    needsModel: true,
  },
  check({ model, parsedFiles, report }) {
    if (!model) return;
    const types = new Suggester(model.roles.keys());
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        if (!role.role || model.roles.has(role.role.value)) continue;
        const suggestions = types.suggest(role.role.value);
        report({
          file,
          span: role.role,
          // The role's other checks (required responsibilities, scope, reporting line, overlaps)
          // wait for a known type (SPEC exclusions): said here, so the findings that appear once
          // the type is fixed are expected, not a surprise.
          message: `Unknown role type ${quoted(role.role.value)} (model ${model.id} has: ${[...model.roles.keys()].join(', ')}).${suggestionText(suggestions)} ${WAITING}`,
          fixes: replacementFixes(file, role.role, suggestions),
        });
      }
    }
  },
};
