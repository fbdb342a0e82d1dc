import type { AnalysisResult } from '../../core/analyze';
import { scopeLabel, type RoleDecl } from '../../core/parse';
import type { Finding, Severity } from '../../core/types';
import { htmlSafe } from '../terminal';
import type { FileReport, FormatOptions } from './types';

/**
 * A self-contained HTML report (SPEC §3): per organization the org chart drawn from `reports_to`
 * as SVG, the responsibility matrix (roles × responsibilities) and the findings. No scripts,
 * fonts or network.
 */

// Entities for markup; control characters as visible escapes, since the page may go to a terminal.
const escape = (text: string) =>
  htmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info', 'hint'];

function worst(findings: Finding[]): Severity | undefined {
  return SEVERITY_ORDER.find((severity) => findings.some((f) => f.severity === severity));
}

function roleFindings(role: RoleDecl, findings: Finding[]): Finding[] {
  return findings.filter((f) => f.file === role.file.path && f.offsets.start >= role.start && f.offsets.start < Math.max(role.end, role.start + 1));
}

const BOX_W = 190;
const BOX_H = 74;
const GAP_X = 24;
const GAP_Y = 56;

function orgChart(analysis: AnalysisResult, findings: Finding[]): string {
  const { org } = analysis;
  const roles = org.roles.filter((r) => r.id);
  const byId = new Map<string, RoleDecl>();
  for (const role of roles) if (role.id && !byId.has(role.id.value)) byId.set(role.id.value, role);
  const children = new Map<string, RoleDecl[]>();
  const roots: string[] = [];
  const externalRoots = new Set<string>();
  for (const role of byId.values()) {
    const manager = role.reportsTo?.value;
    if (manager && byId.has(manager) && manager !== role.id?.value) {
      children.set(manager, [...(children.get(manager) ?? []), role]);
    } else {
      roots.push(role.id?.value ?? '');
      if (manager) externalRoots.add(manager);
    }
  }
  // Lay out depth-first; each leaf takes the next column, a manager sits above its reports.
  const position = new Map<string, { x: number; y: number }>();
  let column = 0;
  const place = (id: string, depth: number, trail: Set<string>): number => {
    if (trail.has(id) || position.has(id)) return position.get(id)?.x ?? column;
    trail.add(id);
    const kids = (children.get(id) ?? []).map((r) => r.id?.value ?? '').filter((k) => !position.has(k) && !trail.has(k));
    let x: number;
    if (kids.length === 0) x = column++;
    else {
      const xs = kids.map((k) => place(k, depth + 1, trail));
      x = (Math.min(...xs) + Math.max(...xs)) / 2;
    }
    position.set(id, { x, y: depth + 1 });
    return x;
  };
  for (const root of roots) place(root, 0, new Set());
  for (const id of byId.keys()) if (!position.has(id)) place(id, 0, new Set()); // cycles
  const externals = [...externalRoots].map((name, index) => ({ name, x: index * 1.2 }));
  const width = Math.max(1, column, externals.length) * (BOX_W + GAP_X) + GAP_X;
  const depth = Math.max(1, ...[...position.values()].map((p) => p.y)) + 1;
  const height = depth * (BOX_H + GAP_Y) + GAP_Y;
  const px = (x: number) => GAP_X + x * (BOX_W + GAP_X);
  const py = (y: number) => GAP_Y / 2 + y * (BOX_H + GAP_Y);
  const parts: string[] = [];
  const externalX = new Map<string, number>();
  externals.forEach((external) => {
    // Centre each external above the roles reporting to it.
    const reports = roots.filter((r) => byId.get(r)?.reportsTo?.value === external.name).map((r) => position.get(r)?.x ?? 0);
    const x = reports.length > 0 ? (Math.min(...reports) + Math.max(...reports)) / 2 : external.x;
    externalX.set(external.name, x);
    parts.push(
      `<g class="external"><rect x="${px(x)}" y="${py(0)}" width="${BOX_W}" height="${BOX_H / 2}" rx="8"/><text x="${px(x) + BOX_W / 2}" y="${py(0) + 23}" text-anchor="middle">${escape(external.name)} (${org.externals.has(external.name) ? 'external' : 'unknown'})</text></g>`,
    );
  });
  for (const role of byId.values()) {
    const id = role.id?.value ?? '';
    const at = position.get(id);
    if (!at) continue;
    const manager = role.reportsTo?.value;
    const managerAt = manager ? (byId.has(manager) ? position.get(manager) : externalX.has(manager) ? { x: externalX.get(manager) ?? 0, y: 0 } : undefined) : undefined;
    if (managerAt && manager !== id) {
      const fromY = py(managerAt.y) + (byId.has(manager ?? '') ? BOX_H : BOX_H / 2);
      parts.push(`<path class="line" d="M${px(managerAt.x) + BOX_W / 2},${fromY} V${(fromY + py(at.y)) / 2} H${px(at.x) + BOX_W / 2} V${py(at.y)}"/>`);
    }
  }
  for (const role of byId.values()) {
    const id = role.id?.value ?? '';
    const at = position.get(id);
    if (!at) continue;
    const own = roleFindings(role, findings);
    const level = worst(own) ?? 'ok';
    const type = org.typeOf(role)?.title ?? role.role?.value ?? '?';
    const title = own.map((f) => `${f.severity}: ${f.message}`).join('\n');
    parts.push(
      `<g class="role ${level}" data-role="${escape(id)}"><title>${escape(title || 'no findings')}</title>` +
        `<rect x="${px(at.x)}" y="${py(at.y)}" width="${BOX_W}" height="${BOX_H}" rx="8"/>` +
        `<text class="id" x="${px(at.x) + 10}" y="${py(at.y) + 20}">${escape(id)}</text>` +
        `<text x="${px(at.x) + 10}" y="${py(at.y) + 38}">${escape(type)}</text>` +
        `<text class="muted" x="${px(at.x) + 10}" y="${py(at.y) + 55}">${escape(role.holder ?? '')}${role.holder ? ' \u00b7 ' : ''}${escape(scopeLabel(role))}</text>` +
        (own.length > 0 ? `<text class="badge" x="${px(at.x) + BOX_W - 10}" y="${py(at.y) + 20}" text-anchor="end">${own.length}</text>` : '') +
        `</g>`,
    );
  }
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Org chart">${parts.join('')}</svg>`;
}

