import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  Message,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult } from '../core/analyze';
import type { Finding } from '../core/types';
import { parseCharter } from '../core/parse';
import { CHART_SCRIPT, formatHtml } from '../report/html';
import { fileOf, toDiagnostic, uriOf } from './convert';
import { FIX_ALL_KIND, codeActions, documentEdit, fixAllEdit } from './handlers/codeActions';
import { complete, type CompletionOptions } from './handlers/completion';
import { definition, documentSymbols, findReferences, hover, prepareRename, rename } from './handlers/language';
import { Workspace, type OrganizationState } from './workspace';
import { skeletons } from './skeletons';
import { snapshotEnvironment } from '../node/environment';
import { warmUp } from './warm-up';
import { collectIfGrown } from './memory';
import { VERSION } from '../package-info';

/**
 * LSP glue: documents in, diagnostics and editor features out. All analysis is the core's;
 * `Workspace` decides which files form which organization.
 */

snapshotEnvironment();
/**
 * Cancellation: every handler is synchronous, so a `$/cancelRequest` can only act on a request
 * still waiting in the queue (behind a long analysis step, say). Such a request is answered at
 * once with RequestCancelled and never run, as LSP asks. Analyses themselves are cancelled by a
 * newer version of the text (see `continueRun`).
 */
const connection = createConnection(ProposedFeatures.all, {
  cancelUndispatched: (message) =>
    Message.isRequest(message) ? { jsonrpc: message.jsonrpc, id: message.id, error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled before it ran' } } : undefined,
});
const documents = new TextDocuments(TextDocument);
const workspace = new Workspace((message) => connection.console.log(message));
/**
 * Delay before re-linting during a burst of keystrokes. It follows the organization's last
 * analysis time (between 15 and 150 ms): a large organization batches a burst instead of
 * re-analysing after each keystroke. A keystroke after a pause does not wait (see `schedule`).
 */
const MIN_DEBOUNCE_MS = 15;
const MAX_DEBOUNCE_MS = 150;
const lastDuration = new Map<string, number>();
const timers = new Map<string, NodeJS.Timeout>();
/**
 * What was last sent for each file, by organization: the document version and the diagnostics. A
 * re-lint republishes only files whose diagnostics or version changed: in a 10,000-file
 * organization a keystroke changes one file's findings, and sending 10,000 unchanged lists would
 * cost more than the analysis.
 */
interface Sent {
  version: number | undefined;
  diagnostics: Diagnostic[];
  /** The findings they came from: the incremental analysis hands unchanged files the same list. */
  findings?: readonly Finding[];
}
const published = new Map<string, Map<string, Sent>>();
let watchRegistered = false;
let supportsDynamicWatch = false;
let supportsFolderEvents = false;
/** What the client does with completion items: snippets, and VS Code's "suggest again" command. */
let completionOptions: CompletionOptions = { snippets: false, retrigger: false };

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const folders = (params.workspaceFolders ?? []).map((f) => fileOf(f.uri)).filter((f): f is string => !!f);
  if (folders.length === 0 && params.rootUri) {
    const root = fileOf(params.rootUri);
    if (root) folders.push(root);
  }
  // The Output channel's first line: which server this is (issue #13, "looks-right details").
  connection.console.info(`charter-lint server ${VERSION} (Node ${process.version})`);
  warmUp();
  supportsDynamicWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  supportsFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
  completionOptions = {
    snippets: !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport,
    // The command is VS Code's own: other clients would send it back to us as an unknown command.
    retrigger: /visual studio code|vscode|code - oss|vscodium/i.test(params.clientInfo?.name ?? ''),
  };
  workspace.setFolders(folders);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'], resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      documentSymbolProvider: true,
      renameProvider: { prepareProvider: true },
      executeCommandProvider: { commands: ['orgCharter.applyFixAll'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'charter-lint-server', version: VERSION },
  };
});

/**
 * The first workspace-wide lint waits a moment: a restarted server receives the client's didOpen
 * (with unsaved text) right after `initialized`, and those should win over the files on disk.
 */
