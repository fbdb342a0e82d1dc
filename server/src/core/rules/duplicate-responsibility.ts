import { removeSeqItem } from '../fixes';
import type { ResolvedResponsibility } from '../organization';
import type { Rule } from './rule';

export const duplicateResponsibility: Rule = {
  meta: {
    id: 'duplicate-responsibility',
    defaultSeverity: 'warning',
    description: 'A role lists the same responsibility twice.',
    fixable: 'safe',
    needsModel: true,
  },
  check({ org, parsedFiles, report }) {
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        const first = new Map<string, ResolvedResponsibility>();
        for (const resolved of org.responsibilities.get(role) ?? []) {
          if (!resolved.id) continue;
          const earlier = first.get(resolved.id);
          if (!earlier) {
            first.set(resolved.id, resolved);
            continue;
          }
          const seq = role.responsibilitiesNode;
          report({
            file,
            span: resolved.entry,
            message: `Responsibility "${resolved.id}" is listed twice for role "${role.id?.value ?? '?'}".`,
            related: [{ file, span: earlier.entry, message: `"${resolved.id}" first listed here` }],
            fixes: seq
              ? [{ title: `Remove duplicate "${resolved.id}"`, edits: removeSeqItem(file, seq, resolved.entry.index), safe: true, preferred: true }]
              : [],
          });
        }
      }
    }
  },
};
