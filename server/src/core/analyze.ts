import { Cascade, renderWhole } from './cascade';
import { applyEdits, touchesFrozen, trimSpan } from './fixes';
import { Facts } from './facts';
import { DEFAULT_MODEL_ID, isModelPath, loadBuiltinModel, type RoleModel } from './model/model';
import { Organization, type WholeOrganization } from './organization';
import type { ChunkCache } from './chunks';
import { parseCharter, parseYaml, rephrase, toPlainData, type CharterFile } from './parse';
import { LineIndex } from './text';
import { RULES } from './rules';
import { docsUrl, type ModelIssue, type PairReport, type ReportInput, type RuleContext } from './rules/rule';
import { validateAgainstSchema, validateCharterInParts, validateWithMisspeltKeys, type SchemaProblem } from './schema';
import { isSuppressed, readSuppressions, type Suppressions } from './suppress';
import type { Finding, Fix, Severity, SeveritySetting, SourceFile } from './types';

/** A model chosen for an organization; `key` identifies it (`builtin:<id>` or an absolute path). */
export interface ChosenModel {
  key: string;
  model: RoleModel;
}

export type ModelResolution = ({ ok: true } & ChosenModel) | { ok: false; error: string };

/** Resolves a charter's `model:` reference, relative to the charter that names it. */
export type ModelResolver = (reference: string, fromFile: string) => ModelResolution;

export interface AnalyzeInput {
  /** All charter files of one organization. */
  files: SourceFile[];
  /** Rule severities from the config; absent rules keep their default. */
  rules?: ReadonlyMap<string, SeveritySetting> | Record<string, SeveritySetting>;
  /** The organization's model when `--model` or the config fixes it. */
  model?: ChosenModel;
  /** Loads models named in charters. Without it only built-in ids resolve. */
  resolveModel?: ModelResolver;
  /** Parses kept between analyses (the language server keeps one per organization). */
  cache?: FileCache;
}

/** One parsed and schema-checked file. Immutable once made, so it can be reused while its text is. */
interface PreparedFile {
  text: string;
  charter: CharterFile;
  schemaProblems: SchemaProblem[];
}

/** Parses by path, reused while a file's text is unchanged: an edit re-parses only its own file. */
export class FileCache {
  private readonly entries = new Map<string, PreparedFile>();

  get(path: string, text: string): PreparedFile {
    const cached = this.entries.get(path);
    if (cached && cached.text === text) return cached;
    const prepared = prepareFile(path, text, cached?.charter.chunkCache);
    this.entries.set(path, prepared);
    return prepared;
  }

  /** Forgets files no longer in the organization. */
  retain(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) if (!paths.has(path)) this.entries.delete(path);
  }
}

/** A stack overflow while reading a file (caught by the YAML library, or by prepareFile), in the product's words. */
const TOO_DEEP = 'the file nests too deeply to be read (too many levels of lists or mappings)';

/**
 * A file whose reading throws — a stack overflow in the YAML library or in a walk over a tree
 * thousands of levels deep, say — is one `yaml-syntax` finding with nothing read from it; the
 * organization's other files are analysed as usual.
 */
function prepareFile(path: string, text: string, chunks?: ChunkCache): PreparedFile {
  try {
    return prepareFileUnguarded(path, text, chunks);
  } catch (error) {
    const message = error instanceof RangeError ? TOO_DEEP : 'the file could not be read';
    const charter: CharterFile = {
      path,
      text,
      lines: new LineIndex(text),
      doc: parseYaml('').doc,
      syntaxErrors: [{ message, code: 'UNREADABLE', start: 0, end: 0 }],
      regions: [],
      external: [],
      roles: [],
      misspeltKeys: [],
      frozen: [],
    };
    return { text, charter, schemaProblems: [] };
  }
}

