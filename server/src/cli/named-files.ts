import { parseConfig } from '../core/config';
import { parseRoleModel } from '../core/model/model';
import { RULES_BY_ID, docsUrl } from '../core/rules';
import { LineIndex } from '../core/text';
import type { Finding, SeveritySetting } from '../core/types';

/**
 * Files named on the command line that are the product's but are not charters (SPEC §3): a role
 * model is checked as a role model, its problems reported as `invalid-model` findings on the model
 * file itself (never fixed); a config is checked against its schema, an invalid one being a bad
 * config (exit 2, as for the config a run uses).
 */

const KNOWN_RULES: ReadonlySet<string> = new Set(RULES_BY_ID.keys());

/** Splits a problem `<label>:<line>:<col>: <message>` (or `<label>: <message>`) made by the core's loaders. */
function locate(problem: string, label: string): { line?: number; character?: number; message: string } {
  if (!problem.startsWith(label)) return { message: problem };
  const rest = problem.slice(label.length);
  const at = /^:(\d+):(\d+): ?/.exec(rest);
  if (at) return { line: Number(at[1]) - 1, character: Number(at[2]) - 1, message: rest.slice(at[0].length) };
  return { message: rest.replace(/^:? ?/, '') };
}

/** The token at an offset: up to the next white space or the end of the line (at least nothing). */
function tokenEnd(text: string, start: number): number {
  const match = /^[^\s]*/.exec(text.slice(start, start + 200));
  return start + (match ? match[0].length : 0);
}

/**
 * The `invalid-model` findings of a role model file (at most one: the first problem, as the model
 * loader stops there). `label` is the path shown to people (relative to the cwd); no other path
 * appears in a message.
 */
export function checkRoleModelFile(text: string, label: string, setting: SeveritySetting | undefined): Finding[] {
  const severity = setting ?? RULES_BY_ID.get('invalid-model')?.meta.defaultSeverity ?? 'error';
  if (severity === 'off') return [];
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const result = parseRoleModel(source, label);
  if (result.ok) return [];
  const { line, character, message } = locate(result.error, label);
  // Positions as for charters: a byte order mark is not part of the text.
  const lines = new LineIndex(source);
  const start = line === undefined ? 0 : lines.offsetAt({ line, character: character ?? 0 });
  const end = line === undefined ? start : tokenEnd(source, start);
  return [
    {
      rule: 'invalid-model',
      severity,
      message: `This role model cannot be used: ${message}`,
      file: label,
      range: lines.range(start, end),
      offsets: { start, end },
      related: [],
      fixes: [],
      docsUrl: docsUrl('invalid-model'),
    },
  ];
}

/** The problem of a config file named on the command line, as one line, or undefined when it is valid. */
export function configProblem(text: string, label: string, dir: string): string | undefined {
  const result = parseConfig(text.startsWith('\uFEFF') ? text.slice(1) : text, label, dir, KNOWN_RULES);
  return result.ok ? undefined : result.error;
}
