import type { ResponsibilityEntry, RoleDecl } from './parse';
import { MAX_RELATED, type PairReport, type PairSide, type PartnerGroup, type ReportInput, type Rule, type Subjects, type Supersession } from './rules/rule';

/**
 * SPEC "One finding, not a cascade", as a post-pass over findings. Every rule runs and reports
 * everything it finds; a finding of a rule that declares `supersededBy` is held until the rules
 * that silence it have run, then dropped (or, for a pair finding, loses the partners) only where a
 * silencer finding is shown: its rule ran (is not `off`) and the finding is not suppressed by a
 * directive. Turning a rule off or suppressing one of its findings therefore brings back what it
 * silenced, and no rule's output depends on whether another rule is on except through this list.
 */

/** The subjects of the shown findings of one silencing rule, indexed for the three relations. */
class ShownIndex {
  readonly peersByRole = new Map<RoleDecl, Set<string>>();
  readonly idsByEntry = new Map<ResponsibilityEntry, Set<string>>();
  readonly standsForByRole = new Map<RoleDecl, Set<string>>();

  add(subjects: Subjects): void {
    if (subjects.role && subjects.peers && subjects.peers.length > 0) addAll(this.peersByRole, subjects.role, subjects.peers);
    if (subjects.entry && subjects.id !== undefined) addAll(this.idsByEntry, subjects.entry, [subjects.id]);
    if (subjects.role && subjects.standsFor !== undefined) addAll(this.standsForByRole, subjects.role, [subjects.standsFor]);
  }

  /** A shown finding on `role` pairs it with a group that `memberships` lists. */
  pairs(role: RoleDecl, memberships: readonly string[]): boolean {
    const peers = this.peersByRole.get(role);
    if (!peers) return false;
    for (const key of memberships) if (peers.has(key)) return true;
    return false;
  }

  entry(entry: ResponsibilityEntry | undefined, id: string | undefined): boolean {
    return !!entry && id !== undefined && (this.idsByEntry.get(entry)?.has(id) ?? false);
  }
}

function addAll<K>(map: Map<K, Set<string>>, key: K, values: readonly string[]): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  for (const value of values) set.add(value);
}

type Held = { kind: 'plain'; input: ReportInput } | { kind: 'pair'; input: PairReport };

/** The silencer indexes a superseded rule is checked against, by relation. */
interface Silencers {
  rolePair: ShownIndex[];
  entry: ShownIndex[];
  standsFor: ShownIndex[];
}

export class Cascade {
  private readonly shown = new Map<string, ShownIndex>();
  private readonly superseded = new Map<string, readonly Supersession[]>();
  private readonly held = new Map<string, Held[]>();

  constructor(rules: readonly Rule[]) {
    for (const rule of rules) {
      const list = rule.meta.supersededBy ?? [];
      if (list.length === 0) continue;
      this.superseded.set(rule.meta.id, list);
      for (const { rule: silencer } of list) if (!this.shown.has(silencer)) this.shown.set(silencer, new ShownIndex());
    }
  }

  /** True when other rules' findings can be silenced by this rule's shown findings. */
  isSilencer(ruleId: string): boolean {
    return this.shown.has(ruleId);
  }

  /** True when this rule's findings wait for the post-pass. */
  isSuperseded(ruleId: string): boolean {
    return this.superseded.has(ruleId);
  }

  /** Records a shown (reported, not suppressed) finding of a silencing rule. */
  noteShown(ruleId: string, subjects: Subjects | undefined): void {
    if (subjects) this.shown.get(ruleId)?.add(subjects);
  }

  hold(ruleId: string, item: Held): void {
    let list = this.held.get(ruleId);
    if (!list) this.held.set(ruleId, (list = []));
    list.push(item);
  }

  /**
   * The superseded rules among `ran`, each after every superseded rule that silences it, so a
   * silencer's shown findings are complete before they are used.
   */
  releaseOrder(ran: readonly string[]): string[] {
    const pending = ran.filter((id) => this.superseded.has(id));
    const order: string[] = [];
    while (pending.length > 0) {
      const index = pending.findIndex((id) => (this.superseded.get(id) ?? []).every((s) => !pending.includes(s.rule) || s.rule === id));
      // A cycle in the declarations would be a programming error; release in list order then.
      const [next] = pending.splice(index < 0 ? 0 : index, 1);
      order.push(next);
    }
    return order;
  }