const INITIAL_LINT_DELAY_MS = 200;

connection.onInitialized(() => {
  // Lint every charter of the workspace, open or not.
  scheduleAll(INITIAL_LINT_DELAY_MS);
  if (supportsDynamicWatch && !watchRegistered) {
    watchRegistered = true;
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
      .then(() => workspace.trustFileEvents(), () => undefined);
  }
  if (!supportsFolderEvents) return;
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const current = new Set(workspace.workspaceFolders);
    for (const removed of event.removed) current.delete(fileOf(removed.uri) ?? '');
    for (const added of event.added) {
      const folder = fileOf(added.uri);
      if (folder) current.add(folder);
    }
    workspace.setFolders([...current]);
    scheduleAll(0);
  });
});

function setBusy(busy: boolean): void {
  void connection.sendNotification('orgCharter/status', { busy });
}

function debounceFor(state: OrganizationState): number {
  return Math.min(MAX_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, lastDuration.get(state.root) ?? MIN_DEBOUNCE_MS));
}

/** When each organization was last asked to re-lint, to tell a lone keystroke from a burst. */
const lastRequested = new Map<string, number>();

function schedule(state: OrganizationState | undefined, delay?: number): void {
  if (!state) return;
  const now = performance.now();
  const previous = lastRequested.get(state.root);
  lastRequested.set(state.root, now);
  if (delay === undefined) {
    const debounce = debounceFor(state);
    // A keystroke after a pause is linted at once (leading edge); the keystrokes of a burst
    // (one already waiting, or the previous one just now) wait for the burst to end.
    const burst = timers.has(state.root) || (previous !== undefined && now - previous < debounce);
    delay = burst ? debounce : 0;
  }
  const existing = timers.get(state.root);
  if (existing) clearTimeout(existing);
  timers.set(
    state.root,
    setTimeout(() => {
      timers.delete(state.root);
      lintOrganization(state);
    }, delay),
  );
}

function scheduleAll(delay?: number): void {
  for (const state of workspace.allOrganizations()) schedule(state, delay);
  clearVanished();
}

/** Files published before that belong to no organization any more get empty diagnostics. */
function clearVanished(): void {
  const roots = new Set(workspace.allOrganizations().map((s) => s.root));
  for (const [root, sent] of published) {
    if (roots.has(root)) continue;
    for (const uri of sent.keys()) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.delete(root);
  }
}

/**
 * Longest stretch of analysis between two looks at the message queue. An organization is
 * analysed a slice at a time (a file parsed or a rule run per step, see `analyzeInSteps`), so
 * requests are answered between slices and a newer version drops a stale analysis instead of
 * waiting for it to finish.
 */
const SLICE_MS = 20;

interface LintRun {
  state: OrganizationState;
  steps: Generator<void, AnalysisResult | undefined, void>;
  /** Set once the first step ran: from then on, a dirty organization means a newer version. */
  begun: boolean;
  /** Time spent in the run's own slices (the debounce follows it), not in work between them. */
  workMs: number;
}

/** The analysis in progress of each organization. */
const runs = new Map<string, LintRun>();

/** Starts an organization's lint, replacing a stale one in progress; it goes on in slices. */
function lintOrganization(state: OrganizationState): void {
  const running = runs.get(state.root);
  // A run that began after the latest change is already analysing the latest text. (A new run
  // would see a clean organization and return the previous, older result.)
  if (running && running.state === state && !isStale(running)) return;
  const run: LintRun = { state, steps: workspace.analyzeInSteps(state), begun: false, workMs: 0 };
  runs.set(state.root, run);
  setBusy(true);
  continueRun(run);
}

/** True when the text (or the organization) changed after the run began: its result is stale. */
function isStale(run: LintRun): boolean {
  return run.begun && (run.state.dirty || !workspace.isLive(run.state));
}

function endRun(run: LintRun): void {
  if (runs.get(run.state.root) !== run) return;
  runs.delete(run.state.root);
  setBusy(false);
}

