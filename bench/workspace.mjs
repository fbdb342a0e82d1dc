// The workspace scenario (issue #15): generated organizations of 20 / 2,000 / 10,000 charter files,
// each in a folder of its own, measured over LSP stdio against our language server, with the CLI
// and the raw `yaml` parse of the same files beside them. See docs/performance.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeOrganization } from './generate.mjs';
import { startServer } from './lsp-client.mjs';

/** A pause longer than the server's longest debounce (150 ms): each edit is a lone keystroke. */
const QUIET_MS = 300;
const READY_TIMEOUT_MS = 300_000;
const EDIT_TIMEOUT_MS = 60_000;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The CLI's findings per file (absolute path → count), and its wall time, from `--format json`. */
function cliRun(repo, dir) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(repo, 'bin', 'charter-lint.js'), '--format', 'json', dir], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`the CLI exited ${result.status}: ${result.stderr}`);
  const counts = new Map();
  for (const entry of JSON.parse(result.stdout)) counts.set(path.resolve(repo, entry.file), entry.diagnostics.length);
  return { wall, counts };
}

/**
 * The parse floor: `yaml`'s parseDocument of every file's text in a fresh process (a cold parser,
 * as a server's first load has), the texts read before the clock starts. With a plain copy of
 * process.env, as our server and CLI parse (see run.mjs, parseFloor).
 */
function coldParseAll(yamlPath, listFile) {
  const script = `process.env={...process.env};const fs=require('fs');const yaml=require(${JSON.stringify(yamlPath)});const texts=JSON.parse(fs.readFileSync(${JSON.stringify(listFile)},'utf8')).map(f=>fs.readFileSync(f,'utf8'));const s=performance.now();for(const t of texts)yaml.parseDocument(t,{lineCounter:new yaml.LineCounter()});console.log(performance.now()-s)`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cold parse failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

/**
 * Tracks what the server published: per URI the latest diagnostics, and waiters for a condition
 * on one URI's next publications.
 */
class Publications {
  latest = new Map();
  lastAt = 0;
  waiters = [];
  onPublish = (params, at) => {
    this.lastAt = at;
    this.latest.set(params.uri, params);
    for (const waiter of [...this.waiters]) {
      if (waiter.uri === params.uri && waiter.test(params)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(at);
      }
    }
  };
  /** Resolves with the arrival time of the first publication of `uri` that passes `test`. */
  next(uri, test, what) {
    return new Promise((resolve, reject) => {
      const waiter = { uri, test, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`timed out after ${EDIT_TIMEOUT_MS} ms waiting for ${what}`));
      }, EDIT_TIMEOUT_MS);
    });
  }
  /** Waits until nothing was published for QUIET_MS (the end of an analysis's publications). */
  async quiet() {
    for (;;) {
      const idle = performance.now() - this.lastAt;
      if (idle >= QUIET_MS) return;
      await sleep(QUIET_MS - idle + 5);
    }
  }
}

const countOf = (params, code) => params.diagnostics.filter((d) => d.code === code).length;
/** An open file's publication is for `version` or later; a file that is not open has none. */
const atLeast = (params, version) => params.version === undefined || params.version === null || params.version >= version;

/**
 * One server session on one organization: initialized → every file with findings published with
 * the CLI's count; then `edits` keystrokes in a team file and `edits` region renames in the org
 * file, each after a pause; peak RSS at the end.
 */
