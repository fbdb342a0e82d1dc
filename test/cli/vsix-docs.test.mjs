// The rule pages the editor opens offline (docs/rules/** inside the .vsix, opened in the Markdown
// preview) link only to pages the .vsix holds too: a relative link that leaves the shipped files
// would open nothing. (docs/rules/invalid-model.md links to ../models.md, so that page is shipped.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../helpers.mjs';

const require = createRequire(import.meta.url);

/** The relative link targets of a Markdown text, without their #fragment; web and mail links left out. */
function relativeLinks(markdown) {
  return [...markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)]
    .map((m) => m[1])
    .filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('#'))
    .map((href) => decodeURIComponent(href.replace(/#.*$/, '')));
}

test('every relative link of a shipped rule page leads to a file the .vsix holds', { timeout: 60000 }, async () => {
  const vsce = require('@vscode/vsce');
  const files = new Set(await vsce.listFiles({ cwd: repoRoot, packageManager: vsce.PackageManager.None }));
  const pages = [...files].filter((f) => f.startsWith('docs/rules/') && f.endsWith('.md'));
  assert.ok(pages.length > 20, `the rule pages are shipped (${pages.length})`);
  const broken = [];
  let checked = 0;
  for (const page of pages) {
    for (const href of relativeLinks(fs.readFileSync(path.join(repoRoot, page), 'utf8'))) {
      checked++;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), href));
      if (!files.has(target)) broken.push(`${page} -> ${href}`);
    }
  }
  assert.ok(checked > 20, `the pages' links were found (${checked})`);
  assert.deepEqual(broken, [], 'links to files the .vsix does not hold');
});