/** Runs one slice of a lint (or all of it, `untilDone`), then publishes or yields the thread. */
function continueRun(run: LintRun, untilDone = false): void {
  if (runs.get(run.state.root) !== run) return;
  if (isStale(run)) {
    // Dropped: whatever made the organization dirty has scheduled (or will) a newer lint.
    endRun(run);
    if (workspace.isLive(run.state) && !timers.has(run.state.root)) schedule(run.state, 0);
    return;
  }
  const started = performance.now();
  try {
    for (;;) {
      const step = run.steps.next();
      run.begun = true;
      if (step.done) {
        run.workMs += performance.now() - started;
        endRun(run);
        lastDuration.set(run.state.root, run.workMs);
        publish(run.state, step.value);
        return;
      }
      if (!untilDone && performance.now() - started >= SLICE_MS) break;
    }
  } catch (error) {
    endRun(run);
    connection.console.error(`charter-lint: analysis failed for ${run.state.root}: ${(error as Error).stack ?? String(error)}`);
    return;
  }
  run.workMs += performance.now() - started;
  setImmediate(() => continueRun(run));
}

/**
 * Brings an organization's published analysis up to date now, for a request that must match the
 * text: a pending lint runs at once, a lint in progress is finished (or, if stale, redone).
 */
function flush(state: OrganizationState): void {
  const pending = timers.get(state.root);
  const running = runs.get(state.root);
  if (!pending && !running) return;
  if (pending) {
    clearTimeout(pending);
    timers.delete(state.root);
  }
  if (pending || !running || isStale(running)) lintOrganization(state);
  const current = runs.get(state.root);
  if (current) continueRun(current, true);
}

/** What was last said in the log about each organization: its config file and its model. */
const announced = new Map<string, string>();

/** A path as the log shows it: relative to the workspace folder that holds it, else absolute. */
function shownPath(file: string): string {
  const folder = workspace.workspaceFolders.find((f) => file === f || file.startsWith(f + path.sep));
  return folder ? path.relative(folder, file) || '.' : file;
}

/**
 * One log line per organization the server loads (and again when its config or model changes):
 * its folder, its config file (or "no config") and its role model (built-in id or path).
 */
function announce(state: OrganizationState, result: AnalysisResult | undefined): void {
  if (!result && !state.setupError) return;
  const config = state.config.path ? `config ${shownPath(state.config.path)}` : 'no config';
  const source = result?.model?.source;
  const model = !source ? 'not loaded' : source.startsWith('builtin:') ? `built-in ${source.slice('builtin:'.length)}` : shownPath(path.resolve(state.root, source));
  const line = `Organization ${shownPath(state.root)}: ${config}, model ${model}`;
  if (announced.get(state.root) === line) return;
  announced.set(state.root, line);
  connection.console.info(line);
}

/** Sends a file's findings unless what it was last sent is the same (records it in `now`). */
function publishFindings(before: Map<string, Sent>, now: Map<string, Sent>, file: string, findings: readonly Finding[]): void {
  const uri = uriOf(file);
  const version = workspace.openVersion(file);
  const last = before.get(uri);
  if (last && last.findings === findings && last.version === version) {
    now.set(uri, last);
    return;
  }
  sendDiagnostics(before, now, uri, version, findings.map(toDiagnostic), findings);
}

function sendDiagnostics(before: Map<string, Sent>, now: Map<string, Sent>, uri: string, version: number | undefined, diagnostics: Diagnostic[], findings?: readonly Finding[]): void {
  const last = before.get(uri);
  // A new version is always sent (the editor waits for its diagnostics), unchanged or not.
  if (last && last.version === version && sameDiagnostics(last.diagnostics, diagnostics)) {
    now.set(uri, { ...last, findings });
    return;
  }
  now.set(uri, { version, diagnostics, findings });
  void connection.sendDiagnostics({ uri, version, diagnostics });
}

function samePosition(a: Diagnostic['range']['start'], b: Diagnostic['range']['start']): boolean {
  return a.line === b.line && a.character === b.character;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return samePosition(a.start, b.start) && samePosition(a.end, b.end);
}

