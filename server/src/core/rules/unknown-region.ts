import type { Rule } from './rule';
import { quoted } from './rule';
import { Suggester, replacementFixes, suggestionText } from './suggest';

export const unknownRegion: Rule = {
  meta: {
    id: 'unknown-region',
    defaultSeverity: 'error',
    description: 'A scope names a region that no charter declares.',
    fixable: 'suggestion',
    needsModel: false,
  },
  check({ org, parsedFiles, report }) {
    // Made on the first miss, as in unknown-reference.
    let declared: Suggester | undefined;
    for (const file of parsedFiles) {
      for (const role of file.roles) {
        if (role.scope?.kind !== 'regions') continue;
        for (const region of role.scope.regions) {
          if (org.isDeclaredRegion(region.value)) continue;
          const suggestions = (declared ??= new Suggester(org.declaredRegionNames())).suggest(region.value);
          report({
            file,
            span: region,
            message: `Region ${quoted(region.value)} is not declared under "regions".${suggestionText(suggestions)}`,
            fixes: replacementFixes(file, region, suggestions),
          });
        }
      }
    }
  },
};
