import type { Position, Range } from './types';

/** Maps offsets to LSP positions for one text. The one place offsets become positions. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) starts.push(i + 1);
      else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** An offset inside the text, and never between the \r and \n of a CRLF (still the line's end). */
  clampOffset(offset: number): number {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    return clamped > 0 && this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13 ? clamped - 1 : clamped;
  }

  positionAt(offset: number): Position {
    const clamped = this.clampOffset(offset);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    const lineEnd = this.lineEndOffset(position.line);
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  lineStartOffset(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEndOffset(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStartOffset(line), this.lineEndOffset(line));
  }

  /** The line break this text uses (first one seen: CRLF, LF or a lone CR), for inserted lines. */
  get eol(): string {
    const index = this.lineStarts.length > 1 ? this.lineStarts[1] - 1 : -1;
    if (index < 0 || this.text.charCodeAt(index) === 10) return index > 0 && this.text.charCodeAt(index - 1) === 13 ? '\r\n' : '\n';
    return '\r';
  }
}
