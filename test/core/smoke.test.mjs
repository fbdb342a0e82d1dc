import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, yaml, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../helpers.mjs';

test('a complete, consistent organization has no findings', () => {
  const findings = lint(yaml`
    charter: Acme Sales
    regions: [EMEA, APAC]
    external: [ceo]
    roles:
      - id: hos
        role: head-of-sales
        scope: organization
        reports_to: ceo
        responsibilities: [${HOS_RESPONSIBILITIES.join(', ')}]
      - id: rsm-emea
        role: regional-sales-manager
        scope: {region: EMEA}
        reports_to: hos
        responsibilities: [${RSM_RESPONSIBILITIES.join(', ')}]
      - id: rsm-apac
        role: regional-sales-manager
        scope: {region: APAC}
        reports_to: hos
        responsibilities: [${RSM_RESPONSIBILITIES.join(', ')}]
  `);
  assert.deepEqual(findings.map((f) => `${f.line} ${f.rule}`), []);
});

test('analyzeInSteps pauses after each file and each rule, and ends with what analyze returns', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const { core, repoRoot } = await import('../helpers.mjs');
  const dir = path.join(repoRoot, 'examples');
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.charter.yaml')).map((name) => ({ path: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') }));
  assert.ok(files.length >= 2, 'the example organization has several files');
  const steps = core.analyzeInSteps({ files });
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  assert.equal(pauses, files.length + core.RULES.length, 'one pause per file parsed and per rule run');
  const whole = core.analyze({ files });
  const plain = (result) => JSON.stringify([...result.findings]);
  assert.ok(whole.findings.size === files.length && [...whole.findings.values()].some((list) => list.length > 0), 'the examples have findings');
  assert.equal(plain(step.value), plain(whole), 'the same findings, in the same order');
});
