// Spawns the real CLI with stdin text and a chosen environment (cli-util's run() gives neither):
// for the --stdin, colour and CI-integration suites.
import { spawnSync } from 'node:child_process';
import { cliPath } from '../helpers.mjs';

/** The environment with no colour variables and no test-runner context, plus `extra`. */
export function envWith(extra = {}) {
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT']) delete env[name];
  return { ...env, ...extra };
}

/** Runs bin/charter-lint.js with `args`; `input` is written to its stdin. */
export function runWith(args, { cwd, input = '', env = {}, timeout = 30000 } = {}) {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd, input, encoding: 'utf8', timeout, env: envWith(env), maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', signal: result.signal, error: result.error };
}
