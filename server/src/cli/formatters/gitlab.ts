import { createHash } from 'node:crypto';
import type { Severity } from '../../core/types';
import { jsonSafe } from '../terminal';
import type { Formatter } from './types';

/**
 * `--format gitlab`: a GitLab Code Quality report (the Code Climate JSON subset GitLab reads:
 * `artifacts: reports: codequality`), so findings show in merge requests.
 *
 * The fingerprint identifies a finding across commits: its file, rule and message, and which
 * occurrence of that triple it is in the file, not its line, so a finding moved by an edit above
 * it is still the same finding.
 */

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

export const formatGitlab: Formatter = (reports) => {
  const issues = reports.flatMap((report) => {
    const seen = new Map<string, number>();
    return report.findings.map((finding) => {
      const key = `${report.file}\u0000${finding.rule}\u0000${finding.message}`;
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      return {
        type: 'issue',
        check_name: finding.rule,
        description: finding.message,
        categories: ['Style'],
        severity: SEVERITY[finding.severity],
        fingerprint: createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32),
        location: {
          path: report.file,
          positions: {
            begin: { line: finding.range.start.line + 1, column: finding.range.start.character + 1 },
            end: { line: finding.range.end.line + 1, column: finding.range.end.character + 1 },
          },
        },
      };
    });
  });
  return `${jsonSafe(JSON.stringify(issues, null, 2))}\n`;
};
