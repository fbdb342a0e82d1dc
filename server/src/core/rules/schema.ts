import { removePair } from '../fixes';
import type { Fix } from '../types';
import type { Rule } from './rule';

export const schema: Rule = {
  meta: {
    id: 'schema',
    defaultSeverity: 'error',
    description: 'The charter breaks the charter JSON Schema: unknown key, wrong type or missing key.',
    fixable: 'safe',
    needsModel: false,
  },
  check({ parsedFiles, schemaProblems, report }) {
    for (const file of parsedFiles) {
      for (const problem of schemaProblems.get(file) ?? []) {
        const fixes: Fix[] = [];
        if (problem.unknownKey) {
          const edits = removePair(file, problem.unknownKey.map, problem.unknownKey.pair);
          if (edits) fixes.push({ title: `Remove unknown key "${problem.unknownKey.key}"`, edits, safe: true, preferred: true });
        }
        report({ file, span: problem, message: problem.message, fixes });
      }
    }
  },
};
