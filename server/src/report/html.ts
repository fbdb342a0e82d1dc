import type { AnalysisResult } from '../core/analyze';
import { scopeLabel, type RoleDecl } from '../core/parse';
import type { Finding, Severity } from '../core/types';
import { htmlSafe } from '../cli/terminal';
import type { FileReport, FormatOptions } from '../cli/formatters/types';

/**
 * The HTML report (SPEC §3 `--format html`), the one the CLI writes and the editor shows beside a
 * charter: per organization the org chart drawn from `reports_to`, the responsibility matrix
 * (roles × responsibilities) and the findings. Self-contained: no scripts, fonts or network.
 *
 * The org chart is HTML, not a drawing of fixed size: each manager's reports form a group that
 * wraps to the width available, down to one column beside the editor (~420 px), so box text keeps
 * its size. Role boxes and findings rows carry `data-file`/`data-line`/`data-character` (the
 * editor's webview opens that place on a click; the CLI's file has no script and ignores them).
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

/** "1 error, 12 warnings, 2 info, 1 hint": every severity, so a hint is never left out of the count. */
export function severityCounts(findings: Finding[]): string {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  const hints = count('hint');
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${count('info')} info, ${hints} hint${hints === 1 ? '' : 's'}`;
}

/** Where a click on a role's box goes: its id (else the role's first line). */
function placeOf(role: RoleDecl): string {
  const at = role.file.lines.positionAt(role.id?.start ?? role.start);
  return `data-file="${escape(role.file.path)}" data-line="${at.line}" data-character="${at.character}"`;
}

function orgChart(analysis: AnalysisResult, findings: Finding[]): string {
  const { org } = analysis;
  const byId = new Map<string, RoleDecl>();
  for (const role of org.roles) if (role.id && !byId.has(role.id.value)) byId.set(role.id.value, role);
  const reports = new Map<string, RoleDecl[]>();
  // Roles whose manager is not a role of the organization, grouped by that manager (external,
  // unknown, or none).
  const tops = new Map<string, RoleDecl[]>();
  for (const role of byId.values()) {
    const manager = role.reportsTo?.value;
    if (manager && byId.has(manager) && manager !== role.id?.value) reports.set(manager, [...(reports.get(manager) ?? []), role]);
    else tops.set(manager ?? '', [...(tops.get(manager ?? '') ?? []), role]);
  }
  const placed = new Set<string>();
  const box = (role: RoleDecl): string => {
    const id = role.id?.value ?? '';
    const own = roleFindings(role, findings);
    const level = worst(own) ?? 'ok';
    const type = org.typeOf(role)?.title ?? role.role?.value ?? '?';
    const title = own.map((f) => `${f.severity}: ${f.message}`).join('\n');
    return (
      `<div class="role ${level}" data-role="${escape(id)}" ${placeOf(role)} tabindex="0" title="${escape(title || 'no findings')}">` +
      `<div class="id">${escape(id)}${own.length > 0 ? ` <span class="badge ${level}" aria-label="${own.length} finding(s)">${own.length}</span>` : ''}</div>` +
      `<div class="type">${escape(type)}</div>` +
      `<div class="muted">${escape(role.holder ?? '')}${role.holder ? ' \u00b7 ' : ''}${escape(scopeLabel(role))}</div></div>`
    );
  };
  // Depth-first; a role met again (a reporting cycle) is not drawn twice.
  const node = (role: RoleDecl): string => {
    const id = role.id?.value ?? '';
    placed.add(id);
    const kids = (reports.get(id) ?? []).filter((r) => !placed.has(r.id?.value ?? ''));
    for (const kid of kids) placed.add(kid.id?.value ?? '');
    return `<li>${box(role)}${kids.length > 0 ? `<ul class="reports">${kids.map(node).join('')}</ul>` : ''}</li>`;
  };
  const groups: string[] = [];
  for (const [manager, roles] of tops) {
    for (const role of roles) placed.add(role.id?.value ?? '');
    const items = roles.map(node).join('');
    if (!manager) groups.push(items);
    else {
      const kind = org.externals.has(manager) ? 'external' : 'unknown';
      groups.push(`<li><div class="manager ${kind}">${escape(manager)} <span class="muted">(${kind})</span></div><ul class="reports">${items}</ul></li>`);
    }
  }
  // Roles only reachable through a reporting cycle.
  for (const role of byId.values()) if (!placed.has(role.id?.value ?? '')) groups.push(node(role));
  if (groups.length === 0) return '<p class="muted">No roles with an id.</p>';
  // The zoom controls stay hidden unless CHART_SCRIPT runs (the editor's webview; the CLI's file has no script).
  const tools =
    '<div class="chart-tools" hidden role="toolbar" aria-label="Org chart zoom">' +
    '<button type="button" data-zoom="out" aria-label="Zoom out" title="Zoom out (\u2212)">\u2212</button>' +
    '<output class="zoom-level" aria-live="polite">100%</output>' +
    '<button type="button" data-zoom="in" aria-label="Zoom in" title="Zoom in (+)">+</button>' +
    '<button type="button" data-zoom="fit" title="Show the whole chart">Fit</button>' +
    '<button type="button" data-zoom="reset" title="Actual size (0)">Reset</button>' +
    '<span class="muted">Ctrl/\u2318+wheel zooms; drag, scroll or arrow keys pan</span></div>';
  return `${tools}<div class="chart" role="group" aria-label="Org chart"><div class="canvas"><ul class="top">${groups.join('')}</ul></div></div>`;
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
    return `<tr><th class="rowhead" ${placeOf(role)}>${escape(role.id?.value ?? '?')}<div class="muted">${escape(type?.title ?? role.role?.value ?? '?')} · ${escape(scopeLabel(role))}</div></th>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="matrix"><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>
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

/**
 * Zoom and pan for the org chart, for the editor's webview (which injects it with its nonce): the
 * toolbar's buttons, Ctrl/⌘+wheel (about the pointer), and +, − and 0 on the focused chart zoom;
 * dragging the background, scrolling and the arrow keys pan. Zooming keeps the layout of 100 %
 * (the canvas keeps its width) and scales it, so the chart scrolls inside its own box.
 */
export const CHART_SCRIPT = `(()=>{
const MIN=0.25,MAX=3;
for(const chart of document.querySelectorAll('.chart')){
  const tools=chart.previousElementSibling,canvas=chart.querySelector('.canvas');
  if(!tools||!tools.classList.contains('chart-tools')||!canvas)continue;
  tools.hidden=false;chart.classList.add('zoomable');chart.tabIndex=0;
  chart.setAttribute('aria-label','Org chart: + and \u2212 zoom, 0 resets, arrow keys pan');
  const level=tools.querySelector('.zoom-level');let z=1;
  const set=(next,cx,cy)=>{
    next=Math.min(MAX,Math.max(MIN,Math.round(next*100)/100));
    if(next===z)return;
    if(cx===undefined){cx=chart.clientWidth/2;cy=chart.clientHeight/2;}
    const px=(chart.scrollLeft+cx)/z,py=(chart.scrollTop+cy)/z;
    if(z===1)canvas.style.width=canvas.offsetWidth+'px';
    z=next;canvas.style.zoom=String(z);
    if(z===1)canvas.style.width='';
    chart.scrollLeft=px*z-cx;chart.scrollTop=py*z-cy;
    level.textContent=Math.round(z*100)+'%';chart.dataset.zoom=String(z);
  };
  tools.addEventListener('click',e=>{
    const b=e.target.closest('button[data-zoom]');if(!b)return;
    const what=b.dataset.zoom;
    if(what==='in')set(z*1.25);else if(what==='out')set(z/1.25);else if(what==='reset')set(1);
    else if(what==='fit')set(z*Math.min(chart.clientWidth/Math.max(1,chart.scrollWidth),chart.clientHeight/Math.max(1,chart.scrollHeight)));
  });
  chart.addEventListener('wheel',e=>{
    if(!e.ctrlKey&&!e.metaKey)return;
    e.preventDefault();const r=chart.getBoundingClientRect();
    set(z*(e.deltaY<0?1.1:1/1.1),e.clientX-r.left,e.clientY-r.top);
  },{passive:false});
  chart.addEventListener('keydown',e=>{
    if(e.target!==chart||e.altKey)return;
    if(e.key==='+'||e.key==='=')set(z*1.25);else if(e.key==='-'||e.key==='_')set(z/1.25);else if(e.key==='0')set(1);
    else if(e.key==='ArrowLeft')chart.scrollLeft-=40;else if(e.key==='ArrowRight')chart.scrollLeft+=40;
    else if(e.key==='ArrowUp')chart.scrollTop-=40;else if(e.key==='ArrowDown')chart.scrollTop+=40;
    else return;
    e.preventDefault();
  });
  let drag;
  chart.addEventListener('pointerdown',e=>{
    if(e.button!==0||e.target.closest('.role'))return;
    drag={x:e.clientX,y:e.clientY,left:chart.scrollLeft,top:chart.scrollTop};
    chart.classList.add('dragging');chart.setPointerCapture&&chart.setPointerCapture(e.pointerId);
  });
  chart.addEventListener('pointermove',e=>{
    if(!drag)return;
    chart.scrollLeft=drag.left-(e.clientX-drag.x);chart.scrollTop=drag.top-(e.clientY-drag.y);
  });
  const end=()=>{drag=undefined;chart.classList.remove('dragging');};
  chart.addEventListener('pointerup',end);chart.addEventListener('pointercancel',end);
}
})();`;

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:22px}h2{font-size:18px;margin-top:32px}.muted{color:#656d76;font-size:12px}
.chart{border:1px solid #d0d7de;border-radius:8px;background:#f6f8fa;padding:12px;overflow-x:auto}
.chart ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;justify-content:center;align-items:flex-start;gap:12px}
.chart li{display:flex;flex-direction:column;align-items:center;min-width:0;flex:0 1 auto}
.chart ul.reports{position:relative;margin-top:18px;padding:12px 10px 10px;border:1px solid #d0d7de;border-radius:10px;background:rgba(255,255,255,.5)}
.chart ul.reports::before{content:"";position:absolute;top:-19px;left:50%;height:18px;border-left:1.5px solid #8c959f}
.chart .role,.chart .manager{box-sizing:border-box;width:190px;max-width:100%;padding:6px 10px;border:1.5px solid #8c959f;border-radius:8px;background:#fff;overflow-wrap:anywhere}
.chart .role{cursor:pointer}.chart .role:hover,.chart .role:focus{outline:2px solid #0969da;outline-offset:1px}
.chart .manager{border-style:dashed;background:#f6f8fa;text-align:center}.chart .manager.unknown{border-color:#cf222e}
.chart .role.error{border:3px solid #cf222e}.chart .role.warning{border:3px solid #bf8700}.chart .role.info,.chart .role.hint{border:2px solid #0969da}
.chart .id{font-weight:600;font-size:13px}.chart .type{font-size:12px}.chart .muted{font-size:12px}
.chart-tools{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:0 0 6px}.chart-tools[hidden]{display:none}
.chart-tools button{min-width:32px;padding:2px 8px;font:inherit;border:1px solid #8c959f;border-radius:6px;background:#fff;color:#1f2328;cursor:pointer}
.chart-tools button:focus-visible,.chart.zoomable:focus-visible{outline:2px solid #0969da;outline-offset:1px}.zoom-level{min-width:42px;text-align:center;font-variant-numeric:tabular-nums}
.chart.zoomable{overflow:auto;max-height:75vh;cursor:grab}.chart.zoomable.dragging{cursor:grabbing;user-select:none}
.badge{float:right;min-width:18px;padding:0 5px;border-radius:9px;background:#cf222e;color:#fff;font-size:12px;text-align:center}
.badge.warning{background:#9a6700}.badge.info,.badge.hint{background:#0969da}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin-top:8px}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
.matrix td{text-align:center;min-width:22px}.matrix thead th{vertical-align:bottom;white-space:nowrap;padding:6px 4px}
.matrix thead th span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block}.matrix thead th.unowned{background:#ffebe9}
.matrix .rowhead{position:sticky;left:0;background:#fff;z-index:1;min-width:110px;cursor:pointer}
td.owned{background:#dafbe1}td.overlap{background:#ffebe9;color:#cf222e;font-weight:700}td.missing{background:#fff8c5}
td.out-of-scope{background:#fbefff;color:#8250df}.legend span{margin-right:12px;padding:2px 6px;border-radius:4px;display:inline-block;margin-bottom:4px}
.legend .owned{background:#dafbe1}.legend .overlap{background:#ffebe9}.legend .missing{background:#fff8c5}.legend .out-of-scope{background:#fbefff}.legend .unowned{background:#ffebe9}
.findings{width:100%}.findings td{overflow-wrap:anywhere}.findings td:first-child code{white-space:nowrap}.findings tr[data-file]{cursor:pointer}
tr.error td:nth-child(2){color:#cf222e;font-weight:600}tr.warning td:nth-child(2){color:#9a6700;font-weight:600}
@media (max-width:600px){
body{margin:10px}
.chart{padding:8px}.chart ul{flex-direction:column;align-items:stretch;gap:8px}.chart li{align-items:stretch}
.chart .role,.chart .manager{width:auto}
.chart ul.reports{margin:10px 0 0 10px;padding:8px 0 0 10px;border:none;border-left:1.5px solid #8c959f;border-radius:0;background:none}
.chart ul.reports::before{display:none}
.findings thead{display:none}.findings tr{display:block;border:1px solid #d0d7de;margin-bottom:6px}.findings td{display:inline-block;border:none;padding:2px 6px}
.findings td:nth-child(3){display:block}.findings td:first-child code{white-space:normal}
}
`;

export function formatHtml(reports: FileReport[], analyses: AnalysisResult[], options: FormatOptions): string {
  const all = reports.flatMap((r) => r.findings);
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
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Org Charter Lint report</title>
<meta name="generator" content="charter-lint ${escape(options.version)}"><style>${STYLE}</style></head>
<body><h1>Org Charter Lint report</h1>
<p class="summary">${reports.length} file(s): ${severityCounts(all)}.</p>
${sections.join('\n')}
</body></html>
`;
}