function prepareFileUnguarded(path: string, text: string, chunks?: ChunkCache): PreparedFile {
  const charter = parseCharter(path, text, chunks);
  for (const problem of charter.syntaxErrors) if (problem.code === 'RESOURCE_EXHAUSTION') problem.message = TOO_DEEP;
  let schemaProblems: SchemaProblem[] = [];
  if (charter.syntaxErrors.length === 0 && charter.chunkCache) {
    // Parsed in chunks: no aliases, so no alias limit to check; validated part by part.
    schemaProblems = validateWithMisspeltKeys(charter, () => validateCharterInParts(charter.doc));
  } else if (charter.syntaxErrors.length === 0) {
    schemaProblems = validateWithMisspeltKeys(charter, () => {
      const { data, error } = toPlainData(charter.doc);
      if (!error) return validateAgainstSchema('charter', charter.doc, data ?? null);
      charter.syntaxErrors.push({ message: /call stack/i.test(error) ? TOO_DEEP : rephrase(error), code: 'ALIAS_LIMIT', start: 0, end: 0 });
      return [];
    });
    // An alias limit found while validating leaves the file unread, as any syntax error does.
    if (charter.syntaxErrors.length > 0) schemaProblems = [];
  }
  return { text, charter, schemaProblems };
}

/** Each parse's suppressions, read once: the parse is reused while its file's text is unchanged. */
const suppressionsByFile = new WeakMap<CharterFile, Suppressions>();

export function suppressionsOf(file: CharterFile): Suppressions {
  let found = suppressionsByFile.get(file);
  if (!found) {
    found = readSuppressions(file.lines);
    suppressionsByFile.set(file, found);
  }
  return found;
}

export interface AnalysisResult {
  /** Findings by file path (every input file has an entry), each list in position order. */
  findings: Map<string, Finding[]>;
  files: CharterFile[];
  org: Organization;
  model?: RoleModel;
  /**
   * Set by the incremental analysis: the result this one updated, and the files whose findings
   * may differ from it (the others' lists are the very same arrays). The server republishes those.
   */
  basedOn?: AnalysisResult;
  changed?: ReadonlySet<string>;
}

export const builtinResolver: ModelResolver = (reference) => {
  if (isModelPath(reference)) return { ok: false, error: `model file "${reference}" cannot be read here` };
  const result = loadBuiltinModel(reference);
  return result.ok ? { ok: true, key: `builtin:${reference}`, model: result.model } : result;
};

/** Path order: by UTF-16 code unit, as the organization lists its files. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A run over part of an organization (see `incremental.ts`): `only` lists the files whose findings
 * are wanted, `whole` answers for the whole organization, `chosen` is its model choice.
 */
export interface PartialRun {
  only: ReadonlySet<string>;
  whole: WholeOrganization;
  chosen: { model?: ChosenModel; issues: ModelIssue[] };
}

/** SPEC "Model": --model, else config, else the charters' model:, else sales-leadership. */
export function chooseModel(files: CharterFile[], input: AnalyzeInput): { model?: ChosenModel; issues: ModelIssue[] } {
  const resolve = input.resolveModel ?? builtinResolver;
  const issues: ModelIssue[] = [];
  let chosen: ChosenModel | undefined = input.model;
  let decided = !!chosen;
  let firstReference: string | undefined;
  for (const file of files) {
    if (!file.model || file.syntaxErrors.length > 0) continue;
    const reference = file.model.value;
    const resolution = resolve(reference, file.path);
    if (!resolution.ok) {
      issues.push({ file, span: file.model, message: `Model "${reference}" cannot be used: ${resolution.error}.` });
      if (!decided) {
        decided = true;
        firstReference = reference;
      }
      continue;
    }
    if (!decided) {
      decided = true;
      chosen = { key: resolution.key, model: resolution.model };
      firstReference = reference;
      continue;
    }
    if (!chosen) {
      issues.push({ file, span: file.model, message: `Model "${reference}" differs from "${firstReference}", the organization's model (which failed to load).` });
    } else if (resolution.key !== chosen.key) {
      const name = firstReference ?? chosen.model.id;
      issues.push({ file, span: file.model, message: `Model "${reference}" differs from the organization's model "${name}"; one organization uses one model.` });
    }
  }
  if (!decided) {
    const builtin = loadBuiltinModel(DEFAULT_MODEL_ID);
    if (builtin.ok) chosen = { key: `builtin:${DEFAULT_MODEL_ID}`, model: builtin.model };
  }
  return { model: chosen, issues };
}

function severityFor(rules: AnalyzeInput['rules'], id: string): SeveritySetting | undefined {
  if (!rules) return undefined;
  if (rules instanceof Map) return rules.get(id);
  return (rules as Record<string, SeveritySetting>)[id];
}