/** Field by field (a crowded file's list is megabytes of JSON: no serialising to compare). */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || !sameRange(x.range, y.range)) return false;
    const xr = x.relatedInformation ?? [];
    const yr = y.relatedInformation ?? [];
    if (xr.length !== yr.length) return false;
    for (let j = 0; j < xr.length; j++) {
      if (xr[j].message !== yr[j].message || xr[j].location.uri !== yr[j].location.uri || !sameRange(xr[j].location.range, yr[j].location.range)) return false;
    }
  }
  return true;
}

/** The result each organization's diagnostics were last published from. */
const publishedResults = new Map<string, AnalysisResult>();

/**
 * A client without file events (a bare LSP client, some editors): the files on disk are compared
 * with what was read, in the background, at most every SWEEP_MS once linting is idle.
 */
const SWEEP_MS = 2000;
let sweepTimer: NodeJS.Timeout | undefined;
let sweeping = false;

/** (Re)starts the wait: a sweep runs once nothing was published for SWEEP_MS. */
function scheduleSweep(): void {
  if (sweepTimer) clearTimeout(sweepTimer);
  sweepTimer = setTimeout(() => {
    sweepTimer = undefined;
    if (sweeping) return;
    sweeping = true;
    void workspace.sweepDisk().then(
      (changed) => {
        sweeping = false;
        for (const state of changed) schedule(state);
      },
      () => (sweeping = false),
    );
  }, SWEEP_MS);
  sweepTimer.unref();
}

