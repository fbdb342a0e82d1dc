// Deterministic charter generators for the benchmark: one big organization file of N roles, and a
// workspace of many small team files. Each carries a few real findings (a missing duty, an overlap).
import * as fs from 'node:fs';
import * as path from 'node:path';

const RSM = ['regional-sales-plan', 'regional-team-leadership', 'key-account-relationships', 'regional-market-insights', 'regional-business-development'];
const HOS = ['sales-strategy', 'sales-team-management', 'performance-reporting', 'talent-development', 'customer-insights', 'cross-functional-alignment', 'sales-operations', 'revenue-forecasting', 'budget-management'];

/** About 10 lines per role: 100 roles ≈ 1k lines, 10,000 roles ≈ 100k lines. */
export function bigCharter(roles) {
  // One region per regional manager (grouped ten to a parent), so findings stay the planted few.
  const regions = Math.max(1, roles - 1);
  const lines = ['# Generated benchmark charter', 'charter: Bench Sales', 'regions:'];
  for (let g = 0; g < regions; g += 10) {
    const children = [];
    for (let r = g; r < Math.min(regions, g + 10); r++) children.push(`R${r}`);
    lines.push(`  - G${g / 10}: [${children.join(', ')}]`);
  }
  lines.push('external: [ceo]', 'roles:', '  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities:');
  for (const id of HOS) lines.push(`      - ${id}`);
  for (let i = 1; i < roles; i++) {
    const region = `R${i % regions}`;
    lines.push(`  - id: rsm-${i}`, '    role: regional-sales-manager', `    holder: Person ${i}`, `    scope: {region: ${region}}`, '    reports_to: hos', '    responsibilities:');
    // Every 97th role misses a duty; every 89th lists one twice: real findings, not a clean file.
    for (const [index, id] of RSM.entries()) if (!(i % 97 === 0 && index === 4)) lines.push(`      - ${id}`);
    if (i % 89 === 0) lines.push('      - key-account-relationships');
  }
  return `${lines.join('\n')}\n`;
}

export function writeWorkspace(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.charterlintrc.yaml'), 'files: ["**/*.charter.yaml"]\n');
  const regions = files;
  const org = ['charter: Bench Org', 'regions:', ...Array.from({ length: regions }, (_, i) => `  - T${i}`), 'external: [ceo]', 'roles:', '  - id: hos', '    role: head-of-sales', '    scope: organization', '    reports_to: ceo', '    responsibilities:', ...HOS.map((id) => `      - ${id}`)];
  fs.writeFileSync(path.join(dir, 'org.charter.yaml'), `${org.join('\n')}\n`);
  for (let i = 0; i < files - 1; i++) {
    const sub = path.join(dir, `team-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    const duties = RSM.filter((_, index) => !(i % 50 === 0 && index === 0));
    const text = [`charter: Team ${i}`, 'roles:', `  - id: rsm-${i}`, '    role: regional-sales-manager', `    scope: {region: T${i}}`, `    reports_to: ${i % 333 === 0 ? 'hsos' : 'hos'}`, '    responsibilities:', ...duties.map((id) => `      - ${id}`)];
    fs.writeFileSync(path.join(sub, `team-${i}.charter.yaml`), `${text.join('\n')}\n`);
  }
}
