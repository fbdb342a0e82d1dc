// Runs the extension's integration suite (suite/index.js) in a real VS Code with @vscode/test-electron.
//
//   npm run test:vscode                          # VS Code server from setup.sh, through code-shim.mjs
//   CHARTER_E2E_DESKTOP=1 node test/e2e/runTest.js   # desktop VS Code downloaded by @vscode/test-electron
//
// The extension is loaded from the repo root (extensionDevelopmentPath: its package.json, dist/ from
// `npm run bundle`), and VS Code opens a fresh temp copy of examples/, so the suite may edit files freely.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

async function main() {
  const { runTests } = require('@vscode/test-electron');
  const repoRoot = path.resolve(__dirname, '../..');
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    console.error('runTest: dist/extension.js is missing; run `npm run bundle` first');
    return 1;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-e2e-'));
  const workspace = path.join(scratch, 'examples');
  fs.cpSync(path.join(repoRoot, 'examples'), workspace, { recursive: true });
  const desktop = process.env.CHARTER_E2E_DESKTOP === '1';
  // Two sessions: the examples as the workspace folder (suite/index.js), then an empty window where
  // a lone charter is opened as with File > Open File (suite/lone-file.js: activation on
  // onLanguage:yaml, the New Charter command without a folder).
  const sessions = [
    { name: 'workspace', suite: 'index.js', folder: [workspace] },
    { name: 'lone-file', suite: 'lone-file.js', folder: [] },
  ];
  let code = 0;
  for (const session of sessions) {
    let result = 1;
    try {
      result = await runTests({
        ...(desktop
          ? { version: process.env.CHARTER_E2E_VSCODE_VERSION ?? 'stable' }
          : { vscodeExecutablePath: path.join(__dirname, 'code-shim.mjs') }),
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: path.join(__dirname, 'suite', session.suite),
        launchArgs: [
          ...session.folder,
          `--user-data-dir=${path.join(scratch, `user-data-${session.name}`)}`,
          `--extensions-dir=${path.join(scratch, 'extensions')}`,
          '--disable-extensions', // other installed extensions stay out of the way (desktop)
        ],
      });
    } catch (e) {
      console.error(`runTest (${session.name}): ${e.message}`);
      result = typeof e.code === 'number' && e.code !== 0 ? e.code : 1;
    }
    if (result !== 0 && code === 0) code = result;
  }
  if (code === 0 || !process.env.CHARTER_E2E_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
  else console.error(`runTest: kept ${scratch}`);
  return code;
}

// `node --test test/` runs every script under test/; this one only runs when called on purpose.
if (require.main === module && !process.env.NODE_TEST_CONTEXT) {
  main().then(code => process.exit(code), e => { console.error(e); process.exit(1); });
}
