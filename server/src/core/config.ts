import { isMap, isPair, isScalar } from 'yaml';
import { parseYaml, toPlainData } from './parse';
import { singleNearest } from './rules/suggest';
import { validateAgainstSchema } from './schema';
import { LineIndex } from './text';
import type { SeveritySetting } from './types';

export const CONFIG_FILE_NAME = '.charterlintrc.yaml';
/**
 * Every name a config may have, in precedence order: in a folder holding both, the first is the
 * config and the other is not read (as markdownlint reads one of `.markdownlint.yaml` and
 * `.markdownlint.yml`); the CLI says so on stderr.
 */
export const CONFIG_FILE_NAMES: readonly string[] = [CONFIG_FILE_NAME, '.charterlintrc.yml'];
export const DEFAULT_FILES = ['**/*.charter.{yaml,yml}'];

/** A loaded `.charterlintrc.yaml`. Paths in it are relative to `dir`. */
export interface CharterLintConfig {
  /** Folder of the config file (absolute), or undefined for the defaults. */
  dir?: string;
  path?: string;
  files: string[];
  ignores: string[];
  model?: string;
  rules: Map<string, SeveritySetting>;
}

export function defaultConfig(): CharterLintConfig {
  return { files: [...DEFAULT_FILES], ignores: [], rules: new Map() };
}

export type ConfigResult = { ok: true; config: CharterLintConfig } | { ok: false; error: string };

/** Parses a config text. `knownRules` lets it refuse rule ids that do not exist. */
export function parseConfig(text: string, path: string, dir: string, knownRules: ReadonlySet<string>): ConfigResult {
  const lines = new LineIndex(text);
  const at = (offset: number) => {
    const p = lines.positionAt(offset);
    return `${path}:${p.line + 1}:${p.character + 1}`;
  };
  if (text.includes('\u0000')) return { ok: false, error: `${path}: not a text file` };
  const { doc, errors, extraDocument } = parseYaml(text);
  if (errors.length > 0) return { ok: false, error: `${at(errors[0].start)}: ${errors[0].message}` };
  if (extraDocument) return { ok: false, error: `${at(extraDocument.start)}: a second YAML document; one config per file` };
  const { data, error } = toPlainData(doc);
  if (error) return { ok: false, error: `${path}: ${error}` };
  // A rule id the product does not have, in the product's words and with the one near id if any
  // (the schema, which lists every rule id, would only say "unknown key").
  const rules = isMap(doc.contents) ? doc.contents.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === 'rules')?.value : undefined;
  if (isMap(rules)) {
    for (const item of rules.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const id = String(item.key.value);
      if (knownRules.has(id)) continue;
      const near = singleNearest(id, knownRules);
      return { ok: false, error: `${at(item.key.range?.[0] ?? 0)}: unknown rule "${id}" in rules${near ? `; did you mean "${near}"?` : ''}` };
    }
  }
  const problems = validateAgainstSchema('charterlintrc', doc, data ?? null);
  if (problems.length > 0) return { ok: false, error: `${at(problems[0].start)}: ${problems[0].message}` };
  const raw = (data ?? {}) as { files?: string | string[]; ignores?: string[]; model?: string; rules?: Record<string, SeveritySetting> };
  const config: CharterLintConfig = {
    dir,
    path,
    files: raw.files === undefined ? [...DEFAULT_FILES] : Array.isArray(raw.files) ? raw.files : [raw.files],
    ignores: raw.ignores ?? [],
    model: raw.model,
    rules: new Map(),
  };
  for (const [rule, severity] of Object.entries(raw.rules ?? {})) {
    if (!knownRules.has(rule)) return { ok: false, error: `${path}: unknown rule "${rule}" in rules` };
    config.rules.set(rule, severity);
  }
  return { ok: true, config };
}
