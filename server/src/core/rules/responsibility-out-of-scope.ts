import { removeSeqItem, replaceScalar, replaceWithIdAndNote } from '../fixes';
import type { Fix } from '../types';
import type { Rule } from './rule';
import { quoted } from './rule';

export const responsibilityOutOfScope: Rule = {
  meta: {
    id: 'responsibility-out-of-scope',
    defaultSeverity: 'warning',
    description: 'A responsibility is broader than the role\u2019s scope (a regional manager owning sales-strategy).',
    fixable: 'suggestion',
    needsModel: true,
  },
  check({ org, model, facts, parsedFiles, report }) {
    if (!model) return;
    const parsed = new Set(parsedFiles);
    for (const resolved of facts.outOfScope) {
      const { role, entry } = resolved;
      if (!parsed.has(role.file) || !resolved.id) continue;
      const file = role.file;
      const def = model.responsibilities.get(resolved.id);
      const kind = org.scopeKind(role) ?? '?';
      const owned = org.ownedIds(role);
      const refinements = [...model.responsibilities.values()].filter((r) => r.refines === resolved.id && r.scope === kind);
      const fixes: Fix[] = [];
      const seq = role.responsibilitiesNode;
      for (const refinement of refinements) {
        // A list read through an alias belongs to another role: its entries are not edited from here.
        if (owned.has(refinement.id) || !seq) continue;
        fixes.push({
          title: `Replace with "${refinement.id}"`,
          edits: resolved.kind === 'matched' ? replaceWithIdAndNote(file, entry, seq, refinement.id) : [replaceScalar(file, entry, refinement.id)],
          safe: false,
          preferred: true,
        });
      }
      if (seq) fixes.push({ title: `Remove ${quoted(resolved.id)} from this role`, edits: removeSeqItem(file, seq, entry.index), safe: false, preferred: fixes.length === 0 });
      const hint = refinements.length > 0 ? ` At ${kind} level it is "${refinements[0].id}".` : '';
      report({
        file,
        span: entry,
        message: `Responsibility ${quoted(resolved.id)} is ${def?.scope ?? 'broader'}-wide, broader than role ${quoted(role.id?.value ?? '?')}'s ${kind} scope.${hint}`,
        fixes,
        subjects: { role, entry, id: resolved.id },
      });
    }
  },
};
