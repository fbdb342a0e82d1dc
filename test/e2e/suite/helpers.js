// Helpers shared by the e2e suites run inside VS Code's extension host: index.js (examples/ as the
// workspace folder) and lone-file.js (an empty window). Only the public `vscode` API, required on
// first use: node's test runner may load every script under test/, outside VS Code, where there is
// no `vscode` module. Every wait is on an event with a timeout, never a fixed sleep.
const path = require('node:path');

const EXTENSION_ID = 'org-charter-lint.org-charter-lint';
/** The `source` of our diagnostics. */
const SOURCE = 'charter-lint';
/** Server start plus the first lint of a workspace. */
const FIRST_TIMEOUT_MS = 60000;
const TIMEOUT_MS = 20000;

/** @returns {typeof import('vscode')} */
const vscodeApi = () => require('vscode');

/** A diagnostic's rule id: `code` is a string, or { value, target } when it links the rule's doc page. */
const ruleOf = d => String(d.code !== null && typeof d.code === 'object' ? d.code.value : d.code);
/** The file's diagnostics that are ours (other extensions may lint YAML too). */
const ours = uri => vscodeApi().languages.getDiagnostics(uri).filter(d => d.source === SOURCE);
const describe = ds => ds.map(d => `${ruleOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ') || 'none';
/** A completion item's label, a string or { label }. */
const labelOf = item => (typeof item.label === 'string' ? item.label : item.label.label);
/** A document as a failure message names it: a file by its name, an untitled one by its URI. */
const shownUri = uri => (uri.scheme === 'file' ? path.basename(uri.fsPath) : uri.toString());

/**
 * Resolves with the file's charter-lint diagnostics as soon as `predicate(diagnostics)` holds: now, or
 * on a later onDidChangeDiagnostics for that file. Rejects after `timeoutMs`, saying what was there.
 */
function waitForDiagnostics(uri, predicate, what, timeoutMs = TIMEOUT_MS) {
  const vscode = vscodeApi();
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      fn(value);
    };
    const check = () => {
      const ds = ours(uri);
      if (predicate(ds)) finish(resolve, ds);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(e => {
      if (e.uris.some(u => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => finish(reject, new Error(
      `timed out after ${timeoutMs} ms waiting for ${what} in ${shownUri(uri)}; ` +
      `diagnostics now: ${describe(ours(uri))}`)), timeoutMs);
    check();
  });
}

/**
 * A suite's tests, registered with `test(name, fn)` and run one after another by `run`, which
 * resolves when all pass and rejects otherwise (VS Code then exits 1). `header` is printed first;
 * the closing line is `<label>: N passed, N failed`; `cleanup` runs before it, pass or fail.
 */
function suite({ header, label, failure, cleanup = () => {} }) {
  const tests = [];
  const test = (name, fn) => tests.push({ name, fn });
  async function run() {
    console.log(header());
    let passed = 0;
    let failed = 0;
    for (const { name, fn } of tests) {
      const t0 = Date.now();
      try {
        await fn();
        passed++;
        console.log(`  ok - ${name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        console.log(`  not ok - ${name} (${Date.now() - t0} ms)\n    ${String(e && e.stack || e).split('\n').slice(0, 8).join('\n    ')}`);
      }
    }
    cleanup();
    console.log(`${label}: ${passed} passed, ${failed} failed`);
    if (failed > 0) throw new Error(`${failed} of ${tests.length} ${failure} failed`);
  }
  return { test, run };
}

module.exports = { EXTENSION_ID, SOURCE, FIRST_TIMEOUT_MS, TIMEOUT_MS, ruleOf, ours, describe, labelOf, waitForDiagnostics, suite };
