#!/usr/bin/env node
// `npm test` after the build: every test/**/*.test.mjs with node's test runner, in two passes.
//
// Most files wait on spawned CLIs, language servers and Neovim more than they compute, so they run
// two at a time (node's default on 2 cores is one). The files whose tests hold a wall-clock bound
// (a 10 MB charter within 60 s, 10,000 matches, a fix-all within its budget ...) run afterwards,
// one at a time, so a neighbour never eats their budget: on CI's 2 cores a bound that holds alone
// must not fail because another file happened to run beside it.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Files (or folders) whose tests assert wall-clock bounds. */
const BOUNDED = [
  'test/hostile/',
  'test/fuzz/',
  'test/freetext/',
  'test/cli/robustness.test.mjs',
  'test/cli/terminal-safety.test.mjs',
  'test/lsp/robustness.test.mjs',
  'test/lsp/hostile-workspace.test.mjs',
  'test/core/cascade.test.mjs',
  'test/core/fix-safety.test.mjs',
  'test/core/rules/suggest.test.mjs',
];

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.isFile() && entry.name.endsWith('.test.mjs') ? [relative(root, path)] : [];
  });
}

const files = testFiles(join(root, 'test')).sort();
const bounded = files.filter((file) => BOUNDED.some((prefix) => file === prefix || file.startsWith(prefix)));
const others = files.filter((file) => !bounded.includes(file));
const concurrency = String(Math.max(2, availableParallelism() - 1));
// `--pass=unbounded` or `--pass=bounded` runs one pass only (.ci/run pauses its background fuzz
// stage between them, so the bounded pass runs alone); other extra arguments (a reporter, say) go
// to both passes.
const passArg = process.argv.slice(2).find((arg) => arg.startsWith('--pass='));
const pass = passArg?.slice('--pass='.length);
if (pass !== undefined && pass !== 'unbounded' && pass !== 'bounded') {
  console.error(`${passArg}: expected --pass=unbounded or --pass=bounded`);
  process.exit(2);
}
const extra = process.argv.slice(2).filter((arg) => arg !== passArg);
let failed = false;
for (const [name, label, list, args] of [
  ['unbounded', `${others.length} files, ${concurrency} at a time`, others, [`--test-concurrency=${concurrency}`]],
  ['bounded', `${bounded.length} files with wall-clock bounds, one at a time`, bounded, ['--test-concurrency=1']],
]) {
  if (pass !== undefined && pass !== name) continue;
  console.log(`# npm test: ${label}`);
  // .ci/run names its background stages' process groups (fuzz, e2e setup): paused while the bounded files run,
  // so they run alone as they do on a developer's machine.
  const groups = name === 'bounded' ? (process.env.CHARTER_TEST_PAUSE_GROUPS ?? '').split(',').map(Number).filter((group) => group > 0) : [];
  const signal = (sig) => {
    for (const group of groups) {
      try {
        process.kill(-group, sig);
      } catch {
        // The group has ended: nothing to pause.
      }
    }
  };
  signal('SIGSTOP');
  const run = spawnSync(process.execPath, ['--test', ...args, ...extra, ...list], { cwd: root, stdio: 'inherit' });
  signal('SIGCONT');
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
