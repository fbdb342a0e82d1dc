import {
  MarkupKind,
  SymbolKind,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Organization } from '../../core/organization';
import type { CharterFile } from '../../core/parse';
import {
  definitions,
  isValidRoleId,
  locate,
  outline,
  references,
  renameEdits,
  renameTarget,
  type OutlineSymbol,
} from '../../core/query';
import { spanLocation, spanRange, uriOf } from '../convert';
import { hoverMarkdown } from './markdown';

/** Thin translations of the core's editor queries into LSP shapes. */

export function hover(org: Organization, charter: CharterFile, position: Position): Hover | null {
  const offset = charter.lines.offsetAt(position);
  const target = locate(org, charter, offset);
  const markdown = target ? hoverMarkdown(org, target) : undefined;
  if (!target || !markdown) return null;
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: spanRange(charter, target.span) };
}

export function definition(org: Organization, charter: CharterFile, position: Position): Location[] {
  const target = locate(org, charter, charter.lines.offsetAt(position));
  return target ? definitions(org, target).map((d) => spanLocation(d.file, d.span)) : [];
}

export function findReferences(org: Organization, charter: CharterFile, position: Position, includeDeclaration: boolean): Location[] {
  const target = locate(org, charter, charter.lines.offsetAt(position));
  return target ? references(org, target, includeDeclaration).map((r) => spanLocation(r.file, r.span)) : [];
}

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  role: SymbolKind.Class,
  region: SymbolKind.Namespace,
  responsibility: SymbolKind.Property,
  section: SymbolKind.Module,
};

export function documentSymbols(org: Organization, charter: CharterFile): DocumentSymbol[] {
  const convert = (symbol: OutlineSymbol): DocumentSymbol => {
    const range = spanRange(charter, symbol.span);
    const selection = spanRange(charter, symbol.selection);
    return {
      name: symbol.name || '(empty)',
      detail: symbol.detail,
      kind: SYMBOL_KIND[symbol.kind],
      range,
      // LSP requires the selection inside the range.
      selectionRange: selection,
      children: symbol.children.map(convert),
    };
  };
  return outline(org, charter).map(convert);
}

export function prepareRename(org: Organization, charter: CharterFile, position: Position): { range: Range; placeholder: string } | null {
  const target = renameTarget(org, charter, charter.lines.offsetAt(position));
  return target ? { range: spanRange(charter, target.span), placeholder: target.id } : null;
}

export function rename(
  org: Organization,
  charter: CharterFile,
  position: Position,
  newName: string,
  versionOf: (file: string) => number | null,
): WorkspaceEdit | { error: string } {
  const target = renameTarget(org, charter, charter.lines.offsetAt(position));
  if (!target) return { error: 'Only a role id can be renamed.' };
  if (!isValidRoleId(newName)) return { error: `"${newName}" is not a valid role id.` };
  if (org.rolesById.has(newName) || org.externals.has(newName)) return { error: `"${newName}" is already used in this organization.` };
  const byFile = new Map<CharterFile, { range: Range; newText: string }[]>();
  for (const place of renameEdits(org, target.id)) {
    const list = byFile.get(place.file) ?? [];
    list.push({ range: spanRange(place.file, place.span), newText: newName });
    byFile.set(place.file, list);
  }
  return {
    documentChanges: [...byFile].map(([file, edits]) => ({ textDocument: { uri: uriOf(file.path), version: versionOf(file.path) }, edits })),
  };
}