/** A reported finding as the output carries it (its subjects stay behind). */
function toFinding(rule: string, severity: Severity, report: ReportInput): Finding {
  const span = trimSpan(report.file.text, report.span);
  // Clamped like the positions (never splitting a CRLF), so offsets and range agree.
  const start = report.file.lines.clampOffset(span.start);
  const end = Math.max(start, report.file.lines.clampOffset(span.end));
  return {
    rule,
    severity,
    message: report.message,
    file: report.file.path,
    range: report.file.lines.range(start, end),
    offsets: { start, end },
    related: (report.related ?? []).map((related) => {
      const relatedSpan = trimSpan(related.file.text, related.span);
      return { file: related.file.path, range: related.file.lines.range(relatedSpan.start, relatedSpan.end), message: related.message };
    }),
    fixes: (report.fixes ?? []).filter((fix: Fix) => fix.edits.length > 0 && !touchesFrozen(report.file, fix.edits)),
    docsUrl: docsUrl(rule),
  };
}

/** Findings listed per rule per file; the rest are summarised in one finding. */
export const MAX_PER_RULE = 1000;

/** Parses and lints one organization. The CLI, the language server and the tests all call this. */
export function analyze(input: AnalyzeInput): AnalysisResult {
  return runToEnd(analyzeInSteps(input));
}

/** Runs a stepped computation (`analyzeInSteps`, say) through without pausing; returns its result. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The analysis itself, pausing after each file it parses and after each rule: the language
 * server runs it a slice at a time, answering requests in between and dropping it when a newer
 * version of the text arrives. Stopped early, the file cache still holds only complete parses;
 * but a large file's parse reuses the previous version's role chunks, moved to the new offsets,
 * so the previous result's positions may no longer hold (see `Workspace.analyzeInSteps`).
 */
