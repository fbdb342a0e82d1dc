import { duplicateRegion } from './duplicate-region';
import { duplicateResponsibility } from './duplicate-responsibility';
import { duplicateRoleId } from './duplicate-role-id';
import { invalidModel } from './invalid-model';
import { invalidReportingLine } from './invalid-reporting-line';
import { missingResponsibility } from './missing-responsibility';
import { nonCanonicalResponsibility } from './non-canonical-responsibility';
import { reportingCycle } from './reporting-cycle';
import { responsibilityOutOfScope } from './responsibility-out-of-scope';
import { responsibilityOverlap } from './responsibility-overlap';
import type { Rule } from './rule';
import { schema } from './schema';
import { scopeMismatch } from './scope-mismatch';
import { territoryOverlap } from './territory-overlap';
import { tooManyHolders } from './too-many-holders';
import { uncoveredRegion } from './uncovered-region';
import { unknownReference } from './unknown-reference';
import { unknownRegion } from './unknown-region';
import { unknownResponsibility } from './unknown-responsibility';
import { unknownRoleType } from './unknown-role-type';
import { unownedResponsibility } from './unowned-responsibility';
import { yamlSyntax } from './yaml-syntax';

/** Every rule, in SPEC §2 order. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  duplicateRoleId,
  unknownRoleType,
  unknownResponsibility,
  nonCanonicalResponsibility,
  duplicateResponsibility,
  missingResponsibility,
  scopeMismatch,
  responsibilityOutOfScope,
  responsibilityOverlap,
  territoryOverlap,
  unknownRegion,
  uncoveredRegion,
  unownedResponsibility,
  unknownReference,
  reportingCycle,
  invalidReportingLine,
  tooManyHolders,
  duplicateRegion,
  invalidModel,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export type { Rule, RuleMeta, RuleContext } from './rule';
export { docsUrl } from './rule';
