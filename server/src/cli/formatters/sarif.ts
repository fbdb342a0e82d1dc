import { RULES } from '../../core/rules';
import { docsUrl } from '../../core/rules/rule';
import type { Range, Severity } from '../../core/types';
import { PROJECT_URL } from '../../package-info';
import { jsonSafe } from '../terminal';
import type { Formatter } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * GitHub code scanning's `problem.severity` of a rule (non-security rules): with the level it
 * decides which alerts GitHub shows first.
 */
const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = { error: 'error', warning: 'warning', info: 'recommendation', hint: 'recommendation' };

function artifactUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/**
 * A rule's SARIF `name`: a human-readable identifier, PascalCase from the id, which must not be
 * the id itself (SARIF1001 of the SARIF Multitool compares them ignoring case). A one-word id
 * gets a descriptive name of its own.
 */
const NAMES: Record<string, string> = { schema: 'CharterSchemaViolation' };

export function sarifRuleName(id: string): string {
  const name = NAMES[id] ?? id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
  return name.toLowerCase() === id.toLowerCase() ? `${name}Rule` : name;
}

/** SARIF regions are 1-based; an empty range still covers one column so viewers can show it. */
function region(range: Range) {
  const sameSpot = range.start.line === range.end.line && range.start.character === range.end.character;
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1 + (sameSpot ? 1 : 0),
  };
}

/**
 * SARIF 2.1.0, as GitHub code scanning accepts it: every rule with a PascalCase `name` distinct
 * from its id, descriptions, help and helpUri, a default level; results with relative artifact
 * URIs under %SRCROOT%. No `partialFingerprints`: GitHub reads only `primaryLocationLineHash`, a
 * hash of the source lines that its upload-sarif action computes itself when a result lacks it.
 */
export const formatSarif: Formatter = (reports, { version }) => {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.meta.id, index]));
  const results = reports.flatMap((report) =>
    report.findings.map((finding) => ({
      ruleId: finding.rule,
      // Every finding's rule is one of RULES; were one not, no index beats a wrong one (SARIF1009).
      ...(ruleIndex.has(finding.rule) ? { ruleIndex: ruleIndex.get(finding.rule) } : {}),
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(report.file), uriBaseId: '%SRCROOT%' },
            region: region(finding.range),
          },
        },
      ],
      ...(finding.related.length > 0
        ? {
            relatedLocations: finding.related.map((related, id) => ({
              id,
              message: { text: related.message },
              physicalLocation: { artifactLocation: { uri: artifactUri(related.file), uriBaseId: '%SRCROOT%' }, region: region(related.range) },
            })),
          }
        : {}),
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'charter-lint',
            fullName: 'Org Charter Lint',
            version,
            semanticVersion: version,
            informationUri: PROJECT_URL,
            rules: RULES.map((rule) => ({
              id: rule.meta.id,
              name: sarifRuleName(rule.meta.id),
              shortDescription: { text: rule.meta.description },
              fullDescription: { text: rule.meta.description },
              helpUri: docsUrl(rule.meta.id),
              help: { text: `${rule.meta.description} See ${docsUrl(rule.meta.id)}` },
              defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
              properties: { tags: ['org-charter'], 'problem.severity': PROBLEM_SEVERITY[rule.meta.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder charter-lint ran in.' } } },
        artifacts: reports.map((report) => ({ location: { uri: artifactUri(report.file), uriBaseId: '%SRCROOT%' } })),
        results,
      },
    ],
  };
  return `${jsonSafe(JSON.stringify(sarif, null, 2))}\n`;
};
