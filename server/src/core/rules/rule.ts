import type { Facts } from '../facts';
import type { RoleModel } from '../model/model';
import type { Organization } from '../organization';
import type { CharterFile, ResponsibilityEntry, RoleDecl, Span } from '../parse';
import type { SchemaProblem } from '../schema';
import type { Fix, Severity } from '../types';

import { PROJECT_URL } from '../../package-info';

/**
 * The rule pages on the web: docs/rules/<id>.md of the repository that package.json `homepage`
 * names. The extension ships the same pages and opens its own copy instead (client/src/docs.ts).
 */
export const DOCS_BASE_URL = `${PROJECT_URL}/blob/main/docs/rules`;

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
  /**
   * SPEC "One finding, not a cascade": the rules whose shown findings silence this rule's, and how
   * their subjects are compared. Applied after every rule ran (see `cascade.ts`), so a rule's
   * findings never depend on whether another rule is on.
   */
  supersededBy?: readonly Supersession[];
}

/**
 * How a silencer's subjects are compared with a superseded finding's:
 * - `role-pair`: the finding is about a pair of roles; a silencer on either role whose `peers`
 *   name a group the other role belongs to (`Facts.membershipsOf`) covers the pair;
 * - `entry`: a silencer on either entry, for the same id;
 * - `stands-for`: a silencer on the same role whose `standsFor` is the finding's id.
 */
export type SubjectRelation = 'role-pair' | 'entry' | 'stands-for';

export interface Supersession {
  rule: string;
  relation: SubjectRelation;
}

/** What a finding is about, for silencing (internal: never part of the output). */
export interface Subjects {
  /** The role the finding is on. */
  role?: RoleDecl;
  /** Groups of roles (cluster or holder-group keys) this finding pairs `role` with. */
  peers?: readonly string[];
  /** The responsibility entry the finding is about, judged for `id`. */
  entry?: ResponsibilityEntry;
  /** The id the finding is about (the missing id, the entry's id). */
  id?: string;
  /** An id-like typo's single did-you-mean: a required id its role lacks. */
  standsFor?: string;
}

/** One side of a pair finding: a role, and for responsibility findings its entry and id. */
export interface PairSide {
  role: RoleDecl;
  entry?: ResponsibilityEntry;
  id?: string;
}

/**
 * Partners that belong to the same groups (one scope cluster): silencing against them is decided
 * once for the whole group, so a crowded scope costs one decision, not one per pair. Rules reuse
 * one object per group across their findings.
 */
export interface PartnerGroup {
  /** The group's own key (its cluster), as a silencer's `peers` name it. */
  key: string;
  /** Every group its members belong to (`Facts.membershipsOf`); shared per cluster. */
  memberships: readonly string[];
  members: readonly PairSide[];
}

/**
 * A finding about one side and its partners. The post-pass removes the partners whose pair is
 * silenced, then `render`s what is left; nothing is reported when no partner is left.
 */
export interface PairReport {
  self: PairSide;
  /** `Facts.membershipsOf` the self side's cluster (the same array for the whole cluster). */
  selfMemberships: readonly string[];
  partners: readonly PartnerGroup[];
  /**
   * The report for the partners left: `shown` holds at most MAX_RELATED of them, `count` all of
   * them, `groups` the partner groups with at least one left.
   */
  render(shown: readonly PairSide[], count: number, groups: readonly PartnerGroup[]): ReportInput;
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
  /** What the finding is about, for silencing (SPEC "One finding, not a cascade"). */
  subjects?: Subjects;
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
  /** Reports a finding about a pair of roles or entries, silenced partner by partner. */
  reportPair(input: PairReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
  /**
   * For a rule with `supersededBy`: its findings left once silencing is decided, before they are
   * shown; may add fixes that span several of them (missing-responsibility's "Add all").
   */
  afterSilencing?(kept: ReportInput[]): ReportInput[];
}

/** Related locations and names listed per finding, so one crowded scope cannot explode the output. */
export const MAX_RELATED = 20;
const MAX_NAMED = 3;

/** User text longer than this is cut in messages, so a 40,000-character id costs one short line. */
const MAX_QUOTED = 80;

/** User text in a message: whole when short, else its first MAX_QUOTED characters and "…". */
export function clip(value: string): string {
  return value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}\u2026` : value;
}

/** User text quoted in a message: `"value"`, cut past MAX_QUOTED characters (`clip`). */
export function quoted(value: string): string {
  return `"${clip(value)}"`;
}

/**
 * `"a", "b", "c" and 4 more`: names already quoted by the caller, `total` counting all of them.
 * The list is the whole tail of a sentence: never write "X and" before it (it brings its own "and").
 */
export function nameList(names: readonly string[], total = names.length): string {
  const shown = names.slice(0, MAX_NAMED);
  if (total > shown.length) return `${shown.join(', ')} and ${total - shown.length} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
