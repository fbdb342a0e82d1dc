// A small LSP client for the protocol suites (test/lsp/*.test.mjs). Every test spawns the BUNDLED
// language server (dist/server.js, built by `npx tsc -b && node scripts/bundle.mjs`) as a real
// process over stdio and speaks JSON-RPC to it, like an editor would. Nothing here sleeps for a
// fixed time: waits resolve on the server's messages, or fail after a timeout.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commentsOf, tempDir, writeFiles, yaml } from '../helpers.mjs';

export { commentsOf, writeFiles, yaml };

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
// The protocol package is loaded so its request/notification types are the ones we speak.
const protocol = require('vscode-languageserver-protocol/node');
export const YAML = require('yaml');

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');
export const examplesDir = path.join(repoRoot, 'examples');
export const modelPath = path.join(repoRoot, 'schemas', 'sales-leadership.roles.yaml');

export const FIX_ALL_KIND = 'source.fixAll.charter-lint';

// ---------------------------------------------------------------------------------------------
// Workspaces

/** A fresh, empty temp folder (realpath, so URIs the server builds match ours). */
export const tmpDir = () => tempDir('cl-lsp-');

/** A fresh temp copy of examples/ (the 4-file organization and its .charterlintrc.yaml). */
export function examplesWorkspace(extra = {}) {
  const dir = tmpDir();
  fs.cpSync(examplesDir, dir, { recursive: true });
  return writeFiles(dir, extra);
}

// ---------------------------------------------------------------------------------------------
// Text utilities (UTF-16 offsets, like LSP positions)

