// Shared helpers for the node:test suites. Tests run against the compiled core (server/out), the
// same code the CLI and the language server run.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
/** @type {typeof import('../server/out/core/index')} */
export const core = require('../server/out/core/index.js');
export const { parseDocument } = require('yaml');
const { Parser } = require('yaml');

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cliPath = path.join(repoRoot, 'bin', 'charter-lint.js');

/**
 * The text as a YAML 1.2 parser reads it: a lone CR is a line break (b-break), as it is for LSP
 * positions; the yaml package would keep it inside a scalar, so it is turned into LF (offsets kept).
 */
export const yamlSource = (text) => (text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);

/** Pushes the trimmed source of every comment token inside CST `node` onto `out`. */
export function collectComments(node, out) {
  if (Array.isArray(node)) {
    for (const item of node) if (item && typeof item === 'object') collectComments(item, out);
    return;
  }
  if (node.type === 'comment' && typeof node.source === 'string') out.push(node.source.trim());
  for (const key in node) {
    const value = node[key];
    if (key !== 'source' && value && typeof value === 'object') collectComments(value, out);
  }
}

/**
 * Every comment of a YAML text (trimmed `# ...` source), in order, read from the yaml package's
 * CST: what "no comment is dropped" checks compare before and after an edit.
 */
export function commentsOf(text) {
  const out = [];
  for (const token of new Parser().parse(yamlSource(text))) collectComments(token, out);
  return out;
}

const createdDirs = [];
// Temp folders go when the test file's process ends (set CHARTER_LINT_KEEP_TMP=1 to keep them).
process.on('exit', () => {
  if (process.env.CHARTER_LINT_KEEP_TMP) return;
  for (const dir of createdDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
});

/**
 * Every file under `rel` (a folder of the repository) whose name passes `keep`, skipping
 * node_modules and build output (out, dist).
 */
export function repoFiles(rel, keep) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'out', 'dist'].includes(entry.name)) walk(full);
      } else if (keep(entry.name)) out.push(full);
    }
  };
  walk(path.join(repoRoot, rel));
  return out;
}

/** A fresh, empty temp folder; realpath, so cwd-relative paths and the URIs a server builds match ours. */
export function tempDir(prefix = 'cl-') {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  createdDirs.push(dir);
  return dir;
}

/** Writes { 'rel/path': string | Buffer } under root, creating folders. Returns root. */
export function writeFiles(root, files) {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return root;
}

/** Removes the common indentation of a template literal, so YAML can be written inline in tests. */
export function yaml(strings, ...values) {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n').replace(/[ ]+$/, '');
}

/**
 * Lints an organization given as { 'path': text } (or one text, named org.charter.yaml).
 * Returns a flat list of findings with 1-based `line` for convenience.
 */
export function lint(files, options = {}) {
  const sources = typeof files === 'string' ? [{ path: 'org.charter.yaml', text: files }] : Object.entries(files).map(([p, text]) => ({ path: p, text }));
  const result = core.analyze({ files: sources, ...options });
  const all = [];
  for (const [file, findings] of result.findings) for (const f of findings) all.push({ ...f, file, line: f.range.start.line + 1 });
  return all;
}

export function byRule(findings, rule) {
  return findings.filter((f) => f.rule === rule);
}

/** The text a range covers. */
export function textAt(text, range) {
  const index = new core.LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
}

/** Applies one fix of a finding to a text. */
export function applyFix(text, fix) {
  return core.applyEdits(text, fix.edits);
}

/** Every comment line fragment ("# ...") of a YAML text, trimmed, in order. */
export function comments(text) {
  return text.split(/\r?\n/).map((l) => { const i = l.indexOf(' #'); return l.trimStart().startsWith('#') ? l.trim() : i >= 0 ? l.slice(i + 1).trim() : null; }).filter(Boolean);
}

/** A complete Head of Sales entry (all nine ids), for tests that need a quiet organization. */
export const HOS_RESPONSIBILITIES = ['sales-strategy', 'sales-team-management', 'performance-reporting', 'talent-development', 'customer-insights', 'cross-functional-alignment', 'sales-operations', 'revenue-forecasting', 'budget-management'];
export const RSM_RESPONSIBILITIES = ['regional-sales-plan', 'regional-team-leadership', 'key-account-relationships', 'regional-market-insights', 'regional-business-development'];
