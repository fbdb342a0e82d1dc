#!/usr/bin/env node
// Evaluates the offline free-text responsibility matcher against labelled statements (run
// `npx tsc -b` first; `npm run eval:freetext` does both). See test/freetext/README.md.
//
// Parts, each reported separately:
//   - test/freetext/statements.jsonl: the first, paraphrased set, by split (dev, heldout, fresh,
//     fresh2, fresh3): the regression floor;
//   - test/freetext/verbatim-dev.jsonl: verbatim statements from public job descriptions, tuned on;
//   - test/freetext/verbatim-sealed.jsonl, if present: the first sealed verbatim part (run once on
//     2026-12-01, now a regression set);
//   - test/freetext/verbatim-sealed2.jsonl, if present: the second sealed part, collected before
//     this session's tuning and run once at its end (see test/freetext/README.md).
//
// Old statements carry `label` (an id or null), verbatim ones `labels` (ids, several for a text
// naming several duties) and `kind` (duty, requirement, other). The prediction is the matcher's
// `ids` (empty when it is not confident). Per part: accuracy (predicted id set == gold id set),
// macro-F1 over the labels (none counted as a class of its own), abstention (statements with labels
// that got no id), precision of answered statements (answered ones that are exactly right), false
// matches on requirement/other text, requirement text flagged notDuty, per-label precision / recall
// / F1 and the confusion pairs; then the time of 10,000 matches.
//
//   node scripts/eval-freetext.mjs                       every part and split
//   node scripts/eval-freetext.mjs --split dev           one split or part only (dev, verbatim-dev, ...)
//   node scripts/eval-freetext.mjs --json                machine-readable summary
//   node scripts/eval-freetext.mjs --file other.jsonl    another statement file, either format
//   node scripts/eval-freetext.mjs --errors              list every wrong statement, not only the pairs

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const STATEMENTS = resolve(root, 'test/freetext/statements.jsonl');
export const VERBATIM_DEV = resolve(root, 'test/freetext/verbatim-dev.jsonl');
export const VERBATIM_SEALED = resolve(root, 'test/freetext/verbatim-sealed.jsonl');
export const VERBATIM_SEALED2 = resolve(root, 'test/freetext/verbatim-sealed2.jsonl');
const NONE = '(none)';

export async function loadCore() {
  return import(pathToFileURL(resolve(root, 'server/out/core/index.js')).href);
}

/**
 * Reads a statement file. Every row gets `gold` (sorted ids, empty for none), `kind` (duty,
 * requirement or other; an old row with label null is 'other') and `split` (its own, or `part`).
 */
export function loadStatements(file = STATEMENTS, part) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const s = JSON.parse(line);
      const labels = Array.isArray(s.labels) ? s.labels : s.label === null || typeof s.label === 'string' ? (s.label === null ? [] : [s.label]) : undefined;
      if (typeof s.text !== 'string' || !['organization', 'region'].includes(s.scope) || !labels || !labels.every((l) => typeof l === 'string')) {
        throw new Error(`${file}:${i + 1}: expected {text, scope: organization|region, label: id|null or labels: [ids], split?, source}`);
      }
      const kind = typeof s.kind === 'string' ? s.kind : labels.length ? 'duty' : 'other';
      return { ...s, gold: [...new Set(labels)].sort(), kind, split: part ?? s.split ?? 'all' };
    });
}

/** Runs the matcher on each statement: [{...statement, predicted: ids (text order), notDuty}]. */
export function predict(core, model, statements) {
  return statements.map((s) => {
    const result = core.matchResponsibility(s.text, model, s.scope);
    return { ...s, predicted: result.ids ?? (result.id ? [result.id] : []), notDuty: result.notDuty };
  });
}

const setKey = (ids) => (ids.length ? [...ids].sort().join(' + ') : NONE);

