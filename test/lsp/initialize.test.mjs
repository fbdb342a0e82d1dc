// SPEC §4: the language server's handshake — what it advertises, what it asks the client for, and
// that it ends cleanly. Runs the bundled dist/server.js over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_CAPABILITIES, FIX_ALL_KIND, examplesWorkspace, startServer, withTimeout } from './lsp-client.mjs';

const TIMEOUT = { timeout: 20000 };

/** A tiny VS Code style glob matcher (**, *, ?, {a,b}); enough to check the watcher patterns. */
function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

test('initialize advertises incremental sync, quick fixes, fix-all and the language features', TIMEOUT, async (t) => {
  const client = await startServer(examplesWorkspace(), { t, initialized: false });
  const caps = client.initializeResult.capabilities;

  const sync = caps.textDocumentSync;
  const change = typeof sync === 'number' ? sync : sync?.change;
  assert.equal(change, 2, 'textDocumentSync must be Incremental (2)');
  if (typeof sync === 'object') assert.equal(sync.openClose, true, 'open/close notifications wanted');

  const codeActionKinds = caps.codeActionProvider?.codeActionKinds ?? [];
  assert.ok(codeActionKinds.includes('quickfix'), `codeActionKinds ${JSON.stringify(codeActionKinds)} lack quickfix`);
  assert.ok(codeActionKinds.includes(FIX_ALL_KIND), `codeActionKinds ${JSON.stringify(codeActionKinds)} lack ${FIX_ALL_KIND}`);

  assert.ok(caps.hoverProvider, 'hoverProvider');
  assert.ok(caps.completionProvider, 'completionProvider');
  assert.ok(caps.definitionProvider, 'definitionProvider');
  assert.ok(caps.referencesProvider, 'referencesProvider');
  assert.ok(caps.documentSymbolProvider, 'documentSymbolProvider');
  assert.equal(typeof caps.renameProvider, 'object', 'renameProvider must be an object to announce prepareRename');
  assert.equal(caps.renameProvider.prepareProvider, true, 'rename with prepare');
  // Typing a value after `role: ` or a list dash must pop completion up without Ctrl+Space.
  const triggers = caps.completionProvider.triggerCharacters ?? [];
  assert.ok(triggers.includes(' ') || triggers.includes(':'), `completion trigger characters ${JSON.stringify(triggers)}`);
});

test('after initialized the server registers a file watcher covering charters, role models and the config', TIMEOUT, async (t) => {
  const client = await startServer(examplesWorkspace(), { t });
  const registration = await client.waitForRegistration('workspace/didChangeWatchedFiles');
  const watchers = registration.registerOptions?.watchers ?? [];
  assert.ok(watchers.length > 0, 'at least one watcher');
  const patterns = watchers.map((w) => (typeof w.globPattern === 'string' ? w.globPattern : w.globPattern.pattern));
  const matches = (p) => patterns.some((glob) => globToRegExp(glob).test(p));
  for (const p of ['northwind/emea.charter.yaml', 'org.charter.yml', '.charterlintrc.yaml', 'teams/.charterlintrc.yaml', 'models/custom.roles.yaml']) {
    assert.ok(matches(p), `no watcher pattern of ${JSON.stringify(patterns)} matches ${p}`);
  }
});

test('without dynamic registration support the server does not try to register a watcher', TIMEOUT, async (t) => {
  const capabilities = { ...CLIENT_CAPABILITIES, workspace: { ...CLIENT_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: false } } };
  const client = await startServer(examplesWorkspace(), { t, capabilities });
  // The workspace lint always publishes after initialized; by then a registration would have been sent.
  await client.waitForDiagnostics(client.uri('emea.charter.yaml'));
  await client.request('textDocument/documentSymbol', { textDocument: { uri: client.uri('emea.charter.yaml') } });
  assert.deepEqual(client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles'), []);
});

test('shutdown then exit ends the server process with code 0', TIMEOUT, async (t) => {
  const client = await startServer(examplesWorkspace(), { t });
  await client.waitForDiagnostics(client.uri('org.charter.yaml'));
  const result = await client.request('shutdown');
  assert.equal(result ?? null, null);
  client.sendNotification('exit');
  const exit = await withTimeout(client.exited, 5000, 'exit after shutdown').catch((error) => error.message);
  assert.deepEqual(exit, { code: 0, signal: null });
});

// Issue #13 ("looks-right details"): the client's Output channel starts with the server's version,
// then one line per organization naming its config file (or "no config") and its role model (the
// built-in id, or the model file's path relative to the workspace folder), sent as LSP log lines.
test('the server log opens with its version, then each organization\u2019s config and model', TIMEOUT, async (t) => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { tmpDir, examplesDir, modelPath } = await import('./lsp-client.mjs');
  const root = tmpDir();
  fs.cpSync(examplesDir, path.join(root, 'builtin'), { recursive: true });
  fs.mkdirSync(path.join(root, 'custom', 'models'), { recursive: true });
  fs.copyFileSync(modelPath, path.join(root, 'custom', 'models', 'mine.roles.yaml'));
  fs.writeFileSync(path.join(root, 'custom', '.charterlintrc.yaml'), "files: ['**/*.charter.yaml']\nmodel: models/mine.roles.yaml\n");
  fs.copyFileSync(path.join(examplesDir, 'org.charter.yaml'), path.join(root, 'custom', 'org.charter.yaml'));
  fs.copyFileSync(path.join(examplesDir, 'org.charter.yaml'), path.join(root, 'loose.charter.yaml'));
  const client = await startServer(root, { t });
  const logs = () => client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params);
  const line = (pattern) => logs().find((l) => pattern.test(l.message));
  await client.waitFor(() => line(/^Organization builtin:/) && line(/^Organization custom:/) && line(/^Organization \.:/), 15000, () => `organization lines in ${JSON.stringify(logs())}`);
  const first = logs()[0];
  assert.match(first.message, /^charter-lint server \d+\.\d+\.\d+/, 'the first line names the server version');
  assert.equal(first.type, 3, 'sent as info (connection.console.info)');
  assert.equal(line(/^Organization builtin:/).message, 'Organization builtin: config builtin/.charterlintrc.yaml, model built-in sales-leadership');
  assert.equal(line(/^Organization custom:/).message, `Organization custom: config custom/.charterlintrc.yaml, model ${path.join('custom', 'models', 'mine.roles.yaml')}`);
  assert.equal(line(/^Organization \.:/).message, 'Organization .: no config, model built-in sales-leadership');
  assert.equal(line(/^Organization builtin:/).type, 3);
});
