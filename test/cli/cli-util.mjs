// Helpers shared by the CLI suites (test/cli/*.test.mjs). Every test spawns the real CLI
// (bin/charter-lint.js) as a child process on a charter folder built in a fresh temp dir.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { cliPath, yaml, tempDir, writeFiles, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../helpers.mjs';

export { cliPath, yaml, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES };

/** SPEC §2: every rule id of the product. */
export const RULE_IDS = [
  'yaml-syntax', 'schema', 'duplicate-role-id', 'unknown-role-type', 'unknown-responsibility',
  'non-canonical-responsibility', 'duplicate-responsibility', 'missing-responsibility', 'scope-mismatch',
  'responsibility-out-of-scope', 'responsibility-overlap', 'territory-overlap', 'unknown-region',
  'uncovered-region', 'unowned-responsibility', 'unknown-reference', 'reporting-cycle',
  'invalid-reporting-line', 'too-many-holders', 'duplicate-region', 'invalid-model',
];

/** A fresh temp folder; realpath so cwd-relative paths are stable. */
export const tmp = () => tempDir('cl-');

/** Writes { 'rel/path': string | Buffer } under root, creating folders. Returns root. */
export const write = writeFiles;

/** A temp folder holding the given files. */
export function project(files = {}) {
  return write(tmp(), files);
}

export function read(root, rel) {
  return fs.readFileSync(path.join(root, rel), 'utf8');
}

/** Environment without colour forcing, so the "not a TTY" behaviour is what is tested. */
function cleanEnv() {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** Runs the CLI as a real process. Returns { status, stdout, stderr, signal, error }. */
export function run(args, { cwd, timeout = 30000 } = {}) {
  assert.ok(cwd, 'run() needs a cwd');
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    timeout,
    env: cleanEnv(),
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', signal: result.signal, error: result.error };
}

/** Describes a run for assertion messages. */
export function describe(r) {
  return `exit ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}${r.error ? ` (${r.error.code ?? r.error.message})` : ''}\n--- stderr ---\n${r.stderr.slice(0, 2000)}\n--- stdout ---\n${r.stdout.slice(0, 2000)}`;
}

/** Runs with --format json (plus args) and parses stdout. Returns { r, report }. */
export function runJson(args, opts) {
  const r = run([...args, '--format', 'json'], opts);
  assertNoCrash(r);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch (error) {
    assert.fail(`stdout is not JSON (${error.message})\n${describe(r)}`);
  }
  return { r, report };
}

/** Flattens a JSON report to [{ file, ...diagnostic }]. */
export function flat(report) {
  return report.flatMap((entry) => entry.diagnostics.map((d) => ({ file: entry.file, ...d })));
}

export function rulesOf(report) {
  return flat(report).map((d) => d.rule);
}

export function filesOf(report) {
  return report.map((entry) => entry.file);
}

/** The process ended on its own (no timeout, no signal) and printed no stack trace. */
export function assertNoCrash(r) {
  assert.equal(r.error, undefined, `the CLI did not finish: ${r.error?.code ?? r.error?.message}\n${describe(r)}`);
  assert.equal(r.signal, null, `the CLI was killed by ${r.signal}\n${describe(r)}`);
  assert.ok([0, 1, 2].includes(r.status), `unexpected exit code\n${describe(r)}`);
  assert.ok(!r.stderr.includes('    at '), `stack trace on stderr\n${describe(r)}`);
  assert.ok(!r.stdout.includes('    at '), `stack trace on stdout\n${describe(r)}`);
  assert.ok(!/internal error/i.test(r.stderr), `internal error\n${describe(r)}`);
}

/** SPEC §3: exit 2 with a clear one-line message on stderr, never a stack trace. */
export function assertUsageError(r, pattern) {
  assert.equal(r.error, undefined, `the CLI did not finish\n${describe(r)}`);
  assert.equal(r.status, 2, `expected exit 2\n${describe(r)}`);
  assert.ok(!r.stderr.includes('    at '), `stack trace on stderr\n${describe(r)}`);
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  assert.equal(lines.length, 1, `stderr must be exactly one line\n${describe(r)}`);
  assert.ok(lines[0].startsWith('charter-lint:'), `stderr must start with "charter-lint:"\n${describe(r)}`);
  assert.ok(lines[0].length > 'charter-lint:'.length + 3, `the message says nothing\n${describe(r)}`);
  if (pattern) assert.match(lines[0], pattern, describe(r));
}

export const list = (ids) => `[${ids.join(', ')}]`;

/**
 * A complete, quiet organization (no findings with the built-in model): a Head of Sales and one
 * Regional Sales Manager per region.
 */
export function cleanCharter({ name = 'Acme Sales', regions = ['EMEA', 'APAC'] } = {}) {
  const rsms = regions
    .map((r) => `  - id: rsm-${r.toLowerCase()}\n    role: regional-sales-manager\n    scope: {region: ${r}}\n    reports_to: hos\n    responsibilities: ${list(RSM_RESPONSIBILITIES)}\n`)
    .join('');
  return `charter: ${name}\nregions: ${list(regions)}\nexternal: [ceo]\nroles:\n  - id: hos\n    role: head-of-sales\n    scope: organization\n    reports_to: ceo\n    responsibilities: ${list(HOS_RESPONSIBILITIES)}\n${rsms}`;
}

/**
 * A complete organization plus `uncovered` declared regions that no role covers: exactly that many
 * `uncovered-region` warnings and nothing else.
 */
export function charterWithWarnings(uncovered) {
  const extra = Array.from({ length: uncovered }, (_, i) => `Spare${i + 1}`);
  return cleanCharter().replace('regions: [EMEA, APAC]', `regions: ${list(['EMEA', 'APAC', ...extra])}`);
}

/** A small custom role model (SPEC §1 format, schemas/role-model.schema.json). */
export const TINY_MODEL = yaml`
  model: tiny
  title: Tiny sales model
  scopes: [organization, region]
  responsibilities:
    pipeline-review:
      title: Pipeline review
      scope: organization
      description: Reviews the pipeline every week.
      aliases: [review the pipeline]
    deal-desk:
      title: Deal desk
      scope: organization
  roles:
    sales-lead:
      title: Sales lead
      scope: organization
      max_per_scope: 1
      reports_to: [external]
      requires: [pipeline-review, deal-desk]
`;

/** A charter that is clean under TINY_MODEL and wrong under the built-in model (unknown role type). */
export function tinyCharter({ model } = {}) {
  return yaml`
    charter: Tiny Co
    ${model ? `model: ${model}` : '# no model key'}
    external: [ceo]
    roles:
      - id: lead
        role: sales-lead
        scope: organization
        reports_to: ceo
        responsibilities: [pipeline-review, deal-desk]
  `;
}

/** Diagnostics of one rule, as "file line:col" strings (1-based) for readable assertions. */
export function where(report, rule) {
  return flat(report)
    .filter((d) => d.rule === rule)
    .map((d) => `${d.file} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
}
