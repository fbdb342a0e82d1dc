// The HTML report (SPEC §3 `--format html`) as a browser renders it: the CLI writes the report for
// examples/, headless Debian Chromium (playwright-core) opens the file, and the tests read the rendered
// DOM: the org chart's role boxes, the responsibility matrix's marked cells, and that the page asks for
// nothing but itself (self-contained). A full-page screenshot goes to test-results/report.png.
//
// Skipped when /usr/bin/chromium (or $CHROMIUM) is missing; `bash test/e2e/setup.sh` installs it.
//
// examples/ (see the `# MISTAKE` comments there) gives:
//   roles                  hos, rsm-emea, rsm-dach (emea), rsm-apac (apac), rsm-na (americas)
//   rsm-na                 `reports_to: hso` -> unknown-reference error; lacks regional-business-development
//   rsm-apac               owns sales-strategy -> responsibility-out-of-scope
//   all five roles         own key-account-relationships -> responsibility-overlap
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliPath, repoRoot } from '../helpers.mjs';
import { chromiumPath, launchChromium, startFailure } from '../e2e/lib/vscode-server.mjs';

const ROLES = ['hos', 'rsm-emea', 'rsm-dach', 'rsm-apac', 'rsm-na'];
const SCREENSHOT = path.join(repoRoot, 'test-results', 'report.png');

