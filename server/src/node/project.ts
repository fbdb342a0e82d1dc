import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ChosenModel, ModelResolution, ModelResolver } from '../core/analyze';
import { CONFIG_FILE_NAME, defaultConfig, parseConfig, type CharterLintConfig } from '../core/config';
import { isModelPath, loadBuiltinModel, parseRoleModel } from '../core/model/model';
import { RULES_BY_ID } from '../core/rules';
import { isConfigName, isRoleModelName } from './file-kinds';

/**
 * File-system side shared by the CLI and the language server: config discovery, project roots,
 * file discovery and model files. The core never touches the disk; this module feeds it.
 */

export class UsageError extends Error {}

const KNOWN_RULES: ReadonlySet<string> = new Set(RULES_BY_ID.keys());

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The nearest `.charterlintrc.yaml` at or above a folder. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfigFile(file: string): CharterLintConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const result = parseConfig(text, file, path.dirname(path.resolve(file)), KNOWN_RULES);
  if (!result.ok) throw new UsageError(`invalid config ${result.error}`);
  return result.config;
}

const modelCache = new Map<string, { mtimeMs: number; result: ModelResolution }>();

/** Loads a model file (absolute path), cached by modification time. */
export function loadModelFile(absolutePath: string): ModelResolution {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolutePath);
  } catch {
    return { ok: false, error: `file not found: ${absolutePath}` };
  }
  if (!stat.isFile()) return { ok: false, error: `not a file: ${absolutePath}` };
  const cached = modelCache.get(absolutePath);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.result;
  let text: string;
  try {
    text = fs.readFileSync(absolutePath, 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read ${absolutePath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const parsed = parseRoleModel(text, absolutePath);
  const result: ModelResolution = parsed.ok ? { ok: true, key: absolutePath, model: parsed.model } : parsed;
  modelCache.set(absolutePath, { mtimeMs: stat.mtimeMs, result });
  return result;
}

/** Resolves a model reference (built-in id or relative path) from a base folder, inside `root`. */
export function resolveModelReference(reference: string, baseDir: string, root: string | undefined): ModelResolution {
  if (!isModelPath(reference)) {
    const builtin = loadBuiltinModel(reference);
    return builtin.ok ? { ok: true, key: `builtin:${reference}`, model: builtin.model } : builtin;
  }
  const absolute = path.resolve(baseDir, reference);
  if (root !== undefined && !isInside(root, absolute)) {
    return { ok: false, error: `the path leaves the project root ${root}` };
  }
  return loadModelFile(absolute);
}

/** A resolver for charters' `model:` values; charter paths given to the core are resolved from `cwd`. */
export function charterModelResolver(root: string, cwd: string): ModelResolver {
  return (reference, fromFile) => resolveModelReference(reference, path.dirname(path.resolve(cwd, fromFile)), root);
}

/** The organization's model fixed by `--model` (relative to cwd) or the config (relative to it). */
export function forcedModel(cliModel: string | undefined, cwd: string, config: CharterLintConfig): ChosenModel | undefined {
  if (cliModel !== undefined) {
    const resolved = resolveModelReference(cliModel, cwd, undefined);
    if (!resolved.ok) throw new UsageError(`invalid model ${cliModel}: ${resolved.error}`);
    return { key: resolved.key, model: resolved.model };
  }
  if (config.model !== undefined) {
    const resolved = resolveModelReference(config.model, config.dir ?? cwd, config.dir);
    if (!resolved.ok) throw new UsageError(`invalid model "${config.model}" in ${config.path}: ${resolved.error}`);
    return { key: resolved.key, model: resolved.model };
  }
  return undefined;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface FileMatcher {
  matches(absolutePath: string, base: string): boolean;
  ignored(absolutePath: string, base: string): boolean;
}

export function fileMatcher(config: CharterLintConfig): FileMatcher {
  const include = picomatch(config.files, { dot: true });
  const ignore = config.ignores.length > 0 ? picomatch(config.ignores, { dot: true }) : () => false;
  const relativeTo = (absolutePath: string, base: string) => toPosix(path.relative(config.dir ?? base, absolutePath));
  return {
    matches(absolutePath, base) {
      const fromConfig = relativeTo(absolutePath, base);
      // Outside the config's folder, match relative to the folder being walked instead.
      const candidate = fromConfig.startsWith('../') ? toPosix(path.relative(base, absolutePath)) : fromConfig;
      return include(candidate);
    },
    ignored(absolutePath, base) {
      const candidate = relativeTo(absolutePath, base);
      if (candidate.startsWith('../')) return false;
      return ignore(candidate) || ignore(`${candidate}/`);
    },
  };
}

/**
 * Walks a folder for the files the config names, skipping ignored folders, node_modules and .git.
 * With `nested`, a folder holding its own `.charterlintrc.yaml` is walked with that config's globs.
 */
export function walk(dir: string, config: CharterLintConfig, base: string, out: string[], nested: boolean): void {
  let active = config;
  let activeBase = base;
  const ownConfig = path.join(dir, CONFIG_FILE_NAME);
  if (nested && dir !== config.dir && fs.existsSync(ownConfig)) {
    active = loadConfigFile(ownConfig);
    activeBase = dir;
  }
  const matcher = fileMatcher(active);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || matcher.ignored(full, activeBase)) continue;
      walk(full, active, activeBase, out, nested);
    } else if (entry.isFile() && !isConfigName(full) && !isRoleModelName(full) && matcher.matches(full, activeBase) && !matcher.ignored(full, activeBase)) {
      // A role model or config is never a charter, however broad the globs (SPEC §1).
      out.push(full);
    }
  }
}

/** SPEC: the project root is the nearest folder upward holding `.charterlintrc.yaml`, else `fallback`. */
export function projectRootFor(file: string, fallback: string): { root: string; configFile?: string } {
  const configFile = findConfigFile(path.dirname(file));
  return configFile ? { root: path.dirname(configFile), configFile } : { root: fallback };
}

export function configFor(configFile: string | undefined): CharterLintConfig {
  return configFile ? loadConfigFile(configFile) : defaultConfig();
}
