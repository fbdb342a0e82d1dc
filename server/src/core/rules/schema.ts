import { removePair, replaceScalar } from '../fixes';
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
  check({ org, parsedFiles, schemaProblems, report }) {
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
