// A config that gives a key twice (`rules:` twice, one rule id twice under `rules:`) is an invalid
// config (SPEC §3: exit 2, one line on stderr) whose message names the key, its mapping and both
// lines. It was once read silently, the first key winning and the second ignored. The editor's
// side of it is in test/lsp/config-duplicate-keys.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { run, project, cleanCharter, assertUsageError, describe, assertNoCrash } from './cli-util.mjs';

const cases = [
  {
    what: '`rules:` twice',
    text: 'rules:\n  uncovered-region: off\nrules:\n  missing-responsibility: off\n',
    message: /^charter-lint: invalid config \.charterlintrc\.yaml:3:1: "rules" is repeated \(first on line 1\)/,
  },
  {
    what: 'one rule id twice under `rules:`',
    text: 'files: ["**/*.charter.yaml"]\nrules:\n  uncovered-region: off\n  uncovered-region: error\n',
    message: /^charter-lint: invalid config \.charterlintrc\.yaml:4:3: "uncovered-region" is repeated in rules \(first on line 3\)/,
  },
  {
    what: 'one rule id twice in a flow mapping',
    text: 'rules: {uncovered-region: off, uncovered-region: off}\n',
    message: /^charter-lint: invalid config \.charterlintrc\.yaml:1:32: "uncovered-region" is repeated in rules \(first on line 1\)/,
  },
  {
    what: '`ignores:` twice (a second list appended below the first)',
    text: 'ignores:\n  - drafts/**\nmodel: sales-leadership\nignores:\n  - archive/**\n',
    message: /^charter-lint: invalid config \.charterlintrc\.yaml:4:1: "ignores" is repeated \(first on line 1\)/,
  },
];

for (const { what, text, message } of cases) {
  test(`a config with ${what} exits 2 naming the key and both lines`, () => {
    const dir = project({ '.charterlintrc.yaml': text, 'org.charter.yaml': cleanCharter() });
    assertUsageError(run([], { cwd: dir }), message);
  });
}

test('the same config is refused found upward, named by --config, or nested below the folder linted', () => {
  const text = 'rules:\n  uncovered-region: off\n  uncovered-region: error\n';
  const upward = project({ '.charterlintrc.yaml': text, 'team/t.charter.yaml': cleanCharter({ name: 'Team' }) });
  assertUsageError(run([], { cwd: path.join(upward, 'team') }), /\.\.\/\.charterlintrc\.yaml:3:3: "uncovered-region" is repeated in rules/);
  const named = project({ 'org.charter.yaml': cleanCharter(), 'ci-config.yaml': text });
  assertUsageError(run(['--config', 'ci-config.yaml'], { cwd: named }), /ci-config\.yaml:3:3: "uncovered-region" is repeated in rules/);
  const nested = project({ 'org.charter.yaml': cleanCharter(), 'partners/.charterlintrc.yaml': text, 'partners/p.charter.yaml': cleanCharter({ name: 'P' }) });
  assertUsageError(run([], { cwd: nested }), /partners\/\.charterlintrc\.yaml:3:3: "uncovered-region" is repeated in rules/);
});

test('merge keys may repeat: two `<<:` under rules are read, not refused; what they merge is still checked', () => {
  const text = 'rules:\n  <<: {uncovered-region: off}\n  <<: {non-canonical-responsibility: off}\n';
  const dir = project({ '.charterlintrc.yaml': text, 'org.charter.yaml': cleanCharter() });
  const r = run([], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 0, describe(r));
  assert.equal(r.stderr, '', describe(r));
  const misspelt = project({ '.charterlintrc.yaml': 'rules:\n  <<: {uncovered-regio: off}\n', 'org.charter.yaml': cleanCharter() });
  assertUsageError(run([], { cwd: misspelt }), /uncovered-regio/);
});
