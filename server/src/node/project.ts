import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { ChosenModel, ModelResolution, ModelResolver } from '../core/analyze';
import { CONFIG_FILE_NAME, CONFIG_FILE_NAMES, defaultConfig, parseConfig, type CharterLintConfig } from '../core/config';
import { isModelPath, loadBuiltinModel, parseRoleModel } from '../core/model/model';
import { RULES_BY_ID } from '../core/rules';
import { isConfigName, isRoleModelName } from './file-kinds';
import { isPackageName, isScopedPackageName, locatePackageModel } from './model-package';
import { MAX_SMALL_FILE_BYTES, readRegularFile, refusalText, withoutBom } from './read';

/**
 * File-system side shared by the CLI and the language server: config discovery, project roots,
 * file discovery and model files. The core never touches the disk; this module feeds it.
 */

export class UsageError extends Error {
  /** Where in a file the problem is (0-based), when it has a place: a config's key, say. */
  readonly place?: { line: number; character: number };

  constructor(message: string, place?: { line: number; character: number }) {
    super(message);
    this.place = place;
  }
}

const KNOWN_RULES: ReadonlySet<string> = new Set(RULES_BY_ID.keys());

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A path as a message may show it: relative to `from` (the current folder by default), with `/`
 * separators. SPEC "Model": a message never shows an absolute path.
 */
export function displayPath(file: string, from: string = process.cwd()): string {
  return toPosix(path.relative(from, file)) || path.basename(file);
}

