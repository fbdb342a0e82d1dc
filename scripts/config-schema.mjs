// Writes the `rules` of schemas/charterlintrc.schema.json from the core's rule list: one property
// per rule id, with the rule's description, so the config schema completes and documents every
// rule id and a new rule cannot be forgotten (test/cli/config-schema.test.mjs checks they agree).
// Run after `tsc -b`: node scripts/config-schema.mjs [--check]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { RULES } = require(path.join(repo, 'server/out/core/rules/index.js'));
const schemaPath = path.join(repo, 'schemas/charterlintrc.schema.json');

/** The `rules` property of the config schema, as the rule list makes it. */
export function rulesSchema() {
  const severity = { $ref: '#/definitions/severity' };
  return {
    type: 'object',
    description: 'Rule severities by rule id: off, hint, info, warning or error.',
    markdownDescription: 'Rule severities by rule id: `off`, `hint`, `info`, `warning` or `error`.',
    properties: Object.fromEntries(
      RULES.map((rule) => [
        rule.meta.id,
        { ...severity, description: `${rule.meta.description} Default: ${rule.meta.defaultSeverity}.`, markdownDescription: `${rule.meta.description} Default: \`${rule.meta.defaultSeverity}\`.` },
      ]),
    ),
    additionalProperties: false,
  };
}

export function generated(current) {
  return {
    ...current,
    properties: { ...current.properties, rules: rulesSchema() },
    definitions: {
      severity: {
        type: 'string',
        enum: ['off', 'hint', 'info', 'warning', 'error'],
        description: 'Severity of the rule, or off.',
        markdownDescription: 'Severity of the rule, or `off`.',
      },
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const current = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  const text = `${JSON.stringify(generated(current), null, 2)}\n`;
  if (process.argv.includes('--check')) {
    if (fs.readFileSync(schemaPath, 'utf8') !== text) {
      console.error('schemas/charterlintrc.schema.json is out of date: run node scripts/config-schema.mjs');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(schemaPath, text);
  }
}