const skip = fs.existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath} (run bash test/e2e/setup.sh, or set CHROMIUM)`;

test('html report: rendered in Chromium, the org chart and the matrix show the examples\u2019 findings', { skip, timeout: 90000 }, async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-report-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // ---- the CLI writes the report -------------------------------------------------------------------
  const output = path.join(tmp, 'report.html');
  const t0 = Date.now();
  const cli = spawnSync(process.execPath, [cliPath, 'examples/', '--format', 'html', '--output', output],
    { cwd: repoRoot, encoding: 'utf8', timeout: 20000 });
  const describe = `exit ${cli.status}\nstdout: ${cli.stdout}\nstderr: ${cli.stderr}`;
  assert.equal(cli.status, 1, `examples/ has lint errors, so exit 1\n${describe}`);
  assert.equal(cli.stdout, '', `--output FILE: nothing on stdout\n${describe}`);
  assert.ok(fs.existsSync(output), `the report was written to ${output}\n${describe}`);
  t.diagnostic(`CLI: ${Date.now() - t0} ms, ${fs.statSync(output).size} bytes`);

  // ---- Chromium renders it -------------------------------------------------------------------------
  const t1 = Date.now();
  const { context, page, close } = await launchChromium({ viewport: { width: 1400, height: 900 } }, {
    onRetry: (error) => t.diagnostic(`Chromium did not start, trying again:\n${startFailure(error)}`),
  });
  t.after(close);
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const url = pathToFileURL(output).href;
  const response = await page.goto(url, { waitUntil: 'load', timeout: 15000 });
  assert.ok(response === null || response.ok(), `loaded ${url}`);
  t.diagnostic(`Chromium: launched and loaded in ${Date.now() - t1} ms`);

  // Everything at once from the rendered DOM, so a failure shows the whole picture.
  const dom = await page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
    const svg = document.querySelector('svg.chart');
    const roles = [...document.querySelectorAll('svg.chart g.role')].map((g) => ({
      id: g.getAttribute('data-role'),
      classes: [...g.classList],
      title: g.querySelector('title')?.textContent ?? '',
      rect: box(g.querySelector('rect')),
    }));
    const table = document.querySelector('table.matrix');
    const columns = table ? [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent.trim()) : [];
    const cells = [];
    for (const tr of table ? table.querySelectorAll('tbody tr') : []) {
      const rowhead = tr.querySelector('th.rowhead');
      // the row head is the role id followed by a <div class="muted"> with its type and scope
      const role = rowhead ? rowhead.firstChild.textContent.trim() : '';
      [...tr.querySelectorAll('td')].forEach((td, i) => cells.push({ role, responsibility: columns[i], cls: td.className }));
    }
    return {
      chart: svg ? box(svg) : null,
      roles,
      columns,
      cells,
      unowned: table ? table.querySelectorAll('th.unowned').length : -1,
      findingsRows: document.querySelectorAll('table.findings tbody tr[data-file][data-line][data-character]').length,
      scripts: document.scripts.length,
    };
  });

  // the org chart: one box per role, each drawn (non-empty, inside the chart, no two on top of each other)
  assert.ok(dom.chart, 'an svg.chart');
  assert.deepEqual(dom.roles.map((r) => r.id).sort(), [...ROLES].sort(), `one g.role per role: ${JSON.stringify(dom.roles.map((r) => r.id))}`);
  for (const r of dom.roles) {
    assert.ok(r.rect.w > 0 && r.rect.h > 0, `${r.id}'s box is drawn: ${JSON.stringify(r.rect)}`);
    const c = dom.chart;
    assert.ok(r.rect.x >= c.x - 1 && r.rect.y >= c.y - 1 && r.rect.x + r.rect.w <= c.x + c.w + 1 && r.rect.y + r.rect.h <= c.y + c.h + 1,
      `${r.id}'s box lies inside the chart: ${JSON.stringify(r.rect)} in ${JSON.stringify(c)}`);
  }
  for (const [i, a] of dom.roles.entries()) {
    for (const b of dom.roles.slice(i + 1)) {
      const apart = a.rect.x + a.rect.w <= b.rect.x || b.rect.x + b.rect.w <= a.rect.x || a.rect.y + a.rect.h <= b.rect.y || b.rect.y + b.rect.h <= a.rect.y;
      assert.ok(apart, `boxes of ${a.id} and ${b.id} do not overlap: ${JSON.stringify(a.rect)} ${JSON.stringify(b.rect)}`);
    }
  }
  const role = (id) => dom.roles.find((r) => r.id === id);
  assert.ok(role('rsm-na').classes.includes('error'), `rsm-na (unknown-reference) has class error: ${role('rsm-na').classes.join(' ')}`);
  assert.match(role('rsm-na').title, /hso/, 'its tooltip names the unknown reference');
  for (const id of ['rsm-emea', 'rsm-dach', 'rsm-apac']) {
    assert.ok(role(id).rect.y > role('hos').rect.y, `${id} (reports to hos) is drawn below hos`);
  }

  // the responsibility matrix
  const cell = (roleId, responsibility) => {
    const found = dom.cells.filter((c) => c.role === roleId && c.responsibility === responsibility);
    assert.equal(found.length, 1, `one matrix cell ${roleId} × ${responsibility} (rows: ${[...new Set(dom.cells.map((c) => c.role))].join(', ')}; columns: ${dom.columns.join(', ')})`);
    return found[0].cls;
  };
  for (const id of ROLES) assert.equal(cell(id, 'key-account-relationships'), 'overlap', `${id} × key-account-relationships is an overlap`);
  assert.equal(cell('rsm-na', 'regional-business-development'), 'missing', 'rsm-na lacks regional-business-development');
  assert.equal(cell('rsm-apac', 'sales-strategy'), 'out-of-scope', 'sales-strategy is broader than rsm-apac\u2019s scope');
  assert.equal(cell('hos', 'sales-strategy'), 'owned', 'the Head of Sales owns sales-strategy');
  assert.equal(dom.unowned, 0, 'every responsibility has an owner: no th.unowned');
  assert.ok(dom.findingsRows > 0, 'the findings table has rows with data-file/line/character');
  assert.equal(dom.scripts, 0, 'the report runs no scripts');

  // self-contained: the page asked for nothing but its own file: URL
  assert.deepEqual([...new Set(requests)], [url], `only the report itself was requested: ${JSON.stringify(requests)}`);

  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  assert.ok(fs.statSync(SCREENSHOT).size > 0, `screenshot at ${SCREENSHOT}`);
  t.diagnostic(`total: ${Date.now() - t0} ms; screenshot ${path.relative(repoRoot, SCREENSHOT)}`);
});
