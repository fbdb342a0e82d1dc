import type { Organization } from '../../core/organization';
import { scopeLabel, type RoleDecl } from '../../core/parse';
import type { Target } from '../../core/query';

/**
 * Markdown for hover and completion documentation. Every string that comes from a file (ids,
 * holders, region names, free text, and a role model's titles and descriptions, which may be a
 * file of the workspace too) goes through `text` or `code`: a charter cannot put a link, an
 * image, HTML or a heading into the editor's hover. Only the product's own words carry Markdown.
 */

/**
 * Characters CommonMark or GFM give a meaning inline: emphasis, code, links, images, HTML and
 * entities, tables, strikethrough, autolinks (`:`), headings. A backslash escapes any of them.
 */
const INLINE_SPECIAL = /[\\`*_[\]()<>#!|~&:{}]/g;

/** One line of plain text, shown as written: line breaks become spaces, Markdown is escaped. */
export function text(value: string): string {
  return value.replace(/\s+/g, ' ').replace(INLINE_SPECIAL, '\\$&');
}

/**
 * Plain text that starts a line (a description on its own line): also escapes what would make it
 * a list item, a quote or a heading there.
 */
export function block(value: string): string {
  return text(value.trim()).replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A code span holding the value as is (a fence longer than any run of backticks inside). */
export function code(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const roleScope = (role: RoleDecl) => text(scopeLabel(role));

/** At most this many roles are named in one hover line (the rest are counted). */
const MAX_NAMED = 10;

function named(list: string[]): string {
  return `${list.slice(0, MAX_NAMED).join(', ')}${list.length > MAX_NAMED ? ` and ${list.length - MAX_NAMED} more` : ''}`;
}

/** Markdown shown on hover: the model's title and description, and what the organization says. */
export function hoverMarkdown(org: Organization, target: Target): string | undefined {
  const model = org.model;
  const ofModel = model ? `model ${code(model.id)}` : 'the model';
  switch (target.kind) {
    case 'roleType': {
      const type = model?.roles.get(target.name);
      if (!type) return `**${text(target.name)}**: not a role type of ${ofModel}.`;
      const lines = [`**${text(type.title)}** (${code(type.id)})`, '', block(type.description ?? ''), '', `Scope: ${text(type.scope)}${type.maxPerScope ? `, at most ${type.maxPerScope} per ${text(type.scope)}` : ''}`];
      if (type.reportsTo.length > 0) lines.push(`Reports to: ${type.reportsTo.map((r) => (r === 'external' ? 'an external id' : text(model?.roles.get(r)?.title ?? r))).join(' or ')}`);
      if (type.requires.length > 0) lines.push('', `Requires: ${type.requires.map(code).join(', ')}`);
      return lines.join('\n');
    }
    case 'responsibility': {
      const { resolved } = target;
      const ids = resolved.ids.filter((id) => model?.responsibilities.has(id));
      if (ids.length === 0) {
        const why = resolved.notDuty ? ' It reads like a requirement or a trait rather than a duty.' : '';
        return `**${text(resolved.entry.text)}**: no responsibility of ${ofModel} matches.${why}`;
      }
      const ownersOf = (id: string) => org.roles.filter((r) => r !== target.role && org.ownedIds(r).has(id)).map((r) => `${code(r.id?.value ?? '?')} (${roleScope(r)})`);
      const lines: string[] = [];
      // Free text naming several duties (SPEC "Responsibilities"): each id, as for one.
      if (ids.length > 1) lines.push(`Free text matched to ${ids.length} responsibilities: ${ids.map(code).join(', ')}.`);
      for (const id of ids) {
        const def = model?.responsibilities.get(id);
        if (!def) continue;
        if (lines.length > 0) lines.push('', '---', '');
        lines.push(`**${text(def.title)}** (${code(def.id)})`, '', block(def.description ?? ''), '', `Scope: ${text(def.scope)}`);
        if (def.refines) lines.push(`Refines: ${code(def.refines)}`);
        const refinedBy = [...(model?.responsibilities.values() ?? [])].filter((r) => r.refines === def.id).map((r) => code(r.id));
        if (refinedBy.length > 0) lines.push(`Refined by: ${refinedBy.join(', ')}`);
        if (resolved.kind === 'matched' && ids.length === 1) lines.push('', `Free text matched to ${code(def.id)}.`);
        const owners = ownersOf(id);
        lines.push('', owners.length > 0 ? `Also owned by: ${named(owners)}` : 'No other role owns it.');
      }
      return lines.join('\n');
    }
    case 'roleId': {
      const role = org.rolesById.get(target.id)?.[0];
      if (!role) return org.externals.has(target.id) ? `${code(target.id)}: external (outside the charter)` : undefined;
      const type = org.typeOf(role);
      const lines = [`**${text(target.id)}**: ${text(type?.title ?? role.role?.value ?? 'role')}`, '', `Scope: ${roleScope(role)}`];
      if (role.holder) lines.push(`Holder: ${text(role.holder)}`);
      if (role.reportsTo) lines.push(`Reports to: ${code(role.reportsTo.value)}`);
      const reports = org.roles.filter((r) => r.reportsTo?.value === target.id).map((r) => code(r.id?.value ?? '?'));
      if (reports.length > 0) lines.push(`Direct reports: ${named(reports)}`);
      return lines.join('\n');
    }
    case 'region': {
      const info = org.regions.get(target.name);
      if (!info || info.decls.length === 0) return `**${text(target.name)}**: not a declared region.`;
      const parent = info.decls[0].decl.parent;
      const holders = org.roles.filter((r) => org.participates(r) && org.coveredRegions(r)?.has(target.name)).map((r) => code(r.id?.value ?? '?'));
      const lines = [`**${text(target.name)}** (region)`, ''];
      if (parent) lines.push(`Inside: ${text(parent)}`);
      if (info.children.size > 0) lines.push(`Sub-regions: ${named([...info.children].map(text))}`);
      lines.push(holders.length > 0 ? `Covered by: ${named(holders)}` : 'Not covered by any regional role.');
      return lines.join('\n');
    }
  }
}
