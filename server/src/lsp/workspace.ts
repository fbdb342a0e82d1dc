import * as fs from 'node:fs';
import * as path from 'node:path';
import { runToEnd, type AnalysisResult, type AnalyzeInput } from '../core/analyze';
import { IncrementalAnalysis } from '../core/incremental';
import { CONFIG_FILE_NAME, defaultConfig, type CharterLintConfig } from '../core/config';
import type { CharterFile } from '../core/parse';
import type { SourceFile } from '../core/types';
import { fileKind, isConfigName, type FileKind } from '../node/file-kinds';
import {
  UsageError,
  charterModelResolver,
  findConfigFile,
  forcedModel,
  isInside,
  loadConfigFile,
  walk,
} from '../node/project';
import { MAX_CHARTER_BYTES, readRegularFile, refusalText } from '../node/read';

/**
 * The server's view of the workspace: which files are charters, which organization (project root)
 * each belongs to, their current text (editor buffer or disk), and the latest analysis of each
 * organization. No LSP types here; the handlers translate.
 */

export interface OpenDocument {
  text: string;
  version: number;
}

export interface OrganizationState {
  root: string;
  config: CharterLintConfig;
  /** A config or model problem that stops analysis, shown on the config file. */
  setupError?: { file: string; message: string; place?: { line: number; character: number } };
  files: Set<string>;
  result?: AnalysisResult;
  /** Versions of open documents the latest result was computed from. */
  versions: Map<string, number>;
  dirty: boolean;
  /** The organization's analysis, kept between edits: an edit re-analyses what it affects. */
  analysis: IncrementalAnalysis;
  /** The last input's files, sorted by path; `stale` names the ones to read again (`inputFor`). */
  sources?: SourceFile[];
  stale: Set<string> | 'all';
}

export class Workspace {
  private folders: string[] = [];
  private readonly organizations = new Map<string, OrganizationState>();
  private readonly open = new Map<string, OpenDocument>();
  private readonly diskCache = new Map<string, { mtimeMs: number; size: number; text: string }>();
  /** Files on disk refused as not readable charters, with why: logged once per reason. */
  private readonly refused = new Map<string, string>();

  /**
   * Set once the client watches the workspace's YAML files: a file read before is then taken as
   * unchanged until an event says otherwise, instead of asking the file system about each of an
   * organization's 10,000 files on every keystroke.
   */
  private fileEventsTrusted = false;

  trustFileEvents(): void {
    this.fileEventsTrusted = true;
  }

  /** `log` receives one line for each file or config the workspace cannot use (the server's log). */
  constructor(private readonly log: (message: string) => void = () => undefined) {}