async function session(serverArgs, fixture, expected, edits) {
  const publications = new Publications();
  const rootUri = pathToFileURL(fixture.dir).toString();
  // Files whose findings the CLI reported, by URI; ready when each was published with that count.
  const waiting = new Map();
  for (const [file, count] of expected) if (count > 0) waiting.set(pathToFileURL(file).toString(), count);
  let readyAt;
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));
  const onPublish = (params, at) => {
    publications.onPublish(params, at);
    if (readyAt !== undefined) return;
    const want = waiting.get(params.uri);
    if (want !== undefined && params.diagnostics.length === want) waiting.delete(params.uri);
    if (waiting.size === 0) {
      readyAt = at;
      resolveReady();
    }
  };
  const server = await startServer(process.execPath, serverArgs, { rootUri, onPublish });
  const timeout = setTimeout(() => resolveReady(), READY_TIMEOUT_MS);
  await ready;
  clearTimeout(timeout);
  if (readyAt === undefined) {
    await server.stop();
    const some = [...waiting].slice(0, 3).map(([uri, count]) => `${path.basename(uri)} (CLI ${count}, server ${publications.latest.get(uri)?.diagnostics.length ?? 'none'})`);
    throw new Error(`not ready after ${READY_TIMEOUT_MS} ms: ${waiting.size} files still differ from the CLI, e.g. ${some.join(', ')}`);
  }
  const readyMs = readyAt - server.initializedAt;
  await publications.quiet();
  // Files the server reports findings for and the CLI does not: a disagreement, reported.
  const extra = [...publications.latest].filter(([uri, params]) => params.diagnostics.length !== (expected.get(fileURLToPath(uri)) ?? 0)).length;

  // Open the team file and the org file, as an editor would.
  const typedUri = pathToFileURL(fixture.keystroke.file).toString();
  const typedText = fs.readFileSync(fixture.keystroke.file, 'utf8');
  const orgUri = pathToFileURL(fixture.orgFile).toString();
  const orgText = fs.readFileSync(fixture.orgFile, 'utf8');
  const renamedUri = pathToFileURL(fixture.crossFile.file).toString();
  const opened = publications.next(orgUri, (p) => atLeast(p, 1), 'the org file opened');
  server.open(typedUri, typedText, 1);
  server.open(orgUri, orgText, 1);
  await opened;
  await publications.quiet();

  // 1. Keystroke: remove a duty line of the team file (one missing-responsibility), then put it back.
  const dutyLine = typedText.split('\n')[fixture.keystroke.line];
  const keystrokes = [];
  let typedVersion = 1;
  for (let i = 0; i < edits; i++) {
    const remove = i % 2 === 0;
    typedVersion++;
    const version = typedVersion;
    const line = fixture.keystroke.line;
    const range = remove ? { start: { line, character: 0 }, end: { line: line + 1, character: 0 } } : { start: { line, character: 0 }, end: { line, character: 0 } };
    const published = publications.next(typedUri, (p) => atLeast(p, version) && countOf(p, 'missing-responsibility') === (remove ? 1 : 0), `the team file's findings after keystroke ${i + 1}`);
    const started = performance.now();
    server.change(typedUri, version, range, remove ? '' : `${dutyLine}\n`);
    keystrokes.push((await published) - started);
    await publications.quiet();
  }

  // 2. Cross-file: rename the region in the org file (the team using it gets unknown-region), and back.
  const regionLine = orgText.split('\n')[fixture.crossFile.orgLine];
  const end = regionLine.length;
  const crossFile = [];
  let orgVersion = 1;
  for (let i = 0; i < edits; i++) {
    const rename = i % 2 === 0;
    orgVersion++;
    const range = rename ? { start: { line: fixture.crossFile.orgLine, character: end }, end: { line: fixture.crossFile.orgLine, character: end } } : { start: { line: fixture.crossFile.orgLine, character: end }, end: { line: fixture.crossFile.orgLine, character: end + 1 } };
    const published = publications.next(renamedUri, (p) => (countOf(p, 'unknown-region') > 0) === rename, `the team file using region ${fixture.crossFile.region} after rename ${i + 1}`);
    const started = performance.now();
    server.change(orgUri, orgVersion, range, rename ? 'x' : '');
    crossFile.push((await published) - started);
    await publications.quiet();
  }
  const rss = server.peakRssMb();
  await server.stop();
  return { readyMs, keystrokes, crossFile, rss, extra };
}

/**
 * Runs the scenario for each size; returns one row of medians per size (and prints progress).
 * `runs`: server sessions, CLI runs and cold parses per size; `edits`: keystrokes and renames per
 * session.
 */
export async function workspaceScenario({ repo, work, sizes, runs, edits, serverArgs, yamlPath, log = console.log }) {
  const rows = [];
  for (const size of sizes) {
    const fixture = writeOrganization(path.join(work, `org-${size}`), size);
    fixture.dir = fs.realpathSync(fixture.dir);
    const listFile = path.join(work, `org-${size}.files.json`);
    fs.writeFileSync(listFile, JSON.stringify(fixture.files));
    const cli = [];
    let expected;
    for (let run = 0; run < runs; run++) {
      const result = cliRun(repo, fixture.dir);
      cli.push(result.wall);
      expected ??= result.counts;
    }
    const findings = [...expected.values()].reduce((a, b) => a + b, 0);
    const floor = [];
    for (let run = 0; run < runs; run++) floor.push(coldParseAll(yamlPath, listFile));
    const sessions = [];
    for (let run = 0; run < runs; run++) {
      sessions.push(await session(serverArgs, fixture, expected, edits));
      log(`  org-${size}: session ${run + 1}/${runs} ready ${sessions.at(-1).readyMs.toFixed(0)} ms`);
    }
    const lines = fixture.files.reduce((n, f) => n + fs.readFileSync(f, 'utf8').split('\n').length - 1, 0);
    const row = {
      size,
      lines,
      findings,
      filesWithFindings: [...expected.values()].filter((c) => c > 0).length,
      keystroke: median(sessions.flatMap((s) => s.keystrokes)),
      keystrokeRange: range(sessions.map((s) => median(s.keystrokes))),
      crossFile: median(sessions.flatMap((s) => s.crossFile)),
      crossFileRange: range(sessions.map((s) => median(s.crossFile))),
      ready: median(sessions.map((s) => s.readyMs)),
      readyRange: range(sessions.map((s) => s.readyMs)),
      cli: median(cli),
      floor: median(floor),
      rss: median(sessions.map((s) => s.rss)),
      rssMax: Math.max(...sessions.map((s) => s.rss)),
      samples: { sessions: runs, edits, keystrokes: sessions.flatMap((s) => s.keystrokes), crossFile: sessions.flatMap((s) => s.crossFile), ready: sessions.map((s) => s.readyMs), cli, floor, rss: sessions.map((s) => s.rss) },
      disagreements: Math.max(...sessions.map((s) => s.extra)),
    };
    rows.push(row);
    log(`done: organization of ${size} files`);
  }
  return rows;
}

const range = (xs) => [Math.min(...xs), Math.max(...xs)];
