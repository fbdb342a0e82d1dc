import { commentOf } from './fixes';
import type { LineIndex } from './text';

/** Inline suppressions of one file (SPEC §2 "Suppressions"). `null` ids mean every rule. */
export interface Suppressions {
  file: Set<string> | null | undefined;
  /** Line (0-based) whose findings are hidden → rule ids, or null for all rules. */
  lines: Map<number, Set<string> | null>;
}

const DIRECTIVE = /^#\s*charter-lint-(disable-next-line|disable)(?=\s|$)(.*)$/;

function parseIds(text: string): Set<string> | null {
  // Anything after ` -- ` is an explanation, as in ESLint directives.
  const ids = text.split(/\s--\s/)[0].split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 ? null : new Set(ids);
}

function merge(existing: Set<string> | null | undefined, added: Set<string> | null): Set<string> | null {
  if (existing === null || added === null) return null;
  return new Set([...(existing ?? []), ...added]);
}

export function readSuppressions(lines: LineIndex): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  const text = lines.text;
  if (!text.includes('charter-lint-disable')) return result;
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    if (!lineText.includes('charter-lint-disable')) continue;
    const comment = commentOf(lineText);
    const match = comment ? DIRECTIVE.exec(comment) : null;
    if (!match) continue;
    const ids = parseIds(match[2]);
    if (match[1] === 'disable') result.file = merge(result.file, ids);
    else result.lines.set(line + 1, merge(result.lines.get(line + 1), ids));
  }
  return result;
}

export function isSuppressed(suppressions: Suppressions, rule: string, line: number): boolean {
  const covers = (ids: Set<string> | null | undefined) => ids === null || (ids !== undefined && ids.has(rule));
  return covers(suppressions.file) || (suppressions.lines.has(line) && covers(suppressions.lines.get(line)));
}
