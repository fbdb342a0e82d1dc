import type { Rule } from './rule';
import { quoted } from './rule';
import { Suggester, replacementFixes, suggestionText } from './suggest';

export const unknownReference: Rule = {
  meta: {
    id: 'unknown-reference',
    defaultSeverity: 'error',
    description: '`reports_to` names no role and no external id.',
    fixable: 'suggestion',
    needsModel: true,
  },
  check({ org, parsedFiles, report }) {
    // Made on the first miss: most organizations have none, and the ids may be 10,000.
    let known: Suggester | undefined;
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        const target = role.reportsTo;
        if (!target || !org.typeOf(role)) continue;
        if (org.isKnownId(target.value)) continue;
        const suggestions = (known ??= new Suggester(org.knownIds())).suggest(target.value);
        report({
          file,
          span: target,
          message: `reports_to ${quoted(target.value)} is neither a role id nor an external id.${suggestionText(suggestions)}`,
          fixes: replacementFixes(file, target, suggestions),
        });
      }
    }
  },
};
