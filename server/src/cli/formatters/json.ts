import { jsonSafe } from '../terminal';
import type { Formatter } from './types';

/**
 * SPEC §3: one JSON array, every linted file, 0-based LSP positions; control characters in charter
 * text written as `\u` escapes (see jsonSafe).
 */
export const formatJson: Formatter = (reports) =>
  `${jsonSafe(JSON.stringify(
    reports.map((report) => ({
      file: report.file,
      diagnostics: report.findings.map((finding) => ({
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        range: finding.range,
        related: finding.related.map((related) => ({ file: related.file, range: related.range, message: related.message })),
        fixable: finding.fixes.some((fix) => fix.safe),
      })),
    })),
  ))}\n`;
