import type { Organization, ResolvedResponsibility } from './organization';
import { scopeLabel, type CharterFile, type RoleDecl, type Span } from './parse';

/**
 * Editor queries on the analysed organization: what is at an offset, where it is defined and used,
 * hover text, completion items and the outline. Plain data in and out; the LSP glue converts it.
 */

export type Target =
  | { kind: 'roleType'; span: Span; role: RoleDecl; name: string }
  | { kind: 'responsibility'; span: Span; role: RoleDecl; resolved: ResolvedResponsibility }
  | { kind: 'roleId'; span: Span; id: string }
  | { kind: 'region'; span: Span; name: string };

export interface FileSpan {
  file: CharterFile;
  span: Span;
}

const inside = (span: Span, offset: number) => offset >= span.start && offset <= span.end;

export function roleAt(file: CharterFile, offset: number): RoleDecl | undefined {
  return file.roles.find((role) => offset >= role.start && offset <= role.end);
}

/** The id, type, responsibility or region under an offset, if any. */
export function locate(org: Organization, file: CharterFile, offset: number): Target | undefined {
  for (const region of file.regions) if (inside(region, offset)) return { kind: 'region', span: region, name: region.name };
  for (const external of file.external) if (inside(external, offset)) return { kind: 'roleId', span: external, id: external.value };
  const role = roleAt(file, offset);
  if (!role) return undefined;
  if (role.id && inside(role.id, offset)) return { kind: 'roleId', span: role.id, id: role.id.value };
  if (role.reportsTo && inside(role.reportsTo, offset)) return { kind: 'roleId', span: role.reportsTo, id: role.reportsTo.value };
  if (role.role && inside(role.role, offset)) return { kind: 'roleType', span: role.role, role, name: role.role.value };
  if (role.scope?.kind === 'regions') {
    for (const region of role.scope.regions) if (inside(region, offset)) return { kind: 'region', span: region, name: region.value };
  }
  for (const resolved of org.responsibilities.get(role) ?? []) {
    if (inside(resolved.entry, offset)) return { kind: 'responsibility', span: resolved.entry, role, resolved };
  }
  return undefined;
}

/** Where a role id or region is declared (go to definition). */
export function definitions(org: Organization, target: Target): FileSpan[] {
  if (target.kind === 'roleId') {
    const roles = (org.rolesById.get(target.id) ?? []).filter((r) => r.id).map((r) => ({ file: r.file, span: r.id as Span }));
    const externals = (org.externals.get(target.id) ?? []).map((e) => ({ file: e.file, span: e.id as Span }));
    return [...roles, ...externals];
  }
  if (target.kind === 'region') return (org.regions.get(target.name)?.decls ?? []).map((d) => ({ file: d.file, span: d.decl }));
  return [];
}

/** Every place naming a role id or region (find references), declarations included when asked. */
export function references(org: Organization, target: Target, includeDeclaration: boolean): FileSpan[] {
  const result: FileSpan[] = includeDeclaration ? definitions(org, target) : [];
  if (target.kind === 'roleId') {
    for (const role of org.roles) if (role.reportsTo?.value === target.id) result.push({ file: role.file, span: role.reportsTo });
  } else if (target.kind === 'region') {
    for (const role of org.roles) {
      if (role.scope?.kind !== 'regions') continue;
      for (const region of role.scope.regions) if (region.value === target.name) result.push({ file: role.file, span: region });
    }
  }
  return result;
}

/** SPEC: role ids are renamed across files; only a role id (not a type, region or external) qualifies. */
export function renameTarget(org: Organization, file: CharterFile, offset: number): { span: Span; id: string } | undefined {
  const target = locate(org, file, offset);
  if (target?.kind !== 'roleId' || !org.rolesById.has(target.id)) return undefined;
  return { span: target.span, id: target.id };
}

export function renameEdits(org: Organization, id: string): FileSpan[] {
  const spans: FileSpan[] = [];
  for (const role of org.rolesById.get(id) ?? []) if (role.id) spans.push({ file: role.file, span: role.id });
  for (const role of org.roles) if (role.reportsTo?.value === id) spans.push({ file: role.file, span: role.reportsTo });
  return spans;
}

export function isValidRoleId(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(id);
}

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: 'role' | 'region' | 'responsibility' | 'section';
  span: Span;
  selection: Span;
  children: OutlineSymbol[];
}

/** Roles as an outline (with their responsibilities), plus the region tree. */
export function outline(org: Organization, file: CharterFile): OutlineSymbol[] {
  const symbols: OutlineSymbol[] = [];
  if (file.regions.length > 0) {
    const first = file.regions[0];
    const last = file.regions[file.regions.length - 1];
    const byParent = new Map<string | null, OutlineSymbol[]>();
    const nodes = file.regions.map((decl) => {
      const symbol: OutlineSymbol = { name: decl.name, detail: decl.parent ? `in ${decl.parent}` : '', kind: 'region', span: decl, selection: decl, children: [] };
      byParent.set(decl.parent, [...(byParent.get(decl.parent) ?? []), symbol]);
      return symbol;
    });
    for (const node of nodes) node.children = byParent.get(node.name) ?? [];
    const top = byParent.get(null) ?? [];
    symbols.push({ name: 'regions', detail: `${file.regions.length}`, kind: 'section', span: { start: first.start, end: last.end }, selection: first, children: top });
  }
  for (const role of file.roles) {
    const type = org.typeOf(role);
    symbols.push({
      name: role.id?.value ?? '(no id)',
      detail: `${type?.title ?? role.role?.value ?? '?'} \u00b7 ${scopeLabel(role)}`,
      kind: 'role',
      span: role,
      selection: role.id ?? role,
      children: (org.responsibilities.get(role) ?? []).map((resolved) => ({
        name: resolved.ids.length > 0 ? resolved.ids.join(', ') : resolved.entry.text,
        detail: resolved.kind === 'matched' ? resolved.entry.text : '',
        kind: 'responsibility' as const,
        span: resolved.entry,
        selection: resolved.entry,
        children: [],
      })),
    });
  }
  return symbols;
}
