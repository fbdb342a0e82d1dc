import { isMap, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CharterFile, ResponsibilityEntry, RoleDecl, Span } from './parse';
import type { TextEdit } from './types';

/**
 * Text edits that keep comments, indentation and quoting: every fix touches only the bytes it
 * must, computed from the YAML AST's offsets. Nothing is re-serialised wholesale.
 */

/** A node's span without the line breaks and blanks a block node's range carries at its end. */
export function trimSpan(text: string, span: Span): Span {
  let end = span.end;
  // YAML's white space is spaces, tabs and line breaks only: \v, NBSP or U+3000 belong to a value.
  while (end > span.start && /[ \t\r\n]/.test(text[end - 1])) end--;
  // A span of blanks only (a parser error pointing at a tab, say) is kept as it is.
  return end > span.start ? { start: span.start, end } : span;
}

export function edit(file: CharterFile, start: number, end: number, newText: string): TextEdit {
  return { start, end, newText, range: file.lines.range(start, end) };
}

/** Applies non-overlapping edits to a text. */
export function applyEdits(text: string, edits: readonly { start: number; end: number; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) continue; // overlapping edit: skip rather than corrupt
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** Writes a value in the quoting style of the scalar it replaces. */
function styled(file: CharterFile, span: Span, value: string): string {
  const first = file.text[span.start];
  if (first === '"') return JSON.stringify(value);
  if (first === "'") return `'${value.replace(/'/g, "''")}'`;
  return plainOrQuoted(value);
}

/**
 * A string as a YAML scalar that reads back as that string: plain when it cannot be read as
 * anything else (no number, boolean or null look-alike, under YAML 1.2 or 1.1), else double-quoted.
 */
export function plainOrQuoted(value: string): string {
  return /^[A-Za-z][A-Za-z0-9 _.&-]*$/.test(value) && !/ $/.test(value) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

export function replaceScalar(file: CharterFile, span: Span, value: string): TextEdit {
  // A tag or anchor written right before the scalar stays; only the value is replaced.
  const trimmed = trimSpan(file.text, span);
  return edit(file, trimmed.start, trimmed.end, styled(file, trimmed, value));
}

export function replaceSpan(file: CharterFile, span: Span, text: string): TextEdit {
  const trimmed = trimSpan(file.text, span);
  return edit(file, trimmed.start, trimmed.end, text);
}

/**
 * Replaces a node (a block mapping, say) by a one-line value, keeping the comments written inside
 * it: the first after the new value, the others on their own lines below. Undefined when more
 * text follows the node on its last line (a flow collection), where that cannot be done safely.
 */
export function replaceKeepingComments(file: CharterFile, span: Span, text: string): TextEdit | undefined {
  const trimmed = trimSpan(file.text, span);
  const firstLine = lineOf(file, trimmed.start);
  const lastLine = lineOf(file, trimmed.end);
  const comments: string[] = [];
  for (let line = firstLine; line <= lastLine; line++) {
    const lineText = file.lines.lineText(line);
    const comment = commentOf(lineText);
    if (comment === undefined) continue;
    const commentStart = file.lines.lineStartOffset(line) + lineText.length - comment.length;
    if (commentStart >= trimmed.start && commentStart < trimmed.end) comments.push(comment.trimEnd());
  }
  if (comments.length === 0) return edit(file, trimmed.start, trimmed.end, text);
  const lastText = file.lines.lineText(lastLine);
  const rest = file.text.slice(trimmed.end, file.lines.lineStartOffset(lastLine) + lastText.length);
  if (rest.trim() !== '') return undefined;
  const indent = indentOf(file.lines.lineText(firstLine));
  const below = comments.slice(1).map((comment) => `${file.lines.eol}${indent}${comment}`).join('');
  return edit(file, trimmed.start, trimmed.end, `${text} ${comments[0]}${below}`);
}

function lineOf(file: CharterFile, offset: number): number {
  return file.lines.positionAt(offset).line;
}

function indentOf(lineText: string): string {
  return /^[ \t]*/.exec(lineText)?.[0] ?? '';
}

/** The comment part of a line (from an unquoted `#` preceded by a space or at its start). */
export function commentOf(lineText: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < lineText.length; i++) {
    const ch = lineText[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[ \t\[{,:-]/.test(lineText[i - 1])) quote = ch;
    } else if (ch === '#' && (i === 0 || /[ \t]/.test(lineText[i - 1]))) {
      return lineText.slice(i);
    }
  }
  return undefined;
}

/**
 * Whether a comment starts inside [start, end), so that an edit replacing that span would drop it.
 * By offset, not by distance: a comment far after a value on the line an edit removes whole counts
 * however short it is (a lone `#` ten blanks after the value too).
 */
export function spanHasComment(file: CharterFile, start: number, end: number): boolean {
  const firstLine = lineOf(file, start);
  const lastLine = lineOf(file, end);
  for (let line = firstLine; line <= lastLine; line++) {
    const text = file.lines.lineText(line);
    const comment = commentOf(text);
    if (comment === undefined) continue;
    const commentStart = file.lines.lineStartOffset(line) + text.length - comment.length;
    if (commentStart >= start && commentStart < end) return true;
    if (line > firstLine && line < lastLine) return true;
  }
  return false;
}

/** The edits, or undefined when one of them would remove a comment (a person's words stay). */
function keepingComments(file: CharterFile, edits: TextEdit[]): TextEdit[] | undefined {
  return edits.some((e) => spanHasComment(file, e.start, e.end)) ? undefined : edits;
}

/** Anchored or tagged nodes are left alone: removing or rewriting them could orphan an alias or change a type. */
function hasAnchorOrTag(node: unknown): boolean {
  const n = node as { anchor?: string; tag?: string } | null;
  return !!n && (!!n.anchor || !!n.tag);
}

/**
 * Whether some edit touches text no fix may edit (SPEC "YAML as people write it"): an anchored
 * node, an alias or a merge (`<<`), whose content other places share. An insertion touches a span
 * it lands strictly inside of; a replacement, any span it overlaps.
 */
export function touchesFrozen(file: CharterFile, edits: readonly { start: number; end: number }[]): boolean {
  const frozen = file.frozen;
  if (frozen.length === 0) return false;
  for (const e of edits) {
    // The last frozen span starting before the edit's end (spans are disjoint and in order).
    let low = 0;
    let high = frozen.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (frozen[mid].start < Math.max(e.end, e.start + 1)) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    if (found < 0) continue;
    const span = frozen[found];
    if (e.start === e.end ? span.start < e.start && e.start < span.end : e.start < span.end && span.start < e.end) return true;
  }
  return false;
}

function itemEnd(node: Node): number {
  const range = node.range;
  if (!range) return 0;
  return Math.max(range[0], range[1]);
}

/**
 * Removes one item of a sequence. Block items lose their whole lines; a comment on those lines is
 * kept on a line of its own so no comment is ever dropped.
 */
export function removeSeqItem(file: CharterFile, seq: YAMLSeq, index: number): TextEdit[] {
  const item = seq.items[index] as Node | undefined;
  if (!item || !item.range || hasAnchorOrTag(item)) return [];
  if (seq.flow) {
    // Remove the item's text and the comma that follows it on the same line; a last item takes
    // the comma before it instead (when on its line). Comments elsewhere in the list stay.
    const trimmed = trimSpan(file.text, { start: item.range[0], end: itemEnd(item) });
    let start = trimmed.start;
    let end = trimmed.end;
    const after = /^[ \t]*,[ \t]*/.exec(file.text.slice(end, end + 200));
    if (after) end += after[0].length;
    else {
      const before = /,[ \t]*$/.exec(file.text.slice(Math.max(0, start - 200), start));
      if (before) start -= before[0].length;
    }
    return [edit(file, start, end, '')];
  }
  const firstLine = lineOf(file, item.range[0]);
  const lastLine = lineOf(file, Math.max(item.range[0], itemEnd(item) - 1));
  const start = file.lines.lineStartOffset(firstLine);
  const end = lastLine + 1 < file.lines.lineCount ? file.lines.lineStartOffset(lastLine + 1) : file.text.length;
  const indent = indentOf(file.lines.lineText(firstLine));
  const kept: string[] = [];
  for (let line = firstLine; line <= lastLine; line++) {
    const comment = commentOf(file.lines.lineText(line));
    if (comment !== undefined) kept.push(`${indent}${comment}${file.lines.eol}`);
  }
  let removalStart = start;
  let replacement = kept.join('');
  if (end === file.text.length && !file.text.endsWith('\n') && start > 0) {
    // Last line without a trailing newline: also drop the line break before it, as written
    // (a file may mix CRLF and LF: the file's usual line end can be longer than this one).
    const breakLength = start >= 2 && file.text[start - 2] === '\r' && file.text[start - 1] === '\n' ? 2 : 1;
    removalStart = start - breakLength;
    const lineBreak = file.text.slice(removalStart, start);
    replacement = kept.length > 0 ? lineBreak + kept.map((k) => k.slice(0, -file.lines.eol.length)).join(file.lines.eol) : '';
  }
  return [edit(file, removalStart, end, replacement)];
}

/** Appends an item to a role's responsibilities, creating the list if needed. */
export function appendResponsibility(file: CharterFile, role: RoleDecl, id: string): TextEdit[] {
  const seq = role.responsibilitiesNode;
  const eol = file.lines.eol;
  if (seq && seq.range) {
    if (seq.flow) {
      const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
      if (lastItem?.range) {
        // Right after the last item, so a comment or line break before `]` is left alone.
        const at = trimSpan(file.text, { start: lastItem.range[0], end: itemEnd(lastItem) }).end;
        return [edit(file, at, at, `, ${id}`)];
      }
      const close = file.text.lastIndexOf(']', seq.range[1]);
      return close < 0 ? [] : [edit(file, close, close, id)];
    }
    const last = seq.items[seq.items.length - 1] as Node | undefined;
    if (!last || !last.range) return [];
    const lastLine = lineOf(file, Math.max(last.range[0], itemEnd(last) - 1));
    const dashLine = file.lines.lineText(lineOf(file, last.range[0]));
    const insertAt = file.lines.lineEndOffset(lastLine);
    return [edit(file, insertAt, insertAt, `${eol}${indentOf(dashLine)}- ${id}`)];
  }
  if (role.node.flow) return [];
  const firstKey = role.node.items[0]?.key as Node | undefined;
  if (!firstKey?.range) return [];
  const keyColumn = file.lines.positionAt(firstKey.range[0]).character;
  const indent = ' '.repeat(keyColumn);
  if (role.responsibilitiesKey) {
    // `responsibilities:` with an empty value: the list starts on the next line (after any comment).
    const pair = role.node.items.find((p) => (p.key as Node | null)?.range?.[0] === role.responsibilitiesKey?.start);
    const value = pair?.value as Node | null | undefined;
    if (value && !isScalarNull(value)) return [];
    const lineEnd = file.lines.lineEndOffset(lineOf(file, role.responsibilitiesKey.start));
    const insert = edit(file, lineEnd, lineEnd, `${eol}${indent}  - ${id}`);
    // `responsibilities: ~` or `: null` — the explicit null goes, the list starts on the next line.
    const nullSpan = value?.range ? trimSpan(file.text, { start: value.range[0], end: value.range[1] }) : undefined;
    if (nullSpan && nullSpan.end > nullSpan.start) {
      if (lineOf(file, nullSpan.end) !== lineOf(file, role.responsibilitiesKey.start) || hasAnchorOrTag(value)) return [];
      return [edit(file, nullSpan.start, nullSpan.end, ''), insert];
    }
    return [insert];
  }
  const lastLine = lineOf(file, Math.max(role.node.range ? role.node.range[0] : 0, itemEnd(role.node) - 1));
  const insertAt = file.lines.lineEndOffset(lastLine);
  return [edit(file, insertAt, insertAt, `${eol}${indent}responsibilities:${eol}${indent}  - ${id}`)];
}

/** Replaces a free-text entry by `{id, note}`, keeping the original text (and its quoting) as the note. */
export function replaceWithIdAndNote(file: CharterFile, entry: ResponsibilityEntry, seq: YAMLSeq, id: string): TextEdit[] {
  if (entry.isMapping) return [replaceScalar(file, entry, id)];
  if (hasAnchorOrTag(entry.item)) return [];
  const span = trimSpan(file.text, entry);
  let original = file.text.slice(span.start, span.end);
  let headerComment = '';
  if (original.includes('\n') || original.includes('\r')) {
    // A multi-line text becomes one quoted line. A block scalar's header (`>-  # from the ad`)
    // is the one place inside it a comment can be: it follows the note.
    const header = /^[|>][^\r\n]*/.exec(original)?.[0];
    const comment = header === undefined ? undefined : commentOf(header);
    if (header !== undefined && comment !== undefined) {
      const blanks = /[ \t]*$/.exec(header.slice(0, header.length - comment.length))?.[0] || ' ';
      headerComment = `${blanks}${comment.trimEnd()}`;
    }
    original = JSON.stringify(entry.text);
  }
  const idText = plainOrQuoted(id);
  if (seq.flow) return [edit(file, span.start, span.end, `{id: ${idText}, note: ${original}}`)];
  const column = file.lines.positionAt(span.start).character;
  return [edit(file, span.start, span.end, `id: ${idText}${file.lines.eol}${' '.repeat(column)}note: ${original}${headerComment}`)];
}

/**
 * Rewrites a free-text entry as the given ids (SPEC "Fixes": split notes): one id is
 * `replaceWithIdAndNote`; several become one entry per id, in order, the text kept (in its quoting)
 * as the note of the first; none removes the entry. A comment after the text stays on the note's
 * line. Nothing (no fix) when the entry's layout is not one this can rewrite safely.
 */
export function replaceWithIds(file: CharterFile, entry: ResponsibilityEntry, seq: YAMLSeq, ids: readonly string[]): TextEdit[] {
  if (ids.length === 0) return removeSeqItem(file, seq, entry.index);
  if (ids.length === 1 || entry.isMapping) return replaceWithIdAndNote(file, entry, seq, ids[0]);
  if (hasAnchorOrTag(entry.item)) return [];
  const span = trimSpan(file.text, entry);
  const [first] = replaceWithIdAndNote(file, entry, seq, ids[0]);
  if (!first || first.start !== span.start || first.end !== span.end) return [];
  const rest = ids.slice(1).map(plainOrQuoted);
  if (seq.flow) return [edit(file, span.start, span.end, `${first.newText}, ${rest.join(', ')}`)];
  // Block list: the item's dash starts its line (`  - text`); the new items follow the item's
  // last line (after any comment there), at the dash's indentation.
  const startLine = lineOf(file, span.start);
  const lead = /^([ \t]*)-[ \t]+$/.exec(file.text.slice(file.lines.lineStartOffset(startLine), span.start));
  if (!lead) return [];
  const lineEnd = file.lines.lineEndOffset(lineOf(file, span.end));
  const eol = file.lines.eol;
  const added = rest.map((id) => `${eol}${lead[1]}- ${id}`).join('');
  return [edit(file, span.start, lineEnd, `${first.newText}${file.text.slice(span.end, lineEnd)}${added}`)];
}

/**
 * Removes a `key: value` pair when that is safe: block or flow mapping, no comment in its span nor
 * in the text the edit removes with it (a block pair goes with its whole lines, comment included).
 */
export function removePair(file: CharterFile, map: YAMLMap, pair: Pair<Node, Node | null>): TextEdit[] | undefined {
  const edits = removePairEdits(file, map, pair);
  return edits && keepingComments(file, edits);
}

function removePairEdits(file: CharterFile, map: YAMLMap, pair: Pair<Node, Node | null>): TextEdit[] | undefined {
  const key = pair.key;
  if (!key?.range) return undefined;
  const value = pair.value;
  const end = value?.range ? itemEnd(value) : itemEnd(key);
  if (spanHasComment(file, key.range[0], end)) return undefined;
  if (hasAnchorOrTag(value) || hasAnchorOrTag(key)) return undefined;
  const index = map.items.indexOf(pair as Pair);
  if (map.flow) {
    // Only a braced mapping on one line: elsewhere the removal could take a comment or a brace along.
    const mapStart = map.range?.[0] ?? key.range[0];
    if (file.text[mapStart] !== '{' || lineOf(file, mapStart) !== lineOf(file, Math.max(mapStart, itemEnd(map) - 1))) return undefined;
    if (map.items.length === 1) return [edit(file, key.range[0], end, '')];
    if (index > 0) {
      const previous = map.items[index - 1];
      const previousEnd = previous.value && isNodeWithRange(previous.value) ? itemEnd(previous.value) : itemEnd(previous.key as Node);
      return [edit(file, previousEnd, end, '')];
    }
    const next = map.items[1].key as Node;
    return [edit(file, key.range[0], next.range ? next.range[0] : end, '')];
  }
  const firstLine = lineOf(file, key.range[0]);
  const lastLine = lineOf(file, Math.max(key.range[0], end - 1));
  const lineText = file.lines.lineText(firstLine);
  const before = lineText.slice(0, file.lines.positionAt(key.range[0]).character);
  if (before.trim() !== '') {
    // The key shares its line with a `- ` indicator: remove up to the next key, keeping the indicator.
    if (index + 1 >= map.items.length) return undefined;
    const next = map.items[index + 1].key as Node;
    if (!next?.range || spanHasComment(file, key.range[0], next.range[0])) return undefined;
    return [edit(file, key.range[0], next.range[0], '')];
  }
  const start = file.lines.lineStartOffset(firstLine);
  const stop = lastLine + 1 < file.lines.lineCount ? file.lines.lineStartOffset(lastLine + 1) : file.text.length;
  if (map.items.length === 1) return undefined; // an empty mapping would change the node's type
  return [edit(file, start, stop, '')];
}

function isNodeWithRange(node: unknown): node is Node {
  return !!node && typeof node === 'object' && 'range' in node && Array.isArray((node as Node).range);
}

/** "Disable for this line": adds to or inserts a `# charter-lint-disable-next-line` comment above. */
export function disableNextLine(file: CharterFile, offset: number, rule: string): TextEdit[] {
  const line = lineOf(file, offset);
  // A parse error moves with the text around it, and a finding on a blank or comment line has no
  // line of its own to hide: neither can be disabled line by line (file-wide disabling still works).
  const content = file.lines.lineText(line).trim();
  if (rule === 'yaml-syntax' || content === '' || content.startsWith('#')) return [];
  // unowned-responsibility sits on the charter: key; without one it is pinned to offset 0 and
  // would not move below an inserted comment.
  if (rule === 'unowned-responsibility' && offset === 0 && file.charterKey?.start !== 0) return [];
  const eol = file.lines.eol;
  if (line > 0) {
    const previous = file.lines.lineText(line - 1);
    const match = /^(\s*#\s*charter-lint-disable-next-line)(\s+(.*?))?\s*$/.exec(previous);
    if (match) {
      if (!match[3]) return []; // already disables every rule
      const lineEnd = file.lines.lineEndOffset(line - 1);
      const trailing = previous.length - previous.trimEnd().length;
      return [edit(file, lineEnd - trailing, lineEnd - trailing, `, ${rule}`)];
    }
  }
  const lineText = file.lines.lineText(line);
  const start = file.lines.lineStartOffset(line);
  return [edit(file, start, start, `${indentOf(lineText)}# charter-lint-disable-next-line ${rule}${eol}`)];
}

function isScalarNull(node: Node): boolean {
  return !isMap(node) && !isSeq(node) && (node as { value?: unknown }).value === null;
}
