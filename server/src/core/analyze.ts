import { ALIAS_LIMIT_MESSAGE } from './aliases';
import { applyEdits, trimSpan } from './fixes';
import { Facts } from './facts';
import { DEFAULT_MODEL_ID, isModelPath, loadBuiltinModel, type RoleModel } from './model/model';
import { Organization } from './organization';
import type { ChunkCache } from './chunks';
import { parseCharter, parseYaml, toPlainData, type CharterFile } from './parse';
import { LineIndex } from './text';
import { RULES } from './rules';
import { docsUrl, type ModelIssue, type ReportInput, type RuleContext } from './rules/rule';
import { validateAgainstSchema, validateCharterInParts, type SchemaProblem } from './schema';
import { isSuppressed, readSuppressions } from './suppress';
import type { Finding, Fix, SeveritySetting, SourceFile } from './types';

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
    schemaProblems = validateCharterInParts(charter.doc);
  } else if (charter.syntaxErrors.length === 0) {
    const { data, error } = toPlainData(charter.doc);
    if (error) charter.syntaxErrors.push({ message: /call stack/i.test(error) ? TOO_DEEP : ALIAS_LIMIT_MESSAGE, code: 'ALIAS_LIMIT', start: 0, end: 0 });
    else schemaProblems = validateAgainstSchema('charter', charter.doc, data ?? null);
  }
  return { text, charter, schemaProblems };
}

export interface AnalysisResult {
  /** Findings by file path (every input file has an entry), each list in position order. */
  findings: Map<string, Finding[]>;
  files: CharterFile[];
  org: Organization;
  model?: RoleModel;
}

