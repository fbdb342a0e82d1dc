import { analyze, FileCache } from '../core/analyze';

/**
 * A made-up organization of 80 roles with a little of everything (nested regions, free-text
 * duties, a schema problem, an overlap, a missing duty), analysed a few times during initialize.
 * V8 compiles hot functions to fast code only after many calls; without this, the first file a
 * user opens runs through the parser and the rules in the slow interpreter tier, several times
 * slower. It shares no data with real files: only code is warmed.
 */
export function warmUpCharter(roles: number, edit: number): string {
  const lines = ['# warm-up', 'charter: Warm-up Sales', 'regions:', '  - North: [N1, N2, N3]', '  - South:', '      - S1', '      - S2: [S2a, S2b]'];
  for (let i = 0; i < roles; i++) lines.push(`  - W${i}`);
  lines.push('external: [board]', 'roles:', '  - id: chief', '    role: head-of-sales', '    scope: organization', '    reports_to: board', '    responsibilities:');
  lines.push('      - sales-strategy', '      - Run the weekly forecast call', '      - {id: budget-management, note: with finance}', '      - talent-development');
  // North contains the N regions some leads name: a territory overlap too-many-holders does not report.
  lines.push('  - id: lead-north', '    role: regional-sales-manager', '    scope: {region: North}', '    reports_to: chief', '    responsibilities: [regional-sales-plan, regional-team-leadership]');
  for (let i = 0; i < roles; i++) {
    lines.push(`  - id: lead-${i}`, `    role: ${i % 31 === 7 ? 'sales-wizard' : 'regional-sales-manager'}`, `    holder: Someone ${i}${i === edit ? 'x' : ''}`);
    lines.push(i % 13 === 5 ? `    scope: {regions: [W${i}, N${(i % 3) + 1}]}` : `    scope: {region: W${i}}`);
    lines.push(`    reports_to: ${i % 17 === 3 ? 'nobody' : 'chief'}`, '    responsibilities:', '      - regional-sales-plan', '      - regional-team-leadership');
    if (i % 5 === 0) lines.push('      - Build relationships with key accounts in the territory');
    else lines.push('      - key-account-relationships');
    if (i % 11 !== 4) lines.push('      - regional-market-insights');
    lines.push(i % 19 === 2 ? '      - sales-strategy' : '      - regional-business-development');
    if (i % 23 === 9) lines.push('    colour: blue');
  }
  return `${lines.join('\n')}\n`;
}

export function warmUp(): void {
  try {
    analyze({ files: [{ path: '/warm-up/small.charter.yaml', text: 'charter: warm-up\nregions: [A]\nroles:\n  - id: a\n    role: regional-sales-manager\n    scope: {region: A}\n    responsibilities: [regional-sales-plan, Coach the reps]\n' }] });
    // The chunked parse (64+ roles), then edits of it as while typing.
    const cache = new FileCache();
    for (let round = 0; round < 6; round++) analyze({ files: [{ path: '/warm-up/org.charter.yaml', text: warmUpCharter(80, round === 0 ? -1 : round * 7) }], cache });
  } catch {
    // Warming up is an optimisation only.
  }
}