/** True when something (of any kind, even a dangling link) has this name. */
function present(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The nearest config (`.charterlintrc.yaml`, else `.charterlintrc.yml`: CONFIG_FILE_NAMES) at or
 * above a folder. A name that is present but not a regular file (a FIFO, a link to /dev/zero) is
 * still the config there: loading it then fails with a clear message, instead of another config
 * silently governing the folder.
 */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = childPath(dir, name);
      if (present(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The configs beside `configFile` that it shadows: a folder holding both `.charterlintrc.yaml` and
 * `.charterlintrc.yml` is governed by the first; the other is not read, and callers say so.
 */
export function shadowedConfigs(configFile: string): string[] {
  const dir = path.dirname(configFile);
  const used = CONFIG_FILE_NAMES.indexOf(path.basename(configFile));
  if (used < 0) return [];
  return CONFIG_FILE_NAMES.slice(used + 1).map((name) => childPath(dir, name)).filter(present);
}

/**
 * Reads and validates a config (absolute or cwd-relative path). Only a regular file within
 * MAX_SMALL_FILE_BYTES is read; anything else is a one-line UsageError naming the file as seen
 * from `displayFrom` (the current folder by default).
 */
export function loadConfigFile(file: string, displayFrom?: string): CharterLintConfig {
  const absolute = path.resolve(file);
  const shown = displayPath(absolute, displayFrom);
  const read = readRegularFile(absolute, MAX_SMALL_FILE_BYTES);
  if (!read.ok) throw new UsageError(`cannot read config ${shown}: ${refusalText(read, MAX_SMALL_FILE_BYTES)}`);
  const text = withoutBom(read.text);
  const result = parseConfig(text, shown, path.dirname(absolute), KNOWN_RULES);
  if (!result.ok) throw new UsageError(`invalid config ${result.error}`, result.line === undefined ? undefined : { line: result.line, character: result.character ?? 0 });
  // Messages above name the file as shown; the config itself keeps the real location.
  return { ...result.config, path: absolute };
}

const modelCache = new Map<string, { mtimeMs: number; size: number; result: ModelResolution }>();

/**
 * Loads a model file, cached by modification time and size. `absolutePath` is where it is read;
 * `shown` is how messages name it (never an absolute path). Only a regular file within
 * MAX_SMALL_FILE_BYTES is read.
 */
export function loadModelFile(absolutePath: string, shown: string = displayPath(absolutePath)): ModelResolution {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolutePath);
  } catch {
    return { ok: false, error: 'file not found' };
  }
  if (!stat.isFile()) return { ok: false, error: 'not a regular file' };
  const cacheKey = `${absolutePath}\0${shown}`;
  const cached = modelCache.get(cacheKey);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.result;
  const read = readRegularFile(absolutePath, MAX_SMALL_FILE_BYTES);
  if (!read.ok) return { ok: false, error: refusalText(read, MAX_SMALL_FILE_BYTES) };
  const text = withoutBom(read.text);
  const parsed = parseRoleModel(text, shown);
  const result: ModelResolution = parsed.ok ? { ok: true, key: absolutePath, model: parsed.model } : parsed;
  modelCache.set(cacheKey, { mtimeMs: read.mtimeMs, size: read.size, result });
  return result;
}

/** The real path (symbolic links resolved), or undefined when the path does not resolve. */
function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/**
 * Resolves a model reference (built-in id or relative path) from a base folder. With a `root`,
 * the file must stay inside it after symbolic links are resolved (SPEC "Model"): a link out of
 * the project is refused before anything is read. Messages name the file by its path relative
 * to the root (or as written, outside one), never by an absolute path.
 */
export function resolveModelReference(reference: string, baseDir: string, root: string | undefined): ModelResolution {
  if (isScopedPackageName(reference)) return resolvePackageModel(reference, baseDir, root);
  if (!isModelPath(reference)) {
    const builtin = loadBuiltinModel(reference);
    if (builtin.ok) return { ok: true, key: `builtin:${reference}`, model: builtin.model };
    if (!isPackageName(reference)) return builtin;
    // Not a built-in id: an installed package of that name, else the built-in error plus the package one.
    const fromPackage = resolvePackageModel(reference, baseDir, root);
    if (fromPackage.ok) return fromPackage;
    return { ok: false, error: `${builtin.error}, and ${fromPackage.error}` };
  }
  const absolute = path.resolve(baseDir, reference);
  if (root === undefined) {
    const real = realPath(absolute);
    if (real === undefined) return { ok: false, error: 'file not found' };
    return loadModelFile(real, reference);
  }
  const realRoot = realPath(root) ?? path.resolve(root);
  if (!isInside(path.resolve(root), absolute) && !isInside(realRoot, absolute)) return { ok: false, error: 'the path leaves the project root' };
  const real = realPath(absolute);
  if (real === undefined) return { ok: false, error: 'file not found' };
  if (!isInside(realRoot, real)) return { ok: false, error: 'the path leaves the project root through a symbolic link' };
  return loadModelFile(real, displayPath(real, realRoot));
}

/**
 * A model named by an installed npm package (model-package.ts): data only, the package's folder
 * and its model file must stay inside the project root after symbolic links are resolved, and the
 * file gets the same regular-file and size checks as a path model. Messages name the file relative
 * to the root (or by package name outside one), never by an absolute path.
 */
function resolvePackageModel(name: string, baseDir: string, root: string | undefined): ModelResolution {
  const located = locatePackageModel(name, baseDir, root);
  if (!located.ok) return { ok: false, error: located.error };
  if (root === undefined) return loadModelFile(located.modelFile, `${name}/${toPosix(path.relative(located.packageDir, located.modelFile))}`);
  const realRoot = realPath(root) ?? path.resolve(root);
  if (!isInside(realRoot, located.packageDir) || !isInside(realRoot, located.modelFile)) {
    return { ok: false, error: `package "${name}" leaves the project root through a symbolic link` };
  }
  return loadModelFile(located.modelFile, displayPath(located.modelFile, realRoot));
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
    const shown = config.path ? displayPath(config.path, cwd) : CONFIG_FILE_NAME;
    if (!resolved.ok) throw new UsageError(`invalid model "${config.model}" in ${shown}: ${resolved.error}`);
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
      if (config.ignores.length === 0) return false;
      const candidate = relativeTo(absolutePath, base);
      if (candidate.startsWith('../')) return false;
      return ignore(candidate) || ignore(`${candidate}/`);
    },
  };
}

export interface WalkOptions {
  /**
   * A nested config that cannot be loaded, or a folder that cannot be read. Without a handler
   * this is a UsageError (the CLI exits 2 with one line, as ESLint does for a broken nested
   * config); with one (the language server), that folder's subtree is skipped and the handler
   * says why.
   */
  onError?: (file: string, error: UsageError) => void;
  /** Folder that messages name paths from (the current folder by default). */
  displayFrom?: string;
}

