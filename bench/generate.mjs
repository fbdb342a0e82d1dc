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

const AREAS = ['Americas', 'EMEA', 'APAC', 'LATAM', 'Middle East', 'Africa'];
/** Leaf regions per zone (the middle level of the region tree). */
const REGIONS_PER_ZONE = 25;

/**
 * One organization of `files` charter files in a folder of its own (a folder is one
 * organization): `org.charter.yaml` with the Head of Sales and the region tree (areas > zones >
 * regions, one leaf region per team), and one small team file per Regional Sales Manager
 * (`teams/<zone>/rsm-<i>.charter.yaml`: scope its region, reports to the Head of Sales, 4–6
 * duties). Planted mistakes, at every size: a missing duty (every 50th team from the 7th), an
 * unknown `reports_to` (every 333rd from the 3rd), a duty listed twice (every 97th from the 5th),
 * an overlap (every 250th from the 11th also names its neighbour's region), and one region
 * declared that no team covers.
 *
 * Returns where the benchmark edits: a clean team file (`keystroke`: the line of a duty it can
 * remove), and a region with the clean team file that uses it (`crossFile`: the org file's line
 * declaring it).
 */
export function writeOrganization(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.charterlintrc.yaml'), 'files: ["**/*.charter.yaml"]\n');
  const teams = files - 1;
  // One leaf per team, plus one that nobody covers.
  const leafCount = teams + 1;
  const zoneCount = Math.ceil(leafCount / REGIONS_PER_ZONE);
  const areaCount = Math.min(AREAS.length, zoneCount);
  const zoneName = (z) => `${AREAS[z % areaCount]} ${Math.floor(z / areaCount) + 1}`;
  const leafName = (i) => `${zoneName(Math.floor(i / REGIONS_PER_ZONE))}-${(i % REGIONS_PER_ZONE) + 1}`;
  const missingDuty = (i) => i % 50 === 7;
  const unknownManager = (i) => i % 333 === 3;
  const twice = (i) => i % 97 === 5;
  const overlap = (i) => i % 250 === 11 && i + 1 < teams;
  const planted = (i) => missingDuty(i) || unknownManager(i) || twice(i) || overlap(i) || (i > 0 && overlap(i - 1));

  const org = ['# The organization: its Head of Sales and its territories.', 'charter: Bench Sales', 'regions:'];
  const leafLine = new Map();
  for (let a = 0; a < areaCount; a++) {
    org.push(`  - ${AREAS[a]}:`);
    for (let z = a; z < zoneCount; z += areaCount) {
      org.push(`      - ${zoneName(z)}:`);
      for (let i = z * REGIONS_PER_ZONE; i < Math.min(leafCount, (z + 1) * REGIONS_PER_ZONE); i++) {
        leafLine.set(i, org.length);
        org.push(`          - ${leafName(i)}`);
      }
    }
  }
  org.push('external: [ceo]', 'roles:', '  - id: hos', '    role: head-of-sales', '    holder: Dana Whitfield', '    scope: organization', '    reports_to: ceo', '    responsibilities:', ...HOS.map((id) => `      - ${id}`));
  const orgFile = path.join(dir, 'org.charter.yaml');
  fs.writeFileSync(orgFile, `${org.join('\n')}\n`);

  const teamFiles = [];
  const dutyLine = new Map();
  for (let i = 0; i < teams; i++) {
    const folder = path.join(dir, 'teams', zoneName(Math.floor(i / REGIONS_PER_ZONE)).replaceAll(' ', '-'));
    fs.mkdirSync(folder, { recursive: true });
    const scope = overlap(i) ? `{regions: [${leafName(i)}, ${leafName(i + 1)}]}` : `{region: ${leafName(i)}}`;
    const lines = [`charter: ${leafName(i)} sales team`, 'roles:', `  - id: rsm-${i}`, '    role: regional-sales-manager', `    holder: Person ${i}`, `    scope: ${scope}`, `    reports_to: ${unknownManager(i) ? 'hsos' : 'hos'}`, '    responsibilities:'];
    for (const [index, id] of RSM.entries()) {
      if (missingDuty(i) && index === 1) continue;
      if (index === 3) dutyLine.set(i, lines.length);
      // Some teams write a duty with a note, as people do.
      lines.push(i % 7 === 0 && index === 2 ? `      - id: ${id}\n        note: top ${(i % 20) + 5} accounts` : `      - ${id}`);
    }
    if (twice(i)) lines.push(`      - ${RSM[0]}`);
    const file = path.join(folder, `rsm-${i}.charter.yaml`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    teamFiles.push(file);
  }
  // A clean team in the middle for keystrokes; another clean one for the cross-file rename.
  const clean = (from) => {
    for (let i = from; i < teams; i++) if (!planted(i) && i % 7 !== 0) return i;
    throw new Error('no clean team');
  };
  const typing = clean(Math.floor(teams / 2));
  const renamed = clean(Math.floor(teams / 3) === typing ? typing + 1 : Math.floor(teams / 3));
  return {
    dir,
    orgFile,
    files: [orgFile, ...teamFiles],
    keystroke: { file: teamFiles[typing], line: dutyLine.get(typing) },
    crossFile: { file: teamFiles[renamed], region: leafName(renamed), orgLine: leafLine.get(renamed) },
  };
}

/**
 * The crowded charter: one file of about 10 lines per role in which many regional managers share
 * a few regions, as in the middle of a reorganization (old and new Head of Sales, managers moved
 * to areas or to two regions, reporting to a manager who left, duties not yet redistributed).
 * 950 roles ≈ 10k lines and about 5,600 findings.
 */
export function crowdedCharter(roles = 950) {
  const areas = { EMEA: ['DACH', 'Nordics', 'UK&I', 'Benelux', 'France'], APAC: ['ANZ', 'Japan', 'India', 'SEA'], Americas: ['US East', 'US West', 'Canada'] };
  const leaves = Object.values(areas).flat();
  const areaNames = Object.keys(areas);
  const lines = ['# Generated crowded charter: a reorganization half done', 'charter: Bench Sales (reorganization)', 'regions:'];
  for (const [area, children] of Object.entries(areas)) lines.push(`  - ${area}: [${children.join(', ')}]`);
  lines.push('external: [ceo]', 'roles:');
  for (const id of ['hos', 'hos-new']) {
    lines.push(`  - id: ${id}`, '    role: head-of-sales', `    holder: ${id === 'hos' ? 'Dana Whitfield' : 'Sam Okafor'}`, '    scope: organization', '    reports_to: ceo', '    responsibilities:');
    for (const duty of HOS) lines.push(`      - ${duty}`);
  }
  for (let i = 1; i < roles - 1; i++) {
    const scope = i % 25 === 1 ? `{region: ${areaNames[i % areaNames.length]}}` : i % 10 === 0 ? `{regions: [${leaves[i % leaves.length]}, ${leaves[(i + 3) % leaves.length]}]}` : `{region: ${leaves[i % leaves.length]}}`;
    lines.push(`  - id: rsm-${i}`, '    role: regional-sales-manager', `    holder: Person ${i}`, `    scope: ${scope}`, `    reports_to: ${i % 3 === 0 ? 'hos-old' : i % 2 === 0 ? 'hos-new' : 'hos'}`, '    responsibilities:');
    for (const [index, duty] of RSM.entries()) if (!((i % 3 === 0 && index >= 3) || (i % 3 === 1 && index === 4))) lines.push(`      - ${duty}`);
    if (i % 2 === 0) lines.push('      - sales-strategy');
    if (i % 2 === 0) lines.push(`      - ${RSM[0]}`);
    lines.push('      - Forecast quarterly revenue');
  }
  return `${lines.join('\n')}\n`;
}
