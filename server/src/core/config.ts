import { isCollection, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { parseYaml, toPlainData } from './parse';
import { quoted } from './rules/rule';
import { isMergeKey } from './yaml-nodes';
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

/**
 * A config that cannot be used: `error` is one line, `path:line:col: what` when it has a place;
 * `line` and `character` (0-based) are that place, for the editor to put the problem on.
 */
export type ConfigResult = { ok: true; config: CharterLintConfig } | { ok: false; error: string; line?: number; character?: number };

/**
 * A repeated key at `offset` in the product's words: which key, in which mapping and where the
 * first one is. A config with `rules:` twice was once read as its first `rules:` only, silently;
 * now it is refused, and the message says which key to merge.
 */
function repeatedKeyMessage(doc: Document, offset: number, lineOf: (offset: number) => number): string | undefined {
  const stack: { node: unknown; where: string }[] = [{ node: doc.contents, where: '' }];
  while (stack.length > 0) {
    const { node, where } = stack.pop() as { node: unknown; where: string };
    if (!isCollection(node)) continue;
    const seen = new Map<unknown, Node>();
    for (const item of node.items as unknown[]) {
      if (!isPair(item)) {
        stack.push({ node: item, where });
        continue;
      }
      const key = item.key as Node | null;
      if (isScalar(key)) {
        const first = seen.get(key.value);
        if (first && key.range?.[0] === offset) {
          const name = quoted(String(key.value));
          return `${name} is repeated${where ? ` in ${where}` : ''} (first on line ${lineOf(first.range?.[0] ?? 0) + 1}); a config gives each key once`;
        }
        if (!first) seen.set(key.value, key);
      }
      const name = isScalar(key) ? String(key.value) : undefined;
      stack.push({ node: item.value, where: name === undefined ? where : where ? `${where}.${name}` : name });
    }
  }
  return undefined;
}

/** Parses a config text. `knownRules` lets it refuse rule ids that do not exist. */
export function parseConfig(text: string, path: string, dir: string, knownRules: ReadonlySet<string>): ConfigResult {
  const lines = new LineIndex(text);
  /** A problem at `offset`: `path:line:col: message`, and the place for the editor. */
  const problemAt = (offset: number, message: string): ConfigResult => {
    const p = lines.positionAt(offset);
    return { ok: false, error: `${path}:${p.line + 1}:${p.character + 1}: ${message}`, line: p.line, character: p.character };
  };
  if (text.includes('\u0000')) return { ok: false, error: `${path}: not a text file` };
  const { doc, errors, extraDocument } = parseYaml(text);
  if (errors.length > 0) {
    const first = errors[0];
    const repeated = first.code === 'DUPLICATE_KEY' ? repeatedKeyMessage(doc, first.start, (offset) => lines.positionAt(offset).line) : undefined;
    return problemAt(first.start, repeated ?? first.message);
  }
  if (extraDocument) return problemAt(extraDocument.start, 'a second YAML document; one config per file');
  const { data, error } = toPlainData(doc);
  if (error) return { ok: false, error: `${path}: ${error}` };
  // A rule id the product does not have, in the product's words and with the one near id if any
  // (the schema, which lists every rule id, would only say "unknown key").
  const rules = isMap(doc.contents) ? doc.contents.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === 'rules')?.value : undefined;
  if (isMap(rules)) {
    for (const item of rules.items) {
      // A merge key (`<<: {...}`) brings rule ids of its own, checked once merged (below).
      if (!isPair(item) || !isScalar(item.key) || isMergeKey(item.key)) continue;
      const id = String(item.key.value);
      if (knownRules.has(id)) continue;
      const near = singleNearest(id, knownRules);
      return problemAt(item.key.range?.[0] ?? 0, `unknown rule "${id}" in rules${near ? `; did you mean "${near}"?` : ''}`);
    }
  }
  const problems = validateAgainstSchema('charterlintrc', doc, data ?? null);
  if (problems.length > 0) return problemAt(problems[0].start, problems[0].message);
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
