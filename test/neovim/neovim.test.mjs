// A second real editor: Neovim's built-in LSP client runs our server over stdio, reads the
// diagnostics, applies a quick fix and hovers. Skipped where `nvim` is not installed (.ci/run
// installs Debian's neovim, so CI runs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers.mjs';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;

test('Neovim lints a charter, applies a quick fix and hovers over our server', { skip: available ? false : 'nvim is not installed' }, () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-nvim-'));
  fs.cpSync(path.join(repoRoot, 'examples'), ws, { recursive: true });
  const out = path.join(ws, 'result.json');
  const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(repoRoot, 'test', 'neovim', 'check.lua')}`], {
    env: { ...process.env, CHARTER_SERVER: path.join(repoRoot, 'dist', 'server.js'), CHARTER_WS: ws, CHARTER_OUT: out },
    encoding: 'utf8',
    timeout: 90_000,
  });
  assert.ok(fs.existsSync(out), `Neovim wrote no result (status ${run.status}): ${run.stderr}`);
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(result.ok, true, `${result.message}\n${JSON.stringify(result.steps, null, 1)}`);
  const edited = fs.readFileSync(path.join(ws, 'emea.charter.yaml'), 'utf8');
  assert.ok(edited.includes('# MISTAKE: listed twice'), 'unsaved buffer edits do not touch the file; the comment is on disk');
  fs.rmSync(ws, { recursive: true, force: true });
});
