import type { Rule } from './rule';
import { quoted } from './rule';

export const duplicateRegion: Rule = {
  meta: {
    id: 'duplicate-region',
    defaultSeverity: 'error',
    description: 'A region name is declared under two different parents.',
    fixable: 'none',
    needsModel: false,
  },
  check({ org, parsedFiles, report }) {
    const parsed = new Set(parsedFiles);
    for (const info of org.regions.values()) {
      if (info.decls.length < 2) continue;
      const first = info.decls[0];
      const parentName = (p: string | null) => (p === null ? 'the top level' : quoted(p));
      for (const later of info.decls.slice(1)) {
        if (later.decl.parent === first.decl.parent || !parsed.has(later.file)) continue;
        report({
          file: later.file,
          span: later.decl,
          message: `Region ${quoted(info.name)} is declared under ${parentName(later.decl.parent)} here but under ${parentName(first.decl.parent)} before; a region has one parent.`,
          related: [{ file: first.file, span: first.decl, message: `${quoted(info.name)} first declared under ${parentName(first.decl.parent)}` }],
        });
      }
    }
  },
};
