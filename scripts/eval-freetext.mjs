#!/usr/bin/env node
// Evaluates the offline free-text responsibility matcher against the labelled statements in
// test/freetext/statements.jsonl (run `npx tsc -b` first; `npm run eval:freetext` does both).
//
// A prediction is the confidently matched id, or null (none) when the matcher is not confident.
// For each split (dev, heldout, and the later fresh sets; see test/freetext/README.md) separately it
// prints accuracy, macro-F1 over the labels (null counted as a class of its own), per-label
// precision / recall / F1 and the confusions, then the time of 10,000 matches.
//
//   node scripts/eval-freetext.mjs                 every split
//   node scripts/eval-freetext.mjs --split dev     one split only (tune on dev, report on the others)
//   node scripts/eval-freetext.mjs --json          machine-readable summary
//   node scripts/eval-freetext.mjs --file other.jsonl   another statement file, same format

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const STATEMENTS = resolve(root, 'test/freetext/statements.jsonl');
const NONE = '(none)';

export async function loadCore() {
  return import(pathToFileURL(resolve(root, 'server/out/core/index.js')).href);
}

export function loadStatements(file = STATEMENTS) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const s = JSON.parse(line);
      if (typeof s.text !== 'string' || !['organization', 'region'].includes(s.scope) || !(s.label === null || typeof s.label === 'string')) {
        throw new Error(`${file}:${i + 1}: expected {text, scope: organization|region, label: id|null, split, source}`);
      }
      return s;
    });
}

/** Runs the matcher on each statement: [{...statement, predicted}] (predicted is an id or null). */
export function predict(core, model, statements) {
  return statements.map((s) => ({ ...s, predicted: core.matchResponsibility(s.text, model, s.scope).id ?? null }));
}

/** Accuracy, macro-F1 (null as a class) and per-label precision/recall/F1 of predicted rows. */
export function score(rows) {
  const key = (label) => label ?? NONE;
  const labels = [...new Set(rows.flatMap((r) => [key(r.label), key(r.predicted)]))].sort();
  const perLabel = {};
  for (const label of labels) {
    const tp = rows.filter((r) => key(r.label) === label && key(r.predicted) === label).length;
    const predicted = rows.filter((r) => key(r.predicted) === label).length;
    const gold = rows.filter((r) => key(r.label) === label).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = gold ? tp / gold : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[label] = { gold, predicted, tp, precision, recall, f1 };
  }
  const correct = rows.filter((r) => key(r.label) === key(r.predicted)).length;
  const f1s = Object.values(perLabel);
  return {
    n: rows.length,
    correct,
    accuracy: rows.length ? correct / rows.length : 0,
    macroF1: f1s.length ? f1s.reduce((sum, x) => sum + x.f1, 0) / f1s.length : 0,
    // Off-model text wrongly matched, and model text left unmatched: the two costly mistakes.
    falseMatches: rows.filter((r) => r.label === null && r.predicted !== null).length,
    missed: rows.filter((r) => r.label !== null && r.predicted === null).length,
    perLabel,
    confusions: rows.filter((r) => key(r.label) !== key(r.predicted)),
  };
}

/** Scores each split of the statement file ('dev', 'heldout', 'fresh') and all together. */
export async function evaluate({ file = STATEMENTS, splits } = {}) {
  const core = await loadCore();
  const { model } = core.loadBuiltinModel('sales-leadership');
  const rows = predict(core, model, loadStatements(file));
  const result = {};
  for (const split of splits ?? splitsOf(rows)) result[split] = score(rows.filter((r) => r.split === split));
  result.all = score(rows);
  return result;
}

/** The splits present, in file order. */
export function splitsOf(rows) {
  return [...new Set(rows.map((r) => r.split ?? 'all'))];
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;

function printSplit(name, s) {
  console.log(`\n== ${name}: ${s.n} statements ==`);
  console.log(`accuracy ${pct(s.accuracy)} (${s.correct}/${s.n})   macro-F1 ${s.macroF1.toFixed(3)}   off-model text matched: ${s.falseMatches}   model text unmatched: ${s.missed}`);
  console.log('label                           gold  pred  precision  recall   F1');
  for (const [label, x] of Object.entries(s.perLabel)) {
    console.log(`${label.padEnd(31)} ${String(x.gold).padStart(4)}  ${String(x.predicted).padStart(4)}   ${pct(x.precision).padStart(7)}  ${pct(x.recall).padStart(7)}  ${x.f1.toFixed(2)}`);
  }
  if (s.confusions.length) {
    console.log('confusions (gold -> predicted):');
    for (const r of s.confusions) console.log(`  ${r.label ?? NONE} -> ${r.predicted ?? NONE}  [${r.scope}] ${JSON.stringify(r.text)}`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = option('--file') ? resolve(option('--file')) : STATEMENTS;
  const splits = option('--split') ? [option('--split')] : splitsOf(loadStatements(file));
  const result = await evaluate({ file, splits });
  if (args.includes('--json')) {
    const brief = (s) => ({ n: s.n, accuracy: s.accuracy, macroF1: s.macroF1, falseMatches: s.falseMatches, missed: s.missed });
    console.log(JSON.stringify(Object.fromEntries(Object.entries(result).filter(([k]) => splits.includes(k)).map(([k, s]) => [k, brief(s)])), null, 2));
    return;
  }
  for (const split of splits) printSplit(split, result[split]);
  // Speed: the matcher runs on every free-text entry of every charter on each keystroke.
  const core = await loadCore();
  const { model } = core.loadBuiltinModel('sales-leadership');
  const texts = loadStatements(file).map((s) => [s.text, s.scope]);
  for (let i = 0; i < 1000; i++) core.matchResponsibility(texts[i % texts.length][0], model, texts[i % texts.length][1]); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < 10000; i++) core.matchResponsibility(texts[i % texts.length][0], model, texts[i % texts.length][1]);
  console.log(`\n10,000 matches in ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`);
  console.log(`\nsummary: ${splits.map((k) => `${k} accuracy ${pct(result[k].accuracy)} macro-F1 ${result[k].macroF1.toFixed(3)}`).join(' | ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
