import type { Facts } from '../facts';
import type { RoleModel } from '../model/model';
import type { Organization } from '../organization';
import type { CharterFile, Span } from '../parse';
import type { SchemaProblem } from '../schema';
import type { Fix, Severity } from '../types';

export const DOCS_BASE_URL = 'https://github.com/org-charter-lint/org-charter-lint/blob/main/docs/rules';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line, shown in rule lists and SARIF. */
  description: string;
  /** `safe`: applied by fix-all and `--fix`; `suggestion`: offered one at a time; `none`. */
  fixable: 'safe' | 'suggestion' | 'none';
  /** Model rules are skipped for an organization whose model failed to load. */
  needsModel: boolean;
}

export interface RelatedInput {
  file: CharterFile;
  span: Span;
  message: string;
}

export interface ReportInput {
  file: CharterFile;
  span: Span;
  message: string;
  related?: RelatedInput[];
  fixes?: Fix[];
}

/** A model reference problem found while choosing the organization's model. */
export interface ModelIssue {
  file: CharterFile;
  span: Span;
  message: string;
}

export interface RuleContext {
  org: Organization;
  /** Undefined only for rules with `needsModel: false` when the model failed. */
  model: RoleModel | undefined;
  facts: Facts;
  /** Files whose YAML parsed; structural and model rules look only at these. */
  parsedFiles: CharterFile[];
  schemaProblems: Map<CharterFile, SchemaProblem[]>;
  modelIssues: ModelIssue[];
  report(input: ReportInput): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Related locations and names listed per finding, so one crowded scope cannot explode the output. */
export const MAX_RELATED = 20;
const MAX_NAMED = 3;

/** `"a", "b", "c" and 4 more`: names already quoted by the caller, `total` counting all of them. */
export function nameList(names: readonly string[], total = names.length): string {
  const shown = names.slice(0, MAX_NAMED);
  if (total > shown.length) return `${shown.join(', ')} and ${total - shown.length} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