  setFolders(folders: string[]): void {
    this.folders = folders.map((f) => path.resolve(f));
    this.rediscover();
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  allOrganizations(): OrganizationState[] {
    return [...this.organizations.values()];
  }

  /** Re-reads configs and re-walks every folder (start, or a `.charterlintrc.yaml` changed). */
  rediscover(): void {
    this.organizations.clear();
    for (const folder of this.folders) {
      const found: string[] = [];
      try {
        walk(folder, this.configAt(folder).config, folder, found, true, {
          displayFrom: folder,
          // A nested config that cannot be loaded (invalid, a FIFO, a link to /dev/zero) or a
          // folder that cannot be read: only that subtree's files are skipped. A config gets its
          // organization, whose setup error is shown on the config file.
          onError: (file, error) => {
            this.log(`charter-lint: ${error.message}; the files under it are skipped`);
            if (isConfigName(file)) this.organization(path.dirname(file));
          },
        });
      } catch (error) {
        // The workspace folder itself cannot be read: nothing of it is linted.
        this.log(`charter-lint: ${(error as Error).message}`);
      }
      for (const file of found) this.addCharter(file);
    }
    for (const file of this.open.keys()) if (this.isCharter(file)) this.addCharter(file);
  }

  private configAt(dir: string): { config: CharterLintConfig; error?: OrganizationState['setupError'] } {
    const configFile = findConfigFile(dir);
    if (!configFile) return { config: defaultConfig() };
    try {
      return { config: loadConfigFile(configFile, path.dirname(configFile)) };
    } catch (error) {
      return { config: { ...defaultConfig(), dir: path.dirname(configFile), path: configFile }, error: { file: configFile, message: (error as Error).message, place: error instanceof UsageError ? error.place : undefined } };
    }
  }

  /** SPEC: nearest folder upward with `.charterlintrc.yaml`, else the workspace folder (else the file's folder). */
  rootFor(file: string): string {
    const configFile = findConfigFile(path.dirname(file));
    if (configFile) return path.dirname(configFile);
    const folder = this.folders.filter((f) => isInside(f, file)).sort((a, b) => b.length - a.length)[0];
    return folder ?? path.dirname(file);
  }

  /** What a path is to the product (charter, role model, config, ...), under the config that governs it. */
  kindOf(file: string): FileKind {
    const root = this.rootFor(file);
    const { config } = this.configAt(root);
    return fileKind(file, config, root);
  }

  /** True when the config that governs this file names it as a charter. */
  isCharter(file: string): boolean {
    return this.kindOf(file) === 'charter';
  }

  private organization(root: string): OrganizationState {
    let state = this.organizations.get(root);
    if (!state) {
      const { config, error } = this.configAt(root);
      state = { root, config, setupError: error, files: new Set(), versions: new Map(), dirty: true, analysis: new IncrementalAnalysis({ rules: config.rules }), stale: 'all' };
      this.organizations.set(root, state);
    }
    return state;
  }

  addCharter(file: string): OrganizationState {
    const state = this.organization(this.rootFor(file));
    state.files.add(file);
    touch(state, file);
    return state;
  }

  removeCharter(file: string): OrganizationState | undefined {
    const state = this.organizationOf(file);
    if (state) {
      state.files.delete(file);
      touch(state, file);
    }
    this.diskCache.delete(file);
    this.refused.delete(file);
    return state;
  }

  organizationOf(file: string): OrganizationState | undefined {
    for (const state of this.organizations.values()) if (state.files.has(file)) return state;
    return undefined;
  }

  openDocument(file: string, text: string, version: number): OrganizationState | undefined {
    this.open.set(file, { text, version });
    if (!this.isCharter(file)) return undefined;
    return this.addCharter(file);
  }

  changeDocument(file: string, text: string, version: number): OrganizationState | undefined {
    this.open.set(file, { text, version });
    const state = this.organizationOf(file);
    if (state) touch(state, file);
    return state;
  }

  /**
   * A document closed. A charter outside every workspace folder was only linted because it was
   * open: it leaves its organization, and an organization left with no file that no workspace
   * folder holds is dropped with its caches (`isLive` is then false: its diagnostics are to be
   * cleared).
   */
  closeDocument(file: string): OrganizationState | undefined {
    this.open.delete(file);
    const state = this.organizationOf(file);
    if (!state) return undefined;
    if (!fs.existsSync(file) || !this.folders.some((folder) => isInside(folder, file))) this.removeCharter(file);
    else touch(state, file);
    const held = this.folders.some((folder) => isInside(folder, state.root) || isInside(state.root, folder));
    if (state.files.size === 0 && !held) this.dropOrganization(state);
    return state;
  }

  private dropOrganization(state: OrganizationState): void {
    if (this.organizations.get(state.root) !== state) return;
    this.organizations.delete(state.root);
    for (const file of state.files) {
      this.diskCache.delete(file);
      this.refused.delete(file);
    }
    state.files.clear();
    state.result = undefined;
    state.analysis = new IncrementalAnalysis({ rules: state.config.rules });
    state.sources = undefined;
    state.stale = 'all';
  }

  openVersion(file: string): number | undefined {
    return this.open.get(file)?.version;
  }

  /** A file changed on disk: forget its cached text and re-lint its organization. */
  diskChanged(file: string): OrganizationState | undefined {
    this.diskCache.delete(file);
    const state = this.organizationOf(file);
    if (state) touch(state, file);
    return state;
  }

  /**
   * A charter's current text: the editor's buffer, else the file on disk, read only if it is a
   * regular file within MAX_CHARTER_BYTES (a charter replaced by a FIFO or a link to /dev/zero
   * drops out of the analysis, with one log line, instead of hanging the server).
   */
  textOf(file: string): string | undefined {
    const open = this.open.get(file);
    if (open) return open.text;
    if (this.fileEventsTrusted) {
      const known = this.diskCache.get(file);
      if (known) return known.text;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      this.diskCache.delete(file);
      return undefined;
    }
    const cached = this.diskCache.get(file);
    if (cached && unchangedSince(cached, stat)) return cached.text;
    this.diskCache.delete(file);
    const read = readRegularFile(file, MAX_CHARTER_BYTES);
    if (!read.ok) {
      const reason = refusalText(read, MAX_CHARTER_BYTES);
      if (read.reason !== 'missing' && this.refused.get(file) !== reason) this.log(`charter-lint: ${file} is not linted: ${reason}`);
      this.refused.set(file, reason);
      return undefined;
    }
    this.refused.delete(file);
    const text = read.text.startsWith('\uFEFF') ? read.text.slice(1) : read.text;
    this.diskCache.set(file, { mtimeMs: read.mtimeMs, size: read.size, text });
    return text;
  }

  /** The core's input for an organization: its files' current texts, config and model. */
  inputFor(state: OrganizationState): AnalyzeInput | undefined {
    const files = this.sourcesOf(state);
    let model;
    try {
      model = forcedModel(undefined, state.root, state.config);
    } catch (error) {
      state.setupError = { file: state.config.path ?? path.join(state.root, CONFIG_FILE_NAME), message: (error as UsageError).message };
    }
    return { files, rules: state.config.rules, model, resolveModel: charterModelResolver(state.root, state.root) };
  }

  /**
   * An organization's files and texts, sorted by path: only the files touched since the last call
   * are read again, and the other entries are the very same objects (the incremental analysis
   * compares them by identity). Changes on disk reach `stale` through the client's file events,
   * or, for a client that sends none, through `sweepDisk`.
   */
  private sourcesOf(state: OrganizationState): SourceFile[] {
    const stale = state.stale;
    state.stale = new Set();
    if (stale === 'all' || !state.sources) {
      const files: SourceFile[] = [];
      for (const file of [...state.files].sort()) {
        const text = this.textOf(file);
        if (text !== undefined) files.push({ path: file, text });
      }
      state.sources = files;
      return files;
    }
    if (stale.size === 0) return state.sources;
    const files = state.sources.slice();
    for (const file of stale) {
      const text = state.files.has(file) ? this.textOf(file) : undefined;
      // Binary search by path (the list is sorted the way `[...].sort()` sorts strings).
      let low = 0;
      let high = files.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (files[middle].path < file) low = middle + 1;
        else high = middle;
      }
      const found = low < files.length && files[low].path === file;
      if (text === undefined) {
        if (found) files.splice(low, 1);
      } else if (!found) files.splice(low, 0, { path: file, text });
      else if (files[low].text !== text) files[low] = { path: file, text };
    }
    state.sources = files;
    return files;
  }

