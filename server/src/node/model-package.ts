import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_SMALL_FILE_BYTES, readRegularFile, refusalText, withoutBom } from './read';

/**
 * Shared role models as npm packages (issue #14 item 4): a charter's or config's `model:` may name
 * an installed package (`@acme/sales-roles` or `acme-sales-roles`). The package is data only: its
 * package.json names a `*.roles.yaml` file (`"charterLint": {"model": "sales.roles.yaml"}`, else a
 * `main` ending in `.roles.yaml`/`.roles.yml`); no code of the package is ever loaded or run.
 */

const SCOPED = /^@[a-z0-9][a-z0-9._~-]*\/[a-z0-9][a-z0-9._~-]*$/;
const UNSCOPED = /^[a-z0-9][a-z0-9._~-]*$/;
const MODEL_FILE = /\.roles\.ya?ml$/;

/** True for a scoped package name (`@scope/name`): never a relative path to a model file. */
export function isScopedPackageName(reference: string): boolean {
  return SCOPED.test(reference) && reference.length <= 214;
}

/** True for a name npm could install (scoped or not), that is not a model file name. */
export function isPackageName(reference: string): boolean {
  if (MODEL_FILE.test(reference) || reference.length > 214) return false;
  return SCOPED.test(reference) || UNSCOPED.test(reference);
}

export type PackageModelLocation =
  | { ok: true; packageDir: string; modelFile: string }
  | { ok: false; error: string; notInstalled?: boolean };

function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

function inside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Finds the package's folder in `node_modules` from `baseDir` upward, stopping at `root` (the
 * project root; with none, at the file-system root), and the model file its package.json names.
 * Returned paths are real paths; the caller checks them against the root. Only package.json is
 * read (a regular file within MAX_SMALL_FILE_BYTES); errors never show an absolute path.
 */
export function locatePackageModel(name: string, baseDir: string, root: string | undefined): PackageModelLocation {
  let dir = path.resolve(baseDir);
  const stop = root === undefined ? undefined : path.resolve(root);
  let packageDir: string | undefined;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', ...name.split('/'));
    if (realPath(path.join(candidate, 'package.json')) !== undefined || realPath(candidate) !== undefined) {
      packageDir = candidate;
      break;
    }
    if (stop !== undefined && dir === stop) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    if (stop !== undefined && !inside(stop, parent)) break;
    dir = parent;
  }
  if (packageDir === undefined) {
    return { ok: false, notInstalled: true, error: `package "${name}" is not installed in node_modules (npm install ${name})` };
  }
  const realDir = realPath(packageDir);
  if (realDir === undefined) return { ok: false, error: `package "${name}" is not installed in node_modules (npm install ${name})`, notInstalled: true };
  const manifest = readRegularFile(path.join(realDir, 'package.json'), MAX_SMALL_FILE_BYTES);
  if (!manifest.ok) return { ok: false, error: `package "${name}": package.json ${refusalText(manifest, MAX_SMALL_FILE_BYTES)}` };
  let data: unknown;
  try {
    data = JSON.parse(withoutBom(manifest.text));
  } catch {
    return { ok: false, error: `package "${name}": package.json is not valid JSON` };
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as { charterLint?: unknown; main?: unknown };
  const field = typeof record.charterLint === 'object' && record.charterLint !== null ? (record.charterLint as { model?: unknown }).model : undefined;
  let named: string | undefined;
  if (typeof field === 'string') named = field;
  else if (typeof record.main === 'string' && MODEL_FILE.test(record.main)) named = record.main;
  if (named === undefined) {
    return {
      ok: false,
      error: `package "${name}" names no role model (its package.json needs "charterLint": {"model": "<file>.roles.yaml"} or a "main" ending in .roles.yaml)`,
    };
  }
  if (!MODEL_FILE.test(named)) return { ok: false, error: `package "${name}": its model "${named}" is not a *.roles.yaml file` };
  if (path.isAbsolute(named) || path.win32.isAbsolute(named)) return { ok: false, error: `package "${name}": its model path must be relative to the package` };
  const modelPath = path.resolve(realDir, named);
  if (!inside(realDir, modelPath)) return { ok: false, error: `package "${name}": its model path leaves the package` };
  const realModel = realPath(modelPath);
  if (realModel === undefined) return { ok: false, error: `package "${name}": its model "${named}" was not found in the package` };
  if (!inside(realDir, realModel)) return { ok: false, error: `package "${name}": its model path leaves the package through a symbolic link` };
  return { ok: true, packageDir: realDir, modelFile: realModel };
}
