#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// It takes the arguments runTests passes to VS Code (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, a folder to open), starts the real VS Code server that setup.sh
// installed (code-server's VS Code 1.100, on Node) on a free loopback port, runs the tests in its Node
// extension host through headless Chromium, stops the server and exits with the tests' exit code.
// Other Electron flags runTests adds (--no-sandbox, --disable-updates, --skip-welcome, ...) do not apply.
import fs from 'node:fs';
import path from 'node:path';
import { runExtensionTests } from './run-ext-tests.mjs';
import { removeDir, repoRoot, startServer, stateDirs, tempDir } from './lib/vscode-server.mjs';

// `node --test test/` runs every script under test/; this one only runs when called on purpose.
if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const argv = process.argv.slice(2);
const opt = name => argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const devPath = opt('extensionDevelopmentPath');
const testsPath = opt('extensionTestsPath');
// No folder argument: an empty window (File > Open File on a lone charter, as the lone-file suite does).
const folder = argv.find(a => !a.startsWith('-'));
if (!devPath || !testsPath) {
  console.error('code-shim: expected --extensionDevelopmentPath= and --extensionTestsPath=');
  process.exit(2);
}
if (folder && !fs.existsSync(folder)) {
  console.error(`code-shim: no folder ${folder}`);
  process.exit(2);
}

const scratch = tempDir('charter-e2e-state-');
const dirs = stateDirs(scratch, { userDataDir: opt('user-data-dir'), extensionsDir: opt('extensions-dir') });
const results = path.join(repoRoot, 'test-results');
fs.mkdirSync(results, { recursive: true });
let server;
let code = 1;
try {
  server = await startServer(dirs);
  const timeoutMs = Number(process.env.CHARTER_E2E_TIMEOUT_MS ?? 240000);
  code = await runExtensionTests({ base: server.base, devPath, testsPath, folder, timeoutMs,
    screenshot: path.join(results, 'vscode-suite.png') });
} catch (e) {
  console.error(`code-shim: ${e.stack ?? e}`);
} finally {
  server?.stop();
  if (code !== 0 && server) {
    const log = path.join(repoRoot, 'test-results', 'vscode-suite-server.log');
    fs.copyFileSync(server.logFile, log);
    console.error(`code-shim: extension tests failed (${code}); VS Code server log: ${log}`);
  }
  removeDir(scratch);
}
process.exit(code);
