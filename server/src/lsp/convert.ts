import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type Location,
  type Range,
} from 'vscode-languageserver';
import type { CharterFile, Span } from '../core/parse';
import type { Finding, Severity } from '../core/types';

export function uriOf(file: string): string {
  return pathToFileURL(file).toString();
}

/** The file path of a `file:` URI; undefined for other schemes (untitled, git, ...). */
export function fileOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: finding.docsUrl },
    source: 'charter-lint',
    message: finding.message,
    relatedInformation: finding.related.map((related) => ({
      location: { uri: uriOf(related.file), range: related.range },
      message: related.message,
    })),
  };
}

export function spanRange(file: CharterFile, span: Span): Range {
  return file.lines.range(span.start, span.end);
}

export function spanLocation(file: CharterFile, span: Span): Location {
  return { uri: uriOf(file.path), range: spanRange(file, span) };
}

export function rangesIntersect(a: Range, b: Range): boolean {
  const before = (x: { line: number; character: number }, y: { line: number; character: number }) =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
