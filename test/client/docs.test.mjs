// Rule docs offline first (client/src/docs.ts): a diagnostic's code link to a rule page on the web
// is rewritten to a command link (orgCharter.openRuleDocs) that opens the page shipped inside the
// extension (docs/rules/<id>.md, in the .vsix) in the Markdown preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { core, repoRoot } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const { localDocsHref, ruleIdOfDocsUrl, OPEN_RULE_DOCS_COMMAND } = require('../../client/out/docs.js');

/** The command and arguments of a `command:` link, as VS Code's command opener reads them. */
function commandOf(href) {
  const url = new URL(href);
  assert.equal(url.protocol, 'command:');
  return { command: url.pathname, args: JSON.parse(decodeURIComponent(url.search.slice(1))) };
}
const shippedRule = (id) => fs.existsSync(path.join(repoRoot, 'docs', 'rules', `${id}.md`));

test('ruleIdOfDocsUrl: the rule id of a rule page address, nothing for other addresses', () => {
  assert.equal(ruleIdOfDocsUrl('https://example.org/x/blob/main/docs/rules/unknown-role.md'), 'unknown-role');
  assert.equal(ruleIdOfDocsUrl('https://example.org/docs/rules/schema.md#fix'), 'schema');
  assert.equal(ruleIdOfDocsUrl('https://example.org/docs/rules/README.md'), undefined);
  assert.equal(ruleIdOfDocsUrl('https://example.org/docs/other/schema.md'), undefined);
  assert.equal(ruleIdOfDocsUrl('https://example.org/docs/rules/schema.md.bak'), undefined);
});

test('localDocsHref: every rule page the server links to opens through the command, with the web page as fallback', () => {
  assert.equal(OPEN_RULE_DOCS_COMMAND, 'orgCharter.openRuleDocs');
  assert.ok(core.RULES.length > 5);
  for (const rule of core.RULES) {
    const id = rule.meta.id;
    const href = core.docsUrl(id);
    assert.ok(shippedRule(id), `docs/rules/${id}.md exists (it ships in the .vsix)`);
    const local = localDocsHref(href, shippedRule);
    assert.deepEqual(commandOf(local), { command: OPEN_RULE_DOCS_COMMAND, args: [id, href] }, id);
    assert.doesNotMatch(local, /[\s"'<>]/, 'the link is URI-encoded');
  }
});

test('localDocsHref: a page the extension does not ship, or another address, is left as it is', () => {
  const missing = core.docsUrl('no-such-rule');
  assert.equal(localDocsHref(missing, shippedRule), missing);
  assert.equal(localDocsHref('https://example.org/elsewhere', () => true), 'https://example.org/elsewhere');
  assert.equal(localDocsHref(core.docsUrl('schema'), () => false), core.docsUrl('schema'));
});
