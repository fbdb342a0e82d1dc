import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { analyze, fixAll, type AnalysisResult, type AnalyzeInput } from '../core/analyze';
import { CONFIG_FILE_NAME, defaultConfig, type CharterLintConfig } from '../core/config';
import type { Finding } from '../core/types';
import { snapshotEnvironment } from '../node/environment';
import { fileKind, isConfigName, type FileKind } from '../node/file-kinds';
import {
  UsageError,
  charterModelResolver,
  configFor,
  findConfigFile,
  forcedModel,
  isInside,
  loadConfigFile,
  shadowedConfigs,
  toPosix,
  walk,
} from '../node/project';
import { MAX_CHARTER_BYTES, MAX_SMALL_FILE_BYTES, isRegularFile, readRegularFile, refusalText, withoutBom, type ReadResult } from '../node/read';
import { formatGithub } from './formatters/github';
import { formatGitlab } from './formatters/gitlab';
import { formatHtml } from './formatters/html';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import type { FileReport, Formatter } from './formatters/types';
import { checkRoleModelFile, configProblem } from './named-files';
import { terminalSafe } from './terminal';
import { keepFileStyle, writeFixedCharter } from './write';
import { VERSION } from '../package-info';

const FORMATTERS: Record<string, Formatter> = { stylish: formatStylish, json: formatJson, sarif: formatSarif, github: formatGithub, gitlab: formatGitlab };
/** How a charter read from stdin without --stdin-filename is named in reports, as ESLint names it. */
const STDIN_LABEL = '<stdin>';

const USAGE = `Usage: charter-lint [paths or globs ...] [options]

Lint team charter YAML files against a role model.

Paths and globs (none: the current folder, recursively):
  A folder is searched for charters (the config's files, default **/*.charter.{yaml,yml}).
  A named charter is linted in the organization of its project root (the nearest
  ${CONFIG_FILE_NAME} or .charterlintrc.yml upward, else the current folder): every
  charter there is read as context, only the named ones are reported and fixed.
  A named role model (*.roles.yaml) is checked as a role model (invalid-model findings
  on it) and never fixed; a named ${CONFIG_FILE_NAME} is checked against its schema
  (an invalid one exits 2, as for the config a run uses).
  Any other named file, or one the config ignores, is skipped with a warning (exit 0);
  files a glob matches that are not charters are skipped silently.
  A path that does not exist, or a glob that matches no file, exits 2.

Options:
  --format stylish|json|sarif|github|gitlab|html
                                Output format (default: stylish); github: workflow-command
                                annotations for GitHub Actions; gitlab: a GitLab Code Quality report
  --output FILE                 Write the report to FILE instead of stdout
  --config FILE                 Use this config instead of the nearest ${CONFIG_FILE_NAME}
  --model FILE|ID               Role model for every organization (a *.roles.yaml path or a built-in id)
  --fix                         Apply safe fixes to charters in place, then report what remains
                                (a file changed since it was read, or a link to a file outside
                                the project root, is skipped with a warning)
  --max-warnings N              Exit 1 when there are more than N warnings
  --quiet                       Report errors only
  --stdin                       Lint the text read from stdin (no paths); with --fix, print the
                                fixed text to stdout (the report goes only to --output)
  --stdin-filename PATH         Lint the stdin text as this file of its organization: the other
                                charters of its project are read from disk (without it: a charter
                                on its own, named ${STDIN_LABEL})
  --color, --no-color           Force colours on or off (default: on for a terminal; the
                                FORCE_COLOR and NO_COLOR variables apply when neither is given)
  -h, --help                    Show this help
  -v, --version                 Show the version

Exit status: 0 no errors, 1 lint errors (or more warnings than --max-warnings),
2 bad usage, an unreadable file, or an invalid config or model.
`;

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  /** FORCE_COLOR and NO_COLOR are read from here (process.env by default). */
  env?: Record<string, string | undefined>;
  /** The whole of stdin, at most `maxBytes` bytes (more: undefined). Used by --stdin. */
  readStdin?: (maxBytes: number) => Promise<Buffer | undefined>;
}

