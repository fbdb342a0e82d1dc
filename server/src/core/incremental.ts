import { FileCache, analyzeInSteps, chooseModel, comparePaths, suppressionsOf, type AnalysisResult, type AnalyzeInput, type ChosenModel } from './analyze';
import { Organization, withDescendants, type WholeOrganization } from './organization';
import type { CharterFile, RoleDecl } from './parse';
import type { Finding, SourceFile } from './types';
import type { RoleModel } from './model/model';

/**
 * Incremental analysis of one organization (issue #15): an edit re-checks only the files whose
 * findings it can change, together with the files those depend on, and keeps every other file's
 * findings as they were.
 *
 * Each file states what it offers the rest of the organization and what it reads of it, as keys
 * with a fingerprint: `id:<id>` (a role or external id), `region:<name>` (a declaration, or a
 * child declared under it), `cover:<type>:<region>` and `own:<responsibility>:<region>` (a
 * participating regional role, for every region its scope covers), `anyown:`/`orgown:` (owners of
 * a responsibility at any or at organization scope), `hold:<type>:org` (organization-scope
 * holders). A role's fingerprint is its text, where it starts, its file's suppressions and
 * whether it takes part in coverage and overlaps: whatever another file's findings can show of it.
 * After an edit, the files that offer or read a key whose fingerprints changed are affected;
 * reporting cycles are followed role by role; the few organization-wide facts (role types
 * present, regions covered, the first file, every id and region name for did-you-mean) come from
 * counts kept here. The affected files are analysed with every file they read, and their findings
 * replace the previous ones. The result equals a fresh analysis (test/core/organization-incremental).
 */

interface FileFacts {
  charter: CharterFile;
  /** Key → fingerprint (a 53-bit hash) of what this file offers under it. */
  provides: Map<string, number>;
  reads: Set<string>;
  /** Role types (model ids) of its roles. */
  types: string[];
  /** Regions its participating roles cover (repeats kept: counted). */
  covered: string[];
  /** Its role ids and external ids. */
  ids: string[];
  /** Regions it declares, with their parents. */
  decls: { name: string; parent: string | null }[];
  /** Its roles by id (for following reporting lines). */
  roles: RoleDecl[];
  /** First index of each declaration (name, parent) in `decls`, made when first asked. */
  declIndex?: Map<string, number>;
}

/** Names counted in an update, with whether they were present before it. */
interface Touched {
  cover: Map<string, boolean>;
  ids: Map<string, boolean>;
}

/** Keys whose offers the partial run reads through `WholeOrganization`, not from the files. */
const LOOKUP_KEY = /^(?:id|region):/;

/** Above this share of the organization, an edit re-analyses everything (it costs about the same). */
const FULL_SHARE = 0.25;

/**
 * Adds to a count; `presentBefore` remembers, for each name first touched in this update, whether
 * it was present then, so that what came or went is known once the update is done (a file's
 * names are taken out and put back on every edit of it).
 */
function increment(map: Map<string, number>, key: string, by: number, presentBefore?: Map<string, boolean>): void {
  const before = map.get(key) ?? 0;
  if (presentBefore && !presentBefore.has(key)) presentBefore.set(key, before > 0);
  const after = before + by;
  if (after === 0) map.delete(key);
  else map.set(key, after);
}

/** The names whose presence in `map` differs from what `presentBefore` recorded. */
function crossed(map: Map<string, number>, presentBefore: Map<string, boolean>): string[] {
  return [...presentBefore].filter(([key, was]) => was !== map.has(key)).map(([key]) => key);
}

/** Adds `by` to a two-level count, dropping entries that reach zero. */
function countIn(map: Map<string, Map<string, number>>, outer: string, inner: string, by: number): void {
  const counts = map.get(outer) ?? new Map<string, number>();
  const count = (counts.get(inner) ?? 0) + by;
  if (count === 0) counts.delete(inner);
  else counts.set(inner, count);
  if (counts.size === 0) map.delete(outer);
  else map.set(outer, counts);
}

function addTo(map: Map<string, Set<string>>, key: string, path: string): void {
  const set = map.get(key);
  if (set) set.add(path);
  else map.set(key, new Set([path]));
}

function removeFrom(map: Map<string, Set<string>>, key: string, path: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(path);
  if (set.size === 0) map.delete(key);
}

/** A 53-bit hash of a text (cyrb53): equal texts, equal hashes; different ones differ but for 2^-53. */
function hashText(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}


