import { replaceKeepingComments } from '../fixes';
import type { Fix } from '../types';
import type { Rule } from './rule';
import { clip, quoted } from './rule';

export const scopeMismatch: Rule = {
  meta: {
    id: 'scope-mismatch',
    defaultSeverity: 'error',
    description: 'A role\u2019s scope kind differs from the scope of its role type.',
    fixable: 'suggestion',
    needsModel: true,
  },
  check({ org, parsedFiles, report }) {
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        const type = org.typeOf(role);
        if (!type || !role.scope || !org.hasScopeMismatch(role)) continue;
        const fixes: Fix[] = [];
        if (type.scope === 'organization') {
          const change = replaceKeepingComments(file, role.scope, 'organization');
          if (change) fixes.push({ title: 'Set scope to organization', edits: [change], safe: false, preferred: true });
        } else {
          // Offer regions no regional role covers yet first: that is where the missing manager belongs.
          const covered = org.coveredRegionNames();
          const declared = [...org.declaredRegionNames()];
          const ordered = [...declared.filter((r) => !covered.has(r)), ...declared.filter((r) => covered.has(r))].slice(0, 5);
          for (const region of ordered) {
            const value = /^[A-Za-z0-9][A-Za-z0-9 _.&-]*$/.test(region) ? region : JSON.stringify(region);
            const change = replaceKeepingComments(file, role.scope, `{region: ${value}}`);
            if (change) fixes.push({ title: `Set scope to region ${clip(region)}`, edits: [change], safe: false });
          }
        }
        const actual = role.scope.kind === 'organization' ? 'organization' : 'region';
        report({
          file,
          span: role.scope,
          message: `Role ${quoted(role.id?.value ?? '?')} is a ${type.title}, whose scope is ${type.scope}, but its scope is ${actual === 'organization' ? 'the organization' : 'a region'}.`,
          fixes,
        });
      }
    }
  },
};
