import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { fixAll } from '../../core/analyze';
import { disableNextLine } from '../../core/fixes';
import type { CharterFile } from '../../core/parse';
import type { Finding, TextEdit } from '../../core/types';
import { rangesIntersect, toDiagnostic, uriOf } from '../convert';
import type { OrganizationState, Workspace } from '../workspace';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.charter-lint`;
export const OPEN_DOCS_COMMAND = 'orgCharter.openRuleDocs';

function documentEdit(uri: string, version: number | null, edits: readonly TextEdit[]): WorkspaceEdit {
  const change: TextDocumentEdit = {
    textDocument: { uri, version },
    edits: edits.map((e): LspTextEdit => ({ range: e.range, newText: e.newText })),
  };
  return { documentChanges: [change] };
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(charter: CharterFile, after: string): TextEdit | undefined {
  const before = charter.text;
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter), range: charter.lines.range(start, endBefore) };
}

/**
 * Fix-all for one file, as one minimal edit: every safe fix (or every safe fix of `rule`'s
 * findings), re-analysed until stable, each kept only if it raises nothing new (the core's fixAll).
 */
export function fixAllEdit(workspace: Workspace, state: OrganizationState, charter: CharterFile, rule?: string): TextEdit | undefined {
  const input = workspace.inputFor(state);
  if (!input) return undefined;
  const fixed = fixAll(input, new Set([charter.path]), rule);
  const after = fixed.changed.get(charter.path);
  return after === undefined ? undefined : minimalEdit(charter, after);
}

export interface CodeActionInput {
  workspace: Workspace;
  state: OrganizationState;
  charter: CharterFile;
  findings: Finding[];
  version: number | null;
  range: Range;
  only?: string[];
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function codeActions({ workspace, state, charter, findings, version, range, only }: CodeActionInput): CodeAction[] {
  const uri = uriOf(charter.path);
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    const here = findings.filter((f) => rangesIntersect(f.range, range));
    const disabled = new Set<string>();
    // A fix that several findings share (missing-responsibility's "Add all N missing
    // responsibilities" on each missing id) is one action, listing all their diagnostics.
    const shared = new Map<string, CodeAction>();
    for (const finding of here) {
      const diagnostic: Diagnostic = toDiagnostic(finding);
      for (const fix of finding.fixes) {
        const key = `${finding.rule}\u0000${fix.title}\u0000${JSON.stringify(fix.edits.map((e) => [e.start, e.end, e.newText]))}`;
        const same = shared.get(key);
        if (same) {
          same.diagnostics?.push(diagnostic);
          continue;
        }
        const action: CodeAction = {
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: documentEdit(uri, version, fix.edits),
        };
        shared.set(key, action);
        actions.push(action);
      }
      const sameRule = findings.filter((f) => f.rule === finding.rule && f.fixes.some((x) => x.safe));
      if (sameRule.length > 1 && finding.fixes.some((x) => x.safe) && !disabled.has(`all:${finding.rule}`)) {
        disabled.add(`all:${finding.rule}`);
        // Checked like Fix all: a fix of this rule that would raise a new finding is left out.
        const edit = fixAllEdit(workspace, state, charter, finding.rule);
        if (edit) {
          actions.push({
            title: `Fix all ${finding.rule} problems in this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: sameRule.map(toDiagnostic),
            edit: documentEdit(uri, version, [edit]),
          });
        }
      }
      if (!disabled.has(finding.rule)) {
        disabled.add(finding.rule);
        const line = disableNextLine(charter, finding.offsets.start, finding.rule);
        if (line.length > 0) {
          actions.push({ title: `Disable ${finding.rule} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: documentEdit(uri, version, line) });
        }
        const header = charter.lines.lineText(0).startsWith('# charter-lint-disable ') ? undefined : `# charter-lint-disable ${finding.rule}${charter.lines.eol}`;
        if (header) {
          actions.push({
            title: `Disable ${finding.rule} for the entire file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: documentEdit(uri, version, [{ start: 0, end: 0, newText: header, range: charter.lines.range(0, 0) }]),
          });
        }
        actions.push({
          title: `Show documentation for ${finding.rule}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: `Show documentation for ${finding.rule}`, command: OPEN_DOCS_COMMAND, arguments: [finding.rule, finding.docsUrl] },
        });
      }
    }
    if (here.length > 0 && findings.some((f) => f.fixes.some((x) => x.safe))) {
      const edit = fixAllEdit(workspace, state, charter);
      if (edit) actions.push({ title: 'Fix all auto-fixable charter-lint problems', kind: CodeActionKind.QuickFix, edit: documentEdit(uri, version, [edit]) });
    }
  }
  // source.fixAll is asked for explicitly (on save, or the Fix All command), never with the lightbulb.
  if (only && wants(only, FIX_ALL_KIND)) {
    const edit = fixAllEdit(workspace, state, charter);
    if (edit) actions.push({ title: 'Fix all auto-fixable charter-lint problems', kind: FIX_ALL_KIND, edit: documentEdit(uri, version, [edit]) });
  }
  return actions;
}

export { documentEdit };