function matrix(analysis: AnalysisResult, findings: Finding[]): string {
  const { org, model } = analysis;
  if (!model) return '<p>The role model failed to load, so there is no responsibility matrix.</p>';
  const ids = [...model.responsibilities.keys()];
  const ownersCount = new Map<string, number>();
  for (const role of org.roles) for (const id of org.ownedIds(role).keys()) ownersCount.set(id, (ownersCount.get(id) ?? 0) + 1);
  const head = ids
    .map((id) => {
      const unowned = !ownersCount.has(id);
      return `<th class="${unowned ? 'unowned' : ''}" title="${escape(model.responsibilities.get(id)?.title ?? id)}${unowned ? ' — nobody owns it' : ''}"><span>${escape(id)}</span></th>`;
    })
    .join('');
  const rows = org.roles.map((role) => {
    const owned = org.ownedIds(role);
    const type = org.typeOf(role);
    const own = roleFindings(role, findings);
    const cells = ids.map((id) => {
      const entry = owned.get(id);
      if (entry) {
        const at = own.filter((f) => f.offsets.start === entry.entry.start);
        const state = at.some((f) => f.rule === 'responsibility-out-of-scope')
          ? ['out-of-scope', 'out of scope']
          : at.some((f) => f.rule === 'responsibility-overlap')
            ? ['overlap', 'overlap']
            : ['owned', 'owned'];
        return `<td class="${state[0]}" title="${escape(`${role.id?.value ?? '?'}: ${id} — ${state[1]}`)}">${state[0] === 'owned' ? '\u2713' : state[0] === 'overlap' ? '\u2716' : '\u2191'}</td>`;
      }
      if (type?.requires.includes(id)) return `<td class="missing" title="${escape(`${role.id?.value ?? '?'}: ${id} — missing`)}">\u2013</td>`;
      return '<td></td>';
    });
    return `<tr><th class="rowhead">${escape(role.id?.value ?? '?')}<div class="muted">${escape(type?.title ?? role.role?.value ?? '?')} · ${escape(scopeLabel(role))}</div></th>${cells.join('')}</tr>`;
  });
  return `<table class="matrix"><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="legend"><span class="owned">\u2713 owned</span> <span class="overlap">\u2716 overlapping owners</span> <span class="missing">\u2013 missing (required by the role type)</span> <span class="out-of-scope">\u2191 broader than the role's scope</span> <span class="unowned">column: nobody owns it</span></p>`;
}