/** What of a file outside a role's own text changes how its findings are shown. */
function fileSalt(charter: CharterFile): string {
  const { file, lines } = suppressionsOf(charter);
  const ids = (set: Set<string> | null | undefined) => (set === null ? '*' : set === undefined ? '' : [...set].join(','));
  let salt = `${charter.syntaxErrors.length === 0 ? 'ok' : 'broken'}\u0001${ids(file)}`;
  for (const [line, set] of lines) salt += `\u0001${line}:${ids(set)}`;
  return salt;
}

export class IncrementalAnalysis {
  private readonly cache = new FileCache();
  private facts = new Map<string, FileFacts>();
  private readonly providers = new Map<string, Set<string>>();
  private readonly readers = new Map<string, Set<string>>();
  private readonly typeCounts = new Map<string, number>();
  private readonly coverCounts = new Map<string, number>();
  private readonly idCounts = new Map<string, number>();
  /** Region name → files declaring it (counted). */
  private readonly regionDecls = new Map<string, Map<string, number>>();
  /** Parent → child → declarations saying so, and child → parent → the same count. */
  private readonly childLinks = new Map<string, Map<string, number>>();
  private readonly parentLinks = new Map<string, Map<string, number>>();
  private coverMemo = new Map<string, Set<string>>();
  private childMemo = new Map<string, string[]>();
  /** Role id → declaring files (to follow reporting lines). */
  private readonly roleFiles = new Map<string, Set<string>>();
  /** The sources of the last update (see `update`). */
  private lastSources?: readonly SourceFile[];
  /** Files with a `model:` key. */
  private readonly modelPaths = new Set<string>();
  /** External id → files listing it. */
  private readonly externalFiles = new Map<string, Set<string>>();
  private result?: AnalysisResult;
  private model?: ChosenModel;
  private issuesByFile = new Map<string, string>();
  private sortedPaths: string[] = [];
  /** Files whose findings include a did-you-mean over every id or every region name. */
  private readonly namesDependents = new Map<string, Set<string>>([
    ['unknown-reference', new Set()],
    ['unknown-region', new Set()],
    // Its fixes offer the organization's first uncovered regions.
    ['scope-mismatch', new Set()],
  ]);
  /**
   * Files whose findings an update had begun to recompute when it was dropped (the server drops a
   * run when newer text arrives): the next update recomputes them too. `all` after a full run.
   */
  private unfinished: Set<string> | 'all' | undefined;
  /** Statistics of the last update (the tests check that most updates are partial). */
  lastUpdate = { affected: 0, analysed: 0, full: true };

  constructor(private settings: Omit<AnalyzeInput, 'files' | 'cache'>) {}

