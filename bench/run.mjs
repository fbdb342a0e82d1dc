#!/usr/bin/env node
// The benchmark anyone can run: `npm run bench` (after `npm install`). Three scenarios, each in one run:
// - single: our language server against yaml-language-server on the same single files (100, 1,000
//   and 10,000 roles), and the CLI on a 2,000-file workspace;
// - workspace: generated organizations of 20 / 2,000 / 10,000 files over LSP (keystroke, cross-file
//   update, ready, the CLI, the parse floor, peak RSS), see workspace.mjs;
// - crowded: one ~10k-line charter with ~5,600 findings, ours against yaml-language-server.
// Medians of several runs; ratios are ours / theirs (lower is better for us).
// Options: --scenario single,workspace,crowded (default all) --sizes 20,2000 (for the chosen
// scenario: roles for single, files for workspace) --runs N --edits N; or the environment
// variables BENCH_SIZES, BENCH_RUNS, BENCH_EDITS. Results are printed and written to
// bench/.work/results.md and bench/.work/results.json; bench/RESULTS.md keeps dated results.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bigCharter, crowdedCharter, writeWorkspace } from './generate.mjs';
import { startServer } from './lsp-client.mjs';
import { workspaceScenario } from './workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = fs.realpathSync(path.resolve(here, '..'));
const work = path.join(here, '.work');
// A plain copy, as our server makes: see parseFloor. Child processes still inherit it.
process.env = { ...process.env };
const require = createRequire(path.join(repo, 'package.json'));
const yaml = require('yaml');
const { values: options } = parseArgs({
  options: { scenario: { type: 'string', default: 'single,workspace,crowded' }, sizes: { type: 'string' }, runs: { type: 'string' }, edits: { type: 'string' } },
});
const scenarios = new Set(options.scenario.split(','));
for (const name of scenarios) if (!['single', 'workspace', 'crowded'].includes(name)) throw new Error(`unknown scenario ${name}: single, workspace or crowded`);
if (options.sizes && scenarios.size !== 1) throw new Error('--sizes needs one --scenario (single: roles, workspace: files)');
const sizesOption = options.sizes ?? process.env.BENCH_SIZES;
const sizes = (sizesOption ?? '100,1000,10000').split(',').map(Number);
const workspaceSizes = (sizesOption ?? '20,2000,10000').split(',').map(Number);
const EDITS = Number(options.edits ?? process.env.BENCH_EDITS ?? 15);
const RUNS = Number(options.runs ?? process.env.BENCH_RUNS ?? 3);
/** Workspace sessions per size: at least 5 samples of each measure, unless asked otherwise. */
const WORKSPACE_RUNS = Number(options.runs ?? process.env.BENCH_RUNS ?? 5);
const WORKSPACE_EDITS = Number(options.edits ?? process.env.BENCH_EDITS ?? 10);