/** Reads stdin to its end; past `maxBytes` it stops reading and answers undefined. */
function readProcessStdin(maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stdin = process.stdin;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stdin.off('data', onData);
        stdin.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    stdin.on('data', onData);
    stdin.once('end', () => resolve(Buffer.concat(chunks)));
    stdin.once('error', reject);
  });
}

const defaultIO = (): CliIO => ({
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: !!process.stdout.isTTY,
  env: process.env,
  readStdin: readProcessStdin,
});

/**
 * Whether stylish output is coloured, in ESLint's order (its colour library's): `--color` /
 * `--no-color` (the last one given) first; then FORCE_COLOR (`0` or `false` turn colours off, any
 * other value, even empty, on); then NO_COLOR (set and not empty: off); then whether the report
 * goes to a terminal (never when --output names a file).
 */
export function useColor(flag: boolean | undefined, env: Record<string, string | undefined>, isTTY: boolean, toFile: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && !toFile;
}

interface Options {
  format: string;
  output?: string;
  config?: string;
  model?: string;
  fix: boolean;
  maxWarnings?: number;
  quiet: boolean;
  paths: string[];
  /** --color / --no-color, the last one given; undefined when neither is. */
  color?: boolean;
  stdin: boolean;
  stdinFilename?: string;
}