  /**
   * Analyses the organization's files as they are now, re-using what an earlier update found.
   * New settings (rule severities, a forced model) re-analyse everything.
   */
  *update(sources: readonly SourceFile[], settings?: Omit<AnalyzeInput, 'files' | 'cache'>): Generator<void, AnalysisResult, void> {
    if (settings) {
      if (settings.rules !== this.settings.rules || settings.model?.key !== this.settings.model?.key || settings.model?.model !== this.settings.model?.model) this.result = undefined;
      this.settings = settings;
    }
    // The server hands the same array back with only edited files' entries replaced: then the
    // other 10,000 entries cost a pointer comparison each, and the order is known to be sorted.
    const last = this.lastSources;
    let sameShape = !!last && last.length === sources.length;
    if (last && sameShape) {
      for (let i = 0; i < sources.length; i++) {
        if (sources[i] !== last[i] && sources[i].path !== last[i].path) {
          sameShape = false;
          break;
        }
      }
    }
    const sorted = sameShape || sources.every((source, i) => i === 0 || comparePaths(sources[i - 1].path, source.path) < 0) ? sources : [...sources].sort((a, b) => comparePaths(a.path, b.path));
    const edited = new Map<string, CharterFile>();
    let added = 0;
    for (let i = 0; i < sorted.length; i++) {
      const source = sorted[i];
      if (sameShape && last?.[i] === source) continue;
      const before = this.facts.get(source.path);
      if (before && before.charter.text === source.text) continue;
      if (!before) added++;
      const charter = this.cache.get(source.path, source.text).charter;
      edited.set(source.path, charter);
      if (charter !== before?.charter) yield;
    }
    const changed = new Set<string>(edited.keys());
    const gone = new Set<string>();
    if (this.facts.size + added !== sorted.length) {
      const present = new Set(sorted.map((source) => source.path));
      for (const path of this.facts.keys()) if (!present.has(path)) gone.add(path);
      for (const path of gone) changed.add(path);
      this.cache.retain(present);
    }
    const membership = added > 0 || gone.size > 0;
    this.lastSources = sorted;
    const charters = {
      get: (path: string): CharterFile | undefined => edited.get(path) ?? (gone.has(path) ? undefined : this.facts.get(path)?.charter),
      has: (path: string): boolean => charters.get(path) !== undefined,
      size: sorted.length,
    };
    const previous = this.unfinished === 'all' ? undefined : this.result;
    const unfinished = this.unfinished === 'all' ? undefined : this.unfinished;
    if (previous && changed.size === 0 && !unfinished) return previous;

    // Only files with a `model:` key take part in choosing the model.
    const modelFiles = [...new Set([...this.modelPaths, ...[...edited].filter(([, charter]) => charter.model).map(([path]) => path)])]
      .filter((path) => charters.has(path))
      .sort(comparePaths)
      .map((path) => charters.get(path) as CharterFile);
    const { model: chosen, issues } = chooseModel(modelFiles, { ...this.settings, files: [] });
    const issuesByFile = new Map<string, string>();
    for (const issue of issues) issuesByFile.set(issue.file.path, `${issuesByFile.get(issue.file.path) ?? ''}\u0001${issue.span.start}:${issue.message}`);
    const sameModel = !!previous && (chosen?.key ?? '') === (this.model?.key ?? '') && chosen?.model === this.model?.model;
    const firstBefore = this.sortedPaths[0];
    const typesBefore = new Set(this.typeCounts.keys());

    // Reporting cycles through an edited role, as they were.
    const cycleFiles = new Set<string>();
    if (sameModel) for (const path of changed) for (const role of this.facts.get(path)?.roles ?? []) this.followCycle(role, cycleFiles);

    // The region tree first: which roles take part, and what they cover, depends on it.
    // Declarations that came or went (a renamed region in a 10,000-region tree is one of each).
    const treeNames = new Set<string>();
    const declDelta: { path: string; decl: { name: string; parent: string | null }; by: number }[] = [];
    for (const path of changed) {
      const before = this.facts.get(path)?.decls ?? [];
      const charter = charters.get(path);
      const after = charter ? charter.regions : [];
      const same = before.length === after.length && before.every((d, i) => d.name === after[i].name && d.parent === after[i].parent);
      if (same) continue;
      const counts = new Map<string, { decl: { name: string; parent: string | null }; by: number }>();
      const count = (decl: { name: string; parent: string | null }, by: number) => {
        const key = `${decl.name}\u0000${decl.parent ?? '\u0001'}`;
        const entry = counts.get(key) ?? { decl: { name: decl.name, parent: decl.parent }, by: 0 };
        entry.by += by;
        counts.set(key, entry);
      };
      for (const decl of before) count(decl, -1);
      for (const decl of after) count(decl, +1);
      for (const { decl, by } of counts.values()) {
        if (by === 0) continue;
        declDelta.push({ path, decl, by });
        treeNames.add(decl.name);
        if (decl.parent !== null) treeNames.add(decl.parent);
      }
    }
    const recontribute = new Set(changed);
    if (treeNames.size > 0) {
      // Roles naming a changed region or one above it cover something else now.
      const above = this.withAncestors(treeNames);
      for (const { path, decl, by } of declDelta) this.updateDecls(path, [decl], by);
      this.coverMemo = new Map();
      this.childMemo = new Map();
      for (const name of this.withAncestors(above)) for (const path of this.readers.get(`region:${name}`) ?? []) recontribute.add(path);
    }

    // New facts for edited files and files whose roles' coverage moved; keys whose offers changed.
    const changedKeys = new Set<string>();
    const touched: Touched = { cover: new Map(), ids: new Map() };
    const model = chosen?.model;
    for (const path of recontribute) {
      const before = this.facts.get(path);
      const charter = charters.get(path);
      const after = charter ? this.factsOf(charter, model) : undefined;
      this.reindex(path, before, after, touched);
      for (const [key, print] of before?.provides ?? []) if (after?.provides.get(key) !== print) changedKeys.add(key);
      for (const [key, print] of after?.provides ?? []) if (before?.provides.get(key) !== print) changedKeys.add(key);
      if (after) this.facts.set(path, after);
      else this.facts.delete(path);
    }
    if (membership || this.sortedPaths.length !== sorted.length) this.sortedPaths = sorted.map((source) => source.path);
    this.model = chosen;

    if (!previous || !sameModel) return yield* this.full(sorted, recontribute, issuesByFile);

    const affected = new Set<string>(unfinished);
    for (const path of recontribute) if (charters.has(path)) affected.add(path);
    for (const path of cycleFiles) affected.add(path);
    for (const path of changed) for (const role of this.facts.get(path)?.roles ?? []) this.followCycle(role, affected);
    // A changed offer matters to the files that read the key (a file offering a key it does not
    // read, a regional owner for the organization-scope owners, say, is not affected by others').
    for (const key of changedKeys) for (const path of this.readers.get(key) ?? []) affected.add(path);
    // Organization-wide findings sit on the first file.
    const typesNow = new Set(this.typeCounts.keys());
    if (firstBefore !== this.sortedPaths[0] || typesBefore.size !== typesNow.size || [...typesNow].some((t) => !typesBefore.has(t))) {
      if (firstBefore !== undefined) affected.add(firstBefore);
      if (this.sortedPaths[0] !== undefined) affected.add(this.sortedPaths[0]);
    }
    // A region covered by nobody, or newly by somebody: its declarations.
    const coverCrossed = crossed(this.coverCounts, touched.cover);
    const coverMoved = coverCrossed.length > 0;
    for (const name of coverCrossed) for (const path of this.regionDecls.get(name)?.keys() ?? []) affected.add(path);
    // A name that came or went: every did-you-mean over all names may change.
    if (crossed(this.idCounts, touched.ids).length > 0) for (const path of this.namesDependents.get('unknown-reference') ?? []) affected.add(path);
    if (treeNames.size > 0) for (const path of this.namesDependents.get('unknown-region') ?? []) affected.add(path);
    if (treeNames.size > 0 || coverMoved) for (const path of this.namesDependents.get('scope-mismatch') ?? []) affected.add(path);
    for (const path of new Set([...issuesByFile.keys(), ...this.issuesByFile.keys()])) if (issuesByFile.get(path) !== this.issuesByFile.get(path)) affected.add(path);
    this.issuesByFile = issuesByFile;
    for (const path of [...affected]) if (!charters.has(path)) affected.delete(path);

    if (affected.size > Math.max(8, charters.size * FULL_SHARE)) return yield* this.full(sorted, recontribute, issuesByFile);

    // What the affected files read, and the roles on their reporting cycles.
    const analysed = new Set(affected);
    for (const path of affected) {
      const facts = this.facts.get(path);
      if (!facts) continue;
      for (const key of facts.reads) {
        // Looked up through \`whole\` (is a region declared, which role has an id): no file needed.
        if (LOOKUP_KEY.test(key)) continue;
        for (const provider of this.providers.get(key) ?? []) analysed.add(provider);
      }
      for (const role of facts.roles) this.followCycle(role, analysed);
    }
    const part = sorted.filter((source) => analysed.has(source.path));
    const whole = this.whole(charters);
    this.unfinished = affected;
    const partial = yield* analyzeInSteps(
      { ...this.settings, files: part, cache: this.cache },
      { only: affected, whole, chosen: { model: chosen, issues: issues.filter((issue) => analysed.has(issue.file.path)) } },
    );
    let findings: Map<string, Finding[]>;
    if (membership) {
      findings = new Map();
      for (const path of this.sortedPaths) findings.set(path, partial.findings.get(path) ?? previous.findings.get(path) ?? []);
    } else {
      // Same files in the same order: the previous map, the affected files' lists replaced (the
      // previous result is superseded; copying 10,000 entries per keystroke would cost more).
      findings = previous.findings;
      for (const [path, list] of partial.findings) findings.set(path, list);
    }
    this.noteNameDependents(partial.findings);
    this.unfinished = undefined;
    this.lastUpdate = { affected: affected.size, analysed: analysed.size, full: false };
    const paths = this.sortedPaths;
    this.result = this.resultOf(findings, () => paths.map((path) => this.facts.get(path)?.charter).filter((charter): charter is CharterFile => !!charter), chosen?.model);
    this.result.basedOn = previous;
    this.result.changed = new Set([...affected, ...gone]);
    return this.result;
  }

