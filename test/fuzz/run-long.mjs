#!/usr/bin/env node
// `npm run test:fuzz`: the property tests of properties.test.mjs with many more runs, and a fresh
// seed each time unless CHARTER_FUZZ_SEED is set (CI sets one), so successive runs explore different
// documents. The runs are split over CHARTER_FUZZ_SHARDS (default 2) processes that run in parallel:
// shard i runs its share of every property's runs from seeds of its own (derived from the seed, the
// shard and the property), so a given seed always checks the same documents. counterexamples.test.mjs
// runs in shard 0.
//
// Default: 2,450 runs per property, about 102,000 generated documents (each checked by its property;
// the fix and clean properties' documents by (a) and (b) too). Measured 2026-11-27 on 2 cores, seed
// 20261127: 102,074 documents in 6.2 min wall, 631 s CPU (about 6 ms per document), with another
// test suite running alongside. The script counts the documents that passed every check (each shard
// writes its counts to a report file after each property; a progress line a minute), and fails when
// the default run checked fewer than 100,000. CHARTER_FUZZ_RUNS (runs per property, all shards
// together) overrides the count, and then no minimum applies. The seed and a replay command are
// printed first; a failing shard's own replay command at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DEFAULT_RUNS = 2450;
const MIN_DOCUMENTS = 100_000;
const runs = process.env.CHARTER_FUZZ_RUNS ?? String(DEFAULT_RUNS);
const seed = process.env.CHARTER_FUZZ_SEED ?? String(Date.now() % 2147483647);
const shards = Number.parseInt(process.env.CHARTER_FUZZ_SHARDS ?? '2', 10);
if (!(shards >= 1)) throw new Error(`CHARTER_FUZZ_SHARDS=${process.env.CHARTER_FUZZ_SHARDS}: expected a positive integer`);
const minimum = process.env.CHARTER_FUZZ_RUNS === undefined ? MIN_DOCUMENTS : 0;

const replay = `CHARTER_FUZZ_RUNS=${runs} CHARTER_FUZZ_SEED=${seed}${shards === 2 ? '' : ` CHARTER_FUZZ_SHARDS=${shards}`} npm run test:fuzz`;
console.log(`fuzz: ${runs} runs per property over ${shards} parallel shards, seed ${seed}`);
console.log(`fuzz: replay: ${replay}`);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'charter-fuzz-'));
const started = performance.now();
const children = new Set();
// Stopped (Ctrl-C, a CI timeout): stop the shards too, which stop their test processes.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    rmSync(tmp, { recursive: true, force: true });
    process.exit(1);
  });
}

/** Runs one shard; resolves to its exit code, its report (or undefined) and its replay command. */
function runShard(shard) {
  const report = path.join(tmp, `shard-${shard}.json`);
  const files = [path.join(here, 'properties.test.mjs'), ...(shard === 0 ? [path.join(here, 'counterexamples.test.mjs')] : [])];
  const env = { ...process.env, CHARTER_FUZZ_RUNS: runs, CHARTER_FUZZ_SEED: seed, CHARTER_FUZZ_SHARD: `${shard}/${shards}`, CHARTER_FUZZ_REPORT: report };
  const child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...files], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const prefix = shards > 1 ? `[shard ${shard}] ` : '';
  for (const [stream, out] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      for (const line of lines) out.write(`${prefix}${line}\n`);
    });
    stream.on('end', () => pending && out.write(`${prefix}${pending}\n`));
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const counts = countsOf(shard);
      const command = `CHARTER_FUZZ_RUNS=${runs} CHARTER_FUZZ_SEED=${seed} CHARTER_FUZZ_SHARD=${shard}/${shards} node --test ${files.map((f) => path.relative(repo, f)).join(' ')}`;
      resolve({ shard, code: code ?? (signal ? 1 : 0), counts, command });
    });
  });
}

/** The counts a shard has written so far (after each property), or undefined. */
function countsOf(shard) {
  try {
    return JSON.parse(readFileSync(path.join(tmp, `shard-${shard}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

// A line a minute, so a CI log shows the run is alive (the test output comes per family).
const progress = setInterval(() => {
  const counts = Array.from({ length: shards }, (_, shard) => countsOf(shard));
  const documents = counts.reduce((n, c) => n + (c?.documents ?? 0), 0);
  const done = counts.map((c, shard) => `shard ${shard}: ${c ? Object.keys(c.properties).length : 0} properties`).join(', ');
  console.log(`fuzz: ${((performance.now() - started) / 60_000).toFixed(1)} min, ${documents.toLocaleString('en-US')} documents checked (${done})`);
}, 60_000);
const results = await Promise.all(Array.from({ length: shards }, (_, shard) => runShard(shard)));
clearInterval(progress);
rmSync(tmp, { recursive: true, force: true });
const minutes = (performance.now() - started) / 60_000;

let failed = false;
let documents = 0;
let organizations = 0;
for (const r of results) {
  if (r.code !== 0) {
    failed = true;
    console.log(`fuzz: shard ${r.shard} FAILED (exit ${r.code}); replay it alone: ${r.command}`);
  }
  if (!r.counts) {
    failed = true;
    console.log(`fuzz: shard ${r.shard} wrote no counts`);
    continue;
  }
  documents += r.counts.documents;
  organizations += r.counts.organizations;
}
const properties = results[0]?.counts ? Object.keys(results[0].counts.properties).length : 0;
console.log(`fuzz: ${documents.toLocaleString('en-US')} generated documents (${organizations.toLocaleString('en-US')} organizations, ${properties} properties) passed every check, in ${minutes.toFixed(1)} min, seed ${seed}`);
if (documents < minimum) {
  failed = true;
  console.log(`fuzz: fewer than the ${minimum.toLocaleString('en-US')} documents a default run must check`);
}
if (failed) console.log(`fuzz: FAILED; replay the whole run: ${replay}`);
process.exit(failed ? 1 : 0);
