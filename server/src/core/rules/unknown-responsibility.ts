import { replaceScalar, replaceWithIdAndNote } from '../fixes';
import type { Fix } from '../types';
import type { Rule } from './rule';
import { quoted } from './rule';
import { singleNearest, Suggester, suggestionText } from './suggest';

export const unknownResponsibility: Rule = {
  meta: {
    id: 'unknown-responsibility',
    defaultSeverity: 'warning',
    description: 'A responsibility is neither a model id nor free text that matches one.',
    fixable: 'suggestion',
    needsModel: true,
  },
  check({ org, model, parsedFiles, report }) {
    if (!model) return;
    const ids = new Suggester(model.responsibilities.keys());
    const idList = [...model.responsibilities.keys()];
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        const required = org.typeOf(role)?.requires ?? [];
        for (const resolved of org.responsibilities.get(role) ?? []) {
          if (resolved.kind !== 'unknown') continue;
          const { entry } = resolved;
          const idLike = entry.isMapping || /^[a-z0-9-]+$/.test(entry.text);
          // Text that reads as a requirement or a trait names no duty: no did-you-mean for it.
          const suggestions = idLike
            ? [...ids.suggest(entry.text)]
            : resolved.notDuty
              ? []
              : resolved.candidates.filter((c) => c.score >= 0.2).map((c) => c.id);
          // SPEC "One finding, not a cascade": an id-like typo of a required id the role lacks is
          // this one finding; missing-responsibility stays silent for that id while it is shown.
          const nearest = idLike ? singleNearest(entry.text, idList) : undefined;
          const standsFor = nearest !== undefined && required.includes(nearest) && !org.ownedIds(role).has(nearest) ? nearest : undefined;
          if (standsFor !== undefined && !suggestions.includes(standsFor)) suggestions.unshift(standsFor);
          // A list read through an alias belongs to another role: its entries are not edited from here.
          const seq = role.responsibilitiesNode;
          const fixes: Fix[] = !seq
            ? []
            : suggestions.map((id) => ({
                title: `Change to ${quoted(id)}`,
                edits: idLike ? [replaceScalar(file, entry, id)] : replaceWithIdAndNote(file, entry, seq, id),
                safe: false,
                preferred: standsFor !== undefined ? id === standsFor : suggestions.length === 1,
              }));
          const what = idLike
            ? `${quoted(entry.text)} is not a responsibility id of model ${model.id}.`
            : resolved.notDuty
              ? `${quoted(entry.text)} reads like a requirement or a trait rather than a duty; it matches no responsibility of model ${model.id}.`
              : `${quoted(entry.text)} matches no responsibility of model ${model.id}.`;
          report({ file, span: entry, message: `${what}${suggestionText(suggestions)}`, fixes, subjects: { role, entry, standsFor } });
        }
      }
    }
  },
};