const ourServer = path.join(repo, 'dist', 'server.js');
const yamlServer = path.join(here, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
if (!fs.existsSync(ourServer)) throw new Error('dist/server.js is missing: run `npm install` (or `npm run build`) first');
if (!fs.existsSync(yamlServer)) {
  console.log('installing the pinned yaml-language-server into bench/node_modules ...');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  if (install.status !== 0) throw new Error('npm ci in bench/ failed');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};

const schemaUri = pathToFileURL(path.join(repo, 'schemas', 'charter.schema.json')).toString();
const servers = {
  ours: { command: process.execPath, args: [ourServer, '--stdio'], settings: {} },
  yls: {
    command: process.execPath,
    args: [yamlServer, '--stdio'],
    // The charter schema by glob; no schema store download; validation on.
    settings: { yaml: { validate: true, hover: true, completion: true, schemas: { [schemaUri]: '*.charter.yaml' }, schemaStore: { enable: false }, format: { enable: false } } },
  },
};

/** One server session on one file: initialize, open → diagnostics, then edits → diagnostics. */
async function session(kind, file, text) {
  const server = await startServer(servers[kind].command, servers[kind].args, { settings: servers[kind].settings, rootUri: null });
  const uri = pathToFileURL(file).toString();
  const openStarted = performance.now();
  const first = server.waitDiagnostics(uri, 1);
  server.open(uri, text, 1);
  await first;
  const openMs = performance.now() - openStarted;
  // Edit one character of a holder in the middle role, back and forth.
  const lines = text.split('\n');
  const middle = lines.findIndex((line, index) => index > lines.length / 2 && line.includes('holder: Person'));
  const column = lines[middle].length;
  const edits = [];
  let version = 1;
  for (let i = 0; i < EDITS; i++) {
    version++;
    const insert = i % 2 === 0;
    const range = insert ? { start: { line: middle, character: column }, end: { line: middle, character: column } } : { start: { line: middle, character: column }, end: { line: middle, character: column + 1 } };
    const waiting = server.waitDiagnostics(uri, version);
    const started = performance.now();
    server.change(uri, version, range, insert ? 'x' : '');
    await waiting;
    edits.push(performance.now() - started);
  }
  const rss = server.peakRssMb();
  await server.stop();
  return { initializeMs: server.initializeMs, openMs, edits, rss };
}

/**
 * The floor: the raw `yaml` parse of the whole file, with a plain copy of process.env as both
 * servers' parse would like (the parser reads process.env.LOG_TOKENS once per token, a getenv()
 * call each time unless process.env is a plain object; our server copies it at start-up,
 * yaml-language-server does not). Warm: the median of repeated parses in this process.
 */
function parseFloor(text) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    yaml.parseDocument(text, { lineCounter: new yaml.LineCounter() });
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Cold floor: one parse in a fresh process, as the first file a server opens is parsed (before
 * V8 has optimised the parser). Median over `RUNS` processes.
 */
function coldParseFloor(file) {
  const script = `process.env={...process.env};const fs=require('fs');const yaml=require(${JSON.stringify(require.resolve('yaml'))});const text=fs.readFileSync(${JSON.stringify(file)},'utf8');const s=performance.now();yaml.parseDocument(text,{lineCounter:new yaml.LineCounter()});console.log(performance.now()-s)`;
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`cold parse failed: ${result.stderr}`);
    times.push(Number(result.stdout.trim()));
  }
  return median(times);
}

function cliRun(dir) {
  const wrapper = `const start=Date.now();require(${JSON.stringify(path.join(repo, 'server/out/cli/main.js'))}).main(['--format','json','--output','/dev/null']).then(c=>{process.stderr.write(JSON.stringify({ms:Date.now()-start,rss:process.resourceUsage().maxRSS/1024})+'\\n');process.exit(c)})`;
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-e', wrapper], { cwd: dir, encoding: 'utf8' });
  const wall = performance.now() - started;
  const stats = JSON.parse(result.stderr.trim().split('\n').pop() ?? '{}');
  return { wall, rss: stats.rss, exit: result.status };
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? fmt(a / b, 2) : 'n/a');
fs.mkdirSync(work, { recursive: true });
const sections = [];
const json = {};

