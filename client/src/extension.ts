import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/**
 * Wiring only: starts the language server over IPC, registers the commands, keeps the language
 * status item current. Every finding, fix and answer comes from the server.
 */

let client: LanguageClient | undefined;
let serverBusy = false;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Charters stay `yaml` documents (highlighting and the Red Hat YAML extension keep working);
    // the server decides from .charterlintrc.yaml which of them are charters.
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    diagnosticCollectionName: 'charter-lint',
  };
  return new LanguageClient('orgCharter', 'Org Charter Lint', serverOptions, clientOptions);
}

async function start(context: vscode.ExtensionContext, status: vscode.LanguageStatusItem): Promise<void> {
  if (!vscode.workspace.getConfiguration('orgCharter').get<boolean>('enable', true)) return;
  client = createClient(context);
  await client.start();
  context.subscriptions.push(
    client.onNotification('orgCharter/status', (params: { busy: boolean }) => {
      serverBusy = params.busy;
      updateStatus(status);
    }),
  );
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

function isCharterDocument(document: vscode.TextDocument | undefined): boolean {
  if (!document || document.languageId !== 'yaml') return false;
  if (/\.charter\.ya?ml$/.test(document.fileName)) return true;
  return vscode.languages.getDiagnostics(document.uri).some((d) => d.source === 'charter-lint');
}

function updateStatus(status: vscode.LanguageStatusItem): void {
  const document = vscode.window.activeTextEditor?.document;
  status.busy = serverBusy;
  if (!client) {
    status.text = 'Charter lint off';
    status.severity = vscode.LanguageStatusSeverity.Information;
    return;
  }
  if (!isCharterDocument(document) || !document) {
    status.text = 'Charter lint';
    status.detail = 'Not a charter file';
    status.severity = vscode.LanguageStatusSeverity.Information;
    return;
  }
  const diagnostics = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'charter-lint');
  const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
  status.text = errors + warnings === 0 ? '$(check) Charter: no problems' : `$(error) ${errors} $(warning) ${warnings} charter problems`;
  status.detail = `${diagnostics.length} finding(s) in this file`;
  status.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
}

function nonce(): string {
  return Array.from({ length: 24 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join('');
}

/** Opens the report beside the editor (`create`), or refreshes it if it is already open. */
async function showReport(context: vscode.ExtensionContext, panelRef: { panel?: vscode.WebviewPanel; uri?: string }, create = true): Promise<void> {
  if (!create && !panelRef.panel) return;
  const document = vscode.window.activeTextEditor?.document;
  const uri = document?.uri.toString() ?? panelRef.uri;
  if (!client || !uri) {
    void vscode.window.showInformationMessage('Open a charter file to see its organization\u2019s report.');
    return;
  }
  panelRef.uri = uri;
  if (!panelRef.panel) {
    panelRef.panel = vscode.window.createWebviewPanel('orgCharter.report', 'Org Charter Report', vscode.ViewColumn.Beside, { enableScripts: true });
    panelRef.panel.onDidDispose(() => (panelRef.panel = undefined), undefined, context.subscriptions);
    panelRef.panel.webview.onDidReceiveMessage(async (message: { file: string; line: number; character: number }) => {
      const target = await vscode.workspace.openTextDocument(vscode.Uri.file(message.file));
      const position = new vscode.Position(message.line, message.character);
      await vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    });
  }
  const { html } = await client.sendRequest<{ html: string }>('orgCharter/report', { uri });
  // The panel may have been closed while the report was being made.
  if (!panelRef.panel) return;
  const scriptNonce = nonce();
  // Findings rows carry data-file/line/character; a click opens the place in the editor.
  const script = `<script nonce="${scriptNonce}">const vscode=acquireVsCodeApi();document.addEventListener('click',e=>{const row=e.target.closest('[data-file]');if(row){vscode.postMessage({file:row.dataset.file,line:Number(row.dataset.line),character:Number(row.dataset.character)});}});</script>`;
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${scriptNonce}';">`;
  panelRef.panel.webview.html = html.replace('<head>', `<head>${csp}`).replace('</body>', `${script}</body>`);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = vscode.languages.createLanguageStatusItem('orgCharter.status', { language: 'yaml' });
  status.name = 'Org Charter Lint';
  status.command = { title: 'Fix all', command: 'orgCharter.fixAll' };
  context.subscriptions.push(status);
  const report: { panel?: vscode.WebviewPanel; uri?: string } = {};
  let refresh: NodeJS.Timeout | undefined;

  context.subscriptions.push(
    vscode.commands.registerCommand('orgCharter.restartServer', async () => {
      await stop();
      await start(context, status);
      updateStatus(status);
    }),
    vscode.commands.registerCommand('orgCharter.fixAll', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!client || !document) return;
      await vscode.commands.executeCommand('orgCharter.applyFixAll', document.uri.toString());
    }),
    vscode.commands.registerCommand('orgCharter.openRuleDocs', async (rule: string, url: string) => {
      const local = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${rule}.md`);
      if (fs.existsSync(local.fsPath)) await vscode.commands.executeCommand('markdown.showPreview', local);
      else await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    vscode.commands.registerCommand('orgCharter.showReport', () => showReport(context, report)),
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
      await start(context, status);
      updateStatus(status);
    }),
  );
  await start(context, status);
  updateStatus(status);
}

export async function deactivate(): Promise<void> {
  await stop();
}
