import { replaceWithIdAndNote } from '../fixes';
import type { Rule } from './rule';
import { quoted } from './rule';

export const nonCanonicalResponsibility: Rule = {
  meta: {
    id: 'non-canonical-responsibility',
    defaultSeverity: 'info',
    description: 'Free text that matches a model responsibility; write the id instead.',
    fixable: 'safe',
    needsModel: true,
  },
  check({ org, model, parsedFiles, report }) {
    if (!model) return;
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        const seen = new Set<string>();
        for (const resolved of org.responsibilities.get(role) ?? []) {
          if (!resolved.id) continue;
          const duplicate = seen.has(resolved.id);
          seen.add(resolved.id);
          // A later duplicate is duplicate-responsibility's finding; its fix removes the entry.
          if (resolved.kind !== 'matched' || duplicate || !role.responsibilitiesNode) continue;
          const title = model.responsibilities.get(resolved.id)?.title ?? resolved.id;
          report({
            file,
            span: resolved.entry,
            message: `${quoted(resolved.entry.text)} matches responsibility "${resolved.id}" (${title}); use the id and keep the text as a note.`,
            fixes: [
              {
                title: `Replace with "${resolved.id}" (keep the text as note)`,
                edits: replaceWithIdAndNote(file, resolved.entry, role.responsibilitiesNode, resolved.id),
                safe: true,
                preferred: true,
              },
            ],
          });
        }
      }
    }
  },
};