export function* analyzeInSteps(input: AnalyzeInput, part?: PartialRun): Generator<void, AnalysisResult, void> {
  const sources = [...input.files].sort((a, b) => comparePaths(a.path, b.path));
  const prepared: PreparedFile[] = [];
  for (const source of sources) {
    prepared.push(input.cache ? input.cache.get(source.path, source.text) : prepareFile(source.path, source.text));
    yield;
  }
  // A partial run sees some of the organization's files: the cache keeps the others.
  if (!part) input.cache?.retain(new Set(sources.map((source) => source.path)));
  const files = prepared.map((p) => p.charter);
  const schemaProblems = new Map<CharterFile, SchemaProblem[]>(prepared.map((p) => [p.charter, p.schemaProblems]));
  const { model: chosen, issues } = part ? part.chosen : chooseModel(files, input);
  const model = chosen?.model;
  const org = new Organization(files, model, part?.whole);
  const facts = new Facts(org);
  const listed = part ? files.filter((file) => part.only.has(file.path)) : files;
  const findings = new Map<string, Finding[]>(listed.map((file) => [file.path, []]));
  const stillParsed = files.filter((file) => file.syntaxErrors.length === 0);
  const suppressions = new Map<CharterFile, Suppressions>(files.map((file) => [file, suppressionsOf(file)]));
  // SPEC "One finding, not a cascade": findings that other rules' findings may silence wait in the
  // cascade until every rule ran; silencing counts only findings actually shown.
  const cascade = new Cascade(RULES);
  // One crowded file (thousands of roles aliasing one list, say) must not produce millions of
  // findings: past MAX_PER_RULE findings of one rule in one file, the rest are counted, not listed.
  // The limit counts findings kept (not silenced, not suppressed), so hidden ones never take a place.
  const overflow = new Map<CharterFile, Map<string, { count: number; first: Finding }>>();
  const counts = new Map<string, Map<CharterFile, number>>();
  const settings = new Map<string, SeveritySetting>();
  const ran: string[] = [];
  const suppressed = (ruleId: string, report: ReportInput): boolean => {
    const fileSuppressions = suppressions.get(report.file);
    if (!fileSuppressions || (fileSuppressions.file === undefined && fileSuppressions.lines.size === 0)) return false;
    // The line of the finding's start, as its range will have it (a crowded file may report a
    // million findings: the position is looked up only where some line has a directive).
    const line = fileSuppressions.lines.size === 0 ? -1 : report.file.lines.positionAt(report.file.lines.clampOffset(report.span.start)).line;
    return isSuppressed(fileSuppressions, ruleId, line);
  };
  /** Lists a kept finding (or counts it past the limit); notes it as shown for the rules it silences. */
  const emit = (ruleId: string, report: ReportInput): void => {
    if (suppressed(ruleId, report)) return;
    if (cascade.isSilencer(ruleId)) cascade.noteShown(ruleId, report.subjects);
    // In a partial run, a finding outside the listed files still silences (above), unlisted.
    const list = findings.get(report.file.path);
    if (!list) return;
    const setting = settings.get(ruleId) as Severity;
    let perFile = counts.get(ruleId);
    if (!perFile) counts.set(ruleId, (perFile = new Map()));
    const count = perFile.get(report.file) ?? 0;
    perFile.set(report.file, count + 1);
    if (count >= MAX_PER_RULE) {
      const byRule = overflow.get(report.file) ?? new Map<string, { count: number; first: Finding }>();
      overflow.set(report.file, byRule);
      const entry = byRule.get(ruleId);
      if (entry) entry.count++;
      // The first finding past the limit stands for all the others.
      else byRule.set(ruleId, { count: 1, first: toFinding(ruleId, setting, report) });
      return;
    }
    list.push(toFinding(ruleId, setting, report));
  };
  for (const rule of RULES) {
    const setting = severityFor(input.rules, rule.meta.id) ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    if (rule.meta.needsModel && !model) continue;
    const id = rule.meta.id;
    settings.set(id, setting);
    ran.push(id);
    const held = cascade.isSuperseded(id);
    const context: RuleContext = {
      org,
      model,
      facts,
      parsedFiles: stillParsed,
      schemaProblems,
      modelIssues: issues,
      report(report: ReportInput) {
        if (held) cascade.hold(id, { kind: 'plain', input: report });
        else emit(id, report);
      },
      reportPair(pair: PairReport) {
        if (held) cascade.hold(id, { kind: 'pair', input: pair });
        else {
          const report = renderWhole(pair);
          if (report) emit(id, report);
        }
      },
    };
    rule.check(context);
    yield;
  }
  // The post-pass: each superseded rule after the superseded rules that silence it.
  for (const id of cascade.releaseOrder(ran)) {
    const kept = cascade.release(id);
    const after = RULES.find((rule) => rule.meta.id === id)?.afterSilencing;
    for (const report of after ? after(kept) : kept) emit(id, report);
  }
  for (const [file, byRule] of overflow) {
    for (const [rule, { count, first }] of byRule) {
      findings.get(file.path)?.push({ ...first, message: `${count} more ${rule} findings in this file are not listed (the first ${MAX_PER_RULE} are).`, related: [], fixes: [] });
    }
  }
  for (const file of listed) {
    const list = findings.get(file.path) ?? [];
    list.sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character ||
        a.range.end.line - b.range.end.line ||
        a.range.end.character - b.range.end.character ||
        comparePaths(a.rule, b.rule) ||
        comparePaths(a.message, b.message),
    );
  }
  return { findings, files, org, model };
}

/** The edits of one safe fix, as Fix all applies them. */
type PlainEdit = { start: number; end: number; newText: string };

/** The safe fixes of some findings that can be applied together (first wins on overlap), one group per fix. */
export function safeFixGroups(findings: readonly Finding[]): PlainEdit[][] {
  const groups: PlainEdit[][] = [];
  const chosen: PlainEdit[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || (e.start === c.start && e.end === c.end)));
    if (overlaps) continue;
    chosen.push(...fix.edits);
    groups.push(fix.edits.map(({ start, end, newText }) => ({ start, end, newText })));
  }
  return groups;
}

export interface FixAllResult {
  /** New texts of the files that changed, by path. */
  changed: Map<string, string>;
  /** The analysis of the fixed texts. */
  result: AnalysisResult;
}

const MAX_FIX_PASSES = 10;
/** At most this many passes more for fixes Fix all had to drop. */
const MAX_EXTRA_PASSES = 100;

/**
 * What a finding is about, for "did Fix all raise anything new": its rule, file and message (the
 * message names the role and the subject — ids, keys, regions — but no position), never its range.
 */
function findingKey(finding: Finding): string {
  // Counts in a message ("and 2 more", "1000 more ... findings") are not what it is about.
  // Nor is an entry's place in its list, which removing an earlier duplicate shifts.
  const subject = finding.message.replace(/\b\d+ more\b/g, 'N more').replace(/responsibilities\[\d+\]/g, 'responsibilities[]');
  return `${finding.rule}\u0000${finding.file}\u0000${subject}`;
}

