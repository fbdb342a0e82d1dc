// Rule docs offline first (client/src/docs.ts): a diagnostic's code link to a rule page on the web
// is rewritten to the page shipped inside the extension (docs/rules/<id>.md, in the .vsix).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { core, repoRoot } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const { localDocsHref, ruleIdOfDocsUrl } = require('../../client/out/docs.js');

const extensionRoot = 'file:///home/u/.vscode/extensions/org-charter-lint.org-charter-lint-0.1.0';
const shippedRule = (id) => fs.existsSync(path.join(repoRoot, 'docs', 'rules', `${id}.md`));

test('ruleIdOfDocsUrl: the rule id of a rule page address, nothing for other addresses', () => {
  assert.equal(ruleIdOfDocsUrl('https://example.org/x/blob/main/docs/rules/unknown-role.md'), 'unknown-role');
  assert.equal(ruleIdOfDocsUrl('https://example.org/docs/rules/schema.md#fix'), 'schema');
  assert.equal(ruleIdOfDocsUrl('https://example.org/docs/rules/README.md'), undefined);
  assert.equal(ruleIdOfDocsUrl('https://example.org/docs/other/schema.md'), undefined);
  assert.equal(ruleIdOfDocsUrl('https://example.org/docs/rules/schema.md.bak'), undefined);
});

test('localDocsHref: every rule page the server links to opens from the extension folder', () => {
  assert.ok(core.RULES.length > 5);
  for (const rule of core.RULES) {
    const id = rule.meta.id;
    const href = core.docsUrl(id);
    assert.ok(shippedRule(id), `docs/rules/${id}.md exists (it ships in the .vsix)`);
    assert.equal(localDocsHref(href, extensionRoot, shippedRule), `${extensionRoot}/docs/rules/${id}.md`, id);
    assert.equal(localDocsHref(href, `${extensionRoot}/`, shippedRule), `${extensionRoot}/docs/rules/${id}.md`, 'a trailing slash is not doubled');
  }
});

test('localDocsHref: a page the extension does not ship, or another address, is left as it is', () => {
  const missing = core.docsUrl('no-such-rule');
  assert.equal(localDocsHref(missing, extensionRoot, shippedRule), missing);
  assert.equal(localDocsHref('https://example.org/elsewhere', extensionRoot, () => true), 'https://example.org/elsewhere');
  assert.equal(localDocsHref(core.docsUrl('schema'), extensionRoot, () => false), core.docsUrl('schema'));
});
