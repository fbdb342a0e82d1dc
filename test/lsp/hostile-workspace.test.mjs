// Hostile and unlucky workspaces against the language server (dist/server.js, bundled first):
// configs and charters that are FIFOs or links to /dev/zero (at start and through watched-file
// events), Markdown and HTML in a charter's text reaching hover, and an organization that must
// be dropped once the editor no longer needs it. The server must answer in time throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileUri, rangeOf, startOnExamples, startServer, tmpDir, withTimeout, writeFiles, yaml } from './lsp-client.mjs';

const require = createRequire(import.meta.url);
const TIMEOUT = { timeout: 30000 };
const BOUND_MS = 5000;
/** From spawning the server to its answer to `initialize` (a second or two on a loaded machine). */
const START_BOUND_MS = 10000;
const Changed = 2;

const hasMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const needsFifo = { ...TIMEOUT, skip: hasMkfifo ? false : 'mkfifo is missing' };

/** Replaces (or creates) `file` with something that is not a regular file. */
function makeHostile(file, kind) {
  fs.rmSync(file, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (kind === 'fifo') execFileSync('mkfifo', [file]);
  else fs.symlinkSync('/dev/zero', file);
}

const ORG = yaml`
  charter: Acme Sales
  regions: [EMEA]
  external: [ceo]
  roles:
    - id: hos
      role: head-of-sales
      scope: organization
      reports_to: ceoo
`;

/** Starts a server and measures how long `initialize` took to answer. */
async function timedStart(root, t) {
  const started = Date.now();
  const client = await startServer(root, { t });
  return { client, initializeMs: Date.now() - started };
}

for (const kind of ['zero', 'fifo']) {
  const what = kind === 'zero' ? 'linked to /dev/zero' : 'that is a FIFO';
  test(`a nested .charterlintrc.yaml ${what}: initialize answers in < 10 s from spawn, its error is shown on it, the other files are linted`, kind === 'fifo' ? needsFifo : TIMEOUT, async (t) => {
    const root = writeFiles(tmpDir(), { 'org.charter.yaml': ORG, 'teams/team.charter.yaml': 'charter: Acme Sales — team\n' });
    makeHostile(path.join(root, 'teams', '.charterlintrc.yaml'), kind);
    // A charter of the same kind at the top: the walk skips it without opening it.
    makeHostile(path.join(root, 'zero.charter.yaml'), kind);
    const { client, initializeMs } = await timedStart(root, t);
    assert.ok(initializeMs < START_BOUND_MS, `initialize took ${initializeMs} ms`);
    t.diagnostic(`initialize answered in ${initializeMs} ms`);
    const org = await client.waitForDiagnostics(client.uri('org.charter.yaml'), (d) => d.some((x) => x.code === 'unknown-reference'), BOUND_MS);
    assert.ok(org.diagnostics.length > 0);
    const config = await client.waitForDiagnostics(client.uri('teams/.charterlintrc.yaml'), (d) => d.length > 0, BOUND_MS);
    assert.match(config.diagnostics[0].message, /not a regular file/);
    assert.ok(!config.diagnostics[0].message.includes(root), `no absolute path: ${config.diagnostics[0].message}`);
    assert.equal(client.latest.get(client.uri('zero.charter.yaml')), undefined, 'the /dev/zero or FIFO charter gets nothing');
    // The server still answers.
    const uri = client.open('org.charter.yaml');
    const hover = await withTimeout(client.hover(uri, rangeOf(ORG, 'hos').start), BOUND_MS, 'hover');
    assert.ok(hover);
    assert.ok(client.alive);
  });

  test(`a watched-file event for a charter replaced by a ${kind === 'zero' ? '/dev/zero link' : 'FIFO'}: it drops out and the server answers a request in < 5 s`, kind === 'fifo' ? needsFifo : TIMEOUT, async (t) => {
    const client = await startOnExamples(t);
    const americas = client.uri('americas.charter.yaml');
    assert.ok(client.latest.get(americas).params.diagnostics.length > 0, 'americas starts with findings');
    const mark = client.mark();
    makeHostile(client.file('americas.charter.yaml'), kind);
    client.watchedFilesChanged([['americas.charter.yaml', Changed]]);
    const org = client.open('org.charter.yaml');
    const started = Date.now();
    const hover = await withTimeout(client.hover(org, rangeOf(client.text(org), 'head-of-sales').start), BOUND_MS, 'hover after the event');
    assert.ok(hover, 'hover answered');
    assert.ok(Date.now() - started < BOUND_MS);
    t.diagnostic(`hover answered ${Date.now() - started} ms after the event`);
    await client.waitForDiagnostics(americas, (d) => d.length === 0, BOUND_MS, { since: mark });
    // The organization lost a file: rsm-na was americas' role, nobody covers North America now.
    await client.waitForDiagnostics(org, (d) => d.some((x) => x.code === 'uncovered-region' && /North America/.test(x.message)), BOUND_MS, { since: mark });
    assert.ok(client.alive);
  });
}

test('a watched-file event for a .charterlintrc.yaml replaced by a /dev/zero link: its error is shown on it and the server answers a request in < 5 s', TIMEOUT, async (t) => {
  const client = await startOnExamples(t);
  const mark = client.mark();
  makeHostile(client.file('.charterlintrc.yaml'), 'zero');
  client.watchedFilesChanged([['.charterlintrc.yaml', Changed]]);
  const org = client.open('org.charter.yaml');
  const hover = await withTimeout(client.hover(org, rangeOf(client.text(org), 'head-of-sales').start), BOUND_MS, 'hover after the event');
  assert.ok(hover, 'hover answered');
  const config = await client.waitForDiagnostics(client.uri('.charterlintrc.yaml'), (d) => d.length > 0, BOUND_MS, { since: mark });
  assert.match(config.diagnostics[0].message, /\.charterlintrc\.yaml.*not a regular file/);
  assert.ok(client.alive);
});

// ── Hover Markdown ──────────────────────────────────────────────────────────────────────────────

const EVIL_HOLDER = '[x](http://evil) <img src=x onerror=alert(1)> `tick` **bold** # head';
const EVIL_REGION = '<b>EMEA</b>[r](http://evil)';

/** Renders Markdown as VS Code's hover would (HTML allowed, bare links made links). */
function render(markdown) {
  const MarkdownIt = require('markdown-it');
  return new MarkdownIt({ html: true, linkify: true }).render(markdown);
}

function assertInert(markdown, what) {
  const html = render(markdown);
  assert.doesNotMatch(html, /<a\b|<img\b|<b>|<h\d|<script/i, `${what}: the charter's text became Markup\n${markdown}\n---\n${html}`);
  return html;
}

test('hover escapes Markdown and HTML in holder, role id, region and free text: no link, image or tag reaches the editor', TIMEOUT, async (t) => {
  const text = yaml`
    charter: Acme Sales
    regions: ["${EVIL_REGION}"]
    external: [ceo]
    roles:
      - id: hos
        role: head-of-sales
        holder: "${EVIL_HOLDER}"
        scope: organization
        reports_to: ceo
        responsibilities: ["[click](http://evil) <img src=x>"]
      - id: rsm
        role: regional-sales-manager
        holder: Kim
        scope: {region: "${EVIL_REGION}"}
        reports_to: hos
      - id: xr
        role: regional-sales-manager
        scope: organization
        reports_to: "\`\` <img src=x onerror=alert(1)> \`](http://evil)"
  `;
  const root = writeFiles(tmpDir(), { 'org.charter.yaml': text });
  const client = await startServer(root, { t });
  const uri = client.open('org.charter.yaml', text);
  await client.waitForDiagnostics(uri);
  const at = (needle, occurrence = 0) => {
    const { start } = rangeOf(text, needle, { occurrence });
    return { line: start.line, character: start.character + 1 };
  };
  const holder = await client.hover(uri, at('hos', 0));
  assert.ok(holder?.contents?.value.includes('Holder:'), JSON.stringify(holder));
  const html = assertInert(holder.contents.value, 'role id hover (holder)');
  // Shown as written, as text.
  assert.ok(html.includes('[x](http://evil) &lt;img src=x onerror=alert(1)&gt; `tick` **bold** # head'), html);
  const region = await client.hover(uri, at(EVIL_REGION, 0));
  assert.ok(region, 'hover on the region declaration');
  assert.ok(assertInert(region.contents.value, 'region hover').includes('&lt;b&gt;EMEA&lt;/b&gt;[r](http://evil)'));
  const scope = await client.hover(uri, at('rsm', 0));
  assertInert(scope.contents.value, 'role id hover (region scope)');
  // Backticks in an id cannot close its code span early.
  const manager = await client.hover(uri, at('xr'));
  assert.ok(manager?.contents?.value.includes('Reports to:'), JSON.stringify(manager));
  const managerHtml = assertInert(manager.contents.value, 'role id hover (reports_to with backticks)');
  assert.ok(managerHtml.includes('<code>`` &lt;img src=x onerror=alert(1)&gt; `](http://evil)</code>'), managerHtml);
  const free = await client.hover(uri, at('[click]'));
  assert.ok(free, 'hover on the free-text entry');
  assertInert(free.contents.value, 'free-text hover');
});

test('hover and completion escape a role model\'s titles and descriptions too (a model file is workspace text)', TIMEOUT, async (t) => {
  const model = yaml`
    model: tiny
    title: Tiny
    scopes: [organization]
    responsibilities:
      deal-desk:
        title: "Deal <img src=x onerror=alert(1)>"
        scope: organization
        description: "- [steal](http://evil) <script>alert(1)</script>"
      pipeline-review:
        title: Pipeline review
        scope: organization
        description: "1. <img src=x onerror=alert(1)> [x](http://evil)"
    roles:
      sales-lead:
        title: "Lead [x](http://evil)"
        scope: organization
        description: "# <img src=x onerror=alert(1)>"
        reports_to: [external]
        requires: [deal-desk]
  `;
  const charter = yaml`
    charter: Tiny Co
    model: ./tiny.roles.yaml
    external: [ceo]
    roles:
      - id: lead
        role: sales-lead
        scope: organization
        reports_to: ceo
        responsibilities:
          - deal-desk
  `;
  const root = writeFiles(tmpDir(), { 'tiny.roles.yaml': model, 'org.charter.yaml': charter });
  const client = await startServer(root, { t });
  const uri = client.open('org.charter.yaml', charter);
  await client.waitForDiagnostics(uri);
  const at = (needle) => {
    const { start } = rangeOf(charter, needle);
    return { line: start.line, character: start.character + 1 };
  };
  const type = await client.hover(uri, at('sales-lead'));
  assert.ok(type?.contents?.value.includes('Lead'), JSON.stringify(type));
  assertInert(type.contents.value, 'role type hover');
  const duty = await client.hover(uri, at('deal-desk'));
  assert.ok(duty?.contents?.value.includes('Deal'), JSON.stringify(duty));
  assertInert(duty.contents.value, 'responsibility hover');
  // Completion of responsibility ids shows the model's description as documentation.
  client.insert(uri, client.end(uri), '      - ');
  const items = await client.completion(uri, client.end(uri));
  const list = Array.isArray(items) ? items : items?.items ?? [];
  const documented = list.filter((i) => i.documentation);
  assert.ok(documented.length > 0, `completion with documentation: ${JSON.stringify(list)}`);
  for (const item of documented) assertInert(item.documentation.value ?? item.documentation, `completion ${item.label}`);
});

// ── Organizations the server no longer needs ────────────────────────────────────────────────────

test('a charter opened from outside every workspace folder: closing it clears its diagnostics and drops its organization', TIMEOUT, async (t) => {
  const workspace = writeFiles(tmpDir(), { 'org.charter.yaml': ORG });
  const outside = writeFiles(tmpDir(), { 'stray.charter.yaml': ORG });
  const client = await startServer(workspace, { t });
  await client.waitForDiagnostics(client.uri('org.charter.yaml'));
  const roots = async () => (await client.request('orgCharter/organizations')).organizations.map((o) => o.root);
  assert.deepEqual(await roots(), [workspace]);

  const stray = fileUri(path.join(outside, 'stray.charter.yaml'));
  client.open(stray, ORG);
  await client.waitForDiagnostics(stray, (d) => d.some((x) => x.code === 'unknown-reference'));
  assert.deepEqual((await roots()).sort(), [outside, workspace].sort());

  const mark = client.mark();
  client.close(stray);
  await client.waitForDiagnostics(stray, (d) => d.length === 0, BOUND_MS, { since: mark });
  assert.deepEqual(await roots(), [workspace], 'the stray organization is dropped');
  // Closing a workspace file keeps its organization (the folder still holds it).
  const inside = client.open('org.charter.yaml');
  await client.waitForDiagnostics(inside, () => true, BOUND_MS, { since: mark });
  client.close(inside);
  assert.deepEqual(await roots(), [workspace]);
  const after = await client.waitForDiagnostics(inside, (d) => d.length > 0, BOUND_MS);
  assert.ok(after.diagnostics.length > 0, 'a workspace file stays linted after it closes');
});
