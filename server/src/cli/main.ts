import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { analyze, fixAll, type AnalysisResult, type AnalyzeInput } from '../core/analyze';
import { CONFIG_FILE_NAME, type CharterLintConfig } from '../core/config';
import type { Finding } from '../core/types';
import {
  UsageError,
  charterModelResolver,
  configFor,
  findConfigFile,
  forcedModel,
  isInside,
  loadConfigFile,
  projectRootFor,
  toPosix,
  walk,
} from '../node/project';
import { snapshotEnvironment } from '../node/environment';
import { formatHtml } from './formatters/html';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import type { FileReport, Formatter } from './formatters/types';

const VERSION = '0.1.0';
const FORMATTERS: Record<string, Formatter> = { stylish: formatStylish, json: formatJson, sarif: formatSarif };

const USAGE = `Usage: charter-lint [paths or globs ...] [options]

Lint team charter YAML files against a role model.

Options:
  --format stylish|json|sarif|html  Output format (default: stylish)
  --output FILE                 Write the report to FILE instead of stdout
  --config FILE                 Use this config instead of the nearest ${CONFIG_FILE_NAME}
  --model FILE|ID               Role model for every organization (a *.roles.yaml path or a built-in id)
  --fix                         Apply safe fixes in place, then report what remains
  --max-warnings N              Exit 1 when there are more than N warnings
  --quiet                       Report errors only
  -h, --help                    Show this help
  -v, --version                 Show the version
`;

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

const defaultIO = (): CliIO => ({
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: !!process.stdout.isTTY && !process.env.NO_COLOR,
});

interface Options {
  format: string;
  output?: string;
  config?: string;
  model?: string;
  fix: boolean;
  maxWarnings?: number;
  quiet: boolean;
  paths: string[];
}

function parseOptions(argv: string[]): Options | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        model: { type: 'string' },
        fix: { type: 'boolean' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
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
  if (!FORMATTERS[format] && format !== 'html') throw new UsageError(`unknown format "${format}" (use stylish, json, sarif or html)`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings takes a whole number, not "${raw}"`);
    maxWarnings = Number(raw);
  }
  return {
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

interface Target {
  /** Absolute path of a charter file. */
  file: string;
  /** The folder to fall back to as project root when no config is found upward. */
  fallbackRoot: string;
  /** Named on the command line itself (not found by walking a folder). */
  named: boolean;
}

const GLOB_CHARS = /[*?[\]{}!]/;

/** Expands the command line's paths and globs to charter files (SPEC §3: no paths = the current folder). */
function collectTargets(paths: string[], cwd: string, explicitConfig: CharterLintConfig | undefined): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (file: string, fallbackRoot: string, named = false) => {
    if (seen.has(file)) return;
    seen.add(file);
    targets.push({ file, fallbackRoot, named });
  };
  const configForDir = (dir: string) => explicitConfig ?? configFor(findConfigFile(dir));
  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const fallbackRoot = isInside(cwd, absolute) ? cwd : absolute;
      const found: string[] = [];
      walk(absolute, configForDir(absolute), absolute, found, explicitConfig === undefined);
      for (const file of found) add(file, fallbackRoot);
    } else if (stat?.isFile()) {
      add(absolute, isInside(cwd, absolute) ? cwd : path.dirname(absolute), true);
    } else if (GLOB_CHARS.test(given)) {
      const isMatch = picomatch(toPosix(given), { dot: false });
      const found: string[] = [];
      walk(cwd, { ...configForDir(cwd), files: ['**/*'] }, cwd, found, false);
      for (const file of found) if (isMatch(toPosix(path.relative(cwd, file)))) add(file, cwd);
    } else {
      throw new UsageError(`no such file or folder: ${given}`);
    }
  }
  return targets;
}

const BOM = '\uFEFF';
const filesWithBom = new Set<string>();

/** Reads a charter; a UTF-8 byte order mark is set aside (as editors do) and restored on --fix. */
function readCharter(file: string): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.startsWith(BOM)) return text;
    filesWithBom.add(path.resolve(file));
    return text.slice(1);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

interface Organization {
  root: string;
  config: CharterLintConfig;
  /** Files to report on. */
  files: string[];
  /** Further charter files of the same organization, analysed for cross-file ids but not reported. */
  context: string[];
}

function groupByRoot(targets: Target[], explicitConfig: CharterLintConfig | undefined): Organization[] {
  const organizations = new Map<string, Organization & { hasConfig: boolean }>();
  for (const target of targets) {
    const { root, configFile } = explicitConfig ? { root: target.fallbackRoot, configFile: undefined } : projectRootFor(target.file, target.fallbackRoot);
    let organization = organizations.get(root);
    if (!organization) {
      organization = { root, config: explicitConfig ?? configFor(configFile), files: [], context: [], hasConfig: !!configFile };
      organizations.set(root, organization);
    }
    organization.files.push(target.file);
  }
  // SPEC: the charter files under one project root form one organization, so a file named alone
  // still sees its siblings. Under a config, that is the config's whole project; without one, the
  // named file's own folder (the current folder may hold unrelated charters).
  const named = new Set(targets.filter((t) => t.named).map((t) => t.file));
  for (const organization of organizations.values()) {
    const folders = organization.hasConfig
      ? [organization.root]
      : [...new Set(organization.files.filter((f) => named.has(f)).map((f) => path.dirname(f)))];
    const inOrganization = new Set(organization.files);
    for (const folder of folders) {
      const found: string[] = [];
      walk(folder, organization.config, folder, found, !explicitConfig);
      for (const file of found) {
        if (inOrganization.has(file)) continue;
        if (!explicitConfig && projectRootFor(file, organization.root).root !== organization.root) continue;
        inOrganization.add(file);
        organization.context.push(file);
      }
    }
  }
  return [...organizations.values()];
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  snapshotEnvironment();
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`charter-lint: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function run(argv: string[], io: CliIO): number {
  const options = parseOptions(argv);
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (options === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const cwd = io.cwd;
  const explicitConfig = options.config ? loadConfigFile(path.resolve(cwd, options.config)) : undefined;
  const targets = collectTargets(options.paths, cwd, explicitConfig);
  const reports: FileReport[] = [];
  const analyses: AnalysisResult[] = [];
  for (const organization of groupByRoot(targets, explicitConfig)) {
    const model = forcedModel(options.model, cwd, organization.config);
    const relative = (file: string) => toPosix(path.relative(cwd, file)) || path.basename(file);
    const input: AnalyzeInput = {
      files: [...organization.files, ...organization.context].map((file) => ({ path: relative(file), text: readCharter(file) })),
      rules: organization.config.rules,
      model,
      resolveModel: charterModelResolver(organization.root, cwd),
    };
    let result: AnalysisResult;
    const reported = new Set(organization.files.map(relative));
    if (options.fix) {
      const fixed = fixAll(input, reported);
      for (const [file, text] of fixed.changed) {
        try {
          const absolute = path.resolve(cwd, file);
          fs.writeFileSync(absolute, filesWithBom.has(absolute) ? BOM + text : text);
        } catch (error) {
          throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
      }
      result = fixed.result;
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
  const formatOptions = { color: io.isTTY && !options.output && options.format === 'stylish', version: VERSION };
  const text = options.format === 'html' ? formatHtml(shown, analyses, formatOptions) : FORMATTERS[options.format](shown, formatOptions);
  if (options.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(cwd, options.output)), { recursive: true });
      fs.writeFileSync(path.resolve(cwd, options.output), text);
    } catch (error) {
      throw new UsageError(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else {
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
