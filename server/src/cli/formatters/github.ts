import type { Finding, Severity } from '../../core/types';
import { terminalSafe } from '../terminal';
import type { Formatter } from './types';

/**
 * `--format github`: one GitHub Actions workflow command per finding
 * (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), which the runner turns
 * into an annotation on the file and line of a pull request.
 *
 * Escaping follows the runner's rules (those of `@actions/core`): in the message `%`, CR and LF
 * are written `%25`, `%0D`, `%0A`; in a property value `:` and `,` are also written `%3A`, `%2C`,
 * since they end a property. So a charter's text cannot end the command early or start another
 * one (`\n::error …`). Other control characters are shown as escapes, as on a terminal (SPEC §3):
 * the runner's log renders ANSI sequences.
 */

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A command's message: `%`, CR and LF escaped, then other control characters shown as escapes. */
export function escapeData(text: string): string {
  return terminalSafe(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A command's property value: as a message, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(file: string, finding: Finding): string {
  const { start, end } = finding.range;
  const properties: [string, string][] = [
    ['file', file],
    ['line', String(start.line + 1)],
    ['endLine', String(end.line + 1)],
  ];
  // GitHub shows columns only for an annotation on one line. 1-based, the end past the last
  // character as in SARIF; an empty range still covers one column.
  if (start.line === end.line) {
    const endColumn = end.character > start.character ? end.character + 1 : start.character + 2;
    properties.push(['col', String(start.character + 1)], ['endColumn', String(endColumn)]);
  }
  properties.push(['title', `charter-lint ${finding.rule}`]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${COMMAND[finding.severity]} ${props}::${escapeData(finding.message)}`;
}

export const formatGithub: Formatter = (reports) => {
  const lines = reports.flatMap((report) => report.findings.map((finding) => command(report.file, finding)));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
