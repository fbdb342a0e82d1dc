import { appendResponsibility } from '../fixes';
import type { CharterFile, RoleDecl } from '../parse';
import type { Fix, TextEdit } from '../types';
import type { ReportInput, Rule } from './rule';
import { quoted } from './rule';

/**
 * Edits adding several ids at the end of a role's responsibilities in one go, in the list's own
 * style: `appendResponsibility`'s insertion for the first id, the others after it the same way
 * (`, id` in a flow list, one `- id` line each in a block list). Empty when it cannot be done.
 */
export function appendResponsibilities(file: CharterFile, role: RoleDecl, ids: readonly string[]): TextEdit[] {
  if (ids.length === 0) return [];
  const edits = appendResponsibility(file, role, ids[0]);
  const last = edits[edits.length - 1];
  if (!last || !last.newText.endsWith(ids[0])) return [];
  const rest = ids.slice(1);
  let more: string;
  if (role.responsibilitiesNode?.flow) {
    more = rest.map((id) => `, ${id}`).join('');
  } else {
    // The inserted line's prefix (indentation and `- `), repeated for each further id.
    const eol = file.lines.eol;
    const lineStart = last.newText.lastIndexOf(eol);
    if (lineStart < 0) return [];
    const prefix = last.newText.slice(lineStart + eol.length, last.newText.length - ids[0].length);
    more = rest.map((id) => `${eol}${prefix}${id}`).join('');
  }
  return [...edits.slice(0, -1), { ...last, newText: last.newText + more }];
}

/** What each held finding adds, for the "Add all" fix computed once silencing is known. */
interface Missing {
  role: RoleDecl;
  id: string;
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
        // A `responsibilities` value that is not a list is schema's finding; nothing is missing from it.
        if (!type || role.responsibilitiesUnreadable) continue;
        const owned = org.ownedIds(role);
        const span = role.responsibilitiesKey ?? role.id ?? role.role ?? role;
        for (const required of new Set(type.requires)) {
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
  /**
   * Once silencing is known (an id an id-like typo stands for is not missing: the typo's fix
   * supplies it), each finding of a role with several missing ids also offers adding all of
   * them in one edit: the ids its shown findings name, never one the typo stands for, so no id
   * ends up listed twice. Not safe, like "Add": taking on duties is the person's decision.
   */
  afterSilencing(kept: ReportInput[]): ReportInput[] {
    const byRole = new Map<RoleDecl, { file: CharterFile; ids: string[] }>();
    for (const input of kept) {
      const missing = missingOf(input);
      if (!missing) continue;
      const entry = byRole.get(missing.role) ?? { file: input.file, ids: [] };
      if (!entry.ids.includes(missing.id)) entry.ids.push(missing.id);
      byRole.set(missing.role, entry);
    }
    const addAll = new Map<RoleDecl, Fix>();
    for (const [role, { file, ids }] of byRole) {
      if (ids.length < 2) continue;
      const edits = appendResponsibilities(file, role, ids);
      if (edits.length > 0) addAll.set(role, { title: `Add all ${ids.length} missing responsibilities`, edits, safe: false });
    }
    if (addAll.size === 0) return kept;
    return kept.map((input) => {
      const fix = input.subjects?.role ? addAll.get(input.subjects.role) : undefined;
      return fix ? { ...input, fixes: [...(input.fixes ?? []), fix] } : input;
    });
  },
};

function missingOf(input: ReportInput): Missing | undefined {
  const { role, id } = input.subjects ?? {};
  return role && id !== undefined ? { role, id } : undefined;
}
