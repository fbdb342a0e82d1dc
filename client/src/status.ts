/**
 * What the extension decides without VS Code: which file names wake the language server, and
 * what the language status item says about a file's findings. Kept free of the `vscode` module so
 * `npm test` checks it directly.
 */

/** Charters, role models and configs by name (the defaults; a config may name other charters). */
const CHARTER_NAME = /\.charter\.ya?ml$/i;
const ROLE_MODEL_NAME = /\.roles\.ya?ml$/i;
const CONFIG_NAME = /^\.charterlintrc\.ya?ml$/;

export type NameKind = 'charter' | 'role-model' | 'config' | undefined;

/** What a file name says the file is (`/x/team.charter.yaml` → charter), from its last segment. */
export function nameKind(fileName: string): NameKind {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (CONFIG_NAME.test(base)) return 'config';
  if (ROLE_MODEL_NAME.test(base)) return 'role-model';
  if (CHARTER_NAME.test(base)) return 'charter';
  return undefined;
}

/** The glob `workspace.findFiles` looks for to decide that a folder holds the product's files. */
export const PRODUCT_FILES_GLOB = '**/{*.charter.yaml,*.charter.yml,*.roles.yaml,*.roles.yml,.charterlintrc.yaml,.charterlintrc.yml}';

/** Counts of a file's findings by severity. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export interface StatusView {
  /** The status item's text (codicons allowed). */
  text: string;
  /** Its detail line. */
  detail: string;
  level: 'error' | 'warning' | 'info';
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The status item for a file with these findings. Text and detail count the same findings: a
 * file with only an info or a hint does not say "no problems" beside "1 finding".
 */
export function statusView(counts: Counts): StatusView {
  const total = counts.errors + counts.warnings + counts.infos + counts.hints;
  if (total === 0) return { text: '$(check) Charter: no findings', detail: 'No findings in this file', level: 'info' };
  const parts: string[] = [];
  if (counts.errors > 0) parts.push(plural(counts.errors, 'error', 'errors'));
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning', 'warnings'));
  if (counts.infos > 0) parts.push(plural(counts.infos, 'info', 'infos'));
  if (counts.hints > 0) parts.push(plural(counts.hints, 'hint', 'hints'));
  const icon = counts.errors > 0 ? '$(error)' : counts.warnings > 0 ? '$(warning)' : '$(info)';
  return {
    text: `${icon} Charter: ${parts.join(', ')}`,
    detail: `${plural(total, 'finding', 'findings')} in this file: ${parts.join(', ')}`,
    level: counts.errors > 0 ? 'error' : counts.warnings > 0 ? 'warning' : 'info',
  };
}

/** A name for a new untitled charter that none of `taken` (file names in that folder) uses. */
export function newCharterName(taken: (name: string) => boolean, base = 'new-team'): string {
  for (let n = 1; ; n++) {
    const name = `${base}${n === 1 ? '' : `-${n}`}.charter.yaml`;
    if (!taken(name)) return name;
  }
}