  /** Re-analyses everything; the facts of files not in `current` are recomputed (the model changed). */
  private *full(sorted: readonly SourceFile[], current: ReadonlySet<string>, issuesByFile: Map<string, string>): Generator<void, AnalysisResult, void> {
    const model = this.model?.model;
    for (const [path, before] of this.facts) {
      if (current.has(path)) continue;
      const after = this.factsOf(before.charter, model);
      this.unindex(path, before);
      this.index(path, after);
      this.facts.set(path, after);
    }
    this.issuesByFile = issuesByFile;
    this.unfinished = 'all';
    const result = yield* analyzeInSteps({ ...this.settings, files: [...sorted], cache: this.cache });
    this.unfinished = undefined;
    for (const set of this.namesDependents.values()) set.clear();
    this.noteNameDependents(result.findings);
    this.lastUpdate = { affected: sorted.length, analysed: sorted.length, full: true };
    this.result = result;
    return result;
  }

  private noteNameDependents(findings: ReadonlyMap<string, Finding[]>): void {
    for (const [rule, files] of this.namesDependents) {
      for (const [path, list] of findings) {
        if (list.some((finding) => finding.rule === rule)) files.add(path);
        else files.delete(path);
      }
    }
  }

  /** A result whose organization index is built on first use (editor requests), not per edit. */
  private resultOf(findings: Map<string, Finding[]>, allFiles: () => CharterFile[], model: RoleModel | undefined): AnalysisResult {
    let org: Organization | undefined;
    let files: CharterFile[] | undefined;
    return {
      findings,
      model,
      get files(): CharterFile[] {
        return (files ??= allFiles());
      },
      get org(): Organization {
        return (org ??= new Organization(this.files, model));
      },
    };
  }

