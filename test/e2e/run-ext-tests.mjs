#!/usr/bin/env node
// Runs a @vscode/test-electron style test module (extensionTestsPath, exporting run()) inside the Node
// extension host of a running VS Code server, through its web workbench in headless Chromium.
// The server must run with --enable-smoke-test-driver: only then does the web workbench honour the
// extensionDevelopmentPath/extensionTestsPath payload and report the result through
// window.codeAutomationExit(code). The extension host's console (the suite's report) is mirrored into
// the page console, which is printed here.
//
//   node test/e2e/run-ext-tests.mjs <baseUrl> <extensionDevelopmentPath> <extensionTestsPath> <folder>
import path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './lib/vscode-server.mjs';

// Workbench chatter that says nothing about the suite (VERBOSE=1 shows it).
const noise = new RegExp('^(' + [
  'Failed to load resource', 'An iframe which has both', 'The web worker extension host is started',
  '\\[Violation\\]', 'Manifest fetch from', 'Resolving connection token', 'Resolved connection token',
  'Creating a socket', 'A bad HTTP response code', 'Ignoring fetching additional builtin extensions',
  'Updating additional builtin extensions', '\\[Service Worker\\]', 'ChatSessionStore:', 'Overwriting extension <<',
].join('|') + ')');

export async function runExtensionTests({ base, devPath, testsPath, folder, timeoutMs = 240000, screenshot }) {
  const host = new URL(base).host;
  const remote = p => `vscode-remote://${host}${path.resolve(p)}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]);
  // Without a folder, an empty window (`ew=true`): nothing but what the tests open.
  const where = folder ? `folder=${encodeURIComponent(path.resolve(folder))}` : 'ew=true';
  const url = `${base}/?${where}&payload=${encodeURIComponent(payload)}`;
  const { page, close } = await launchChromium();
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        console.error(`run-ext-tests: no result from the extension tests within ${timeoutMs} ms`);
        resolve(124);
      }, timeoutMs);
      page.on('console', async msg => {
        const args = await Promise.all(msg.args().map(a => a.jsonValue().catch(() => '')));
        // workbench log lines look like ['%c INFO', 'color: ...', fmt, ...args]: drop the styled prefix
        const styled = typeof args[0] === 'string' && args[0].startsWith('%c') && typeof args[1] === 'string';
        const line = !args.length ? msg.text() : styled ? format(...args.slice(2)) : format(...args);
        if (process.env.VERBOSE || !noise.test(line)) console.log(line);
      });
      page.on('pageerror', e => console.error('pageerror:', e.message));
      page.exposeFunction('codeAutomationExit', code => { clearTimeout(timer); resolve(code); })
        .then(() => page.goto(url))
        .catch(e => { clearTimeout(timer); reject(e); });
    });
  } finally {
    if (screenshot) await page.screenshot({ path: screenshot }).catch(() => {});
    await close();
  }
}

// Called as a script (not imported, and not by `node --test test/`, which runs every script under test/)
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && !process.env.NODE_TEST_CONTEXT) {
  const [base, devPath, testsPath, folder] = process.argv.slice(2);
  if (!folder) {
    console.error('usage: run-ext-tests.mjs <baseUrl> <extensionDevelopmentPath> <extensionTestsPath> <folder>');
    process.exit(2);
  }
  const code = await runExtensionTests({ base, devPath, testsPath, folder });
  console.log(`extension tests exited with ${code}`);
  process.exit(code);
}
