#!/usr/bin/env node
// The benchmark anyone can run: `npm run bench` (after `npm install`). It compares our language
// server with yaml-language-server on the same files, in one run, and the CLI on a 2,000-file
// workspace. Medians of several runs; ratios are ours / theirs (lower is better for us).
// Options: BENCH_SIZES=100,1000 BENCH_EDITS=15 BENCH_RUNS=3 to shorten or lengthen it.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bigCharter, writeWorkspace } from './generate.mjs';
import { startServer } from './lsp-client.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const work = path.join(here, '.work');
// A plain copy, as our server makes: see parseFloor. Child processes still inherit it.
process.env = { ...process.env };
const require = createRequire(path.join(repo, 'package.json'));
const yaml = require('yaml');
const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const EDITS = Number(process.env.BENCH_EDITS ?? 15);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

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
const rows = [];
const notes = [];
fs.mkdirSync(work, { recursive: true });

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
  const summary = (kind) => ({
    init: median(results[kind].map((r) => r.initializeMs)),
    open: median(results[kind].map((r) => r.openMs)),
    editMedian: median(results[kind].flatMap((r) => r.edits)),
    editP95: median(results[kind].map((r) => p95(r.edits))),
    rss: median(results[kind].map((r) => r.rss)),
  });
  const ours = summary('ours');
  const theirs = summary('yls');
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

const header = '| input | measure | charter-lint | yaml-language-server | ratio |\n|---|---|---:|---:|---:|';
const table = [header, ...rows.map(([input, measure, ours, theirs]) => `| ${input} | ${measure} | ${fmt(ours, 1)} | ${fmt(theirs, 1)} | ${Number.isFinite(theirs) && theirs > 0 ? fmt(ours / theirs, 2) : ''} |`)].join('\n');
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const report = `# Benchmark results

Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on: ${machine}.
Medians of ${RUNS} sessions per server; ${EDITS} one-character edits per session.
yaml-language-server 2.0.0 validates against \`schemas/charter.schema.json\` (via \`yaml.schemas\`,
schema store off); it waits a fixed 200 ms before each validation, which is part of its figures.
Both servers run with no workspace folder: only the opened file is analysed.

${table}

${notes.map((n) => `- ${n}`).join('\n')}
`;
console.log(`\n${table}\n`);
fs.writeFileSync(path.join(here, 'RESULTS.md'), report);
console.log(`written: bench/RESULTS.md`);
