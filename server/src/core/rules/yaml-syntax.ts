import type { Rule } from './rule';

export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml-syntax',
    defaultSeverity: 'error',
    description: 'The file is not valid YAML.',
    fixable: 'none',
    needsModel: false,
  },
  check({ org, report }) {
    for (const file of org.files) {
      for (const problem of file.syntaxErrors) {
        report({ file, span: problem, message: `YAML syntax error: ${problem.message}` });
      }
    }
  },
};
