import type { Rule } from './rule';
import { quoted } from './rule';

export const invalidReportingLine: Rule = {
  meta: {
    id: 'invalid-reporting-line',
    defaultSeverity: 'warning',
    description: 'The manager\u2019s role type is not one the model allows for this role type.',
    fixable: 'none',
    needsModel: true,
  },
  check({ org, model, parsedFiles, report }) {
    if (!model) return;
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        const type = org.typeOf(role);
        if (!type || type.reportsTo.length === 0) continue;
        const allowed = type.reportsTo;
        const allowedText = allowed.map((a) => (a === 'external' ? 'an external id' : model.roles.get(a)?.title ?? a)).join(' or ');
        const target = role.reportsTo;
        const manager = target ? org.firstRole(target.value) : undefined;
        if (manager) {
          const managerType = org.typeOf(manager);
          if (!managerType || allowed.includes(managerType.id)) continue;
          report({
            file,
            span: target ?? role,
            message: `A ${type.title} reports to ${allowedText}, but ${quoted(role.id?.value ?? '?')} reports to ${quoted(manager.id?.value ?? '?')}, a ${managerType.title}.`,
            related: [{ file: manager.file, span: manager.role ?? manager, message: `${quoted(manager.id?.value ?? '?')} is a ${managerType.title}` }],
          });
          continue;
        }
        if (target && !org.isExternal(target.value)) continue; // unknown-reference's finding
        if (allowed.includes('external')) continue;
        report({
          file,
          span: target ?? role.id ?? role,
          message: target
            ? `A ${type.title} reports to ${allowedText}, but ${quoted(role.id?.value ?? '?')} reports to external ${quoted(target.value)}.`
            : `A ${type.title} reports to ${allowedText}, but ${quoted(role.id?.value ?? '?')} has no reports_to (it reports outside the charter).`,
        });
      }
    }
  },
};
