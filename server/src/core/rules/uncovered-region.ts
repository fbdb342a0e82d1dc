import type { Rule } from './rule';
import { quoted } from './rule';

export const uncoveredRegion: Rule = {
  meta: {
    id: 'uncovered-region',
    defaultSeverity: 'warning',
    description: 'A declared leaf region that no regional role covers.',
    fixable: 'none',
    needsModel: true,
  },
  check({ org, parsedFiles, report }) {
    const parsed = new Set(parsedFiles);
    const covered = org.coveredRegionNames();
    for (const info of org.regions.values()) {
      if (info.decls.length === 0 || covered.has(info.name) || org.hasChildren(info.name)) continue;
      const { file, decl } = info.decls[0];
      if (!parsed.has(file)) continue;
      report({ file, span: decl, message: `Region ${quoted(info.name)} is not covered by any regional role.` });
    }
  },
};
