// SPEC §1/§4: files that are not open are linted too, so changes on disk (reported through
// workspace/didChangeWatchedFiles) must reach the diagnostics: new, changed and deleted charters,
// and .charterlintrc.yaml (rules, ignores) that the editor and the CLI share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { CLIENT_CAPABILITIES, examplesWorkspace, modelPath, startOnExamples, startServer, summarize, yaml } from './lsp-client.mjs';

const TIMEOUT = { timeout: 20000 };
// A lint takes well under a second; waits for an expected publish fail after this long.
const WAIT = 3000;
const Created = 1;
const Changed = 2;
const Deleted = 3;
const has = (code) => (diagnostics) => diagnostics.some((d) => d.code === code);
const lacks = (code) => (diagnostics) => !diagnostics.some((d) => d.code === code);

const LATAM = yaml`
  # LATAM sales team.
  charter: Northwind Sales — LATAM
  roles:
    - id: rsm-latam
      role: regional-sales-manager
      scope: {region: LATAM}
      reports_to: hoss
      responsibilities:
        - regional-sales-plan
`;

test('a charter created on disk is linted once the client reports it; deleting it clears it', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const org = client.uri('org.charter.yaml');
  assert.ok(has('uncovered-region')(client.latest.get(org).params.diagnostics), 'LATAM starts uncovered');

  const mark = client.mark();
  fs.writeFileSync(client.file('latam.charter.yaml'), LATAM);
  client.watchedFilesChanged([['latam.charter.yaml', Created]]);
  const latam = client.uri('latam.charter.yaml');
  const params = await client.waitForDiagnostics(latam, has('unknown-reference'), WAIT, { since: mark });
  assert.equal(params.diagnostics.filter((d) => d.code === 'missing-responsibility').length, 4, `[${summarize(params.diagnostics)}]`);
  // The new file joins the organization: it covers LATAM now.
  await client.waitForDiagnostics(org, lacks('uncovered-region'), WAIT, { since: mark });

  const mark2 = client.mark();
  fs.rmSync(client.file('latam.charter.yaml'));
  client.watchedFilesChanged([['latam.charter.yaml', Deleted]]);
  await client.waitForDiagnostics(latam, (d) => d.length === 0, WAIT, { since: mark2 });
  await client.waitForDiagnostics(org, has('uncovered-region'), WAIT, { since: mark2 });
});

test('a charter changed on disk while not open is re-linted when the client reports the change', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const americas = client.uri('americas.charter.yaml');
  const mark = client.mark();
  const disk = fs.readFileSync(client.file('americas.charter.yaml'), 'utf8');
  // As after a `git pull`: the file changes on disk, the editor never opened it.
  fs.writeFileSync(client.file('americas.charter.yaml'), disk.replace('reports_to: hso', 'reports_to: hos'));
  client.watchedFilesChanged([['americas.charter.yaml', Changed]]);
  const fixed = await client.waitForDiagnostics(americas, lacks('unknown-reference'), WAIT, { since: mark });
  assert.ok(has('missing-responsibility')(fixed.diagnostics), `[${summarize(fixed.diagnostics)}]`);
});

test('a change on disk to an open charter does not replace the editor text', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  // emea is open with unsaved text (the duplicate removed).
  const emea = client.open('emea.charter.yaml');
  const version = client.replace(emea, '      - regional-market-insights       # MISTAKE: listed twice\n', '');
  await client.waitForDiagnostics(emea, (d, p) => p.version === version && lacks('duplicate-responsibility')(d));
  const emeaDisk = fs.readFileSync(client.file('emea.charter.yaml'), 'utf8');
  fs.writeFileSync(client.file('emea.charter.yaml'), emeaDisk.replace('reports_to: hos', 'reports_to: nobody'));
  client.watchedFilesChanged([['emea.charter.yaml', Changed]]);
  // Force a re-analysis of the organization through another open document, then look at emea.
  const org = client.open('org.charter.yaml');
  await client.waitForDiagnostics(org, (d, p) => p.version === 1);
  const orgVersion = client.replace(org, 'Dana Whitfield', 'Dana Whitfield-Ng');
  await client.waitForDiagnostics(org, (d, p) => p.version === orgVersion);
  // The organization was re-analysed with the disk change in; emea is republished only if its
  // findings changed (issue #15), so its latest diagnostics are the ones to judge.
  const latest = client.latest.get(emea).params;
  assert.equal(latest.version, version, 'diagnostics of an open document carry its version');
  assert.ok(lacks('unknown-reference')(latest.diagnostics) && lacks('duplicate-responsibility')(latest.diagnostics), `emea shows the disk text instead of the buffer: [${summarize(latest.diagnostics)}]`);
  assert.ok(has('territory-overlap')(latest.diagnostics));
});

