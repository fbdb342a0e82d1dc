import { removeSeqItem, replaceScalar, replaceWithIdAndNote, replaceWithIds } from '../fixes';
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
    // One finding per entry and id: free text naming several ids may be broader for some only.
    for (const { resolved, id } of facts.outOfScope) {
      const { role, entry } = resolved;
      if (!parsed.has(role.file)) continue;
      const file = role.file;
      const def = model.responsibilities.get(id);
      const kind = org.scopeKind(role) ?? '?';
      const owned = org.ownedIds(role);
      const refinements = [...model.responsibilities.values()].filter((r) => r.refines === id && r.scope === kind);
      const fixes: Fix[] = [];
      const seq = role.responsibilitiesNode;
      // The other ids a several-id entry names stay (the text as the note of the first).
      const several = resolved.ids.length > 1;
      const kept = several ? org.firstIds(resolved) : [];
      for (const refinement of refinements) {
        // A list read through an alias belongs to another role: its entries are not edited from here.
        if (owned.has(refinement.id) || !seq) continue;
        fixes.push({
          title: `Replace ${several ? `${quoted(id)} ` : ''}with "${refinement.id}"`,
          edits: several
            ? replaceWithIds(file, entry, seq, kept.map((k) => (k === id ? refinement.id : k)))
            : resolved.kind === 'matched'
              ? replaceWithIdAndNote(file, entry, seq, refinement.id)
              : [replaceScalar(file, entry, refinement.id)],
          safe: false,
          preferred: true,
        });
      }
      if (seq) {
        fixes.push({
          title: `Remove ${quoted(id)} from this role`,
          edits: several ? replaceWithIds(file, entry, seq, kept.filter((k) => k !== id)) : removeSeqItem(file, seq, entry.index),
          safe: false,
          preferred: fixes.length === 0,
        });
      }
      const hint = refinements.length > 0 ? ` At ${kind} level it is "${refinements[0].id}".` : '';
      report({
        file,
        span: entry,
        message: `Responsibility ${quoted(id)} is ${def?.scope ?? 'broader'}-wide, broader than role ${quoted(role.id?.value ?? '?')}'s ${kind} scope.${hint}`,
        fixes,
        subjects: { role, entry, id },
      });
    }
  },
};
