#!/usr/bin/env node
// `npm run test:fuzz`: the property tests with more runs and a fresh seed each time, so successive
// CI runs explore different documents. CHARTER_FUZZ_RUNS (runs per property, default 150, about
// 4,500+ documents and a few minutes on 2 cores) and CHARTER_FUZZ_SEED override; the seed is
// printed so a failure can be replayed.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = process.env.CHARTER_FUZZ_RUNS ?? '150';
const seed = process.env.CHARTER_FUZZ_SEED ?? String(Date.now() % 2147483647);
console.log(`fuzz: ${runs} runs per property, seed ${seed} (replay: CHARTER_FUZZ_RUNS=${runs} CHARTER_FUZZ_SEED=${seed} npm run test:fuzz)`);
const result = spawnSync(process.execPath, ['--test', path.join(here, 'properties.test.mjs'), path.join(here, 'counterexamples.test.mjs')], {
  stdio: 'inherit',
  env: { ...process.env, CHARTER_FUZZ_RUNS: runs, CHARTER_FUZZ_SEED: seed },
});
process.exit(result.status ?? 1);
