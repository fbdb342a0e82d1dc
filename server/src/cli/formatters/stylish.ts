import type { Severity } from '../../core/types';
import { terminalSafe } from '../terminal';
import type { Formatter } from './types';

/**
 * The message column is padded to the widest message of the file that is at most this long; a
 * longer message is printed whole, unpadded, and pads nothing else. One very long message (a
 * 150,000-character one has been seen) must not pad every other row to its length: the output
 * stays linear in the findings' text.
 */
export const MAX_MESSAGE_PAD = 200;

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;

/** ESLint's "stylish" layout: file, then `line:col  severity  message  rule`, then totals. */
export const formatStylish: Formatter = (reports, { color }) => {
  const paint = (code: keyof typeof COLORS, text: string) => (color ? `\u001b[${COLORS[code]}m${text}\u001b[0m` : text);
  const severityColor: Record<Severity, keyof typeof COLORS> = { error: 'red', warning: 'yellow', info: 'blue', hint: 'gray' };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixableErrors = 0;
  let fixableWarnings = 0;
  let fixableOther = 0;
  const lines: string[] = [];
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    lines.push(paint('underline', terminalSafe(report.label ?? report.file)));
    const rows = report.findings.map((finding) => [
      `${finding.range.start.line + 1}:${finding.range.start.character + 1}`,
      finding.severity,
      terminalSafe(finding.message.replace(/\s*\n\s*/g, ' ')),
      terminalSafe(finding.rule),
    ]);
    const widths = [0, 1, 2].map((column) =>
      rows.reduce((width, row) => (column === 2 && row[column].length > MAX_MESSAGE_PAD ? width : Math.max(width, row[column].length)), 0),
    );
    report.findings.forEach((finding, index) => {
      const row = rows[index];
      counts[finding.severity]++;
      if (finding.fixes.some((fix) => fix.safe)) {
        if (finding.severity === 'error') fixableErrors++;
        else if (finding.severity === 'warning') fixableWarnings++;
        else fixableOther++;
      }
      lines.push(
        `  ${paint('gray', row[0].padEnd(widths[0]))}  ${paint(severityColor[finding.severity], row[1].padEnd(widths[1]))}  ${row[2].padEnd(widths[2])}  ${paint('gray', row[3])}`,
      );
    });
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.info > 0) parts.push(`${counts.info} info`);
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
  const summaryColor = counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'blue';
  lines.push(paint(summaryColor, paint('bold', `\u2716 ${plural(total, 'problem')} (${parts.join(', ')})`)));
  if (fixableErrors + fixableWarnings + fixableOther > 0) {
    const fixable = [plural(fixableErrors, 'error'), plural(fixableWarnings, 'warning')];
    if (fixableOther > 0) fixable.push(`${fixableOther} info${fixableOther === 1 ? '' : 's'}`);
    lines.push(paint(summaryColor, paint('bold', `  ${fixable.join(', ').replace(/, ([^,]*)$/, ' and $1')} potentially fixable with the \`--fix\` option.`)));
  }
  return `${lines.join('\n')}\n`;
};