test('changing .charterlintrc.yaml rules on disk re-lints never-opened files with the new severities', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const americas = client.uri('americas.charter.yaml');
  const apac = client.uri('apac.charter.yaml');
  assert.ok(has('missing-responsibility')(client.latest.get(americas).params.diagnostics));
  assert.ok(has('missing-responsibility')(client.latest.get(apac).params.diagnostics));

  const mark = client.mark();
  fs.writeFileSync(client.file('.charterlintrc.yaml'), yaml`
    files: ['**/*.charter.{yaml,yml}']
    model: sales-leadership
    rules:
      missing-responsibility: off
      non-canonical-responsibility: error
  `);
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  const a = await client.waitForDiagnostics(americas, lacks('missing-responsibility'), WAIT, { since: mark });
  assert.ok(has('unknown-reference')(a.diagnostics), `other rules stay on: [${summarize(a.diagnostics)}]`);
  const p = await client.waitForDiagnostics(apac, lacks('missing-responsibility'), WAIT, { since: mark });
  const nonCanonical = p.diagnostics.find((d) => d.code === 'non-canonical-responsibility');
  assert.equal(nonCanonical?.severity, 1, `non-canonical-responsibility is now an error: [${summarize(p.diagnostics)}]`);

  // Back to the defaults: they come back.
  const mark2 = client.mark();
  fs.writeFileSync(client.file('.charterlintrc.yaml'), "files: ['**/*.charter.{yaml,yml}']\n");
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  await client.waitForDiagnostics(americas, has('missing-responsibility'), WAIT, { since: mark2 });
});

test('`ignores` in .charterlintrc.yaml takes a file out: its diagnostics are cleared', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const apac = client.uri('apac.charter.yaml');
  const mark = client.mark();
  // The examples' config already ignores a folder of its own (shared-model/): add to that list.
  const configFile = client.file('.charterlintrc.yaml');
  const config = fs.readFileSync(configFile, 'utf8');
  const ignoring = /^ignores: \[(.*)\]$/m;
  fs.writeFileSync(configFile, ignoring.test(config) ? config.replace(ignoring, (_, list) => `ignores: [${list}, 'apac.charter.yaml']`) : `${config}ignores: ['apac.charter.yaml']\n`);
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  await client.waitForDiagnostics(apac, (d) => d.length === 0, WAIT, { since: mark });
  // rsm-apac is gone from the organization: the Head of Sales' overlap no longer names it.
  const org = await client.waitForDiagnostics(
    client.uri('org.charter.yaml'),
    (d) => d.some((x) => x.code === 'responsibility-overlap' && !(x.relatedInformation ?? []).some((r) => r.location.uri === apac)),
    WAIT,
    { since: mark },
  );
  assert.ok(org);
});

test('an invalid .charterlintrc.yaml is reported on the config file, and fixing it recovers', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const config = client.uri('.charterlintrc.yaml');
  const good = fs.readFileSync(client.file('.charterlintrc.yaml'), 'utf8');
  const mark = client.mark();
  fs.writeFileSync(client.file('.charterlintrc.yaml'), 'rules:\n  no-such-rule: error\n');
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  const params = await client.waitForDiagnostics(config, (d) => d.length > 0, WAIT, { since: mark });
  assert.equal(params.diagnostics[0].severity, 1);
  assert.match(params.diagnostics[0].message, /no-such-rule/);
  assert.ok(client.alive);

  const mark2 = client.mark();
  fs.writeFileSync(client.file('.charterlintrc.yaml'), good);
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  await client.waitForDiagnostics(config, (d) => d.length === 0, WAIT, { since: mark2 });
  // Republished only if they changed: the latest diagnostics count.
  await client.waitForDiagnostics(client.uri('americas.charter.yaml'), has('unknown-reference'), WAIT);
});

