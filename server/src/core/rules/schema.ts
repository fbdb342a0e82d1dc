import { edit, removePair, replaceScalar } from '../fixes';
import type { RoleModel } from '../model/model';
import type { CharterFile } from '../parse';
import { charterSkeleton, skeletonChoices } from '../skeleton';
import type { Fix } from '../types';
import type { Rule } from './rule';
import { quoted } from './rule';

export const schema: Rule = {
  meta: {
    id: 'schema',
    defaultSeverity: 'error',
    description: 'The charter breaks the charter JSON Schema: unknown key, wrong type or missing key; or holds a second YAML document.',
    fixable: 'safe',
    needsModel: false,
  },
  check({ org, model, parsedFiles, schemaProblems, report }) {
    for (const file of parsedFiles) {
      for (const problem of schemaProblems.get(file) ?? []) {
        const fixes: Fix[] = [];
        if (problem.misspelt) {
          // The one safe schema fix: the key is already read as the one it stands for, so
          // renaming it changes nothing any rule sees, and keeps the value and its comments.
          const { key, standsFor } = problem.misspelt;
          fixes.push({ title: `Rename ${quoted(key)} to "${standsFor}"`, edits: [replaceScalar(file, problem, standsFor)], safe: true, preferred: true });
        } else if (problem.unknownKey) {
          // Removing what a person wrote is never safe: offered one at a time, never in Fix all.
          const edits = removePair(file, problem.unknownKey.map, problem.unknownKey.pair);
          if (edits) fixes.push({ title: `Remove unknown key ${quoted(problem.unknownKey.key)}`, edits, safe: false });
        } else if (problem.emptyDocument && model) {
          fixes.push(...skeletonFixes(file, model));
        }
        report({ file, span: problem, message: problem.message, fixes });
      }
    }
    for (const file of org.files) {
      if (!file.extraDocument) continue;
      report({
        file,
        span: file.extraDocument,
        message: 'A second YAML document starts here: one charter per file, and only the first document is read.',
      });
    }
  },
};

/**
 * An empty charter (blank, or comments only): one fix per role type of the model, inserting the
 * core's skeleton for it (that type's required ids included) after whatever comments are there.
 * Not safe: which charter to start is the person's choice. Nothing is offered when the text holds
 * anything else a skeleton could collide with (an explicit null, an end-of-document marker).
 */
function skeletonFixes(file: CharterFile, model: RoleModel): Fix[] {
  const lines = file.text.split(/\r?\n/);
  if (!lines.every((line) => line.trim() === '' || line.trim().startsWith('#') || /^---\s*(#.*)?$/.test(line) || line.startsWith('%'))) return [];
  const eol = file.lines.eol;
  const at = file.text.length;
  const before = at > 0 && !/\n$/.test(file.text) ? eol : '';
  const fixes: Fix[] = [];
  for (const choice of skeletonChoices(model)) {
    const text = charterSkeleton(model, choice.roleType);
    if (text === undefined) continue;
    fixes.push({
      title: `Insert a charter skeleton for a ${choice.label}`,
      edits: [edit(file, at, at, before + text.replace(/\n/g, eol))],
      safe: false,
      preferred: fixes.length === 0,
    });
  }
  return fixes;
}
