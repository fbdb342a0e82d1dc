import { replaceScalar, replaceWithIdAndNote } from '../fixes';
import type { Fix } from '../types';
import type { Rule } from './rule';
import { Suggester, suggestionText } from './suggest';

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
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        for (const resolved of org.responsibilities.get(role) ?? []) {
          if (resolved.kind !== 'unknown') continue;
          const { entry } = resolved;
          const idLike = entry.isMapping || /^[a-z0-9-]+$/.test(entry.text);
          const suggestions = idLike
            ? ids.suggest(entry.text)
            : resolved.candidates.filter((c) => c.score >= 0.2).map((c) => c.id);
          // A list read through an alias belongs to another role: its entries are not edited from here.
          const seq = role.responsibilitiesNode;
          const fixes: Fix[] = !seq
            ? []
            : suggestions.map((id) => ({
                title: `Change to "${id}"`,
                edits: idLike ? [replaceScalar(file, entry, id)] : replaceWithIdAndNote(file, entry, seq, id),
                safe: false,
                preferred: suggestions.length === 1,
              }));
          const what = idLike ? `"${entry.text}" is not a responsibility id of model ${model.id}.` : `"${entry.text}" matches no responsibility of model ${model.id}.`;
          report({ file, span: entry, message: `${what}${suggestionText(suggestions)}`, fixes });
        }
      }
    }
  },
};