  /**
   * For clients that send no file events: looks at the modification time and size of every file
   * that is not open (asynchronously, a batch at a time) and marks the changed ones stale.
   * Returns the organizations that changed. The server runs it when idle, every few seconds.
   */
  async sweepDisk(): Promise<OrganizationState[]> {
    if (this.fileEventsTrusted) return [];
    const changed = new Set<OrganizationState>();
    for (const state of [...this.organizations.values()]) {
      const files = [...state.files].filter((file) => !this.open.has(file));
      for (let i = 0; i < files.length; i += 256) {
        await Promise.all(
          files.slice(i, i + 256).map(async (file) => {
            const cached = this.diskCache.get(file);
            // A file never read (refused: a FIFO, too large) stays out until an edit or event.
            if (!cached) return;
            let stat: fs.Stats | undefined;
            try {
              stat = await fs.promises.stat(file);
            } catch {
              stat = undefined;
            }
            if ((stat && unchangedSince(cached, stat)) || !state.files.has(file) || this.open.has(file)) return;
            this.diskCache.delete(file);
            touch(state, file);
            changed.add(state);
          }),
        );
      }
    }
    return [...changed].filter((state) => this.isLive(state));
  }

  /** Analyses an organization if anything changed since its last analysis. */
  analyze(state: OrganizationState): AnalysisResult | undefined {
    return runToEnd(this.analyzeInSteps(state));
  }

  /**
   * The same, a step at a time (see the core's `analyzeInSteps`). A run may be dropped once the
   * organization is dirty again: a newer analysis replaces it. Until a run completes, the
   * previous result stays in place; a large file's roles in it may already sit at the newer
   * text's offsets (their chunks are shared with the run), which only completion, reading it
   * as is, tolerates; every other reader analyses a dirty organization first.
   */
  *analyzeInSteps(state: OrganizationState): Generator<void, AnalysisResult | undefined, void> {
    if (!state.dirty && state.result) return state.result;
    state.dirty = false;
    state.versions = new Map();
    // The open documents, not the organization's 10,000 files.
    for (const [file, document] of this.open) if (state.files.has(file)) state.versions.set(file, document.version);
    const input = this.inputFor(state);
    if (!input) return undefined;
    const { files, ...settings } = input;
    const result = yield* state.analysis.update(files, settings);
    state.result = result;
    return result;
  }

  /** False once a rediscovery has replaced the organization (a config file came or went). */
  isLive(state: OrganizationState): boolean {
    return this.organizations.get(state.root) === state;
  }

  /**
   * The parsed charter of a file from its organization's analysis: brought up to date first, or,
   * with `asIs`, the latest one as it is (possibly of older text).
   */
  charterFile(file: string, { asIs = false } = {}): { state: OrganizationState; result: AnalysisResult; charter: CharterFile } | undefined {
    const state = this.organizationOf(file);
    if (!state) return undefined;
    const result = asIs ? state.result : this.analyze(state);
    const charter = result?.files.find((f) => f.path === file);
    return result && charter ? { state, result, charter } : undefined;
  }

  /** True when the latest analysis used exactly the open document's current version. */
  isCurrent(state: OrganizationState, file: string): boolean {
    return !state.dirty && state.versions.get(file) === this.openVersion(file);
  }
}

/** The file on disk is still the one read into `cached` (same kind, modification time and size). */
function unchangedSince(cached: { mtimeMs: number; size: number }, stat: fs.Stats): boolean {
  return stat.isFile() && stat.mtimeMs === cached.mtimeMs && stat.size === cached.size;
}

/** A file of the organization changed (text, membership): re-read it and re-lint. */
function touch(state: OrganizationState, file: string): void {
  state.dirty = true;
  if (state.stale !== 'all') state.stale.add(file);
}
