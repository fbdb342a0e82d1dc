// Shared plumbing of the real-VS-Code suites: find the VS Code server installed by setup.sh, start it on
// a free loopback port, install a .vsix into it, and launch Debian's Chromium through playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const cacheDir = process.env.CHARTER_E2E_CACHE ?? path.join(repoRoot, '.e2e-cache');
export const serverMain = path.join(cacheDir, 'node_modules/code-server/lib/vscode/out/server-main.js');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const defaultSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  // Edits in the tests stay unsaved unless a test saves them, as in a desktop VS Code.
  'files.autoSave': 'off',
};

export function assertInstalled() {
  if (!fs.existsSync(serverMain)) {
    throw new Error(`VS Code server not found at ${serverMain}; run: bash test/e2e/setup.sh`);
  }
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}; run: bash test/e2e/setup.sh (or set CHROMIUM)`);
  }
}

/** A temporary folder; removed by the returned cleanup unless CHARTER_E2E_KEEP is set. */
export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir) {
  if (!process.env.CHARTER_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fresh copy of a fixture folder (default: examples/) in a temp folder; returns its path. */
export function copyFixture(from = path.join(repoRoot, 'examples')) {
  const ws = path.join(tempDir('charter-e2e-ws-'), path.basename(from));
  fs.cpSync(from, ws, { recursive: true });
  return ws;
}

/** Folders the server keeps its state in; user settings get the quiet defaults above. */
export function stateDirs(root, { userDataDir, extensionsDir } = {}) {
  const dirs = {
    userDataDir: userDataDir ?? path.join(root, 'user-data'),
    extensionsDir: extensionsDir ?? path.join(root, 'extensions'),
    serverDataDir: path.join(userDataDir ?? path.join(root, 'user-data'), 'server-data'),
  };
  for (const d of [path.join(dirs.userDataDir, 'User'), dirs.extensionsDir, dirs.serverDataDir]) fs.mkdirSync(d, { recursive: true });
  const settings = path.join(dirs.userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settings)) fs.writeFileSync(settings, JSON.stringify(defaultSettings, null, 2));
  return dirs;
}

const dirArgs = d => ['--user-data-dir', d.userDataDir, '--server-data-dir', d.serverDataDir, '--extensions-dir', d.extensionsDir];

/** `server-main.js --install-extension <vsix>`, as a user would install the packaged extension. */
export function installExtension(vsix, dirs) {
  return execFileSync(process.execPath, [serverMain, '--accept-server-license-terms', ...dirArgs(dirs),
    '--install-extension', vsix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the VS Code server on 127.0.0.1:<free port>, without a connection token and with the smoke-test
 * driver (so the web workbench honours extensionDevelopmentPath/extensionTestsPath and exposes
 * codeAutomationExit). Resolves once it answers HTTP. stop() ends its whole process group (extension
 * host, language server, file watcher).
 */
export async function startServer(dirs, { timeoutMs = 60000 } = {}) {
  assertInstalled();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(dirs.serverDataDir, 'server.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [serverMain, '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--disable-telemetry', ...dirArgs(dirs)], {
    stdio: ['ignore', out, out],
    detached: true, // own process group, so stop() reaches its children too
    // no marketplace: nothing to reach, nothing to wait for
    env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' },
  });
  fs.closeSync(out);
  let exited = null;
  child.once('exit', (code, signal) => { exited = code ?? signal; });
  const stop = () => {
    if (exited !== null) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  process.once('exit', stop);

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`VS Code server exited (${exited}):\n${fs.readFileSync(logFile, 'utf8')}`);
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`VS Code server did not answer on ${base} within ${timeoutMs} ms:\n${fs.readFileSync(logFile, 'utf8')}`);
    }
    await new Promise(r => setTimeout(r, 200));
  }
  return { base, port, logFile, stop };
}

/** Best effort: a browser that was just killed may still be writing into its profile. */
function removeProfile(profile) {
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch {
    // Left in the temp folder; the next attempt uses a new one.
  }
}

/** The head of a failed start's error: Playwright's call log and the browser's own output. */
export function startFailure(error) {
  return String(error?.message ?? error).split('\n').slice(0, 25).join('\n');
}

/** How long one Chromium start may take; Playwright's own default is three minutes. */
const LAUNCH_TIMEOUT_MS = 20000;
const LAUNCH_ATTEMPTS = 3;

/**
 * Headless Chromium (Debian's) with a fresh profile; close() also removes the profile. A start
 * that hangs (seen about once in a few hundred on a loaded 2-core machine: the browser never
 * answers on its debugging pipe) is killed after LAUNCH_TIMEOUT_MS and tried again with a new
 * profile, up to LAUNCH_ATTEMPTS starts, instead of holding the test run open until CI's limit.
 */
export async function launchChromium(options = {}, { onRetry = (error) => process.stderr.write(`Chromium did not start, trying again:\n${startFailure(error)}\n`) } = {}) {
  const { chromium } = await import('playwright-core');
  for (let attempt = 1; ; attempt++) {
    const profile = tempDir('charter-e2e-chromium-');
    try {
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath, headless: true, args: chromiumArgs, timeout: LAUNCH_TIMEOUT_MS, ...options,
      });
      const page = context.pages()[0] ?? await context.newPage();
      const close = async () => {
        await context.close().catch(() => {});
        removeProfile(profile);
      };
      return { context, page, close };
    } catch (error) {
      removeProfile(profile);
      if (attempt >= LAUNCH_ATTEMPTS) throw error;
      onRetry(error);
    }
  }
}