/** Offsets where each line starts; LSP line breaks are \n, \r\n and a lone \r. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    } else if (c === '\n') starts.push(i + 1);
  }
  return starts;
}

export function offsetAt(text, position) {
  const starts = lineStarts(text);
  if (position.line >= starts.length) return text.length;
  const start = starts[position.line];
  let end = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  // The line's content ends before its line break.
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return Math.min(start + Math.max(0, position.character), end);
}

export function positionAt(text, offset) {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

export function textAt(text, range) {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** The range of the n-th (0-based) occurrence of `needle`, optionally searched from line `fromLine`. */
export function rangeOf(text, needle, { occurrence = 0, fromLine = 0 } = {}) {
  let index = offsetAt(text, { line: fromLine, character: 0 }) - 1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found in text`);
  }
  return { start: positionAt(text, index), end: positionAt(text, index + needle.length) };
}

/** The range of a whole line, including its line break. */
export function lineRange(line) {
  return { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
}

/** Applies LSP TextEdits (all relative to `text`, non-overlapping) to a text. */
export function applyTextEdits(text, edits) {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}

/** TextEdits (relative to one text) as a list of incremental content changes, last position first. */
export function editsToChanges(text, edits) {
  return edits
    .map((e) => ({ e, start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end) }))
    .sort((a, b) => b.start - a.start || b.end - a.end)
    .map(({ e }) => ({ range: e.range, text: e.newText }));
}


export function fileUri(file) {
  return pathToFileURL(file).toString();
}

/** A Location | Location[] | LocationLink[] | null answer as a flat list of { uri, range }. */
export function locations(result) {
  if (!result) return [];
  const list = Array.isArray(result) ? result : [result];
  return list.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : l));
}

/** `code@line` summaries, handy in assertion messages. */
export function summarize(diagnostics) {
  return (diagnostics ?? []).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).join(', ');
}

// ---------------------------------------------------------------------------------------------
// The client

export const CLIENT_CAPABILITIES = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    configuration: true,
    executeCommand: { dynamicRegistration: false },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true, willSave: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.organizeImports'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    definition: { linkSupport: false },
    references: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    rename: { prepareSupport: true },
  },
  window: { workDoneProgress: true },
};

class Client {
  constructor(root, child, connection) {
    this.root = root;
    this.child = child;
    this.connection = connection;
    this.seq = 0;
    /** Every publishDiagnostics, in arrival order: { seq, params }. */
    this.published = [];
    /** Latest publish per URI. */
    this.latest = new Map();
    this.waiters = new Set();
    this.registrations = [];
    this.configurationRequests = [];
    this.applyEditRequests = [];
    this.otherRequests = [];
    this.notifications = [];
    this.docs = new Map();
    this.stderr = '';
    this.exit = null;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.exit = { code, signal };
      resolve(this.exit);
      this.notify();
    }));
  }

  /** Wakes every waiter up so it can re-check its condition. */
  notify() {
    for (const waiter of [...this.waiters]) waiter();
  }

  uri(rel) {
    return fileUri(path.join(this.root, rel));
  }

  file(rel) {
    return path.join(this.root, rel);
  }

  get alive() {
    return this.exit === null;
  }

  /** The sequence number of the latest publish: pass as `since` to wait for newer ones only. */
  mark() {
    return this.seq;
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  sendNotification(method, params) {
    return this.connection.sendNotification(method, params);
  }

  /**
   * Resolves when a publishDiagnostics for `uri` (newer than `since`) satisfies
   * predicate(diagnostics, params); the latest one already received counts if newer than `since`.
   */
  waitForDiagnostics(uri, predicate = () => true, timeoutMs = 10000, { since = 0 } = {}) {
    return this.waitFor(
      () => {
        const entry = this.latest.get(uri);
        if (entry && entry.seq > since && predicate(entry.params.diagnostics, entry.params)) return entry.params;
        return undefined;
      },
      timeoutMs,
      () => {
        const entry = this.latest.get(uri);
        return `diagnostics for ${uri} (since #${since}); latest: ${entry ? `#${entry.seq} v${entry.params.version} [${summarize(entry.params.diagnostics)}]` : 'none'}`;
      },
    );
  }

  /** Resolves with check()'s first defined value; re-checked on every message from the server. */
  waitFor(check, timeoutMs, describe = () => 'condition') {
    return new Promise((resolve, reject) => {
      const tryNow = () => {
        let value;
        try {
          value = check();
        } catch (error) {
          done();
          reject(error);
          return;
        }
        if (value !== undefined) {
          done();
          resolve(value);
        } else if (!this.alive) {
          done();
          reject(new Error(`server exited (${JSON.stringify(this.exit)}) while waiting for ${describe()}\nstderr:\n${this.stderr.slice(-2000)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(tryNow);
      };
      this.waiters.add(tryNow);
      tryNow();
    });
  }

  waitForRegistration(method, timeoutMs = 5000) {
    return this.waitFor(() => this.registrations.find((r) => r.method === method), timeoutMs, () => `registration of ${method}`);
  }

  /** didOpen of a workspace file (text read from disk unless given). Returns the URI. */
  open(relOrUri, text, { languageId = 'yaml', version = 1 } = {}) {
    const uri = relOrUri.includes(':') ? relOrUri : this.uri(relOrUri);
    const content = text ?? fs.readFileSync(fileURLToPath(uri), 'utf8');
    this.docs.set(uri, { text: content, version });
    this.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text: content } });
    return uri;
  }

  /** Incremental didChange: changes [{ range, text }] applied in order; the version goes up by one. */
  change(uri, changes) {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    for (const c of changes) doc.text = applyTextEdits(doc.text, [{ range: c.range, newText: c.text }]);
    doc.version += 1;
    this.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: doc.version },
      contentChanges: changes.map((c) => ({ range: c.range, text: c.text })),
    });
    return doc.version;
  }

  /** Replaces the n-th occurrence of `needle` by `replacement` with one range edit. */
  replace(uri, needle, replacement, options) {
    const range = rangeOf(this.text(uri), needle, options);
    return this.change(uri, [{ range, text: replacement }]);
  }

  /** Inserts text at a position (an incremental edit with an empty range). */
  insert(uri, position, text) {
    return this.change(uri, [{ range: { start: position, end: position }, text }]);
  }

  /** Applies server TextEdits to the open document as one didChange. Returns the new version. */
  applyEdits(uri, edits) {
    return this.change(uri, editsToChanges(this.text(uri), edits));
  }

  close(uri) {
    this.docs.delete(uri);
    this.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri) {
    return this.docs.get(uri)?.text;
  }

  version(uri) {
    return this.docs.get(uri)?.version;
  }

  /** The end position of an open document. */
  end(uri) {
    const text = this.text(uri);
    return positionAt(text, text.length);
  }

  watchedFilesChanged(changes) {
    this.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([rel, type]) => ({ uri: rel.includes(':') ? rel : this.uri(rel), type })) });
  }

  codeActions(uri, range, { only, diagnostics } = {}) {
    const ds = diagnostics ?? (this.latest.get(uri)?.params.diagnostics ?? []).filter((d) => rangesIntersect(d.range, range));
    return this.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: ds, ...(only ? { only } : {}), triggerKind: only ? 1 : 2 } });
  }

  hover(uri, position) {
    return this.request('textDocument/hover', { textDocument: { uri }, position });
  }

  completion(uri, position) {
    return this.request('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
  }

  /** Shutdown request, exit notification, then waits for the process to end (killed if it does not). */
  async shutdown() {
    if (this.alive) {
      try {
        await withTimeout(this.request('shutdown'), 3000, 'shutdown');
        this.sendNotification('exit');
      } catch {
        // fall through to the kill below
      }
      const ended = await withTimeout(this.exited, 3000, 'exit').catch(() => null);
      if (!ended) this.child.kill('SIGKILL');
      await this.exited;
    }
    this.connection.dispose();
    return this.exit;
  }
}

export function rangesIntersect(a, b) {
  const before = (x, y) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

/**
 * Spawns dist/server.js --stdio in `root`'s workspace and initializes it. With `t` (a node:test
 * context) the server is shut down after the test. `initialized: false` stops before `initialized`.
 */
export async function startServer(root, { t, capabilities = CLIENT_CAPABILITIES, initialized = true, workspaceFolders, env } = {}) {
  if (!fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`npx tsc -b && node scripts/bundle.mjs\` first`);
  const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const client = new Client(root, child, connection);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    client.stderr += chunk;
  });
  child.stdin.on('error', () => {
    // the server died; waits report it
  });
  if (t) t.after(() => client.shutdown());

  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const entry = { seq: ++client.seq, params };
    client.published.push(entry);
    client.latest.set(params.uri, entry);
    client.notify();
  });
  connection.onNotification((method, params) => {
    client.notifications.push({ method, params });
    client.notify();
  });
  connection.onRequest('client/registerCapability', (params) => {
    for (const r of params.registrations) client.registrations.push(r);
    client.notify();
    return null;
  });
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onRequest('workspace/configuration', (params) => {
    client.configurationRequests.push(params);
    client.notify();
    return params.items.map((item) =>
      item.section === 'orgCharter' ? { enable: true, trace: { server: 'off' } } : item.section === 'orgCharter.enable' ? true : null,
    );
  });
  connection.onRequest('workspace/applyEdit', (params) => {
    client.applyEditRequests.push(params);
    client.notify();
    return { applied: true };
  });
  connection.onRequest('workspace/workspaceFolders', () => [{ uri: fileUri(root), name: path.basename(root) }]);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest((method, params) => {
    client.otherRequests.push({ method, params });
    client.notify();
    return null;
  });
  connection.onClose(() => client.notify());
  connection.listen();

  const folders = workspaceFolders ?? [{ uri: fileUri(root), name: path.basename(root) }];
  client.initializeResult = await withTimeout(
    connection.sendRequest(protocol.InitializeRequest.method, {
      processId: process.pid,
      clientInfo: { name: 'charter-lint-protocol-tests', version: '1' },
      rootUri: fileUri(root),
      rootPath: root,
      workspaceFolders: folders,
      capabilities,
      trace: 'off',
    }),
    10000,
    'initialize',
  );
  if (initialized) connection.sendNotification(protocol.InitializedNotification.method, {});
  return client;
}

/** The organization's four example files, by name. */
export const EXAMPLE_FILES = ['americas.charter.yaml', 'apac.charter.yaml', 'emea.charter.yaml', 'org.charter.yaml'];

/** Starts a server on a fresh copy of examples/ and waits for the first diagnostics of all four files. */
export async function startOnExamples(t, extra, { env } = {}) {
  const root = examplesWorkspace(extra);
  const client = await startServer(root, { t, env });
  await Promise.all(EXAMPLE_FILES.map((f) => client.waitForDiagnostics(client.uri(f))));
  return client;
}

/** The model's responsibility/role titles (titles may be reworded; tests read them from the model). */
export function modelTitle(kind, id) {
  const model = YAML.parse(fs.readFileSync(modelPath, 'utf8'));
  return model[kind][id].title;
}