function publish(state: OrganizationState, result: AnalysisResult | undefined): void {
  announce(state, result);
  scheduleSweep();
  const before = published.get(state.root) ?? new Map<string, Sent>();
  const lastResult = publishedResults.get(state.root);
  if (result) publishedResults.set(state.root, result);
  else publishedResults.delete(state.root);
  // An update of the result published last: only the files it changed, and the open documents
  // (their versions), can need sending; a keystroke in a 10,000-file organization sends one.
  if (result?.changed && result.basedOn && result.basedOn === lastResult && !state.setupError && published.has(state.root)) {
    const look = new Set(result.changed);
    for (const file of state.versions.keys()) look.add(file);
    for (const file of look) {
      const findings = result.findings.get(file);
      if (findings) {
        publishFindings(before, before, file, findings);
        continue;
      }
      const uri = uriOf(file);
      if (before.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    setImmediate(collectIfGrown);
    return;
  }
  const now = new Map<string, Sent>();
  const sendFindings = (file: string, findings: readonly Finding[]): void => publishFindings(before, now, file, findings);
  const send = (uri: string, version: number | undefined, diagnostics: Diagnostic[]): void => sendDiagnostics(before, now, uri, version, diagnostics);
  // Files with findings first: in a large organization they reach the editor before the clean
  // files' empty lists do.
  const entries = [...(result?.findings ?? [])];
  for (const [file, findings] of entries) if (findings.length > 0) sendFindings(file, findings);
  for (const [file, findings] of entries) if (findings.length === 0) sendFindings(file, findings);
  if (state.setupError) {
    // At the config's problem (a repeated key, an unknown rule) when it has a place, else its start.
    const at = state.setupError.place ?? { line: 0, character: 0 };
    const diagnostic: Diagnostic = {
      range: { start: at, end: at },
      severity: 1,
      source: 'charter-lint',
      code: 'invalid-config',
      message: state.setupError.message,
    };
    send(uriOf(state.setupError.file), undefined, [diagnostic]);
  }
  for (const uri of before.keys()) {
    if (!now.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  }
  published.set(state.root, now);
  // After the diagnostics are out, while the next keystroke is still debounced.
  setImmediate(collectIfGrown);
}

/**
 * `TextDocuments` fires onDidChangeContent right after onDidOpen for the same document. Taken as
 * a keystroke, it would push the open's immediate lint back by a debounce (up to 150 ms for a
 * large organization), so the change that an open fires is skipped.
 */
let justOpened: TextDocument | undefined;

documents.onDidOpen((event) => {
  justOpened = event.document;
  const file = fileOf(event.document.uri);
  if (!file) return;
  schedule(workspace.openDocument(file, event.document.getText(), event.document.version), 0);
});

documents.onDidChangeContent((event) => {
  const opening = justOpened === event.document;
  justOpened = undefined;
  if (opening) return;
  const file = fileOf(event.document.uri);
  if (!file) return;
  schedule(workspace.changeDocument(file, event.document.getText(), event.document.version));
});

documents.onDidClose((event) => {
  const file = fileOf(event.document.uri);
  if (!file) return;
  const state = workspace.closeDocument(file);
  if (!state) return;
  if (workspace.isLive(state)) schedule(state, 0);
  else forget(state.root);
});

/** An organization the workspace dropped: its pending and running lints go, its diagnostics are cleared. */
function forget(root: string): void {
  const pending = timers.get(root);
  if (pending) clearTimeout(pending);
  timers.delete(root);
  const running = runs.get(root);
  if (running) endRun(running);
  lastDuration.delete(root);
  lastRequested.delete(root);
  clearVanished();
}

connection.onDidChangeWatchedFiles(({ changes }) => {
  let rediscover = false;
  let models = false;
  for (const change of changes) {
    const file = fileOf(change.uri);
    if (!file) continue;
    // What the file is decides what it affects (a FIFO or a link to /dev/zero is never read
    // here: a charter's text is read, refused or not, only by the analysis).
    const kind = workspace.kindOf(file);
    if (kind === 'config') rediscover = true;
    else if (kind === 'role-model') models = true;
    else if (change.type === FileChangeType.Deleted) {
      // An open buffer outlives its file: it stays linted until it is closed.
      schedule(workspace.openVersion(file) === undefined ? workspace.removeCharter(file) : workspace.diskChanged(file));
    } else {
      const state = workspace.diskChanged(file);
      if (kind === 'charter') schedule(state ?? workspace.addCharter(file));
    }
  }
  if (rediscover) {
    workspace.rediscover();
    scheduleAll(0);
  } else if (models) {
    // Model files are cached by modification time; re-lint every organization that may use one.
    for (const state of workspace.allOrganizations()) state.dirty = true;
    scheduleAll(0);
  }
});

/**
 * Past this analysis time, completion answers from the latest analysis and leaves a pending lint
 * to its timer. Editors ask for completion on most keystrokes; running the pending analysis first
 * would make each of them wait for it (about 300 ms in a 100k-line file) and undo the debounce.
 * Completion reads the current text for its context and needs only the organization's names, so
 * an analysis one keystroke old serves it (see `complete`).
 */
// Tests set CHARTER_LINT_TEST_STALE_COMPLETION=1 to take this path on every completion, as a loaded
// machine does at random.
const STALE_COMPLETION_AFTER_MS = process.env.CHARTER_LINT_TEST_STALE_COMPLETION === '1' ? -1 : 50;

/** Up to this size (about 2,000 lines) a charter is parsed afresh for completion's context (a few ms). */
const CURRENT_TEXT_COMPLETION_MAX = 64 * 1024;

/**
 * The analysed charter behind a request, flushing a pending lint so answers match the text.
 * With `staleIfSlow`, an organization whose analyses are slow is answered from its latest one.
 */
function charterFor(uri: string, { staleIfSlow = false } = {}) {
  const file = fileOf(uri);
  if (!file) return undefined;
  const state = workspace.organizationOf(file);
  if (state && (timers.has(state.root) || runs.has(state.root))) {
    const slow = (lastDuration.get(state.root) ?? 0) > STALE_COMPLETION_AFTER_MS;
    const latest = staleIfSlow && slow ? workspace.charterFile(file, { asIs: true }) : undefined;
    if (latest) return { ...latest, org: latest.result.org, file };
    flush(state);
  }
  const found = workspace.charterFile(file);
  return found?.result ? { ...found, org: found.result.org, file } : undefined;
}

connection.onCodeAction((params) => {
  const found = charterFor(params.textDocument.uri);
  if (!found) return [];
  const document = documents.get(params.textDocument.uri);
  // Refuse to compute fixes for a text the analysis did not see.
  if (document && !workspace.isCurrent(found.state, found.file)) return [];
  return codeActions({
    workspace,
    state: found.state,
    charter: found.charter,
    findings: found.result.findings.get(found.file) ?? [],
    version: document?.version ?? null,
    range: params.range,
    only: params.context.only,
  });
});

connection.onExecuteCommand(async (params) => {
  if (params.command !== 'orgCharter.applyFixAll') return;
  const uri = String(params.arguments?.[0] ?? '');
  const found = charterFor(uri);
  if (!found) return;
  const edit = fixAllEdit(workspace, found.state, found.charter);
  if (edit) await connection.workspace.applyEdit({ label: 'Fix all charter-lint problems', edit: documentEdit(uri, documents.get(uri)?.version ?? null, [edit]) });
});

connection.onHover((params) => {
  const found = charterFor(params.textDocument.uri);
  return found ? hover(found.org, found.charter, params.position) : null;
});

connection.onCompletion((params) => {
  const found = charterFor(params.textDocument.uri, { staleIfSlow: true });
  const document = documents.get(params.textDocument.uri);
  if (!found || !document) return [];
  const text = document.getText();
  // Answered from an older analysis (a slow organization): the roles are read from the current
  // text when that is cheap, so the role around the cursor is the one being typed, not whichever
  // role sat at that offset before the edit. The organization's names still come from the analysis.
  const charter =
    found.charter.text !== text && text.length <= CURRENT_TEXT_COMPLETION_MAX ? parseCharter(found.charter.path, text) : found.charter;
  return complete(found.org, charter, text, params.position, document, completionOptions);
});

connection.onDefinition((params) => {
  const found = charterFor(params.textDocument.uri);
  return found ? definition(found.org, found.charter, params.position) : [];
});

connection.onReferences((params) => {
  const found = charterFor(params.textDocument.uri);
  return found ? findReferences(found.org, found.charter, params.position, params.context.includeDeclaration) : [];
});

connection.onDocumentSymbol((params) => {
  const found = charterFor(params.textDocument.uri);
  return found ? documentSymbols(found.org, found.charter) : [];
});

connection.onPrepareRename((params) => {
  const found = charterFor(params.textDocument.uri);
  return found ? prepareRename(found.org, found.charter, params.position) : null;
});

connection.onRenameRequest((params) => {
  const found = charterFor(params.textDocument.uri);
  if (!found) return null;
  const result = rename(found.org, found.charter, params.position, params.newName, (file) => workspace.openVersion(file) ?? null);
  if ('error' in result) throw new ResponseError(-32803, result.error);
  return result;
});

/** The HTML report of the organization a file belongs to (the extension shows it in a webview). */
connection.onRequest('orgCharter/report', (params: { uri: string }) => {
  const found = charterFor(params.uri);
  if (!found) return { html: '<p>This file is not a charter of the workspace.</p>' };
  // Shown relative to the organization's folder; rows keep the absolute path to open on click.
  const reports = [...found.result.findings].map(([file, findings]) => ({ file, findings, label: path.relative(found.state.root, file) || file }));
  return { html: formatHtml(reports, [found.result], { color: false, version: VERSION }), script: CHART_SCRIPT, root: found.state.root };
});

/** The "New charter" command's skeletons, one per role type of the model in use in `folder`. */
connection.onRequest('orgCharter/skeletons', (params: { folder?: string }) => skeletons(workspace, params.folder ? fileOf(params.folder) : undefined));

/**
 * The organizations the server holds (their roots and file counts): for tests and troubleshooting,
 * e.g. to see that an organization is dropped once it is no longer needed.
 */
connection.onRequest('orgCharter/organizations', () => ({
  organizations: workspace.allOrganizations().map((state) => ({ root: state.root, files: state.files.size })),
}));

documents.listen(connection);
connection.listen();
