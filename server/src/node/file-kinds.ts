import * as path from 'node:path';
import { CONFIG_FILE_NAMES, type CharterLintConfig } from '../core/config';
import { fileMatcher } from './project';

/**
 * The one place that decides what a path is to the product (SPEC §1: "Any other file is not the
 * product's business"). The CLI and the language server both ask here before reading a file as a
 * charter, and nothing but a `charter` is ever written by a fix.
 *
 * - `config`: a `.charterlintrc.yaml` or `.charterlintrc.yml`;
 * - `role-model`: `*.roles.yaml` / `*.roles.yml` (a role model even when the charter globs are as
 *   broad as `**\/*.yaml`: it is checked as a role model, never as a charter);
 * - `charter`: matched by the governing config's `files` and not by its `ignores`;
 * - `ignored`: matched by `files` but also by `ignores`;
 * - `other`: anything else (a CI workflow, a docker-compose file, ...).
 */
export type FileKind = 'charter' | 'role-model' | 'config' | 'ignored' | 'other';

const ROLE_MODEL_NAME = /\.roles\.ya?ml$/i;

export function isConfigName(file: string): boolean {
  return CONFIG_FILE_NAMES.includes(path.basename(file));
}

export function isRoleModelName(file: string): boolean {
  return ROLE_MODEL_NAME.test(path.basename(file));
}

/**
 * The kind of an absolute path under the config that governs it; `base` is the folder globs are
 * matched from when the config has no folder of its own (the defaults): the project root.
 */
export function fileKind(absolutePath: string, config: CharterLintConfig, base: string): FileKind {
  if (isConfigName(absolutePath)) return 'config';
  if (isRoleModelName(absolutePath)) return 'role-model';
  const matcher = fileMatcher(config);
  if (!matcher.matches(absolutePath, base)) return 'other';
  return matcher.ignored(absolutePath, base) ? 'ignored' : 'charter';
}