/** Accuracy, macro-F1 (none as a class), abstention, precision of answered, per-label figures, confusions. */
export function score(rows) {
  const goldOf = (r) => (r.gold.length ? r.gold : [NONE]);
  const predOf = (r) => (r.predicted.length ? r.predicted : [NONE]);
  const labels = [...new Set(rows.flatMap((r) => [...goldOf(r), ...predOf(r)]))].sort();
  const perLabel = {};
  for (const label of labels) {
    const tp = rows.filter((r) => goldOf(r).includes(label) && predOf(r).includes(label)).length;
    const predicted = rows.filter((r) => predOf(r).includes(label)).length;
    const gold = rows.filter((r) => goldOf(r).includes(label)).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = gold ? tp / gold : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[label] = { gold, predicted, tp, precision, recall, f1 };
  }
  const right = (r) => setKey(r.gold) === setKey(r.predicted);
  const correct = rows.filter(right).length;
  const f1s = Object.values(perLabel);
  const labelled = rows.filter((r) => r.gold.length > 0);
  const answered = rows.filter((r) => r.predicted.length > 0);
  const offModel = rows.filter((r) => r.gold.length === 0);
  const requirements = rows.filter((r) => r.kind === 'requirement');
  const pairs = new Map();
  for (const r of rows.filter((x) => !right(x))) {
    const pair = `${setKey(r.gold)} -> ${setKey(r.predicted)}`;
    pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
  }
  return {
    n: rows.length,
    correct,
    accuracy: rows.length ? correct / rows.length : 0,
    macroF1: f1s.length ? f1s.reduce((sum, x) => sum + x.f1, 0) / f1s.length : 0,
    /** Statements with labels that got no id. */
    abstention: labelled.length ? labelled.filter((r) => r.predicted.length === 0).length / labelled.length : 0,
    /** Answered statements whose id set is exactly right. */
    answeredPrecision: answered.length ? answered.filter(right).length / answered.length : 1,
    answered: answered.length,
    // Off-model text (requirement or other) wrongly matched, and model text left unmatched.
    falseMatches: offModel.filter((r) => r.predicted.length > 0).length,
    offModel: offModel.length,
    missed: labelled.filter((r) => r.predicted.length === 0).length,
    labelled: labelled.length,
    requirements: requirements.length,
    requirementsFlagged: requirements.filter((r) => r.notDuty === 'requirement').length,
    perLabel,
    confusionPairs: [...pairs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    confusions: rows.filter((r) => !right(r)),
  };
}

/** The parts present: the old file (one entry per split) and the verbatim files that exist. */
export function defaultParts() {
  const parts = [{ file: STATEMENTS }];
  if (existsSync(VERBATIM_DEV)) parts.push({ file: VERBATIM_DEV, part: 'verbatim-dev' });
  if (existsSync(VERBATIM_SEALED)) parts.push({ file: VERBATIM_SEALED, part: 'verbatim-sealed' });
  if (existsSync(VERBATIM_SEALED2)) parts.push({ file: VERBATIM_SEALED2, part: 'verbatim-sealed2' });
  return parts;
}

/**
 * Scores each split and part. `all` is the old file's splits together (the regression floor's
 * summary), as before the verbatim parts existed.
 */
export async function evaluate({ file, splits } = {}) {
  const core = await loadCore();
  const { model } = core.loadBuiltinModel('sales-leadership');
  const parts = file ? [{ file }] : defaultParts();
  const result = {};
  let first;
  for (const { file: f, part } of parts) {
    const rows = predict(core, model, loadStatements(f, part));
    first ??= rows;
    for (const split of splitsOf(rows)) if (!splits || splits.includes(split)) result[split] = score(rows.filter((r) => r.split === split));
  }
  result.all = score(first ?? []);
  return result;
}

/** The splits present, in file order. */
export function splitsOf(rows) {
  return [...new Set(rows.map((r) => r.split))];
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;

function printSplit(name, s, errors) {
  console.log(`\n== ${name}: ${s.n} statements ==`);
  console.log(
    `accuracy ${pct(s.accuracy)} (${s.correct}/${s.n})   macro-F1 ${s.macroF1.toFixed(3)}   abstention ${pct(s.abstention)} (${s.missed}/${s.labelled})   ` +
      `precision of answered ${pct(s.answeredPrecision)} (${s.answered} answered)   false matches on requirement/other ${s.falseMatches}/${s.offModel}` +
      (s.requirements ? `   requirements flagged ${s.requirementsFlagged}/${s.requirements}` : ''),
  );
  console.log('label                           gold  pred  precision  recall   F1');
  for (const [label, x] of Object.entries(s.perLabel)) {
    console.log(`${label.padEnd(31)} ${String(x.gold).padStart(4)}  ${String(x.predicted).padStart(4)}   ${pct(x.precision).padStart(7)}  ${pct(x.recall).padStart(7)}  ${x.f1.toFixed(2)}`);
  }
  if (s.confusionPairs.length) {
    console.log('confusion pairs (gold -> predicted: count):');
    for (const [pair, count] of s.confusionPairs) console.log(`  ${pair}: ${count}`);
  }
  if (errors && s.confusions.length) {
    console.log('wrong statements:');
    for (const r of s.confusions) console.log(`  ${setKey(r.gold)} -> ${setKey(r.predicted)}  [${r.scope}${r.kind !== 'duty' ? `, ${r.kind}` : ''}] ${JSON.stringify(r.text)}`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = option('--file') ? resolve(option('--file')) : undefined;
  const only = option('--split');
  const result = await evaluate({ file, splits: only ? [only] : undefined });
  const splits = Object.keys(result).filter((k) => k !== 'all' && (!only || k === only));
  if (only && splits.length === 0) throw new Error(`no split or part named ${only}`);
  if (args.includes('--json')) {
    const brief = (s) => ({
      n: s.n,
      accuracy: s.accuracy,
      macroF1: s.macroF1,
      abstention: s.abstention,
      answeredPrecision: s.answeredPrecision,
      falseMatches: s.falseMatches,
      missed: s.missed,
      requirementsFlagged: s.requirementsFlagged,
      confusionPairs: s.confusionPairs,
    });
    console.log(JSON.stringify(Object.fromEntries(splits.map((k) => [k, brief(result[k])])), null, 2));
    return;
  }
  for (const split of splits) printSplit(split, result[split], args.includes('--errors') || !!only);
  // Speed: the matcher runs on every free-text entry of every charter on each keystroke.
  const core = await loadCore();
  const { model } = core.loadBuiltinModel('sales-leadership');
  const texts = (file ? [{ file }] : defaultParts()).flatMap(({ file: f }) => loadStatements(f)).map((s) => [s.text, s.scope]);
  for (let i = 0; i < 1000; i++) core.matchResponsibility(texts[i % texts.length][0], model, texts[i % texts.length][1]); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < 10000; i++) core.matchResponsibility(texts[i % texts.length][0], model, texts[i % texts.length][1]);
  console.log(`\n10,000 matches in ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms (${texts.length} statements in turn)`);
  console.log(`\nsummary:\n${splits.map((k) => `  ${k.padEnd(16)} accuracy ${pct(result[k].accuracy)}  macro-F1 ${result[k].macroF1.toFixed(3)}  abstention ${pct(result[k].abstention)}  precision of answered ${pct(result[k].answeredPrecision)}  false matches ${result[k].falseMatches}/${result[k].offModel}`).join('\n')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
