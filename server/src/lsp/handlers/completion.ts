import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import { completionContext, completions, type CompletionKind } from '../../core/completion';
import type { Organization } from '../../core/organization';
import type { CharterFile } from '../../core/parse';
import { block } from './markdown';

/** What the client can do with completion items (from its initialize capabilities). */
export interface CompletionOptions {
  /** It takes snippets (`insertTextFormat: Snippet`). */
  snippets: boolean;
  /** It runs VS Code's `editor.action.triggerSuggest` (asked again after a key whose value has completions). */
  retrigger: boolean;
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  roleType: CompletionItemKind.Class,
  responsibility: CompletionItemKind.EnumMember,
  region: CompletionItemKind.Constant,
  roleId: CompletionItemKind.Reference,
  scope: CompletionItemKind.Value,
  key: CompletionItemKind.Property,
  skeleton: CompletionItemKind.Snippet,
};

/** `text` is the editor's current text, which may not parse yet; `org` is the latest analysis. */
export function complete(
  org: Organization,
  charter: CharterFile,
  text: string,
  position: Position,
  lines: { offsetAt(p: Position): number; positionAt(o: number): Position },
  options: CompletionOptions = { snippets: false, retrigger: false },
): CompletionItem[] {
  const offset = lines.offsetAt(position);
  const context = completionContext(text, offset);
  if (!context) return [];
  const range: Range = { start: lines.positionAt(context.start), end: position };
  // The charter as last analysed: roles are found by offset, which is close enough while typing.
  return completions(org, charter, Math.min(offset, charter.text.length), context).map((entry) => {
    const snippet = options.snippets && entry.snippet !== undefined;
    const item: CompletionItem = {
      label: entry.label,
      kind: COMPLETION_KIND[entry.kind],
      detail: entry.detail,
      // A model's description, shown as written: escaped like every file's text in Markdown. The
      // schema's own Markdown is the product's text and shown as Markdown.
      documentation: entry.documentation ? { kind: MarkupKind.Markdown, value: entry.markdown ? entry.documentation : block(entry.documentation) } : undefined,
      sortText: entry.sortText,
      filterText: entry.label,
      textEdit: { range, newText: snippet ? (entry.snippet as string) : (entry.insertText ?? entry.label) },
    };
    if (snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    // Lines after the first are indented already: the client must not indent them again.
    if ((item.textEdit as { newText: string }).newText.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
    if (entry.retrigger && options.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
    return item;
  });
}