export const builtinResolver: ModelResolver = (reference) => {
  if (isModelPath(reference)) return { ok: false, error: `model file "${reference}" cannot be read here` };
  const result = loadBuiltinModel(reference);
  return result.ok ? { ok: true, key: `builtin:${reference}`, model: result.model } : result;
};

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SPEC "Model": --model, else config, else the charters' model:, else sales-leadership. */
function chooseModel(files: CharterFile[], input: AnalyzeInput): { model?: ChosenModel; issues: ModelIssue[] } {
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
export function* analyzeInSteps(input: AnalyzeInput): Generator<void, AnalysisResult, void> {
  const sources = [...input.files].sort((a, b) => comparePaths(a.path, b.path));
  const prepared: PreparedFile[] = [];
  for (const source of sources) {
    prepared.push(input.cache ? input.cache.get(source.path, source.text) : prepareFile(source.path, source.text));
    yield;
  }
  input.cache?.retain(new Set(sources.map((source) => source.path)));
  const files = prepared.map((p) => p.charter);
  const schemaProblems = new Map<CharterFile, SchemaProblem[]>(prepared.map((p) => [p.charter, p.schemaProblems]));
  const { model: chosen, issues } = chooseModel(files, input);
  const model = chosen?.model;
  const org = new Organization(files, model);
  const facts = new Facts(org);
  const findings = new Map<string, Finding[]>(files.map((file) => [file.path, []]));
  const stillParsed = files.filter((file) => file.syntaxErrors.length === 0);
  // One crowded file (thousands of roles aliasing one list, say) must not produce millions of
  // findings: past MAX_PER_RULE findings of one rule in one file, the rest are counted, not listed.
  const overflow = new Map<CharterFile, Map<string, { count: number; first: Finding }>>();
  for (const rule of RULES) {
    const setting = severityFor(input.rules, rule.meta.id) ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    if (rule.meta.needsModel && !model) continue;
    const perRuleCounts = new Map<CharterFile, number>();
    const context: RuleContext = {
      org,
      model,
      facts,
      parsedFiles: stillParsed,
      schemaProblems,
      modelIssues: issues,
      report(report: ReportInput) {
        const list = findings.get(report.file.path);
        if (!list) return;
        const counts = perRuleCounts.get(report.file) ?? 0;
        perRuleCounts.set(report.file, counts + 1);
        if (counts >= MAX_PER_RULE) {
          const byRule = overflow.get(report.file) ?? new Map<string, { count: number; first: Finding }>();
          overflow.set(report.file, byRule);
          const entry = byRule.get(rule.meta.id);
          if (entry) {
            entry.count++;
            return;
          }
        }
        const span = trimSpan(report.file.text, report.span);
        // Clamped like the positions (never splitting a CRLF), so offsets and range agree.
        const start = report.file.lines.clampOffset(span.start);
        const end = Math.max(start, report.file.lines.clampOffset(span.end));
        list.push({
          rule: rule.meta.id,
          severity: setting,
          message: report.message,
          file: report.file.path,
          range: report.file.lines.range(start, end),
          offsets: { start, end },
          related: (report.related ?? []).map((related) => {
            const relatedSpan = trimSpan(related.file.text, related.span);
            return { file: related.file.path, range: related.file.lines.range(relatedSpan.start, relatedSpan.end), message: related.message };
          }),
          fixes: (report.fixes ?? []).filter((fix: Fix) => fix.edits.length > 0),
          docsUrl: docsUrl(rule.meta.id),
        });
        if (counts >= MAX_PER_RULE) {
          // The first finding past the limit stands for all the others.
          const first = list.pop() as Finding;
          overflow.get(report.file)?.set(rule.meta.id, { count: 1, first });
        }
      },
    };
    rule.check(context);
    yield;
  }
  for (const [file, byRule] of overflow) {
    for (const [rule, { count, first }] of byRule) {
      findings.get(file.path)?.push({ ...first, message: `${count} more ${rule} findings in this file are not listed (the first ${MAX_PER_RULE} are).`, related: [], fixes: [] });
    }
  }
  for (const file of files) {
    const list = findings.get(file.path) ?? [];
    const suppressions = readSuppressions(file.lines);
    const kept = list.filter((finding) => !isSuppressed(suppressions, finding.rule, finding.range.start.line));
    kept.sort(
      (a, b) =>
        a.range.start.line - b.range.start.line ||
        a.range.start.character - b.range.start.character ||
        a.range.end.line - b.range.end.line ||
        a.range.end.character - b.range.end.character ||
        comparePaths(a.rule, b.rule) ||
        comparePaths(a.message, b.message),
    );
    findings.set(file.path, kept);
  }
  return { findings, files, org, model };
}

/** The safe fixes of some findings that can be applied together (first wins on overlap). */
export function safeEdits(findings: readonly Finding[]): { start: number; end: number; newText: string }[] {
  const chosen: { start: number; end: number; newText: string }[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || (e.start === c.start && e.end === c.end)));
    if (!overlaps) chosen.push(...fix.edits);
  }
  return chosen;
}

export interface FixAllResult {
  /** New texts of the files that changed, by path. */
  changed: Map<string, string>;
  /** The analysis of the fixed texts. */
  result: AnalysisResult;
}

const MAX_FIX_PASSES = 10;

/** Applies every safe fix, re-analysing between passes until nothing is left (as ESLint does). */
export function fixAll(input: AnalyzeInput, onlyFiles?: ReadonlySet<string>): FixAllResult {
  const texts = new Map(input.files.map((file) => [file.path, file.text]));
  const changed = new Map<string, string>();
  let result = analyze(input);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let any = false;
    for (const [path, findings] of result.findings) {
      if (onlyFiles && !onlyFiles.has(path)) continue;
      const edits = safeEdits(findings);
      if (edits.length === 0) continue;
      const before = texts.get(path) ?? '';
      const after = applyEdits(before, edits);
      if (after === before) continue;
      texts.set(path, after);
      changed.set(path, after);
      any = true;
    }
    if (!any) break;
    result = analyze({ ...input, files: input.files.map((file) => ({ path: file.path, text: texts.get(file.path) ?? file.text })) });
  }
  return { changed, result };
}
