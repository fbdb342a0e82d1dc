import { appendResponsibility } from '../fixes';
import type { Rule } from './rule';
import { quoted } from './rule';

export const missingResponsibility: Rule = {
  meta: {
    id: 'missing-responsibility',
    defaultSeverity: 'warning',
    description: 'A role lacks a responsibility its type requires.',
    fixable: 'suggestion',
    needsModel: true,
    // SPEC: silent for an id that an id-like typo of the role stands for (unknown-responsibility's
    // finding on that entry supplies it).
    supersededBy: [{ rule: 'unknown-responsibility', relation: 'stands-for' }],
  },
  check({ org, model, parsedFiles, report }) {
    if (!model) return;
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        const type = org.typeOf(role);
        // A `responsibilities` value that is not a list is schema's finding; nothing is missing from it.
        if (!type || role.responsibilitiesUnreadable) continue;
        const owned = org.ownedIds(role);
        const span = role.responsibilitiesKey ?? role.id ?? role.role ?? role;
        for (const required of type.requires) {
          if (owned.has(required)) continue;
          const title = model.responsibilities.get(required)?.title ?? required;
          const edits = appendResponsibility(file, role, required);
          report({
            file,
            span,
            message: `Role ${quoted(role.id?.value ?? '?')} (${type.title}) is missing required responsibility "${required}" (${title}).`,
            fixes: edits.length > 0 ? [{ title: `Add "${required}"`, edits, safe: false, preferred: true }] : [],
            subjects: { role, id: required },
          });
        }
      }
    }
  },
};