function countKeys(result: AnalysisResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of result.findings.values()) for (const finding of list) counts.set(findingKey(finding), (counts.get(findingKey(finding)) ?? 0) + 1);
  return counts;
}

/** Whether an analysis holds a finding (by key, counted) that the baseline did not. */
function raisesNew(result: AnalysisResult, baseline: ReadonlyMap<string, number>): boolean {
  for (const [key, count] of countKeys(result)) if (count > (baseline.get(key) ?? 0)) return true;
  return false;
}

/** One safe fix of one file, as Fix all tries it. */
interface Candidate {
  path: string;
  edits: PlainEdit[];
}

/**
 * Applies every safe fix, re-analysing between passes until nothing is left (as ESLint does), and
 * only fixes whose result raises nothing new (SPEC "Fix all never raises a finding that was not
 * there before it ran"): each pass tries all its fixes at once; when the result holds a new
 * finding, it bisects the batch, keeping the halves that raise nothing and dropping single fixes
 * that do. A clean batch costs one analysis; k offending fixes among n cost about 2k·log2(n).
 * `onlyRule` limits it to the safe fixes of that rule's findings (the editor's "Fix all <rule>
 * problems"), checked the same way.
 */
export function fixAll(input: AnalyzeInput, onlyFiles?: ReadonlySet<string>, onlyRule?: string): FixAllResult {
  const texts = new Map(input.files.map((file) => [file.path, file.text]));
  const changed = new Map<string, string>();
  const analyzeTexts = (current: ReadonlyMap<string, string>): AnalysisResult =>
    analyze({ ...input, files: input.files.map((file) => ({ path: file.path, text: current.get(file.path) ?? file.text })) });
  let result = analyze(input);
  const baseline = countKeys(result);
  /** Fixes known to raise something new, by file and edits: not tried again in later passes. */
  const rejected = new Set<string>();
  const signature = (candidate: Candidate): string => `${candidate.path}\u0000${JSON.stringify(candidate.edits)}`;
  const withApplied = (candidates: readonly Candidate[]): Map<string, string> => {
    const next = new Map(texts);
    const byPath = new Map<string, PlainEdit[]>();
    for (const candidate of candidates) byPath.set(candidate.path, [...(byPath.get(candidate.path) ?? []), ...candidate.edits]);
    for (const [path, edits] of byPath) next.set(path, applyEdits(texts.get(path) ?? '', edits));
    return next;
  };
  const accept = (next: Map<string, string>, analysis: AnalysisResult): void => {
    for (const [path, text] of next) {
      if (text === texts.get(path)) continue;
      texts.set(path, text);
      changed.set(path, text);
    }
    result = analysis;
  };
  /** Tries a batch on top of the accepted texts; splits it when it raises something new. */
  const attempt = (candidates: Candidate[]): boolean => {
    if (candidates.length === 0) return false;
    const next = withApplied(candidates);
    const analysis = analyzeTexts(next);
    if (!raisesNew(analysis, baseline)) {
      accept(next, analysis);
      return true;
    }
    if (candidates.length === 1) {
      rejected.add(signature(candidates[0]));
      return false;
    }
    const half = candidates.length >> 1;
    const first = attempt(candidates.slice(0, half));
    // Offsets of the second half still refer to the texts before the first half was applied.
    if (first) return true;
    return attempt(candidates.slice(half)) || first;
  };
  // A pass that had to split its batch applies part of it; the rest comes back next pass. Passes
  // that found an offending fix do not count against the limit (each finds a different one).
  for (let pass = 0; pass < MAX_FIX_PASSES + Math.min(rejected.size, MAX_EXTRA_PASSES); pass++) {
    const candidates: Candidate[] = [];
    for (const [path, findings] of result.findings) {
      if (onlyFiles && !onlyFiles.has(path)) continue;
      for (const edits of safeFixGroups(onlyRule === undefined ? findings : findings.filter((f) => f.rule === onlyRule))) {
        const candidate = { path, edits };
        if (applyEdits(texts.get(path) ?? '', edits) === texts.get(path)) continue;
        if (!rejected.has(signature(candidate))) candidates.push(candidate);
      }
    }
    if (!attempt(candidates)) break;
  }
  return { changed, result };
}
