// A minimal LSP client over stdio for the benchmark: spawn, initialize, open, edit, time diagnostics.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../package.json', import.meta.url));
const rpc = require('vscode-jsonrpc/node');

/**
 * `onPublish(params, at)`, if given, sees every publishDiagnostics from the start (before
 * `initialized` is sent), with its arrival time (performance.now()).
 */
export async function startServer(command, args, { settings = {}, rootUri, onPublish }) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', () => {});
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    onPublish?.(params, performance.now());
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && (waiter.version === undefined || params.version === undefined || params.version >= waiter.version)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  // yaml-language-server reads settings only through workspace/configuration.
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section ? item.section.split('.').reduce((o, k) => o?.[k], settings) ?? null : settings)));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => {});
  connection.listen();
  const started = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'bench' }] : null,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } },
    },
    initializationOptions: {},
  });
  const initializedAt = performance.now();
  connection.sendNotification('initialized', {});
  connection.sendNotification('workspace/didChangeConfiguration', { settings });
  const initializeMs = initializedAt - started;
  return {
    initializeMs,
    /** When `initialized` was sent (performance.now()). */
    initializedAt,
    pid: child.pid,
    waitDiagnostics(uri, version) {
      return new Promise((resolve) => waiters.push({ uri, version, resolve }));
    },
    open(uri, text, version = 1) {
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    change(uri, version, range, text) {
      connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    },
    close(uri) {
      connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    peakRssMb() {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        return kb / 1024;
      } catch {
        return NaN;
      }
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        connection.sendNotification('exit');
      } catch {}
      setTimeout(() => child.kill('SIGKILL'), 500);
      connection.dispose();
    },
  };
}
