import type { Rule } from './rule';

export const invalidModel: Rule = {
  meta: {
    id: 'invalid-model',
    defaultSeverity: 'error',
    description: 'A charter\u2019s model: cannot be loaded, leaves the project root, or differs from the organization\u2019s model.',
    fixable: 'none',
    needsModel: false,
  },
  check({ modelIssues, report }) {
    for (const issue of modelIssues) report(issue);
  },
};
