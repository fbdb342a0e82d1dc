// The server's warm-up charter must exercise the code a real large file runs through: the
// chunked parse and most rules. If a model or rule change made it trivial, warming up would
// silently stop warming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { core } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const { warmUpCharter, warmUp } = require('../../server/out/lsp/warm-up.js');

test('the warm-up charter is parsed in chunks and triggers many rules', () => {
  const text = warmUpCharter(80, -1);
  const result = core.analyze({ files: [{ path: '/warm-up/org.charter.yaml', text }] });
  assert.ok(result.files[0].chunkCache, 'large enough for the chunked parse');
  const rules = new Set(result.findings.get('/warm-up/org.charter.yaml').map((finding) => finding.rule));
  for (const rule of ['schema', 'missing-responsibility', 'non-canonical-responsibility', 'responsibility-out-of-scope', 'unknown-reference', 'territory-overlap', 'unknown-role-type']) {
    assert.ok(rules.has(rule), `warm-up reaches ${rule} (got ${[...rules].join(', ')})`);
  }
});

test('warming up does not throw and leaves nothing behind', () => {
  warmUp();
  const edited = warmUpCharter(80, 7);
  assert.notEqual(edited, warmUpCharter(80, -1), 'the edited rounds differ from the first');
});
