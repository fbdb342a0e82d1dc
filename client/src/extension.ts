import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { OPEN_RULE_DOCS_COMMAND, localDocsHref } from './docs';
import { PRODUCT_FILES_GLOB, nameKind, newCharterName, statusView } from './status';

/**
 * Wiring only: starts the language server over IPC, registers the commands, keeps the language
 * status item current. Every finding, fix, skeleton and answer comes from the server.
 *
 * Activation is cheap: on `onLanguage:yaml` the server starts only once a charter, role model or
 * config is open or the workspace holds one (the `workspaceContains:` events); any YAML file
 * otherwise costs a file-name check.
 */

let client: CharterClient | undefined;
let starting: Promise<void> | undefined;
let serverBusy = false;
let output: RecordingChannel | undefined;
let version = '?';

/**
 * The output channel, keeping its latest lines for `outputLines()` (tests and troubleshooting read
 * what the language client and the extension wrote, as the Output panel shows it).
 */
class RecordingChannel implements vscode.OutputChannel {
  static readonly KEEP = 2000;
  readonly lines: string[] = [];
  private partial = '';
  constructor(private readonly channel: vscode.OutputChannel) {}
  get name(): string {
    return this.channel.name;
  }
  append(value: string): void {
    this.record(value);
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.record(`${value}\n`);
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.lines.length = 0;
    this.partial = '';
    this.record(value);
    this.channel.replace(value);
  }
  clear(): void {
    this.lines.length = 0;
    this.partial = '';
    this.channel.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean' || columnOrPreserveFocus === undefined) this.channel.show(columnOrPreserveFocus);
    else this.channel.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.channel.dispose();
  }
  private record(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > RecordingChannel.KEEP) this.lines.splice(0, this.lines.length - RecordingChannel.KEEP);
  }
}

/** One output channel for the extension's life: it exists from activation and survives restarts. */
function outputChannel(): RecordingChannel {
  output ??= new RecordingChannel(vscode.window.createOutputChannel('Org Charter Lint'));
  return output;
}

function log(message: string): void {
  outputChannel().appendLine(`[${new Date().toLocaleTimeString()}] ${message}`);
}

/**
 * The LanguageClient, except that a server that stops cleanly (exit code 0, as on a restart or
 * when the window closes) is not logged as "[Error] Server process exited with code 0".
 */
class CharterClient extends LanguageClient {
  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    if (/^Server process exited with code 0\.?$/.test(message)) {
      log('The server stopped.');
      return;
    }
    super.error(message, data, showNotification);
  }
}

/**
 * A diagnostic whose code links to a rule page on the web links to the page shipped inside the
 * extension instead (docs/rules/<id>.md in the .vsix, opened in the Markdown preview through
 * orgCharter.openRuleDocs): it opens offline and matches this version.
 */
function withLocalDocs(context: vscode.ExtensionContext, diagnostic: vscode.Diagnostic): vscode.Diagnostic {
  const code = diagnostic.code;
  if (typeof code !== 'object' || !code.target) return diagnostic;
  const web = code.target.toString(true);
  const href = localDocsHref(web, (rule) => fs.existsSync(ruleDocs(context, rule).fsPath));
  if (href !== web) diagnostic.code = { value: code.value, target: vscode.Uri.parse(href) };
  return diagnostic;
}

