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
