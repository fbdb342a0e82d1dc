// The release manifest: one version, read from package.json everywhere it is shown (CLI --version,
// SARIF, the HTML report; the server's serverInfo is checked on the installed package in
// package.test.mjs), and what a marketplace listing needs (icon, CHANGELOG, homepage and bugs), with
// the README's screenshots kept out of the .vsix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliPath, repoFiles, repoRoot, tempDir } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(repoRoot, rel), 'utf8'));
const root = readJson('package.json');
const cliPackage = readJson('server/package.json');
const client = readJson('client/package.json');
const version = cliPackage.version;


function cli(args, cwd) {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  return spawnSync(process.execPath, [cliPath, ...args], { cwd, env, encoding: 'utf8', timeout: 30000 });
}

test('the extension, the CLI package and the client carry one version, and the CHANGELOG has its entry', () => {
  assert.match(version, /^\d+\.\d+\.\d+(-[\w.]+)?$/);
  assert.equal(root.version, version, 'package.json and server/package.json');
  assert.equal(client.version, version, 'client/package.json and server/package.json');
  const changelog = fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8');
  assert.ok(changelog.split('\n').some((line) => line.startsWith(`## ${version}`)), `CHANGELOG.md has a "## ${version}" section`);
});

test('no source file spells out the version: it is read from package.json (server/src/package-info.ts)', () => {
  const literal = new RegExp(`['"\`]v?${version.replace(/\./g, '\\.')}['"\`]`);
  const files = [
    ...repoFiles('server/src', (n) => n.endsWith('.ts')),
    ...repoFiles('client/src', (n) => n.endsWith('.ts')),
    ...repoFiles('scripts', (n) => /\.m?js$/.test(n)),
    ...repoFiles('bin', (n) => n.endsWith('.js')),
    ...repoFiles('server/bin', (n) => n.endsWith('.js')),
  ];
  assert.ok(files.length > 20, 'the scan found the sources');
  const offenders = files.filter((file) => literal.test(fs.readFileSync(file, 'utf8'))).map((file) => path.relative(repoRoot, file));
  assert.deepEqual(offenders, []);
});

test('charter-lint --version, the SARIF tool version and the HTML report show the package version', () => {
  const dir = tempDir('cl-version-');
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  const shown = cli(['--version'], dir);
  assert.equal(shown.status, 0, shown.stderr);
  assert.equal(shown.stdout, `${version}\n`);

  const sarif = cli(['--format', 'sarif', '.'], dir);
  assert.equal(sarif.status, 1, sarif.stderr);
  const driver = JSON.parse(sarif.stdout).runs[0].tool.driver;
  assert.equal(driver.version, version);
  assert.equal(driver.semanticVersion, version);

  const html = cli(['--format', 'html', '.'], dir);
  assert.equal(html.status, 1, html.stderr);
  assert.ok(html.stdout.includes(`<meta name="generator" content="charter-lint ${version}">`), 'the report names its generator and version');
});

test('the manifests name a homepage, a bug tracker and a repository, the same in both packages', () => {
  for (const manifest of [root, cliPackage]) {
    assert.match(manifest.homepage, /^https:\/\//, `${manifest.name}: homepage`);
    assert.match(manifest.bugs?.url ?? '', /^https:\/\//, `${manifest.name}: bugs.url`);
    assert.match(manifest.repository?.url ?? '', /^git\+https:\/\/.+\.git$/, `${manifest.name}: repository.url`);
  }
  assert.equal(cliPackage.homepage, root.homepage, 'one web page for the product');
  assert.equal(cliPackage.bugs.url, root.bugs.url);
  assert.equal(cliPackage.repository.url, root.repository.url);
  assert.equal(cliPackage.private, undefined, 'the CLI package is publishable');
  assert.equal(root.preview, true, 'the extension is listed as a preview');
});

test('the icon is a 128×128 PNG named by the extension manifest', () => {
  const png = fs.readFileSync(path.join(repoRoot, root.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  assert.equal(png.readUInt32BE(16), 128, 'width');
  assert.equal(png.readUInt32BE(20), 128, 'height');
});

test('the .vsix holds the icon, CHANGELOG, README, licence, bundles, schemas and rule pages, and not the README screenshots', { timeout: 60000 }, async () => {
  const vsce = require('@vscode/vsce');
  const files = await vsce.listFiles({ cwd: repoRoot, packageManager: vsce.PackageManager.None });
  for (const expected of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', root.icon, 'dist/extension.js', 'dist/server.js', 'schemas/sales-leadership.roles.yaml', 'docs/rules/README.md']) {
    assert.ok(files.includes(expected), `${expected} is in the .vsix`);
  }
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const screenshots = [...readme.matchAll(/\]\(((?:docs\/)?images\/[^)\s]+\.(?:png|gif|jpe?g))\)/g)].map((m) => m[1]);
  assert.ok(screenshots.length > 0, 'the README shows screenshots');
  for (const image of screenshots) assert.ok(!files.includes(image), `${image} stays out of the .vsix`);
  assert.deepEqual(files.filter((f) => /(^|\/)(test|src|node_modules|out)\//.test(f) || f.endsWith('.map')), [], 'no sources, tests, dependencies or source maps');
});

test('a good neighbour: yamlValidation only for role models and the config, never charters', () => {
  // The server validates charters itself, with better messages; a charter schema given to
  // yaml-language-server (the Red Hat YAML extension) would flag the same lines a second time.
  const validations = root.contributes.yamlValidation;
  const matched = validations.flatMap((v) => v.fileMatch);
  assert.deepEqual([...matched].sort(), ['*.roles.yaml', '*.roles.yml', '.charterlintrc.yaml', '.charterlintrc.yml'].sort());
  assert.ok(!matched.some((pattern) => /charter\.ya?ml/.test(pattern)), 'no charter pattern');
  assert.ok(!validations.some((v) => /charter\.schema\.json$/.test(v.url)), 'the charter schema is not contributed');
  for (const v of validations) assert.ok(fs.existsSync(path.join(repoRoot, v.url)), `${v.url} exists`);
});

test('every contributed command is registered by the extension, Show Output among them', () => {
  const commands = root.contributes.commands;
  const showOutput = commands.find((c) => c.command === 'orgCharter.showOutput');
  assert.deepEqual(showOutput, { command: 'orgCharter.showOutput', title: 'Show Output', category: 'Org Charter' });
  const extension = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');
  for (const { command } of commands) assert.ok(extension.includes(`registerCommand('${command}'`), `${command} is registered`);
  for (const menu of Object.values(root.contributes.menus ?? {})) {
    for (const item of menu) assert.ok(commands.some((c) => c.command === item.command), `${item.command} in a menu is contributed`);
  }
});
