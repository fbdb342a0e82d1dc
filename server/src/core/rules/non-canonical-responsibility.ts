import { replaceWithIds } from '../fixes';
import type { Rule } from './rule';
import { nameList, quoted } from './rule';

export const nonCanonicalResponsibility: Rule = {
  meta: {
    id: 'non-canonical-responsibility',
    defaultSeverity: 'info',
    description: 'Free text that matches a model responsibility (or several); write the id (or one entry per id) instead.',
    fixable: 'safe',
    needsModel: true,
  },
  check({ org, model, parsedFiles, report }) {
    if (!model) return;
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        const seq = role.responsibilitiesNode;
        // A list read through an alias belongs to another role: its entries are not edited from here.
        if (!seq) continue;
        for (const resolved of org.responsibilities.get(role) ?? []) {
          if (resolved.kind !== 'matched') continue;
          // SPEC "Fixes": a split adds only the ids the role lacks. When an earlier entry already
          // has every id the text names, the text is a duplicate: duplicate-responsibility's
          // finding, which no safe fix removes.
          const added = org.firstIds(resolved);
          if (added.length === 0) continue;
          const { entry, ids } = resolved;
          const text = quoted(entry.text);
          const named = (id: string) => `"${id}" (${model.responsibilities.get(id)?.title ?? id})`;
          const already = ids.filter((id) => !added.includes(id));
          const first = `"${added[0]}"`;
          let message: string;
          if (ids.length === 1) message = `${text} matches responsibility ${named(ids[0])}; use the id and keep the text as a note.`;
          else {
            const matches = `${text} matches responsibilities ${nameList(ids.map(named))}`;
            const has = already.length === 0 ? '' : `; ${nameList(already.map((id) => `"${id}"`))} ${already.length === 1 ? 'is' : 'are'} already listed for role ${quoted(role.id?.value ?? '?')}`;
            const todo =
              added.length === 1
                ? `use ${first} and keep the text as a note.`
                : already.length === 0
                  ? `write one entry per id and keep the text as the note of ${first}.`
                  : `write one entry for each of ${nameList(added.map((id) => `"${id}"`))} and keep the text as the note of ${first}.`;
            message = `${matches}${has}; ${todo}`;
          }
          report({
            file,
            span: entry,
            message,
            fixes: [
              {
                title: added.length === 1 ? `Replace with ${first} (keep the text as note)` : `Split into ${nameList(added.map((id) => `"${id}"`))} (keep the text as note of ${first})`,
                edits: replaceWithIds(file, entry, seq, added),
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
