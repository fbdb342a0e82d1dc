// --color / --no-color, FORCE_COLOR and NO_COLOR, in ESLint's order: the flag (last one given),
// then FORCE_COLOR, then NO_COLOR, then whether stdout is a terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../helpers.mjs';
import { tmp, write, describe, charterWithWarnings } from './cli-util.mjs';
import { runWith } from './spawn-util.mjs';

const require = createRequire(import.meta.url);
const { useColor } = require(path.join(repoRoot, 'server/out/cli/main.js'));

const ESC = '\u001b[';
const org = () => write(tmp(), { 'org.charter.yaml': charterWithWarnings(1) });

function colored(args, env) {
  const r = runWith(args, { cwd: org(), env });
  assert.equal(r.status, 0, describe(r));
  assert.match(r.stdout, /uncovered-region/, describe(r));
  return r.stdout.includes(ESC);
}

test('stylish through a pipe: no colours by default', () => {
  assert.equal(colored([], {}), false);
});

test('--color forces colours, --no-color turns them off, the last one given wins', () => {
  assert.equal(colored(['--color'], {}), true);
  assert.equal(colored(['--no-color'], { FORCE_COLOR: '1' }), false);
  assert.equal(colored(['--no-color', '--color'], {}), true);
  assert.equal(colored(['--color', '--no-color'], {}), false);
  assert.equal(colored(['--color'], { FORCE_COLOR: '0' }), true, 'the flag beats FORCE_COLOR');
});

test('FORCE_COLOR: set (even empty) turns colours on, 0 and false off; it beats NO_COLOR', () => {
  assert.equal(colored([], { FORCE_COLOR: '1' }), true);
  assert.equal(colored([], { FORCE_COLOR: '' }), true);
  assert.equal(colored([], { FORCE_COLOR: '0' }), false);
  assert.equal(colored([], { FORCE_COLOR: 'false' }), false);
  assert.equal(colored([], { FORCE_COLOR: '1', NO_COLOR: '1' }), true);
});

test('colours apply to stylish only: json and github output never carry them', () => {
  for (const format of ['json', 'github']) {
    const r = runWith(['--format', format, '--color'], { cwd: org() });
    assert.ok(!r.stdout.includes(ESC), `${format}: ${describe(r)}`);
  }
});

test('useColor on a terminal: NO_COLOR (not empty) turns colours off; --output writes no colours unless forced', () => {
  assert.equal(useColor(undefined, {}, true, false), true);
  assert.equal(useColor(undefined, { NO_COLOR: '1' }, true, false), false);
  assert.equal(useColor(undefined, { NO_COLOR: '' }, true, false), true, 'an empty NO_COLOR is not set (no-color.org)');
  assert.equal(useColor(undefined, {}, true, true), false, 'a report file gets no colours');
  assert.equal(useColor(true, {}, false, true), true, '--color with --output, as ESLint');
  assert.equal(useColor(undefined, { FORCE_COLOR: '3' }, false, false), true);
});
