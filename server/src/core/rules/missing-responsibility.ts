import { isAlias, isScalar, isSeq, type Node } from 'yaml';
import { appendResponsibility } from '../fixes';
import type { CharterFile, RoleDecl } from '../parse';
import { findPair } from '../yaml-nodes';
import type { Rule } from './rule';

/**
 * SPEC: a `responsibilities` value that cannot be read as a list gets `schema` and no
 * `missing-responsibility` (a scalar or a mapping; an empty value or an empty list is read).
 */
function unreadableList(file: CharterFile, role: RoleDecl): boolean {
  if (role.responsibilities.length > 0 || !role.responsibilitiesKey) return false;
  let value = findPair(role.node, 'responsibilities')?.value as Node | null | undefined;
  if (isAlias(value)) value = value.resolve(file.doc) as Node | undefined;
  if (!value || isSeq(value)) return false;
  return !(isScalar(value) && (value.value === null || value.value === ''));
}

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
        if (!type || unreadableList(file, role)) continue;
        const owned = org.ownedIds(role);
        const span = role.responsibilitiesKey ?? role.id ?? role.role ?? role;
        for (const required of type.requires) {
          if (owned.has(required)) continue;
          const title = model.responsibilities.get(required)?.title ?? required;
          const edits = appendResponsibility(file, role, required);
          report({
            file,
            span,
            message: `Role "${role.id?.value ?? '?'}" (${type.title}) is missing required responsibility "${required}" (${title}).`,
            fixes: edits.length > 0 ? [{ title: `Add "${required}"`, edits, safe: false, preferred: true }] : [],
            subjects: { role, id: required },
          });
        }
      }
    }
  },
};
