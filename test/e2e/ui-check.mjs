#!/usr/bin/env node
// UI check in a real VS Code workbench: installs the packaged extension (org-charter-lint.vsix from
// `npm run package`) into the VS Code server that setup.sh installed, serves it on 127.0.0.1, opens a
// temp copy of examples/ in headless Chromium (playwright-core) and does what a user does:
// Quick Open a charter, see the squiggles and the Problems count, put the cursor on the duplicate
// responsibility, Ctrl+. for the quick fix menu, Enter to apply the preferred fix, save, and check
// that the file changed and the finding went away; then open the report and click a finding of
// another file, which must open at its line. The Problems counts must equal what the CLI
// (bin/charter-lint.js) finds in the same folder. Screenshots go to test-results/editor/.
//
//   npm run test:editor                     # setup + package + this
//   node test/e2e/ui-check.mjs [file.vsix]  # when the .vsix is already built
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  assertInstalled, copyFixture, installExtension, launchChromium, removeDir, repoRoot, startServer, stateDirs, tempDir,
} from './lib/vscode-server.mjs';

// `node --test test/` runs every script under test/; this one only runs when called on purpose.
if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const vsix = path.resolve(process.argv[2] ?? path.join(repoRoot, 'org-charter-lint.vsix'));
const FILE = 'emea.charter.yaml';
const DUPLICATE = '- regional-market-insights';
const FIX_TITLE = /^Remove duplicate/;
const DUPLICATE_MESSAGE = 'listed twice'; // duplicate-responsibility's message: '... is listed twice for role ...'
const TIMEOUT = Number(process.env.CHARTER_E2E_UI_TIMEOUT_MS ?? 30000);
const results = path.join(repoRoot, 'test-results', 'editor');

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...a);

/** Polls `condition` (a Node-side check, e.g. a file on disk) until it is truthy or the time is up. */
async function until(condition, what, timeoutMs = TIMEOUT) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

/** What the CLI finds in the workspace, by severity: the editor must show the same (one core makes both). */
function cliCounts(folder) {
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'charter-lint.js'), '--format', 'json'],
    { cwd: folder, encoding: 'utf8' });
  if (cli.status !== 0 && cli.status !== 1) throw new Error(`charter-lint exited ${cli.status}: ${cli.stderr}`);
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const file of JSON.parse(cli.stdout)) {
    for (const d of file.diagnostics) {
      if (d.severity === 'error') counts.errors++;
      else if (d.severity === 'warning') counts.warnings++;
      else if (d.severity === 'info') counts.infos++;
    }
  }
  return counts;
}

/** Waits until the status bar's Problems item (aria-label "Errors: 1, Warnings: 12, Infos: 2") shows `want`. */
async function waitForProblemCounts(want) {
  try {
    await page.waitForFunction(want => {
      const label = document.querySelector('#status\\.problems')?.getAttribute('aria-label') ?? '';
      const n = kind => Number(new RegExp(`${kind}s?:\\s*(\\d+)`, 'i').exec(label)?.[1] ?? 0);
      return n('error') === want.errors && n('warning') === want.warnings && n('info') === want.infos;
    }, want, { timeout: 60000 });
  } catch (e) {
    const label = await page.locator('#status\\.problems').getAttribute('aria-label').catch(() => '?');
    throw new Error(`status bar shows "${label}", expected ${JSON.stringify(want)}: ${e.message.split('\n')[0]}`);
  }
  return page.locator('#status\\.problems').getAttribute('aria-label');
}

const steps = [];
const step = (name, fn) => steps.push({ name, fn });

// State shared by the steps.
let page;
let workspace;
let before;
let expected; // the CLI's counts for the workspace

step('workbench loads with the folder open', async () => {
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('#status\\.problems', { timeout: 60000 });
  // the explorer shows the folder's files once it is restored
  await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label*="${FILE}"]`, { timeout: 60000 });
});

step(`Quick Open ${FILE}`, async () => {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: TIMEOUT });
  await page.keyboard.type(FILE);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${FILE}"]`, { timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${FILE}"]`, { timeout: TIMEOUT });
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: TIMEOUT });
});

step('squiggles appear, and the Problems count equals the CLI\'s', async () => {
  await page.waitForSelector('.editor-instance .monaco-editor .squiggly-warning', { timeout: 60000 });
  log('status bar:', await waitForProblemCounts(expected));
  await page.screenshot({ path: path.join(results, '1-diagnostics.png') });
});

step('the Problems panel lists the duplicate', async () => {
  await page.keyboard.press('Control+Shift+M');
  const filter = page.locator('.markers-panel-container, .panel').getByPlaceholder(/^Filter/).first();
  await filter.waitFor({ state: 'visible', timeout: TIMEOUT });
  await filter.fill(DUPLICATE_MESSAGE);
  await page.locator('.markers-panel .monaco-list-row', { hasText: DUPLICATE_MESSAGE }).first()
    .waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.screenshot({ path: path.join(results, '2-problems-panel.png') });
});