test('a role-model file changed on disk re-lints the organization that uses it', TIMEOUT, async (t) => {
  const model = fs.readFileSync(modelPath, 'utf8');
  const client = await startOnExamples(t, {
    'models/team.roles.yaml': model,
    '.charterlintrc.yaml': "files: ['**/*.charter.{yaml,yml}']\nmodel: ./models/team.roles.yaml\n",
  });
  const americas = client.uri('americas.charter.yaml');
  const before = client.latest.get(americas).params.diagnostics;
  assert.ok(before.some((d) => d.code === 'missing-responsibility' && /regional-business-development/.test(d.message)), `setup: [${summarize(before)}]`);

  const mark = client.mark();
  // The team's own model no longer requires regional-business-development of a regional manager.
  const changed = model.replace(/(\n {6}- regional-market-insights)\n {6}- regional-business-development\n/, '$1\n');
  assert.notEqual(changed, model);
  fs.writeFileSync(client.file('models/team.roles.yaml'), changed);
  client.watchedFilesChanged([['models/team.roles.yaml', Changed]]);
  const after = await client.waitForDiagnostics(americas, lacks('missing-responsibility'), WAIT, { since: mark });
  assert.ok(has('unknown-reference')(after.diagnostics), `[${summarize(after.diagnostics)}]`);
});

test('`files` in .charterlintrc.yaml decides which files are charters, in the editor too', TIMEOUT, async (t) => {
  const client = await startOnExamples(t, {
    'teams/nordics.team.yaml': 'charter: Nordics\nroles:\n  - id: rsm-nordics\n    role: regional-sales-manager\n    scope: {region: Nordics}\n    reports_to: hoss\n',
  });
  const nordics = client.uri('teams/nordics.team.yaml');
  assert.equal(client.latest.has(nordics), false, 'not a charter under the default globs');
  const mark = client.mark();
  fs.writeFileSync(client.file('.charterlintrc.yaml'), "files: ['**/*.charter.yaml', 'teams/*.team.yaml']\n");
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  const params = await client.waitForDiagnostics(nordics, has('unknown-reference'), WAIT, { since: mark });
  assert.ok(params.diagnostics.some((d) => d.code === 'missing-responsibility'));
  // It joined the organization: Nordics lies inside rsm-emea's EMEA.
  assert.ok(has('territory-overlap')(params.diagnostics), `[${summarize(params.diagnostics)}]`);

  const mark2 = client.mark();
  fs.writeFileSync(client.file('.charterlintrc.yaml'), "files: ['teams/*.team.yaml']\n");
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  // The example charters are no longer charters: their diagnostics are cleared.
  for (const f of ['org.charter.yaml', 'emea.charter.yaml']) await client.waitForDiagnostics(client.uri(f), (d) => d.length === 0, WAIT, { since: mark2 });
});

test('deleting an open charter on disk keeps linting its buffer until it is closed', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const uri = client.open('americas.charter.yaml');
  await client.waitForDiagnostics(uri, (d, p) => p.version === 1);
  fs.rmSync(client.file('americas.charter.yaml'));
  client.watchedFilesChanged([['americas.charter.yaml', Deleted]]);
  // A later edit of the still-open buffer must still be linted.
  const version = client.replace(uri, 'Marcus Lee', 'Marcus Lee-Park');
  const params = await client.waitForDiagnostics(uri, (d, p) => p.version === version, WAIT);
  assert.ok(has('unknown-reference')(params.diagnostics), `the open buffer is still a charter: [${summarize(params.diagnostics)}]`);
  const mark = client.mark();
  client.close(uri);
  await client.waitForDiagnostics(uri, (d) => d.length === 0, WAIT, { since: mark });
});

test('a client that sends no file events still sees a charter changed on disk (the server compares the files when idle)', TIMEOUT, async (t) => {
  const root = examplesWorkspace();
  const capabilities = { ...CLIENT_CAPABILITIES, workspace: { ...CLIENT_CAPABILITIES.workspace, didChangeWatchedFiles: undefined } };
  const client = await startServer(root, { t, capabilities });
  const emea = client.uri('emea.charter.yaml');
  await client.waitForDiagnostics(emea, lacks('unknown-reference'), WAIT);
  const mark = client.mark();
  const text = fs.readFileSync(client.file('emea.charter.yaml'), 'utf8');
  fs.writeFileSync(client.file('emea.charter.yaml'), text.replace('reports_to: hos', 'reports_to: nobody'));
  // No event is sent: the change is found by the server's own look at the disk, within seconds.
  await client.waitForDiagnostics(emea, has('unknown-reference'), 10000, { since: mark });
});
