/** Plain data shared by the core, the CLI and the language server. Positions are LSP-style: 0-based, UTF-16. */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A replacement of the text between two offsets of one file. */
export interface TextEdit {
  /** Offsets into the file's text (UTF-16 code units). */
  start: number;
  end: number;
  newText: string;
  /** The same span as a position range, for LSP clients. */
  range: Range;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe fixes are applied by "Fix all" and `--fix` (SPEC §2 "Fixes"). */
  safe: boolean;
  /** The one obvious fix for the finding (LSP `isPreferred`). */
  preferred?: boolean;
}

export interface RelatedLocation {
  /** Path of the related file, as given to the analysis. */
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Path of the file, as given to the analysis. */
  file: string;
  range: Range;
  /** Offsets of the range, for edit computation. */
  offsets: { start: number; end: number };
  related: RelatedLocation[];
  fixes: Fix[];
  /** Link to the rule's documentation page. */
  docsUrl: string;
}

/** One file handed to the analysis. */
export interface SourceFile {
  /** Path as the caller names it (absolute or relative, `/` separators preferred). */
  path: string;
  text: string;
}
