// The published CLI package (server/, `charter-lint` on npm), as a user gets it: `npm pack`, the
// tarball installed into an empty folder with `npm install ./<tgz> --offline`, then `npx
// charter-lint` and `npx charter-lint-server --stdio` there. Offline: the package bundles its
// runtime dependencies, so the install needs nothing from a registry or the npm cache. Build first:
// `npm run build` bundles server/dist/charter-lint.js as the package's prepack script does (the
// pack here skips scripts so the test does not bundle again).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, tempDir } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const packageDir = path.join(repoRoot, 'server');
const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
const TIMEOUT = { timeout: 120000 };

/**
 * The environment for npm and the installed commands: nothing inherited from an `npm test` run
 * around us (npm_config_* would point npm at this repository), no colour forcing, offline.
 */
function cleanEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || ['FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'INIT_CWD'].includes(key)) continue;
    env[key] = value;
  }
  return { ...env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

function run(command, args, cwd, input) {
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 90000, input, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

const describe = (r) => `exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n--- stderr ---\n${r.stderr.slice(0, 3000)}\n--- stdout ---\n${r.stdout.slice(0, 3000)}`;

/** Every file under dir, relative, with `/` separators, sorted. */
function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out.sort();
}

/** The text block the README shows for `npx charter-lint examples/`. */
function readmeExampleOutput() {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const match = /`npx charter-lint examples\/` prints:\n\n```text\n([\s\S]*?)```/.exec(readme);
  assert.ok(match, 'README.md shows the output of `npx charter-lint examples/`');
  return match[1];
}

// One pack and one install for the whole file (the tests below read what they left).
let tarball;
let installDir;
let installed;

/** The newest modification time of a file under dir (ms). */
function newest(dir) {
  let time = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return time;
}

before(() => {
  for (const bundle of ['charter-lint.js']) {
    const file = path.join(packageDir, 'dist', bundle);
    assert.ok(fs.existsSync(file) && fs.statSync(file).mtimeMs >= newest(path.join(packageDir, 'src')), `server/dist/${bundle} is missing or older than server/src: run \`npm run build\` first`);
  }
  const packDir = tempDir('cl-pack-');
  const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], packageDir);
  assert.equal(packed.status, 0, `npm pack failed\n${describe(packed)}`);
  const tarballs = fs.readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
  assert.deepEqual(tarballs, [`${manifest.name}-${manifest.version}.tgz`]);
  tarball = path.join(packDir, tarballs[0]);

  installDir = tempDir('cl-install-');
  // An empty project: npm must not walk up and install into a folder above it.
  fs.writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'empty-project', private: true }));
  // A decoy: a project with its own schemas/ folder beside node_modules (a clone of this repository,
  // say). The package must read the schemas and built-in model it ships, never these.
  fs.mkdirSync(path.join(installDir, 'schemas'));
  fs.writeFileSync(path.join(installDir, 'schemas', 'charter.schema.json'), '{"not": {}}');
  const install = run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund'], installDir);
  assert.equal(install.status, 0, `npm install of the tarball failed\n${describe(install)}`);
  installed = path.join(installDir, 'node_modules', manifest.name);
  fs.cpSync(path.join(repoRoot, 'examples'), path.join(installDir, 'examples'), { recursive: true });
});

test('the tarball holds the bins, the bundles, the schemas and built-in model, readme and licence, and nothing else', () => {
  const files = listFiles(installed);
  const schemas = fs.readdirSync(path.join(repoRoot, 'schemas')).filter((n) => /\.(json|yaml)$/.test(n)).map((n) => `schemas/${n}`);
  assert.deepEqual(
    files,
    [
      'LICENSE',
      'README.md',
      'bin/charter-lint-server.js',
      'bin/charter-lint.js',
      'bin/launch.js',
      'dist/charter-lint.js',
      'package.json',
      ...schemas,
    ].sort(),
  );
  assert.ok(schemas.includes('schemas/sales-leadership.roles.yaml'), 'the built-in model is shipped');
  for (const name of schemas) {
    assert.equal(fs.readFileSync(path.join(installed, name), 'utf8'), fs.readFileSync(path.join(repoRoot, name), 'utf8'), `${name} is the repository's`);
  }
  assert.equal(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8'), fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'));
});