  /** The held findings of a superseded rule that no shown finding silences, rendered. */
  release(ruleId: string): ReportInput[] {
    const held = this.held.get(ruleId) ?? [];
    this.held.delete(ruleId);
    const silencers: Silencers = { rolePair: [], entry: [], standsFor: [] };
    for (const { rule, relation } of this.superseded.get(ruleId) ?? []) {
      const index = this.shown.get(rule);
      if (!index) continue;
      if (relation === 'role-pair') silencers.rolePair.push(index);
      else if (relation === 'entry') silencers.entry.push(index);
      else silencers.standsFor.push(index);
    }
    const kept: ReportInput[] = [];
    const partnerCache = new Map<PartnerGroup, Map<readonly string[], KeptMembers>>();
    for (const item of held) {
      if (item.kind === 'plain') {
        if (!plainSilenced(item.input.subjects, silencers)) kept.push(item.input);
        continue;
      }
      const rendered = renderPair(item.input, silencers, partnerCache);
      if (rendered) kept.push(rendered);
    }
    return kept;
  }
}

function plainSilenced(subjects: Subjects | undefined, silencers: Silencers): boolean {
  if (!subjects) return false;
  if (silencers.entry.some((index) => index.entry(subjects.entry, subjects.id))) return true;
  if (subjects.role && subjects.id !== undefined) {
    const { role, id } = subjects;
    if (silencers.standsFor.some((index) => index.standsForByRole.get(role)?.has(id) ?? false)) return true;
  }
  if (subjects.role && subjects.peers) {
    const { role, peers } = subjects;
    if (silencers.rolePair.some((index) => index.pairs(role, peers))) return true;
  }
  return false;
}

/** The cache key of kept members when no silencer depends on the self side. */
const NO_SELF: readonly string[] = [];

interface KeptMembers {
  members: PairSide[];
  set: Set<PairSide>;
}

/** Partners of one group that no shown finding on their side pairs with the self side's groups. */
function keptMembers(group: PartnerGroup, selfMemberships: readonly string[], silencers: Silencers, cache: Map<PartnerGroup, Map<readonly string[], KeptMembers>>): KeptMembers {
  let bySelf = cache.get(group);
  if (!bySelf) cache.set(group, (bySelf = new Map()));
  // When no shown role-pair finding is on any member, the answer does not depend on the self
  // side: one list per group, so n pairwise overlapping clusters cost n kept lists, not n²
  // (out of memory at 1,000 clusters before).
  const free = bySelf.get(NO_SELF);
  if (free) return free;
  const dependsOnSelf = silencers.rolePair.some((index) => group.members.some((member) => index.peersByRole.has(member.role)));
  const key = dependsOnSelf ? selfMemberships : NO_SELF;
  let kept = bySelf.get(key);
  if (kept) return kept;
  const members = group.members.filter(
    (member) => !silencers.rolePair.some((index) => index.pairs(member.role, selfMemberships)) && !silencers.entry.some((index) => index.entry(member.entry, member.id)),
  );
  kept = { members, set: new Set(members) };
  bySelf.set(key, kept);
  return kept;
}

/**
 * A pair finding with its silenced partners removed: a group is dropped whole when a shown finding
 * on the self side pairs it, otherwise member by member (cached per group and self cluster, so
 * the work is linear in groups per finding, not in partners).
 */
function renderPair(pair: PairReport, silencers: Silencers, cache: Map<PartnerGroup, Map<readonly string[], KeptMembers>>): ReportInput | undefined {
  const { self } = pair;
  if (silencers.entry.some((index) => index.entry(self.entry, self.id))) return undefined;
  const shown: PairSide[] = [];
  const groups: PartnerGroup[] = [];
  let count = 0;
  for (const group of pair.partners) {
    if (silencers.rolePair.some((index) => index.pairs(self.role, group.memberships))) continue;
    const kept = keptMembers(group, pair.selfMemberships, silencers, cache);
    const others = kept.members.length - (kept.set.has(self) ? 1 : 0);
    if (others <= 0) continue;
    count += others;
    groups.push(group);
    for (const member of kept.members) {
      if (shown.length >= MAX_RELATED) break;
      if (member !== self) shown.push(member);
    }
  }
  if (count === 0) return undefined;
  const input = pair.render(shown, count, groups);
  return { ...input, subjects: { role: self.role, entry: self.entry, id: self.id, peers: groups.map((group) => group.key) } };
}

/** A pair finding reported by a rule nothing supersedes: every partner stays. */
export function renderWhole(pair: PairReport): ReportInput | undefined {
  return renderPair(pair, { rolePair: [], entry: [], standsFor: [] }, new Map());
}