step('Ctrl+. on the duplicate opens the quick fix menu', async () => {
  const lines = before.split('\n');
  const first = lines.findIndex(l => l.trim().startsWith(DUPLICATE));
  const line = lines.findIndex((l, i) => i > first && l.trim().startsWith(DUPLICATE));
  const column = lines[line].indexOf(DUPLICATE) + 3; // inside the value, after "- "
  await page.keyboard.press('Control+1'); // focus the editor again
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: TIMEOUT });
  await page.keyboard.type(`${line + 1}:${column + 1}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: TIMEOUT });
  await page.waitForFunction(
    ([l, c]) => document.querySelector('#status\\.editor\\.selection')?.textContent?.includes(`Ln ${l}, Col ${c}`),
    [line + 1, column + 1], { timeout: TIMEOUT });
  await page.keyboard.press('Control+.');
  const rows = page.locator('.action-widget .monaco-list-row');
  await rows.filter({ hasText: FIX_TITLE }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  log('quick fix menu:', (await rows.allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim()).join(' | '));
  // The menu covers the page with a pointer blocker: choose with the keyboard, as a user would.
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let i = 0; i < 20 && !FIX_TITLE.test((await focused.innerText().catch(() => '')).trim()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  const chosen = (await focused.innerText()).trim();
  if (!FIX_TITLE.test(chosen)) throw new Error(`could not focus the fix; focused: "${chosen}"`);
  await page.screenshot({ path: path.join(results, '3-quick-fix-menu.png') });
});

step('Enter applies the fix: the finding goes away', async () => {
  await page.keyboard.press('Enter');
  await page.waitForSelector('.action-widget .monaco-list-row', { state: 'detached', timeout: TIMEOUT });
  // the duplicate's warning leaves the status bar count and the (filtered) Problems panel
  log('status bar:', await waitForProblemCounts({ ...expected, warnings: expected.warnings - 1 }));
  await page.locator('.markers-panel .monaco-list-row', { hasText: DUPLICATE_MESSAGE })
    .waitFor({ state: 'detached', timeout: TIMEOUT });
  await page.screenshot({ path: path.join(results, '4-after-fix.png') });
});

step('Ctrl+S saves the fixed text: one entry less, nothing else lost', async () => {
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+S');
  const file = path.join(workspace, FILE);
  const after = await until(() => { const t = fs.readFileSync(file, 'utf8'); return t !== before && t; }, `${FILE} to be saved`);
  const count = t => t.split('\n').filter(l => l.trim().startsWith(DUPLICATE)).length;
  if (count(after) !== count(before) - 1) throw new Error(`expected one "${DUPLICATE}" less:\n${after}`);
  for (const id of ['rsm-emea', 'rsm-dach', 'regional-business-development']) {
    if (!after.includes(id)) throw new Error(`"${id}" went missing:\n${after}`);
  }
  await page.waitForSelector(`.tab.active[aria-label*="${FILE}"]:not(.dirty)`, { timeout: TIMEOUT });
  await page.screenshot({ path: path.join(results, '5-saved.png') });
});

step('Show Report opens the report beside the editor; clicking a finding of another file opens it at that line', async () => {
  await page.keyboard.press('Control+1');
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: TIMEOUT });
  await page.keyboard.type('Org Charter: Show Report');
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Show Report"]', { timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.waitForSelector('.tab[aria-label*="Org Charter Report"]', { timeout: TIMEOUT });
  // The webview is an iframe inside an iframe; find the frame that holds the report's rows.
  const target = 'americas.charter.yaml';
  const frame = await until(async () => {
    for (const candidate of page.frames()) {
      const found = await candidate.locator(`[data-file$="${target}"]`).count().catch(() => 0);
      if (found > 0) return candidate;
    }
    return undefined;
  }, `a report row for ${target}`);
  const row = frame.locator(`[data-file$="${target}"]`).first();
  const line = Number(await row.getAttribute('data-line'));
  const character = Number(await row.getAttribute('data-character'));
  await page.screenshot({ path: path.join(results, '6-report.png') });
  await row.click();
  await page.waitForSelector(`.tab.active[aria-label*="${target}"]`, { timeout: TIMEOUT });
  const want = `Ln ${line + 1}, Col ${character + 1}`;
  await until(async () => ((await page.locator('#status\\.editor\\.selection').textContent().catch(() => '')) ?? '').includes(want), `the cursor at ${want}`);
  await page.screenshot({ path: path.join(results, '7-jumped.png') });
});

// ---- run ------------------------------------------------------------------------------------------
let passed = 0;
let failed = 0;
let server;
let browser;
const scratch = tempDir('charter-e2e-ui-');
try {
  assertInstalled();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing; run \`npm run package\` first`);
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });
  const dirs = stateDirs(scratch);
  log(installExtension(vsix, dirs).trim().split('\n').pop());
  workspace = copyFixture();
  before = fs.readFileSync(path.join(workspace, FILE), 'utf8');
  expected = cliCounts(workspace);
  log('charter-lint (CLI) on the workspace:', JSON.stringify(expected));
  if (!(expected.warnings > 0)) throw new Error('the CLI finds no warnings in the workspace');
  server = await startServer(dirs);
  log(`VS Code server on ${server.base}, workspace ${workspace}`);
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  page = browser.page;
  page.on('pageerror', e => log('pageerror:', e.message));
  await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
  for (const { name, fn } of steps) {
    if (failed) { failed++; log(`skipped: ${name}`); continue; }
    try {
      await fn();
      passed++;
      log(`ok - ${name}`);
    } catch (e) {
      failed++;
      log(`not ok - ${name}\n    ${e.message.split('\n').join('\n    ')}`);
      await page.screenshot({ path: path.join(results, 'failure.png') }).catch(() => {});
    }
  }
} catch (e) {
  failed = Math.max(failed, 1);
  log(`ui-check: ${e.stack ?? e}`);
} finally {
  await browser?.close();
  server?.stop();
  if (failed && server) fs.copyFileSync(server.logFile, path.join(results, 'server.log'));
  removeDir(scratch);
  if (workspace) removeDir(path.dirname(workspace));
}
log(`screenshots in ${path.relative(repoRoot, results)}/`);
console.log(`editor: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