test('the package has no runtime dependencies: the install brought in nothing but itself', () => {
  const shipped = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  assert.deepEqual(Object.keys(shipped.dependencies ?? {}), [], 'dependencies are bundled into dist/');
  assert.equal(shipped.private, undefined, 'the package is publishable');
  const modules = fs.readdirSync(path.join(installDir, 'node_modules')).filter((n) => !n.startsWith('.'));
  assert.deepEqual(modules, [manifest.name]);
  // Neither bundle loads a package at run time (only Node's own modules).
  for (const bundle of ['dist/charter-lint.js']) {
    const text = fs.readFileSync(path.join(installed, bundle), 'utf8');
    // A call, not text inside a string (ajv keeps `'require("ajv/dist/runtime/equal")'` as code it
    // would emit for standalone validators; it never runs it here).
    const required = [...text.matchAll(/(?<![\w$.'"`])require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    const external = required.filter((name) => !name.startsWith('node:') && !require('node:module').builtinModules.includes(name));
    assert.deepEqual([...new Set(external)], [], `${bundle} requires only Node built-ins`);
  }
});

test('npx charter-lint examples/ in the install folder prints what the README shows and exits 1 (a schemas/ folder of the project is not read)', TIMEOUT, () => {
  const r = run('npx', ['--no', '--offline', 'charter-lint', 'examples/'], installDir);
  assert.equal(r.status, 1, describe(r));
  assert.equal(r.stderr, '', describe(r));
  assert.equal(r.stdout, readmeExampleOutput());
  // The same bytes as the repository's own bin/ (the tsc output) on the same folder.
  const clone = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'charter-lint.js'), 'examples/'], { cwd: installDir, env: cleanEnv(), encoding: 'utf8' });
  assert.equal(r.stdout, clone.stdout);
});

// The installed command itself, without npx's start-up (what npx runs, see the test above).
const installedBin = (name) => path.join(installDir, 'node_modules', '.bin', name);

test('charter-lint --version prints the package version; a bad option exits 2', TIMEOUT, () => {
  const version = run(installedBin('charter-lint'), ['--version'], installDir);
  assert.equal(version.status, 0, describe(version));
  assert.equal(version.stdout, `${manifest.version}\n`);
  const bad = run(installedBin('charter-lint'), ['--no-such-option'], installDir);
  assert.equal(bad.status, 2, describe(bad));
});

test('charter-lint --fix writes the safe fixes with the bundled core', TIMEOUT, () => {
  const folder = path.join(installDir, 'fix-me');
  fs.cpSync(path.join(repoRoot, 'examples'), folder, { recursive: true });
  const r = run(installedBin('charter-lint'), ['--fix', '--format', 'json', 'fix-me/'], installDir);
  assert.equal(r.status, 1, describe(r));
  const reports = JSON.parse(r.stdout);
  const rules = reports.flatMap((report) => report.diagnostics.map((d) => d.rule));
  assert.ok(rules.includes('unknown-reference'), 'the error stays (no safe fix for it)');
  assert.ok(!rules.includes('non-canonical-responsibility'), 'matched free text was replaced by its id');
  const org = fs.readFileSync(path.join(folder, 'org.charter.yaml'), 'utf8');
  assert.match(org, /note: Own the annual sales budget/);
  assert.match(org, /# MISTAKE/, 'comments stay');
});

test('npx charter-lint-server --stdio answers initialize with its name and the package version, lints the workspace with its own model, and exits 0 on shutdown/exit', TIMEOUT, async () => {
  const child = spawn('npx', ['--no', '--offline', 'charter-lint-server', '--stdio'], { cwd: installDir, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  // The diagnostics of one charter the server lints without it being opened (the whole workspace).
  const americas = pathToFileURL(path.join(installDir, 'examples', 'americas.charter.yaml')).href;
  const diagnostics = new Promise((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      if (params.uri === americas && params.diagnostics.length > 0) resolve(params.diagnostics);
    });
  });
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();
  try {
    const folder = pathToFileURL(path.join(installDir, 'examples')).href;
    const result = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'examples' }],
      capabilities: {},
    });
    assert.deepEqual(result.serverInfo, { name: 'charter-lint-server', version: manifest.version });
    assert.ok(result.capabilities.textDocumentSync, 'the server advertises document sync');
    await connection.sendNotification('initialized', {});
    const found = await diagnostics;
    const rules = found.map((d) => d.code).sort();
    assert.deepEqual(rules, ['missing-responsibility', 'responsibility-overlap', 'unknown-reference'], stderr);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const end = await exited;
    assert.deepEqual(end, { code: 0, signal: null }, stderr);
  } finally {
    connection.dispose();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
});

test('charter-lint-server without a transport argument speaks LSP over stdio (the installed bin, no npx)', TIMEOUT, async () => {
  const child = spawn(process.execPath, [path.join(installed, 'bin', 'charter-lint-server.js')], { cwd: installDir, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();
  try {
    const result = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.equal(result.serverInfo.version, manifest.version, stderr);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.deepEqual(await exited, { code: 0, signal: null }, stderr);
  } finally {
    connection.dispose();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
});