/** Our server against yaml-language-server on single files of `sizes` roles; the CLI on 2,000 files. */
async function singleScenario() {
  const rows = [];
  const notes = [];
  for (const size of sizes) {
    const dir = path.join(work, `size-${size}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'big.charter.yaml');
    const text = bigCharter(size);
    fs.writeFileSync(file, text);
    const lineCount = text.split('\n').length - 1;
    const floor = parseFloor(text);
    const coldFloor = coldParseFloor(file);
    const results = { ours: [], yls: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const kind of ['ours', 'yls']) results[kind].push(await session(kind, file, text));
    }
    const ours = summary(results.ours);
    const theirs = summary(results.yls);
    const label = `${size} roles (${lineCount} lines)`;
    rows.push([label, 'initialize (ms)', ours.init, theirs.init]);
    rows.push([label, 'open → diagnostics (ms)', ours.open, theirs.open]);
    rows.push([label, 'edit → diagnostics, median (ms)', ours.editMedian, theirs.editMedian]);
    rows.push([label, 'edit → diagnostics, p95 (ms)', ours.editP95, theirs.editP95]);
    rows.push([label, 'peak RSS (MB)', ours.rss, theirs.rss]);
    rows.push([label, 'raw `yaml` parse, warm: the floor for an edit (ms)', floor, NaN]);
    rows.push([label, 'raw `yaml` parse, first in a fresh process: the floor for an open (ms)', coldFloor, NaN]);
    notes.push(
      `${label}: our edit median is ${fmt(ours.editMedian / floor, 2)}× the warm raw parse; our open is ${fmt(ours.open / coldFloor, 2)}× the cold raw parse, which alone is ${fmt(coldFloor / theirs.open, 2)}× yaml-language-server's open.`,
    );
    console.log(`done: ${label}`);
  }
  const workspace = path.join(work, 'workspace-2000');
  writeWorkspace(workspace, 2000);
  const cli = [];
  for (let run = 0; run < RUNS; run++) cli.push(cliRun(workspace));
  rows.push(['2,000 files', 'CLI wall time (ms)', median(cli.map((c) => c.wall)), NaN]);
  rows.push(['2,000 files', 'CLI peak RSS (MB)', median(cli.map((c) => c.rss)), NaN]);
  json.single = rows.map(([input, measure, ours, theirs]) => ({ input, measure, ours, theirs }));
  sections.push(`## Single files

Medians of ${RUNS} sessions per server; ${EDITS} one-character edits per session.
yaml-language-server 2.0.0 validates against \`schemas/charter.schema.json\` (via \`yaml.schemas\`,
schema store off); it waits a fixed 200 ms before each validation, which is part of its figures.
Both servers run with no workspace folder: only the opened file is analysed.

${comparisonTable(rows)}

${notes.map((n) => `- ${n}`).join('\n')}
`);
}

function summary(results) {
  return {
    init: median(results.map((r) => r.initializeMs)),
    open: median(results.map((r) => r.openMs)),
    editMedian: median(results.flatMap((r) => r.edits)),
    editP95: median(results.map((r) => p95(r.edits))),
    rss: median(results.map((r) => r.rss)),
  };
}

function comparisonTable(rows) {
  const header = '| input | measure | charter-lint | yaml-language-server | ratio |\n|---|---|---:|---:|---:|';
  return [header, ...rows.map(([input, measure, ours, theirs]) => `| ${input} | ${measure} | ${fmt(ours, 1)} | ${fmt(theirs, 1)} | ${Number.isFinite(theirs) && theirs > 0 ? fmt(ours / theirs, 2) : ''} |`)].join('\n');
}

/** Organizations of `workspaceSizes` files over LSP; the issue #15 ratios. */
async function workspaceRun() {
  const rows = await workspaceScenario({ repo, work, sizes: workspaceSizes, runs: WORKSPACE_RUNS, edits: WORKSPACE_EDITS, serverArgs: [ourServer, '--stdio'], yamlPath: require.resolve('yaml') });
  json.workspace = rows;
  const span = ([low, high], digits = 0) => (WORKSPACE_RUNS > 1 ? ` (${fmt(low, digits)}–${fmt(high, digits)})` : '');
  const table = [
    '| organization | keystroke in a team file → its diagnostics (ms) | rename a region in the org file → the team file using it updates (ms) | initialized → all findings published (ms) | the CLI on the same folder (ms) | `yaml` parse of every file, cold (floor, ms) | ready ÷ floor | peak RSS of the server (MB) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en')} files (${r.lines.toLocaleString('en')} lines, ${r.findings} findings in ${r.filesWithFindings} files) | ${fmt(r.keystroke)}${span(r.keystrokeRange)} | ${fmt(r.crossFile)}${span(r.crossFileRange)} | ${fmt(r.ready)}${span(r.readyRange)} | ${fmt(r.cli)} | ${fmt(r.floor)} | ${ratio(r.ready, r.floor)} | ${fmt(r.rss)} |`,
    ),
  ].join('\n');
  const small = rows.reduce((a, b) => (b.size < a.size ? b : a), rows[0]);
  const large = rows.reduce((a, b) => (b.size > a.size ? b : a), rows[0]);
  const targets = [
    `keystroke(${large.size}) ÷ keystroke(${small.size}): ${ratio(large.keystroke, small.keystroke)} (issue #15 target at 10,000 ÷ 20: ≤ 5)`,
    `cross-file(${large.size}) ÷ cross-file(${small.size}): ${ratio(large.crossFile, small.crossFile)} (target ≤ 10)`,
    ...rows.map((r) => `ready ÷ parse floor at ${r.size} files: ${ratio(r.ready, r.floor)}${r.size === 10000 ? ' (target ≤ 2)' : ''}`),
    `peak RSS at ${large.size} files: ${fmt(large.rss)} MB${large.size === 10000 ? ' (target ≤ 300)' : ''}`,
  ];
  const disagreements = rows.filter((r) => r.disagreements > 0).map((r) => `- At ${r.size} files the server's final findings differed from the CLI's in ${r.disagreements} files.`);
  sections.push(`## Workspace: organizations over LSP

Our server (\`dist/server.js --stdio\`) with the organization's folder as workspace folder.
Medians over ${WORKSPACE_RUNS} server sessions per size (ready: one per session; keystroke and
cross-file: ${WORKSPACE_EDITS} each per session, every edit after a ${300} ms pause, so none waits
for the burst debounce); in brackets, the lowest and highest session median. The CLI and the
cold parse: medians of ${WORKSPACE_RUNS} fresh processes. "Ready" includes the server's fixed
200 ms wait before its first workspace lint.

${table}

${targets.map((t) => `- ${t}`).join('\n')}
${disagreements.join('\n')}
`);
  console.log(`\n${table}\n\n${targets.join('\n')}\n`);
}