  private whole(charters: { get(path: string): CharterFile | undefined }): WholeOrganization {
    const first = this.sortedPaths[0];
    return {
      firstRole: (id) => {
        let best: string | undefined;
        for (const path of this.roleFiles.get(id) ?? []) if (best === undefined || path < best) best = path;
        return best === undefined ? undefined : this.facts.get(best)?.roles.find((role) => role.id?.value === id);
      },
      isExternal: (id) => this.externalFiles.has(id),
      isDeclaredRegion: (name) => this.regionDecls.has(name),
      children: (name) => this.childrenInOrder(name),
      hasChildren: (name) => this.childLinks.has(name),
      firstFile: first === undefined ? undefined : charters.get(first),
      presentTypes: this.typeCounts,
      coveredRegions: this.coverCounts,
      knownIds: () => this.idCounts.keys(),
      declaredRegionNames: () => this.regionOrder(),
    };
  }

  /**
   * Declared regions in the order an Organization of every file meets them: files in path order,
   * each declaration's name, then its parent (scope-mismatch offers regions in this order).
   */
  private regionOrder(): string[] {
    const met = new Set<string>();
    for (const path of this.sortedPaths) {
      for (const decl of this.facts.get(path)?.decls ?? []) {
        met.add(decl.name);
        if (decl.parent !== null) met.add(decl.parent);
      }
    }
    return [...met].filter((name) => this.regionDecls.has(name));
  }

  /**
   * A region's children in the order an Organization of every file lists them: by the first
   * declaration saying so, files in path order, declarations in document order (the order
   * overlap messages name partners in).
   */
  private childrenInOrder(name: string): Iterable<string> {
    const children = this.childLinks.get(name);
    if (!children) return [];
    if (children.size === 1) return children.keys();
    let ordered = this.childMemo.get(name);
    if (ordered) return ordered;
    const firstAt = (child: string): [string, number] => {
      let best: [string, number] = ['\uffff', 0];
      for (const path of this.regionDecls.get(child)?.keys() ?? []) {
        if (path > best[0]) continue;
        const facts = this.facts.get(path);
        if (!facts) continue;
        facts.declIndex ??= new Map(facts.decls.map((decl, index): [string, number] => [`${decl.name}\u0000${decl.parent ?? ''}`, index]).reverse());
        const index = facts.declIndex.get(`${child}\u0000${name}`);
        if (index !== undefined && (path < best[0] || index < best[1])) best = [path, index];
      }
      return best;
    };
    ordered = [...children.keys()]
      .map((child) => ({ child, at: firstAt(child) }))
      .sort((a, b) => comparePaths(a.at[0], b.at[0]) || a.at[1] - b.at[1])
      .map((entry) => entry.child);
    this.childMemo.set(name, ordered);
    return ordered;
  }

