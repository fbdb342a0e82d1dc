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

/**
 * Untitled documents stand for the path their name gives (`untitled:/work/org/new-team.charter.yaml`
 * is `/work/org/new-team.charter.yaml`; a bare name such as `untitled:team.charter.yaml` sits in
 * UNTITLED_FOLDER), so the config decides whether they are charters as for a saved file. This maps
 * each such path back to the untitled URI its diagnostics go to, until a saved file takes the path.
 */
const UNTITLED_FOLDER = path.resolve('/untitled');
const untitledUris = new Map<string, string>();

function untitledFile(uri: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(uri.slice('untitled:'.length).replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  if (name === '' || name.includes('\0')) return undefined;
  const file = path.isAbsolute(name) ? path.resolve(name) : path.resolve(UNTITLED_FOLDER, name);
  untitledUris.set(file, uri);
  return file;
}

/** `file:` URIs by path: a 10,000-file organization publishes every file's on each lint. */
const fileUris = new Map<string, string>();
const MAX_CACHED_URIS = 100_000;

export function uriOf(file: string): string {
  const untitled = untitledUris.get(file);
  if (untitled) return untitled;
  let uri = fileUris.get(file);
  if (!uri) {
    if (fileUris.size >= MAX_CACHED_URIS) fileUris.clear();
    uri = pathToFileURL(file).toString();
    fileUris.set(file, uri);
  }
  return uri;
}

/** The file path of a `file:` or `untitled:` URI; undefined for other schemes (git, output, ...). */
export function fileOf(uri: string): string | undefined {
  if (uri.startsWith('untitled:')) return untitledFile(uri);
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = path.resolve(fileURLToPath(uri));
    untitledUris.delete(file);
    return file;
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