function findingsList(reports: FileReport[]): string {
  const rows = reports.flatMap((report) =>
    report.findings.map(
      (f) =>
        `<tr class="${f.severity}" data-file="${escape(f.file)}" data-line="${f.range.start.line}" data-character="${f.range.start.character}"><td><code>${escape(report.label ?? report.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}</code></td><td>${f.severity}</td><td>${escape(f.message)}</td><td><a href="${escape(f.docsUrl)}">${f.rule}</a></td></tr>`,
    ),
  );
  if (rows.length === 0) return '<p>No findings.</p>';
  return `<table class="findings"><thead><tr><th>Where</th><th>Severity</th><th>Message</th><th>Rule</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:22px}h2{font-size:18px;margin-top:32px}.muted{color:#656d76;font-size:12px}
.chart{max-width:100%;height:auto;border:1px solid #d0d7de;border-radius:8px;background:#f6f8fa}
.chart rect{fill:#fff;stroke:#8c959f;stroke-width:1.5}.chart .external rect{stroke-dasharray:5 4;fill:#f6f8fa}
.chart .role.error rect{stroke:#cf222e;stroke-width:3}.chart .role.warning rect{stroke:#bf8700;stroke-width:3}
.chart .role.info rect,.chart .role.hint rect{stroke:#0969da;stroke-width:2}
.chart text{font-size:12px;fill:#1f2328}.chart .id{font-weight:600;font-size:13px}.chart .muted{fill:#656d76;font-size:11px}
.chart .badge{font-weight:700;fill:#cf222e}.chart .line{fill:none;stroke:#8c959f;stroke-width:1.5}
table{border-collapse:collapse;margin-top:8px}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
.matrix td{text-align:center;width:28px}.matrix thead th{height:170px;vertical-align:bottom;white-space:nowrap}
.matrix thead th span{writing-mode:vertical-rl;transform:rotate(180deg)}.matrix thead th.unowned{background:#ffebe9}
td.owned{background:#dafbe1}td.overlap{background:#ffebe9;color:#cf222e;font-weight:700}td.missing{background:#fff8c5}
td.out-of-scope{background:#fbefff;color:#8250df}.legend span{margin-right:12px;padding:2px 6px;border-radius:4px}
.legend .owned{background:#dafbe1}.legend .overlap{background:#ffebe9}.legend .missing{background:#fff8c5}.legend .out-of-scope{background:#fbefff}.legend .unowned{background:#ffebe9}
tr.error td:nth-child(2){color:#cf222e;font-weight:600}tr.warning td:nth-child(2){color:#9a6700;font-weight:600}
`;

export function formatHtml(reports: FileReport[], analyses: AnalysisResult[], options: FormatOptions): string {
  const all = reports.flatMap((r) => r.findings);
  const count = (severity: Severity) => all.filter((f) => f.severity === severity).length;
  const sections = analyses.map((analysis, index) => {
    const files = new Set(analysis.files.map((f) => f.path));
    const own = reports.filter((r) => files.has(r.file));
    const findings = own.flatMap((r) => r.findings);
    // Team files often extend the organization's name ("Acme Sales — EMEA"): the shortest is the organization's.
    const names = analysis.files.map((f) => f.doc.get('charter')).filter((c): c is string => typeof c === 'string');
    const name = names.sort((a, b) => a.length - b.length)[0] ?? `Organization ${index + 1}`;
    return `<section class="organization"><h2>${escape(name)}</h2>
<p class="muted">${analysis.files.length} charter file(s) · model ${escape(analysis.model?.id ?? 'not loaded')} · ${analysis.org.roles.length} role(s)</p>
<h3>Org chart</h3>${orgChart(analysis, findings)}
<h3>Responsibility matrix</h3>${matrix(analysis, findings)}
<h3>Findings</h3>${findingsList(own)}</section>`;
  });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Org Charter Lint report</title>
<meta name="generator" content="charter-lint ${escape(options.version)}"><style>${STYLE}</style></head>
<body><h1>Org Charter Lint report</h1>
<p>${reports.length} file(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info.</p>
${sections.join('\n')}
</body></html>
`;
}
