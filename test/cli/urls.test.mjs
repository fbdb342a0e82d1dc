// One web base URL: the rule pages on the web, SARIF's informationUri and helpUri all come from
// `homepage` in server/package.json (server/src/package-info.ts); no source file spells out an
// address of the project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, core, repoFiles, repoRoot, tempDir } from '../helpers.mjs';

const homepage = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'package.json'), 'utf8')).homepage;
const projectUrl = homepage.replace(/[#?].*$/, '').replace(/\/+$/, '');

/** URLs a source file may spell: addresses that are not the project's. */
const ALLOWED = new Set(['https://json.schemastore.org/sarif-2.1.0.json']);


test('no source file spells out a URL other than the allowed ones (the project address comes from homepage)', () => {
  const code = (name) => /\.(ts|m?js)$/.test(name);
  const files = ['server/src', 'client/src', 'bin', 'server/bin'].flatMap((rel) => repoFiles(rel, code));
  assert.ok(files.length > 20, 'the scan found the sources');
  const stray = [];
  for (const file of files) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/https?:\/\/[^\s'"`)<>]+/g)) {
      if (!ALLOWED.has(match[0])) stray.push(`${path.relative(repoRoot, file)}: ${match[0]}`);
    }
  }
  assert.deepEqual(stray, []);
});

test('the rule pages on the web live under the homepage', () => {
  assert.match(homepage, /^https:\/\//);
  for (const rule of core.RULES) {
    assert.equal(core.docsUrl(rule.meta.id), `${projectUrl}/blob/main/docs/rules/${rule.meta.id}.md`);
    assert.ok(fs.existsSync(path.join(repoRoot, 'docs', 'rules', `${rule.meta.id}.md`)), `docs/rules/${rule.meta.id}.md exists`);
  }
});

test('SARIF: informationUri is the project address and every helpUri a rule page under it', () => {
  const dir = tempDir('cl-urls-');
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  const run = spawnSync(process.execPath, [cliPath, '--format', 'sarif', '.'], { cwd: dir, env, encoding: 'utf8', timeout: 30000 });
  assert.equal(run.status, 1, run.stderr);
  const driver = JSON.parse(run.stdout).runs[0].tool.driver;
  assert.equal(driver.informationUri, projectUrl);
  assert.ok(driver.rules.length > 5);
  for (const rule of driver.rules) {
    assert.equal(rule.helpUri, `${projectUrl}/blob/main/docs/rules/${rule.id}.md`);
    assert.ok(rule.help.text.endsWith(rule.helpUri));
  }
});
