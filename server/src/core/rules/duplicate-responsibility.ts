import { isMap, type Node } from 'yaml';
import { removeSeqItem } from '../fixes';
import type { ResolvedResponsibility } from '../organization';
import type { Rule } from './rule';
import { quoted } from './rule';

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
          // Safe only for a plain id entry (SPEC "Fixes"): free text or a note is what a person
          // wrote, so removing it is offered one at a time.
          const plain = resolved.kind === 'canonical' && (!resolved.entry.isMapping || isBareIdMapping(resolved.entry.item));
          report({
            file,
            span: resolved.entry,
            message: `Responsibility ${quoted(resolved.id)} is listed twice for role ${quoted(role.id?.value ?? '?')}.`,
            related: [{ file, span: earlier.entry, message: `${quoted(resolved.id)} first listed here` }],
            fixes: seq
              ? [{ title: `Remove duplicate ${quoted(resolved.id)}`, edits: removeSeqItem(file, seq, resolved.entry.index), safe: plain, preferred: true }]
              : [],
          });
        }
      }
    }
  },
};

/** `{id: X}` and nothing else: as plain as a bare id. */
function isBareIdMapping(item: Node): boolean {
  return isMap(item) && item.items.length === 1;
}