/** docs/rules/<rule>.md inside the extension. */
function ruleDocs(context: vscode.ExtensionContext, rule: string): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${rule}.md`);
}

function createClient(context: vscode.ExtensionContext): CharterClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Charters stay `yaml` documents (highlighting and the Red Hat YAML extension keep working);
    // the server decides from .charterlintrc.yaml which of them are charters. Untitled documents
    // are linted when their name says they are charters (`untitled:…/team.charter.yaml`).
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    diagnosticCollectionName: 'charter-lint',
    outputChannel: outputChannel(),
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map((diagnostic) => withLocalDocs(context, diagnostic))),
    },
  };
  return new CharterClient('orgCharter', 'Org Charter Lint', serverOptions, clientOptions);
}

function enabled(): boolean {
  return vscode.workspace.getConfiguration('orgCharter').get<boolean>('enable', true);
}

async function start(context: vscode.ExtensionContext, status: vscode.LanguageStatusItem): Promise<void> {
  if (!enabled()) {
    log('Linting is off (orgCharter.enable is false).');
    return;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  log(`Org Charter Lint ${version}: starting the language server for ${folders.length > 0 ? folders.join(', ') : 'the open files (no folder)'}.`);
  const created = createClient(context);
  client = created;
  context.subscriptions.push(
    created.onNotification('orgCharter/status', (params: { busy: boolean }) => {
      serverBusy = params.busy;
      updateStatus(status);
    }),
  );
  await created.start();
}

/** Starts the server once, if it is not running (a charter was opened, or a command needs it). */
function ensureStarted(context: vscode.ExtensionContext, status: vscode.LanguageStatusItem): Promise<void> {
  if (client) return Promise.resolve();
  starting ??= start(context, status).finally(() => {
    starting = undefined;
    updateStatus(status);
  });
  return starting;
}

async function stop(): Promise<void> {
  if (starting) await starting.catch(() => undefined);
  const running = client;
  client = undefined;
  serverBusy = false;
  if (running) await running.stop();
}

/** A document the product lints by its name: a charter, role model or config, saved or untitled. */
function isProductDocument(document: vscode.TextDocument): boolean {
  return (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && nameKind(document.fileName) !== undefined;
}

function charterDiagnostics(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'charter-lint');
}

/** A charter by its name, or by the server's findings on it (a config's `files:` may name others). */
function isCharterDocument(document: vscode.TextDocument): boolean {
  if (document.languageId !== 'yaml') return false;
  const kind = nameKind(document.fileName);
  if (kind === 'charter') return true;
  return kind === undefined && charterDiagnostics(document).length > 0;
}

/**
 * The document the status item describes: the active editor's, if it is a file or an untitled
 * document. Focus on the Output panel or another non-file editor keeps the last one.
 */
let statusDocument: vscode.TextDocument | undefined;

function updateStatus(status: vscode.LanguageStatusItem): void {
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.uri.scheme === 'file' || active.uri.scheme === 'untitled')) statusDocument = active;
  if (statusDocument?.isClosed) statusDocument = undefined;
  const document = statusDocument;
  status.busy = serverBusy;
  if (!client) {
    status.text = 'Charter lint';
    status.detail = enabled() ? 'Starts when a charter file is open' : 'Off (orgCharter.enable)';
    status.severity = vscode.LanguageStatusSeverity.Information;
    status.command = undefined;
    return;
  }
  const kind = document ? nameKind(document.fileName) : undefined;
  if (!document || (!isCharterDocument(document) && kind === undefined)) {
    status.text = 'Charter lint';
    status.detail = 'Not a charter file';
    status.severity = vscode.LanguageStatusSeverity.Information;
    status.command = undefined;
    return;
  }
  const diagnostics = charterDiagnostics(document);
  const count = (severity: vscode.DiagnosticSeverity) => diagnostics.filter((d) => d.severity === severity).length;
  const view = statusView({
    errors: count(vscode.DiagnosticSeverity.Error),
    warnings: count(vscode.DiagnosticSeverity.Warning),
    infos: count(vscode.DiagnosticSeverity.Information),
    hints: count(vscode.DiagnosticSeverity.Hint),
  });
  status.text = kind === 'role-model' ? view.text.replace('Charter:', 'Role model:') : kind === 'config' ? view.text.replace('Charter:', 'Config:') : view.text;
  status.detail = view.detail;
  status.severity =
    view.level === 'error' ? vscode.LanguageStatusSeverity.Error : view.level === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  // Fix all only where there is a charter to fix.
  status.command = isCharterDocument(document) ? { title: 'Fix all', command: 'orgCharter.fixAll' } : undefined;
}

function nonce(): string {
  return Array.from({ length: 24 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
}

/** Opens the report beside the editor (`create`), or refreshes it if it is already open. */
async function showReport(context: vscode.ExtensionContext, panelRef: { panel?: vscode.WebviewPanel; uri?: string }, create = true): Promise<void> {
  if (!create && !panelRef.panel) return;
  const document = vscode.window.activeTextEditor?.document;
  const active = document && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') ? document.uri.toString() : undefined;
  const uri = active ?? panelRef.uri;
  if (!client || !uri) {
    void vscode.window.showInformationMessage('Open a charter file to see its organization\u2019s report.');
    return;
  }
  panelRef.uri = uri;
  if (!panelRef.panel) {
    panelRef.panel = vscode.window.createWebviewPanel('orgCharter.report', 'Org Charter Report', vscode.ViewColumn.Beside, { enableScripts: true });
    panelRef.panel.onDidDispose(() => (panelRef.panel = undefined), undefined, context.subscriptions);
    panelRef.panel.webview.onDidReceiveMessage(async (message: { file: string; line: number; character: number }) => {
      // Rows and org chart boxes carry the file's path; an unsaved (untitled) charter goes by the
      // path its name stands for (see the server's convert.ts).
      const untitled = vscode.workspace.textDocuments.find(
        (d) => d.uri.scheme === 'untitled' && [path.resolve(d.uri.path), path.resolve('/untitled', d.uri.path)].includes(path.resolve(message.file)),
      );
      const target = untitled ?? (await vscode.workspace.openTextDocument(vscode.Uri.file(message.file)));
      const position = new vscode.Position(message.line, message.character);
      await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    });
  }
  const { html, script: chartScript } = await client.sendRequest<{ html: string; script?: string }>('orgCharter/report', { uri });
  // The panel may have been closed while the report was being made.
  if (!panelRef.panel) return;
  const scriptNonce = nonce();
  // Findings rows and org chart boxes carry data-file/line/character; a click (or Enter on a
  // focused box) opens the place in the editor.
  const script =
    `<script nonce="${scriptNonce}">const vscode=acquireVsCodeApi();` +
    `const go=t=>{const row=t&&t.closest&&t.closest('[data-file]');if(row){vscode.postMessage({file:row.dataset.file,line:Number(row.dataset.line),character:Number(row.dataset.character)});}};` +
    `document.addEventListener('click',e=>{if(!e.target.closest('a'))go(e.target);});` +
    `document.addEventListener('keydown',e=>{if(e.key==='Enter'||e.key===' ')go(e.target);});` +
    // The org chart's zoom and pan (the server's CHART_SCRIPT); a closing tag in it cannot end this element.
    `${(chartScript ?? '').replace(/<\//g, '<\\/')}</script>`;
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${scriptNonce}';">`;
  panelRef.panel.webview.html = html.replace('<head>', `<head>${csp}`).replace('</body>', `${script}</body>`);
}

interface SkeletonChoice {
  roleType: string;
  label: string;
  description?: string;
  text: string;
}

/**
 * "Org Charter: New charter": an untitled charter (`new-team.charter.yaml`, linted as soon as it
 * opens) holding the server's skeleton for the chosen role type. In a folder, the untitled file
 * sits in the first workspace folder, so it is linted with that folder's organization.
 * `roleType` skips the quick pick (for keybindings and tests).
 */
async function newCharter(context: vscode.ExtensionContext, status: vscode.LanguageStatusItem, roleType?: string): Promise<vscode.TextEditor | undefined> {
  await ensureStarted(context, status);
  if (!client) {
    void vscode.window.showInformationMessage('Org Charter Lint is off (orgCharter.enable); turn it on to start a charter from a skeleton.');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const { choices } = await client.sendRequest<{ choices: SkeletonChoice[] }>('orgCharter/skeletons', { folder: folder?.toString() });
  let choice = roleType ? choices.find((c) => c.roleType === roleType) : undefined;
  if (!choice) {
    if (roleType) {
      void vscode.window.showErrorMessage(`The role model has no role type "${roleType}".`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      choices.map((c) => ({ label: c.label, description: c.roleType, detail: c.description, choice: c })),
      { title: 'New charter', placeHolder: 'What does the charter describe?' },
    );
    if (!picked) return undefined;
    choice = picked.choice;
  }
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const uriFor = (name: string) => (folder ? vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' }) : vscode.Uri.parse(`untitled:${name}`));
  const name = newCharterName((candidate) => open.has(uriFor(candidate).toString()) || (!!folder && fs.existsSync(vscode.Uri.joinPath(folder, candidate).fsPath)));
  const document = await vscode.workspace.openTextDocument(uriFor(name));
  const yaml = document.languageId === 'yaml' ? document : await vscode.languages.setTextDocumentLanguage(document, 'yaml');
  const editor = await vscode.window.showTextDocument(yaml);
  const text = choice.text;
  await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), text));
  return editor;
}

/** What the extension tells other extensions and its tests: whether the language server runs. */
export interface OrgCharterApi {
  serverRunning(): boolean;
  /** The Output channel's latest lines (up to 2,000), oldest first. */
  outputLines(): readonly string[];
}

export async function activate(context: vscode.ExtensionContext): Promise<OrgCharterApi> {
  version = String((context.extension.packageJSON as { version?: unknown }).version ?? '?');
  context.subscriptions.push(outputChannel());
  log(`Org Charter Lint ${version} activated.`);
  const status = vscode.languages.createLanguageStatusItem('orgCharter.status', { language: 'yaml' });
  status.name = 'Org Charter Lint';
  context.subscriptions.push(status);
  const report: { panel?: vscode.WebviewPanel; uri?: string } = {};
  let refresh: NodeJS.Timeout | undefined;

  context.subscriptions.push(
    vscode.commands.registerCommand('orgCharter.restartServer', async () => {
      await stop();
      await ensureStarted(context, status);
      updateStatus(status);
    }),
    vscode.commands.registerCommand('orgCharter.fixAll', async () => {
      await ensureStarted(context, status);
      const document = vscode.window.activeTextEditor?.document;
      if (!client || !document || !isCharterDocument(document)) return;
      await vscode.commands.executeCommand('orgCharter.applyFixAll', document.uri.toString());
    }),
    vscode.commands.registerCommand(OPEN_RULE_DOCS_COMMAND, async (rule: string, url: string) => {
      const local = ruleDocs(context, rule);
      if (/^[a-z0-9][a-z0-9-]*$/.test(rule) && fs.existsSync(local.fsPath)) await vscode.commands.executeCommand('markdown.showPreview', local);
      else await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    vscode.commands.registerCommand('orgCharter.showOutput', () => outputChannel().show(true)),
    vscode.commands.registerCommand('orgCharter.showReport', async () => {
      await ensureStarted(context, status);
      await showReport(context, report);
    }),
    vscode.commands.registerCommand('orgCharter.newCharter', (roleType?: string) => newCharter(context, status, roleType)),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (!client && enabled() && isProductDocument(document)) void ensureStarted(context, status);
    }),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus(status)),
    vscode.languages.onDidChangeDiagnostics(() => {
      updateStatus(status);
      if (report.panel) {
        if (refresh) clearTimeout(refresh);
        refresh = setTimeout(() => void showReport(context, report, false), 300);
      }
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('orgCharter.enable')) return;
      await stop();
      if (enabled()) await ensureStarted(context, status);
      updateStatus(status);
    }),
  );
  // Activated through `onLanguage:yaml` for any YAML file: start only if a charter, role model or
  // config is open, or the workspace holds one (what the `workspaceContains:` events look for).
  const wanted =
    vscode.workspace.textDocuments.some(isProductDocument) ||
    ((vscode.workspace.workspaceFolders?.length ?? 0) > 0 && (await vscode.workspace.findFiles(PRODUCT_FILES_GLOB, '**/node_modules/**', 1)).length > 0);
  if (wanted) await ensureStarted(context, status);
  else log('No charter file is open and the workspace holds none: the server starts when one is opened.');
  updateStatus(status);
  return { serverRunning: () => !!client, outputLines: () => [...outputChannel().lines] };
}

export async function deactivate(): Promise<void> {
  await stop();
}