/** A file found, or a folder to walk (`real`: its path with symbolic links resolved). */
type WalkItem = { file: string } | { dir: string; real: string; config: CharterLintConfig; base: string };

/** What a directory entry is for walking, following a symbolic link by stat (never reading it). */
function entryKind(entry: fs.Dirent, full: string): 'dir' | 'dir-link' | 'file' | undefined {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return undefined; // FIFOs, sockets, devices: never the product's files
  try {
    const stat = fs.statSync(full);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir-link' : undefined;
  } catch {
    return undefined; // a dangling link or a link loop
  }
}

/**
 * A folder's entry. Folders in a walk are already normalized and entry names hold no separator,
 * so a concatenation does: `path.join` normalizes the whole path again, which in a tree 2,000
 * folders deep cost seconds.
 */
function childPath(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/**
 * Walks a folder for the files the config names, skipping ignored folders, node_modules and .git.
 * With `nested`, a folder holding its own `.charterlintrc.yaml` is walked with that config's globs.
 *
 * A workspace may be hostile: the walk is iterative (a tree thousands of folders deep cannot
 * overflow the stack), walks each real folder once (a directory link loop ends), follows a
 * directory link only into the walked folder's own real tree and after the real folders (so
 * files keep their real paths), follows a file link only to a regular file, and skips FIFOs,
 * sockets and devices without opening them. Files come out in path order within each folder,
 * depth first. A real folder's real path is its parent's plus its name: only links cost a
 * system call to resolve.
 */
export function walk(dir: string, config: CharterLintConfig, base: string, out: string[], nested: boolean, options: WalkOptions = {}): void {
  const start = path.resolve(dir);
  const realStart = realPath(start) ?? start;
  const visited = new Set<string>();
  const fail = (file: string, error: UsageError) => {
    if (!options.onError) throw error;
    options.onError(file, error);
  };
  const stack: WalkItem[] = [{ dir: start, real: realStart, config, base }];
  const matchers = new Map<CharterLintConfig, FileMatcher>();
  const links: WalkItem[] = [];
  while (stack.length > 0 || links.length > 0) {
    const item = stack.pop() ?? (links.shift() as WalkItem);
    if ('file' in item) {
      out.push(item.file);
      continue;
    }
    if (visited.has(item.real)) continue;
    visited.add(item.real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(item.dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      fail(item.dir, new UsageError(`cannot read folder ${displayPath(item.dir, options.displayFrom)}: ${code}`));
      continue;
    }
    let active = item.config;
    let activeBase = item.base;
    const ownName = nested && item.dir !== item.config.dir ? CONFIG_FILE_NAMES.find((name) => entries.some((entry) => entry.name === name)) : undefined;
    if (ownName !== undefined) {
      const ownConfig = path.join(item.dir, ownName);
      try {
        active = loadConfigFile(ownConfig, options.displayFrom);
        activeBase = item.dir;
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        fail(ownConfig, error);
        continue;
      }
    }
    let matcher = matchers.get(active);
    if (!matcher) {
      matcher = fileMatcher(active);
      matchers.set(active, matcher);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const children: WalkItem[] = [];
    for (const entry of entries) {
      const full = childPath(item.dir, entry.name);
      const kind = entryKind(entry, full);
      if (kind === 'dir' || kind === 'dir-link') {
        if (SKIPPED_DIRS.has(entry.name) || matcher.ignored(full, activeBase)) continue;
        if (kind === 'dir') {
          children.push({ dir: full, real: childPath(item.real, entry.name), config: active, base: activeBase });
          continue;
        }
        const real = realPath(full);
        if (real !== undefined && isInside(realStart, real)) links.push({ dir: full, real, config: active, base: activeBase });
      } else if (kind === 'file' && !isConfigName(full) && !isRoleModelName(full) && matcher.matches(full, activeBase) && !matcher.ignored(full, activeBase)) {
        // A role model or config is never a charter, however broad the globs (SPEC §1).
        children.push({ file: full });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
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
