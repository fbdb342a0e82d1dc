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

export type CompletionKind = 'roleType' | 'responsibility' | 'region' | 'roleId' | 'scope';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  sortText: string;
  /** Text to insert, when it differs from the label. */
  insertText?: string;
}

/** What the cursor is completing, read from the text before it (the YAML may be half-typed). */
export function completionContext(text: string, offset: number): { kind: CompletionKind; start: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const word = /[^\s:,[\]{}'"]*$/.exec(before)?.[0] ?? '';
  const start = offset - word.length;
  const head = before.slice(0, before.length - word.length);
  if (/^\s*(-\s+)?role:\s*$/.test(head)) return { kind: 'roleType', start };
  if (/^\s*(-\s+)?reports_to:\s*$/.test(head)) return { kind: 'roleId', start };
  if (/^\s*(-\s+)?scope:\s*$/.test(head)) return { kind: 'scope', start };
  if (/(^|[\s{,])region:\s*$/.test(head) || /regions:\s*\[[^\]]*$/.test(head)) return { kind: 'region', start };
  if (/responsibilities:\s*\[[^\]]*$/.test(head)) return { kind: 'responsibility', start };
  if (/^\s*-\s*$/.test(head) || /^\s*-\s+id:\s*$/.test(head) || /^\s*id:\s*$/.test(head)) {
    // A list item: whose list? The nearest less-indented line ending in `key:`.
    const indent = /^\s*/.exec(before)?.[0].length ?? 0;
    const lines = text.slice(0, lineStart).split(/\r?\n/);
    for (let i = lines.length - 1; i >= 0 && i >= lines.length - 500; i--) {
      const line = lines[i];
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const lineIndent = /^\s*/.exec(line)?.[0].length ?? 0;
      if (lineIndent > indent || (lineIndent === indent && /^\s*-/.test(line))) continue;
      const key = /^\s*(?:-\s+)?([A-Za-z_]+):\s*(#.*)?$/.exec(line)?.[1];
      if (key === 'responsibilities') return { kind: 'responsibility', start };
      if (key === 'regions') {
        const above = lines.slice(Math.max(0, i - 3), i).reverse().find((l) => l.trim());
        return /scope:\s*$/.test(above ?? '') ? { kind: 'region', start } : undefined;
      }
      return undefined;
    }
  }
  return undefined;
}

export function completions(org: Organization, file: CharterFile, offset: number, kind: CompletionKind): CompletionEntry[] {
  const model = org.model;
  const role = roleAt(file, offset) ?? [...file.roles].reverse().find((r) => r.start <= offset);
  switch (kind) {
    case 'roleType':
      return [...(model?.roles.values() ?? [])].map((type) => ({
        label: type.id,
        kind,
        detail: `${type.title} (${type.scope})`,
        documentation: type.description,
        sortText: `0-${type.id}`,
      }));
    case 'responsibility': {
      // A role parsed from newer text than the analysis (completion while typing) is not in the
      // organization: what it owns is read from its own entries.
      const owned: ReadonlySet<string> = !role
        ? new Set()
        : org.responsibilities.has(role)
          ? new Set(org.ownedIds(role).keys())
          : new Set(role.responsibilities.map((entry) => entry.text));
      const type = role ? org.typeOf(role) : undefined;
      const roleScope = role ? (org.scopeKind(role) ?? type?.scope) : undefined;
      return [...(model?.responsibilities.values() ?? [])]
        .filter((def) => !owned.has(def.id))
        .map((def) => {
          const required = type?.requires.includes(def.id) ?? false;
          const sameScope = roleScope === def.scope;
          return {
            label: def.id,
            kind,
            detail: `${def.title} (${def.scope})${required ? ' \u2014 required, missing' : ''}`,
            documentation: def.description,
            // The ones this role still lacks first, then those at its own scope.
            sortText: `${required ? 0 : sameScope ? 1 : 2}-${def.id}`,
          };
        });
    }
    case 'region': {
      const entries: CompletionEntry[] = [];
      for (const info of org.regions.values()) {
        if (info.decls.length === 0) continue;
        const parent = info.decls[0].decl.parent;
        entries.push({ label: info.name, kind, detail: parent ? `region in ${parent}` : 'region', sortText: `0-${info.name}` });
      }
      return entries;
    }
    case 'roleId': {
      const entries: CompletionEntry[] = [];
      for (const [id, roles] of org.rolesById) {
        if (role?.id?.value === id) continue;
        const type = org.typeOf(roles[0]);
        const allowed = role ? org.typeOf(role)?.reportsTo.includes(type?.id ?? '') : false;
        entries.push({ label: id, kind, detail: `${type?.title ?? roles[0].role?.value ?? 'role'} (${scopeLabel(roles[0])})`, sortText: `${allowed ? 0 : 1}-${id}` });
      }
      const externalAllowed = role ? org.typeOf(role)?.reportsTo.includes('external') : false;
      for (const id of org.externals.keys()) entries.push({ label: id, kind, detail: 'external', sortText: `${externalAllowed ? 0 : 2}-${id}` });
      return entries;
    }
    case 'scope': {
      const regions = [...org.regions.values()].filter((r) => r.decls.length > 0).map((r) => r.name);
      return [
        { label: 'organization', kind, detail: 'the whole organization', sortText: '0' },
        ...regions.map((name, index) => ({ label: `{region: ${name}}`, kind, detail: 'one region', sortText: `1-${String(index).padStart(4, '0')}`, insertText: `{region: ${/^[A-Za-z0-9][A-Za-z0-9 _.&-]*$/.test(name) ? name : JSON.stringify(name)}}` })),
      ];
    }
  }
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