/** The crowded charter: keystroke (and open) of our server against yaml-language-server. */
async function crowdedScenario() {
  const dir = path.join(work, 'crowded');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'crowded.charter.yaml');
  const text = crowdedCharter();
  fs.writeFileSync(file, text);
  const lineCount = text.split('\n').length - 1;
  const cli = spawnSync(process.execPath, [path.join(repo, 'bin', 'charter-lint.js'), '--format', 'json', file], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
  const findings = JSON.parse(cli.stdout).reduce((n, entry) => n + entry.diagnostics.length, 0);
  const results = { ours: [], yls: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const kind of ['ours', 'yls']) results[kind].push(await session(kind, file, text));
  }
  const ours = summary(results.ours);
  const theirs = summary(results.yls);
  const label = `crowded (${lineCount} lines, ${findings} findings)`;
  const rows = [
    [label, 'open → diagnostics (ms)', ours.open, theirs.open],
    [label, 'edit → diagnostics, median (ms)', ours.editMedian, theirs.editMedian],
    [label, 'edit → diagnostics, p95 (ms)', ours.editP95, theirs.editP95],
    [label, 'peak RSS (MB)', ours.rss, theirs.rss],
  ];
  json.crowded = { lines: lineCount, findings, ours, theirs };
  sections.push(`## Crowded charter

One charter of ${lineCount} lines with ${findings} findings (many regional managers sharing a few
regions, in the middle of a reorganization: \`crowdedCharter\` in bench/generate.mjs). Medians of
${RUNS} sessions per server, ${EDITS} one-character edits of a holder in the middle role per
session. Keystroke ratio (issue #15 target ≤ 0.5): ${ratio(ours.editMedian, theirs.editMedian)}.

${comparisonTable(rows)}
`);
  console.log(`done: ${label}; keystroke ours ÷ yaml-language-server ${ratio(ours.editMedian, theirs.editMedian)}`);
}

if (scenarios.has('single')) await singleScenario();
if (scenarios.has('workspace')) await workspaceRun();
if (scenarios.has('crowded')) await crowdedScenario();

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const load = os.loadavg().map((n) => n.toFixed(2)).join(', ');
const report = `# Benchmark results (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)

\`npm run bench -- --scenario ${[...scenarios].join(',')}${options.sizes ? ` --sizes ${options.sizes}` : ''}\` on: ${machine}; load average at the end ${load}.

${sections.join('\n')}`;
fs.writeFileSync(path.join(work, 'results.md'), report);
fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify({ machine, load, when: new Date().toISOString(), ...json }, null, 2));
console.log(`written: bench/.work/results.md and bench/.work/results.json (paste a dated section into bench/RESULTS.md)`);