  /** The names and every region above them, in the tree as it stands. */
  private withAncestors(names: Iterable<string>): Set<string> {
    const parents = this.parentLinks;
    const result = new Set<string>();
    const stack = [...names];
    while (stack.length > 0) {
      const name = stack.pop() as string;
      if (result.has(name)) continue;
      result.add(name);
      for (const parent of parents.get(name)?.keys() ?? []) stack.push(parent);
    }
    return result;
  }

  private updateDecls(path: string, decls: readonly { name: string; parent: string | null }[], by: number): void {
    for (const decl of decls) {
      countIn(this.regionDecls, decl.name, path, by);
      if (decl.parent === null) continue;
      countIn(this.childLinks, decl.parent, decl.name, by);
      countIn(this.parentLinks, decl.name, decl.parent, by);
    }
  }

  /** A region and everything under it (as `Organization.covered`). */
  private covered(name: string): Set<string> {
    let result = this.coverMemo.get(name);
    if (result) return result;
    result = withDescendants(name, (region) => this.childLinks.get(region)?.keys() ?? []);
    this.coverMemo.set(name, result);
    return result;
  }

  /** What a file offers and reads, with the region tree and model as they stand. */
  private factsOf(charter: CharterFile, model: RoleModel | undefined): FileFacts {
    const path = charter.path;
    const salt = fileSalt(charter);
    const provides = new Map<string, number>();
    const reads = new Set<string>();
    // Hashes, not the texts: a role's text would be kept once per key it offers.
    const offer = (key: string, print: number) => {
      const before = provides.get(key);
      provides.set(key, before === undefined ? print : hashText(`${before}\u0002${print}`));
    };
    const facts: FileFacts = { charter, provides, reads, types: [], covered: [], ids: [], decls: [], roles: charter.roles };
    const at = (offset: number) => {
      const position = charter.lines.positionAt(charter.lines.clampOffset(offset));
      return `${position.line}:${position.character}`;
    };
    for (const decl of charter.regions) {
      facts.decls.push({ name: decl.name, parent: decl.parent });
      // Roles naming a region read whether it is declared and what it holds (`region:`); other
      // declarations of it read where this one is (`decl:`, for duplicate-region's related places).
      offer(`region:${decl.name}`, hashText(`${path}\u0000${decl.parent ?? ''}`));
      offer(`decl:${decl.name}`, hashText(`${path}\u0000${at(decl.start)}\u0000${decl.parent ?? ''}\u0000${salt}`));
      reads.add(`decl:${decl.name}`);
      if (decl.parent !== null) offer(`region:${decl.parent}`, hashText(`${path}\u0000child ${decl.name}`));
    }
    for (const external of charter.external) {
      facts.ids.push(external.value);
      offer(`id:${external.value}`, hashText(`${path}\u0000external`));
      offer(`dup:${external.value}`, hashText(`${path}\u0000${at(external.start)}\u0000${salt}`));
      reads.add(`dup:${external.value}`);
    }
    // One Organization of this file alone: types, scope kinds and resolved entries (cached by model).
    const own = new Organization([charter], model);
    for (const role of charter.roles) {
      const type = own.typeOf(role);
      if (type) facts.types.push(type.id);
      const named = role.scope?.kind === 'regions' ? role.scope.regions.map((region) => region.value) : [];
      const participates = !!type && !!role.scope && !own.hasScopeMismatch(role) && named.every((name) => this.regionDecls.has(name));
      const covered = new Set<string>();
      if (participates) for (const name of named) for (const region of this.covered(name)) covered.add(region);
      const print = hashText(`${path}\u0000${at(role.start)}\u0000${participates}\u0000${[...covered].sort().join(',')}\u0000${salt}\u0000${charter.text.slice(role.start, role.end)}`);
      if (role.id) {
        facts.ids.push(role.id.value);
        offer(`id:${role.id.value}`, print);
        offer(`dup:${role.id.value}`, print);
        reads.add(`dup:${role.id.value}`);
      }
      if (role.reportsTo) reads.add(`id:${role.reportsTo.value}`);
      for (const name of named) reads.add(`region:${name}`);
      if (!participates || !type || !role.scope) continue;
      const owned = [...own.ownedIds(role).keys()];
      if (role.scope.kind === 'regions') {
        for (const region of covered) {
          facts.covered.push(region);
          const cover = `cover:${type.id}:${region}`;
          offer(cover, print);
          reads.add(cover);
          for (const id of owned) {
            offer(`own:${id}:${region}`, print);
            reads.add(`own:${id}:${region}`);
          }
        }
        for (const id of owned) {
          offer(`anyown:${id}`, print);
          reads.add(`orgown:${id}`);
        }
      } else {
        offer(`hold:${type.id}:org`, print);
        reads.add(`hold:${type.id}:org`);
        for (const id of owned) {
          offer(`orgown:${id}`, print);
          reads.add(`orgown:${id}`);
          reads.add(`anyown:${id}`);
        }
      }
    }
    return facts;
  }