function parseOptions(argv: string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        model: { type: 'string' },
        fix: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const values = parsed.values;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const format = values.format ?? 'stylish';
  if (!FORMATTERS[format] && format !== 'html') throw new UsageError(`unknown format "${format}" (use stylish, json, sarif, github, gitlab or html)`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings takes a whole number, not "${raw}"`);
    maxWarnings = Number(raw);
  }
  let color: boolean | undefined;
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'option' && token.name === 'color') color = true;
    if (token.kind === 'option' && token.name === 'no-color') color = false;
  }
  const stdin = !!values.stdin;
  const stdinFilename = values['stdin-filename'];
  if (stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename names the file the stdin text stands for; it needs --stdin');
  if (stdinFilename === '') throw new UsageError('--stdin-filename needs a path');
  if (stdin && parsed.positionals.length > 0) throw new UsageError(`--stdin lints the text read from stdin; name no paths with it (got ${parsed.positionals[0]})`);
  return {
    color,
    stdin,
    stdinFilename,
    format,
    output: values.output,
    config: values.config,
    model: values.model,
    fix: !!values.fix,
    maxWarnings,
    quiet: !!values.quiet,
    paths: parsed.positionals,
  };
}

/** A charter to lint: named, matched by a glob, or found in a folder. */
interface CharterTarget {
  /** Absolute path as reached (may go through symbolic links). */
  file: string;
  /** Real path: the file's identity (one file named two ways is one file). */
  real: string;
  /** The path shown to people and given to the core: relative to the cwd, `/` separators. */
  label: string;
  /** Named literally on the command line (not found in a folder or by a glob). */
  named: boolean;
}

/** The organization a path belongs to: its project root (a real path) and the config governing it. */
interface Governance {
  root: string;
  config: CharterLintConfig;
  configFile?: string;
}

interface Organization extends Governance {
  /** Charters to report on (and fix), by real path. */
  reported: Map<string, CharterTarget>;
  /** A charter from stdin without --stdin-filename: linted on its own, no other charter read. */
  alone?: boolean;
}

interface Collected {
  organizations: Map<string, Organization>;
  roleModels: { file: string; label: string; governance: Governance }[];
  configs: { file: string; label: string }[];
}

const GLOB_CHARS = /[*?[\]{}!]/;
const WALK_SKIPPED = new Set(['node_modules', '.git']);

function realpathOr(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}


/** Files under a glob's static base that the glob matches (any kind), skipping node_modules and .git. */
function globFiles(pattern: string, cwd: string): string[] {
  const scan = picomatch.scan(toPosix(pattern));
  if (!scan.isGlob || scan.negated) return [];
  const base = path.resolve(cwd, scan.base || '.');
  const isMatch = picomatch(scan.glob, { dot: false });
  const maxDepth = scan.glob.includes('**') ? Infinity : scan.glob.split('/').length;
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!WALK_SKIPPED.has(entry.name) && depth < maxDepth) visit(full, depth + 1);
      } else if ((entry.isFile() || (entry.isSymbolicLink() && isRegularFile(full))) && isMatch(toPosix(path.relative(base, full)))) {
        // A link is followed only to a regular file: one to a device or a FIFO is not a file to lint.
        out.push(full);
      }
    }
  };
  visit(base, 1);
  return out;
}

class Collector {
  readonly organizations = new Map<string, Organization>();
  readonly roleModels: Collected['roleModels'] = [];
  readonly configs: Collected['configs'] = [];
  private readonly configCache = new Map<string, CharterLintConfig>();
  private readonly governanceCache = new Map<string, Governance>();
  private readonly walks = new Map<string, string[]>();
  private readonly realDirs = new Map<string, string>();
  private readonly defaults = defaultConfig();

  constructor(
    private readonly cwd: string,
    private readonly explicitConfig: CharterLintConfig | undefined,
    private readonly warn: (line: string) => void,
  ) {}

  label(file: string): string {
    return toPosix(path.relative(this.cwd, file)) || path.basename(file);
  }

  /**
   * SPEC §3: the project root is the nearest `.charterlintrc.yaml` upward from the file's real
   * folder, else the current folder (a file outside it: its own folder); `--config` replaces the search.
   */
  governance(realDir: string): Governance {
    let governance = this.governanceCache.get(realDir);
    if (!governance) {
      governance = this.findGovernance(realDir);
      this.governanceCache.set(realDir, governance);
    }
    return governance;
  }

  private findGovernance(realDir: string): Governance {
    const fallback = isInside(this.cwd, realDir) ? this.cwd : realDir;
    if (this.explicitConfig) return { root: fallback, config: this.explicitConfig };
    const configFile = findConfigFile(realDir);
    if (!configFile) return { root: fallback, config: this.defaults };
    let config = this.configCache.get(configFile);
    if (!config) {
      for (const other of shadowedConfigs(configFile)) {
        this.warn(`${this.label(other)} is not read: ${this.label(configFile)} in the same folder is the config`);
      }
      config = configFor(configFile);
      this.configCache.set(configFile, config);
    }
    return { root: path.dirname(configFile), config, configFile };
  }

  /** The charters under a folder (walked once per folder and config: a full run walks its root once). */
  walk(dir: string, config: CharterLintConfig): string[] {
    const key = `${dir}\u0000${config.path ?? ''}`;
    let found = this.walks.get(key);
    if (!found) {
      found = [];
      walk(dir, config, dir, found, this.explicitConfig === undefined);
      this.walks.set(key, found);
    }
    return found;
  }

  /** Every charter under an organization's root that is not reported: the context it is linted in. */
  contextOf(organization: Organization): string[] {
    const reportedReal = new Set(organization.reported.keys());
    return this.walk(organization.root, organization.config).filter((file) => {
      if (reportedReal.has(file) || reportedReal.has(realpathOr(file))) return false;
      // A folder below with its own config is an organization of its own.
      return this.governance(path.dirname(file)).root === organization.root;
    });
  }

  /** The kind of a file, as the one place that decides it says (a write asks again). */
  kindAt(file: string): FileKind {
    return this.kindOf(file).kind;
  }

  /** The path with its folder resolved to a real path and its own name kept (a link's name says its kind). */
  private located(file: string): string {
    const dir = path.dirname(file);
    let realDir = this.realDirs.get(dir);
    if (realDir === undefined) {
      realDir = realpathOr(dir);
      this.realDirs.set(dir, realDir);
    }
    return path.join(realDir, path.basename(file));
  }

  private kindOf(file: string): { kind: FileKind; governance: Governance; at: string } {
    const at = this.located(file);
    const governance = this.governance(path.dirname(at));
    return { kind: fileKind(at, governance.config, governance.root), governance, at };
  }

  private addCharter(file: string, governance: Governance, named: boolean): void {
    let organization = this.organizations.get(governance.root);
    if (!organization) {
      organization = { ...governance, reported: new Map() };
      this.organizations.set(governance.root, organization);
    }
    const real = realpathOr(file);
    for (const other of this.organizations.values()) if (other.reported.has(real)) return;
    organization.reported.set(real, { file, real, label: this.label(file), named });
  }

  /** A file found by walking a folder or matched by a glob: charters are kept, anything else skipped silently. */
  found(file: string): void {
    const { kind, governance } = this.kindOf(file);
    if (kind === 'charter') this.addCharter(file, governance, false);
  }

  /** A file named literally: a charter, a role model or a config; anything else is skipped with one line. */
  named(file: string): void {
    const label = this.label(file);
    if (isConfigName(file)) {
      // A config is one by its name alone (fileKind's first test); its governance is not looked up,
      // as that would load the very file being checked and fail with the loader's message instead.
      this.configs.push({ file, label });
      return;
    }
    const { kind, governance } = this.kindOf(file);
    switch (kind) {
      case 'charter':
        this.addCharter(file, governance, true);
        return;
      case 'role-model':
        this.roleModels.push({ file, label, governance });
        return;
      case 'config':
        this.configs.push({ file, label });
        return;
      case 'ignored':
        this.warn(`${label}: ignored by ${governance.config.path ? this.label(governance.config.path) : 'the config'}, skipped`);
        return;
      default:
        this.warn(`${label}: not a charter file, skipped`);
    }
  }

  /**
   * --stdin: the file the text stands for is classified as if named (a charter is linted in its
   * organization, a role model or config checked, anything else skipped with a warning); without
   * --stdin-filename the text is a charter on its own under the current folder's config.
   * Answers where the text stands (the key its text is read by) and how reports name it.
   */
  addStdin(given: string | undefined): { file: string; label: string } {
    if (given === undefined) {
      const file = path.join(this.cwd, STDIN_LABEL);
      const governance = this.governance(this.cwd);
      const target: CharterTarget = { file, real: file, label: STDIN_LABEL, named: true };
      this.organizations.set('\u0000stdin', { ...governance, reported: new Map([[file, target]]), alone: true });
      return { file, label: STDIN_LABEL };
    }
    const file = path.resolve(this.cwd, given);
    let isFolder = false;
    try {
      isFolder = fs.statSync(file).isDirectory();
    } catch {
      // An unsaved file need not exist: it is linted where it would be.
    }
    if (isFolder) throw new UsageError(`--stdin-filename ${given} is a folder; name the file the text stands for`);
    this.named(file);
    return { file, label: this.label(file) };
  }

  add(given: string): void {
    const absolute = path.resolve(this.cwd, given);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const real = realpathOr(absolute);
      // Walked from the real folder; shown under the path as given.
      for (const file of this.walk(real, this.governance(real).config)) this.found(path.join(absolute, path.relative(real, file)));
    } else if (stat) {
      this.named(absolute);
    } else if (GLOB_CHARS.test(given)) {
      const matched = globFiles(given, this.cwd);
      if (matched.length === 0) throw new UsageError(`no files match ${given}`);
      for (const file of matched) this.found(file);
    } else {
      throw new UsageError(`no such file or folder: ${given}`);
    }
  }
}

/** Reads a charter (SPEC: regular files only, within the size cap); the text is kept as read, BOM included. */
function readCharter(file: string): ReadResult {
  return readRegularFile(file, MAX_CHARTER_BYTES);
}

/** The text the core analyses: a UTF-8 byte order mark is set aside, as editors do (restored on --fix). */

/** The text given on stdin (--stdin): where it stands, as what, and the bytes as read. */
interface StdinText {
  raw: string;
  /** The file it stands for, as given (--stdin-filename); undefined: a charter on its own. */
  filename?: string;
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  snapshotEnvironment();
  try {
    const options = parseOptions(argv);
    let stdin: StdinText | undefined;
    if (options !== 'help' && options !== 'version' && options.stdin) {
      const bytes = await (io.readStdin ?? readProcessStdin)(MAX_CHARTER_BYTES);
      if (bytes === undefined) throw new UsageError(`stdin is larger than ${MAX_CHARTER_BYTES / (1024 * 1024)} MB, the limit for a charter`);
      stdin = { raw: bytes.toString('utf8'), filename: options.stdinFilename };
    }
    return run(options, io, stdin);
  } catch (error) {
    if (error instanceof UsageError) {
      // The message may quote a file name or a config's text: never raw control characters.
      io.stderr(`charter-lint: ${terminalSafe(error.message)}\n`);
      return 2;
    }
    throw error;
  }
}

interface ReadFile {
  target: CharterTarget;
  /** As read, byte order mark included: what a write compares the file with before replacing it. */
  raw: string;
}

function run(options: Options | 'help' | 'version', io: CliIO, stdin: StdinText | undefined): number {
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (options === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const cwd = realpathOr(io.cwd);
  const warn = (line: string) => io.stderr(`charter-lint: ${terminalSafe(line)}\n`);
  const explicitConfig = options.config ? loadConfigFile(path.resolve(cwd, options.config)) : undefined;
  const collector = new Collector(cwd, explicitConfig, warn);
  /** The text of a file as this run reads it: stdin's for the file it stands for, else the disk's. */
  const overrides = new Map<string, string>();
  let stdinLabel: string | undefined;
  if (stdin) {
    const at = collector.addStdin(stdin.filename);
    stdinLabel = at.label;
    overrides.set(at.file, stdin.raw);
  } else {
    for (const given of options.paths.length > 0 ? options.paths : ['.']) collector.add(given);
  }
  const readSmall = (file: string): ReadResult => {
    const given = overrides.get(file);
    return given !== undefined ? { ok: true, text: given, mtimeMs: 0, size: given.length } : readRegularFile(file, MAX_SMALL_FILE_BYTES);
  };
  const readCharterOrStdin = (file: string): ReadResult => {
    const given = overrides.get(file);
    return given !== undefined ? { ok: true, text: given, mtimeMs: 0, size: given.length } : readCharter(file);
  };
  /** --fix with --stdin: the fixed text of the stdin file (its text as given when nothing is fixed). */
  let stdinFixed = stdin?.raw;

  const reports: FileReport[] = [];
  const analyses: AnalysisResult[] = [];
  for (const { file, label, governance } of collector.roleModels) {
    const read = readSmall(file);
    if (!read.ok) throw new UsageError(`cannot read ${label}: ${refusalText(read, MAX_SMALL_FILE_BYTES)}`);
    reports.push({ file: label, findings: checkRoleModelFile(read.text, label, governance.config.rules.get('invalid-model')) });
  }
  for (const { file, label } of collector.configs) {
    const read = readSmall(file);
    if (!read.ok) throw new UsageError(`cannot read ${label}: ${refusalText(read, MAX_SMALL_FILE_BYTES)}`);
    const problem = configProblem(read.text, label, path.dirname(file));
    if (problem) throw new UsageError(`invalid config ${problem}`);
    reports.push({ file: label, findings: [] });
  }

  const organizations = [...collector.organizations.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  for (const organization of organizations) {
    const model = forcedModel(options.model, cwd, organization.config);
    const files: ReadFile[] = [];
    for (const target of [...organization.reported.values()]) {
      const read = readCharterOrStdin(target.file);
      if (!read.ok && read.reason === 'not-a-file' && !target.named) {
        // Found, not named: a FIFO or a device where a charter was (it changed since the walk).
        warn(`${target.label}: ${refusalText(read, MAX_CHARTER_BYTES)}, skipped`);
        organization.reported.delete(target.real);
        continue;
      }
      if (!read.ok) throw new UsageError(`cannot read ${target.label}: ${refusalText(read, MAX_CHARTER_BYTES)}`);
      files.push({ target, raw: read.text });
    }
    for (const file of organization.alone ? [] : collector.contextOf(organization)) {
      const target = { file, real: file, label: collector.label(file), named: false };
      const read = readCharter(file);
      if (!read.ok) {
        // Context only: the named files are still linted, without this one.
        warn(`${target.label}: ${refusalText(read, MAX_CHARTER_BYTES)}, not read`);
        continue;
      }
      files.push({ target, raw: read.text });
    }
    const input: AnalyzeInput = {
      files: files.map(({ target, raw }) => ({ path: target.label, text: withoutBom(raw) })),
      rules: organization.config.rules,
      model,
      resolveModel: charterModelResolver(organization.root, cwd),
    };
    const reported = new Set([...organization.reported.values()].map((target) => target.label));
    let result: AnalysisResult;
    if (options.fix) {
      const fixed = fixAll(input, reported);
      const byLabel = new Map(files.map((file) => [file.target.label, file]));
      const kept = new Set<string>();
      for (const [label, text] of fixed.changed) {
        const file = byLabel.get(label);
        if (!file || !reported.has(label)) continue;
        if (label === stdinLabel) {
          // --stdin: the fixed text goes to stdout; nothing is written.
          stdinFixed = keepFileStyle(file.raw, text);
          continue;
        }
        const kind = collector.kindAt(file.target.file);
        const outcome = writeFixedCharter({ file: file.target.file, kind, root: organization.root, original: file.raw, fixed: text });
        if (outcome.written) continue;
        kept.add(label);
        if (outcome.reason === 'failed') throw new UsageError(`cannot write ${label}: ${outcome.code ?? 'failed'}`);
        warn(
          outcome.reason === 'outside-root'
            ? `${label}: a symbolic link to a file outside the project root, not fixed`
            : outcome.reason === 'changed'
              ? `${label}: changed since it was read, not fixed`
              : `${label}: not a charter file, not fixed`,
        );
      }
      // A file left as it was is reported as it is.
      result = kept.size === 0 ? fixed.result : analyze({ ...input, files: input.files.map((f) => (kept.has(f.path) || !fixed.changed.has(f.path) ? f : { path: f.path, text: fixed.changed.get(f.path) ?? f.text })) });
    } else {
      result = analyze(input);
    }
    analyses.push(result);
    for (const [file, findings] of result.findings) if (reported.has(file)) reports.push({ file, findings });
  }
  reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const shown: FileReport[] = options.quiet
    ? reports.map((report) => ({ file: report.file, findings: report.findings.filter((f: Finding) => f.severity === 'error') }))
    : reports;
  const color = options.format === 'stylish' && useColor(options.color, io.env ?? process.env, io.isTTY, options.output !== undefined);
  const formatOptions = { color, version: VERSION };
  const text = options.format === 'html' ? formatHtml(shown, analyses, formatOptions) : FORMATTERS[options.format](shown, formatOptions);
  if (options.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(cwd, options.output)), { recursive: true });
      fs.writeFileSync(path.resolve(cwd, options.output), text);
    } catch (error) {
      throw new UsageError(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  if (stdin && options.fix) {
    // --stdin --fix: the fixed text is the output (an editor's plugin replaces the buffer with
    // it); the report of what remains goes only to --output.
    io.stdout(stdinFixed ?? stdin.raw);
  } else if (!options.output) {
    io.stdout(text);
  }
  const all = reports.flatMap((report) => report.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`charter-lint: ${warnings} warnings found; --max-warnings is ${options.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
