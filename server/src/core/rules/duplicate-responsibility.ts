import { isMap, type Node } from 'yaml';
import { removeSeqItem, replaceWithIds } from '../fixes';
import type { Fix } from '../types';
import type { Rule } from './rule';
import { nameList, quoted } from './rule';

const NONE: readonly string[] = [];

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
        const owned = org.ownedIds(role);
        for (const resolved of org.responsibilities.get(role) ?? []) {
          if (resolved.ids.length === 0) continue;
          // Judged per id (SPEC): free text naming several ids repeats those an earlier entry has.
          // (One id, the usual case, is answered without a list: crowded files hold millions.)
          const single = resolved.ids.length === 1;
          if (single && owned.get(resolved.ids[0]) === resolved) continue;
          const kept = single ? NONE : org.firstIds(resolved);
          if (kept.length === resolved.ids.length) continue;
          const seq = role.responsibilitiesNode;
          const { entry } = resolved;
          for (const id of resolved.ids) {
            const earlier = owned.get(id);
            if (!earlier || earlier === resolved) continue;
            const fixes: Fix[] = [];
            if (seq && kept.length === 0) {
              // Safe only for a plain id entry (SPEC "Fixes"): free text or a note is what a
              // person wrote, so removing it is offered one at a time.
              const plain = resolved.kind === 'canonical' && (!entry.isMapping || isBareIdMapping(entry.item));
              fixes.push({ title: `Remove duplicate ${quoted(id)}`, edits: removeSeqItem(file, seq, entry.index), safe: plain, preferred: true });
            } else if (seq) {
              // The text also names ids the role has nowhere else: keep those, the text as note.
              fixes.push({
                title: `Remove duplicate ${quoted(id)}, keep ${nameList(kept.map((k) => quoted(k)))} (text as note)`,
                edits: replaceWithIds(file, entry, seq, kept),
                safe: false,
                preferred: true,
              });
            }
            report({
              file,
              span: entry,
              message: `Responsibility ${quoted(id)} is listed twice for role ${quoted(role.id?.value ?? '?')}.`,
              related: [{ file, span: earlier.entry, message: `${quoted(id)} first listed here` }],
              fixes,
              subjects: { role, entry, id },
            });
          }
        }
      }
    }
  },
};

/** `{id: X}` and nothing else: as plain as a bare id. */
function isBareIdMapping(item: Node): boolean {
  return isMap(item) && item.items.length === 1;
}