  /**
   * Moves a file's entries in the indexes from `before` to `after` by difference: the org file of a
   * 10,000-region organization keeps 20,000 keys, of which an edit changes a few.
   */
  private reindex(path: string, before: FileFacts | undefined, after: FileFacts | undefined, touched: Touched): void {
    if (!before || !after) {
      if (before) this.unindex(path, before, touched);
      if (after) this.index(path, after, touched);
      return;
    }
    for (const key of before.provides.keys()) if (!after.provides.has(key)) removeFrom(this.providers, key, path);
    for (const key of after.provides.keys()) if (!before.provides.has(key)) addTo(this.providers, key, path);
    for (const key of before.reads) if (!after.reads.has(key)) removeFrom(this.readers, key, path);
    for (const key of after.reads) if (!before.reads.has(key)) addTo(this.readers, key, path);
    const rest = (facts: FileFacts): FileFacts => ({ ...facts, provides: new Map(), reads: new Set() });
    this.unindex(path, rest(before), touched);
    this.index(path, rest(after), touched);
  }

  private index(path: string, facts: FileFacts, touched?: Touched): void {
    for (const key of facts.provides.keys()) addTo(this.providers, key, path);
    for (const key of facts.reads) addTo(this.readers, key, path);
    for (const type of facts.types) increment(this.typeCounts, type, 1);
    for (const region of facts.covered) increment(this.coverCounts, region, 1, touched?.cover);
    for (const id of facts.ids) increment(this.idCounts, id, 1, touched?.ids);
    for (const role of facts.roles) if (role.id) addTo(this.roleFiles, role.id.value, path);
    for (const external of facts.charter.external) addTo(this.externalFiles, external.value, path);
    if (facts.charter.model) this.modelPaths.add(path);
  }

  private unindex(path: string, facts: FileFacts, touched?: Touched): void {
    for (const key of facts.provides.keys()) removeFrom(this.providers, key, path);
    for (const key of facts.reads) removeFrom(this.readers, key, path);
    for (const type of facts.types) increment(this.typeCounts, type, -1);
    for (const region of facts.covered) increment(this.coverCounts, region, -1, touched?.cover);
    for (const id of facts.ids) increment(this.idCounts, id, -1, touched?.ids);
    for (const role of facts.roles) if (role.id) removeFrom(this.roleFiles, role.id.value, path);
    for (const external of facts.charter.external) removeFrom(this.externalFiles, external.value, path);
    this.modelPaths.delete(path);
  }

  /**
   * Follows a role's reporting line through the organization as indexed now; when it comes back
   * to the role, adds the files of every role on the way (the cycle's findings name them all).
   * Conservative: every role declaring a manager's id is followed, not only the first.
   */
  private followCycle(start: RoleDecl, into: Set<string>): void {
    if (!start.reportsTo || !start.id) return;
    const seen = new Set<string>([start.id.value]);
    const files = new Set<string>([start.file.path]);
    let frontier = [start.reportsTo.value];
    let found = false;
    for (let steps = 0; frontier.length > 0 && steps < 100_000; steps++) {
      const next: string[] = [];
      for (const id of frontier) {
        if (id === start.id.value) found = true;
        if (seen.has(id)) continue;
        seen.add(id);
        for (const path of this.roleFiles.get(id) ?? []) {
          files.add(path);
          for (const role of this.facts.get(path)?.roles ?? []) if (role.id?.value === id && role.reportsTo) next.push(role.reportsTo.value);
        }
      }
      frontier = next;
    }
    if (found) for (const path of files) into.add(path);
  }
}
