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

/** Everything the tests read from the rendered report, at once, so a failure shows the whole picture. */
function readReport(page) {
  return page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
    const chart = document.querySelector('div.chart');
    const roles = [...document.querySelectorAll('div.chart .role')].map((el) => ({
      id: el.getAttribute('data-role'),
      classes: [...el.classList],
      title: el.getAttribute('title') ?? '',
      rect: box(el),
      place: { file: el.dataset.file, line: el.dataset.line, character: el.dataset.character },
      fontSizes: [...el.querySelectorAll('div')].map((d) => parseFloat(getComputedStyle(d).fontSize)),
      text: el.innerText,
    }));
    const table = document.querySelector('table.matrix');
    const columns = table ? [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent.trim()) : [];
    const headers = table ? [...table.querySelectorAll('thead th span')].map((span) => {
      const th = span.parentElement;
      return { id: span.textContent, span: box(span), th: box(th), clipped: th.scrollHeight > th.clientHeight + 1 || th.scrollWidth > th.clientWidth + 1 };
    }) : [];
    const cells = [];
    for (const tr of table ? table.querySelectorAll('tbody tr') : []) {
      const rowhead = tr.querySelector('th.rowhead');
      // the row head is the role id followed by a <div class="muted"> with its type and scope
      const role = rowhead ? rowhead.firstChild.textContent.trim() : '';
      [...tr.querySelectorAll('td')].forEach((td, i) => cells.push({ role, responsibility: columns[i], cls: td.className }));
    }
    const scroller = table?.closest('.scroll');
    return {
      viewport: window.innerWidth,
      pageWidth: document.documentElement.scrollWidth,
      chart: chart ? box(chart) : null,
      roles,
      columns,
      headers,
      cells,
      matrixScroll: scroller ? { client: scroller.clientWidth, scroll: scroller.scrollWidth, overflowX: getComputedStyle(scroller).overflowX } : null,
      unowned: table ? table.querySelectorAll('th.unowned').length : -1,
      findingsRows: document.querySelectorAll('table.findings tbody tr[data-file][data-line][data-character]').length,
      scripts: document.scripts.length,
      summary: document.querySelector('p.summary')?.textContent ?? '',
    };
  });
}

function assertBoxesDrawnApart(dom) {
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
}

/** Each role box carries the place the editor opens on a click: its file and the line of its id. */
function assertRolesClickable(dom) {
  for (const r of dom.roles) {
    assert.match(r.place.file ?? '', /\.charter\.yaml$/, `${r.id}'s box names its file`);
    const text = fs.readFileSync(path.resolve(repoRoot, r.place.file), 'utf8').split('\n')[Number(r.place.line)] ?? '';
    assert.equal(text.slice(Number(r.place.character), Number(r.place.character) + r.id.length), r.id, `${r.id}'s box points at its id: ${JSON.stringify(r.place)}`);
  }
}

function writeReport(t, args = []) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-report-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const output = path.join(tmp, 'report.html');
  const cli = spawnSync(process.execPath, [cliPath, 'examples/', '--format', 'html', '--output', output, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 20000 });
  assert.ok(fs.existsSync(output), `the report was written: exit ${cli.status}\n${cli.stderr}`);
  return output;
}

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

  const dom = await readReport(page);

  // the org chart: one box per role, each drawn (non-empty, inside the chart, no two on top of each other)
  assert.ok(dom.chart, 'a div.chart');
  assert.deepEqual(dom.roles.map((r) => r.id).sort(), [...ROLES].sort(), `one .role box per role: ${JSON.stringify(dom.roles.map((r) => r.id))}`);
  assertBoxesDrawnApart(dom);
  const role = (id) => dom.roles.find((r) => r.id === id);
  assert.ok(role('rsm-na').classes.includes('error'), `rsm-na (unknown-reference) has class error: ${role('rsm-na').classes.join(' ')}`);
  assert.match(role('rsm-na').title, /hso/, 'its tooltip names the unknown reference');
  for (const id of ['rsm-emea', 'rsm-dach', 'rsm-apac']) {
    assert.ok(role(id).rect.y > role('hos').rect.y, `${id} (reports to hos) is drawn below hos`);
  }
  // Wide enough, the three regional managers of hos sit side by side in one row.
  assert.equal(new Set(['rsm-emea', 'rsm-dach', 'rsm-apac'].map((id) => Math.round(role(id).rect.y))).size, 1, 'hos\u2019s reports share a row at 1400 px');
  assertRolesClickable(dom);
  assert.match(dom.summary, /1 error, 12 warnings, 2 info, 0 hints/);

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

test('html report at 420 px (beside the editor): the org chart is one column of readable boxes, nothing wider than the page, matrix headers whole', { skip, timeout: 90000 }, async (t) => {
  const output = writeReport(t);
  const { page, close } = await launchChromium({ viewport: { width: 420, height: 900 } }, {
    onRetry: (error) => t.diagnostic(`Chromium did not start, trying again:\n${startFailure(error)}`),
  });
  t.after(close);
  await page.goto(pathToFileURL(output).href, { waitUntil: 'load', timeout: 15000 });
  const dom = await readReport(page);
  assert.deepEqual(dom.roles.map((r) => r.id).sort(), [...ROLES].sort());
  assertBoxesDrawnApart(dom);
  // One column: no two boxes share a row.
  for (const [i, a] of dom.roles.entries()) {
    for (const b of dom.roles.slice(i + 1)) {
      assert.ok(a.rect.y + a.rect.h <= b.rect.y + 1 || b.rect.y + b.rect.h <= a.rect.y + 1, `${a.id} and ${b.id} are in one column: ${JSON.stringify(a.rect)} ${JSON.stringify(b.rect)}`);
    }
  }
  for (const r of dom.roles) {
    assert.ok(r.rect.x >= 0 && r.rect.x + r.rect.w <= dom.viewport, `${r.id}'s box fits the 420 px page: ${JSON.stringify(r.rect)}`);
    assert.ok(Math.min(...r.fontSizes) >= 12, `${r.id}'s text is at least 12 px (not scaled down): ${r.fontSizes.join(', ')}`);
    assert.match(r.text, /Regional Sales Manager|Head of Sales/, `${r.id}'s box shows its role type`);
  }
  assert.ok(dom.pageWidth <= dom.viewport, `the page does not scroll sideways: ${dom.pageWidth} px in ${dom.viewport}`);
  // The matrix scrolls inside its own box; every column header shows its whole id.
  assert.equal(dom.matrixScroll?.overflowX, 'auto');
  assert.equal(dom.headers.length, 14);
  for (const h of dom.headers) {
    assert.ok(!h.clipped, `header ${h.id} is not clipped`);
    assert.ok(h.span.h <= h.th.h + 1 && h.span.w <= h.th.w + 1, `header ${h.id} fits its cell: ${JSON.stringify(h)}`);
  }
  assertRolesClickable(dom);
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-420.png'), fullPage: true });
});

test('html report summary counts every severity it lists: a hint is counted as a hint, and the counts add up to the findings', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-report-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  const config = path.join(dir, '.charterlintrc.yaml');
  const before = fs.readFileSync(config, 'utf8');
  fs.writeFileSync(config, /^rules:/m.test(before) ? before.replace(/^rules:\n/m, 'rules:\n  uncovered-region: hint\n') : `${before}\nrules:\n  uncovered-region: hint\n`);
  const cli = spawnSync(process.execPath, [cliPath, '.', '--format', 'html'], { cwd: dir, encoding: 'utf8', timeout: 20000 });
  const summary = /<p class="summary">([^<]*)<\/p>/.exec(cli.stdout)?.[1] ?? '';
  assert.match(summary, /1 error, 11 warnings, 2 info, 1 hint\./, `${summary}\n${cli.stderr}`);
  const listed = (cli.stdout.match(/<tr class="(error|warning|info|hint)" data-file/g) ?? []).length;
  const counted = [...summary.matchAll(/(\d+) (error|warning|info|hint)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  assert.equal(counted, listed, 'the summary counts every listed finding');
});

// Issue #13 item 5: in the editor's webview the org chart zooms and pans. The webview injects the
// server's CHART_SCRIPT (server/src/report/html.ts); here Chromium at 500 px runs it on the CLI's
// report. The CLI's own file has no script, so its controls stay hidden.
test('html report at 500 px with the webview\u2019s chart script: zoom buttons, Ctrl+wheel, keys and drag zoom and pan the org chart', { skip, timeout: 90000 }, async (t) => {
  const { createRequire } = await import('node:module');
  const { CHART_SCRIPT } = createRequire(import.meta.url)(path.join(repoRoot, 'server', 'out', 'report', 'html.js'));
  const output = writeReport(t);
  const { page, close } = await launchChromium({ viewport: { width: 500, height: 700 } }, {
    onRetry: (error) => t.diagnostic(`Chromium did not start, trying again:\n${startFailure(error)}`),
  });
  t.after(close);
  await page.goto(pathToFileURL(output).href, { waitUntil: 'load', timeout: 15000 });
  assert.equal(await page.evaluate(() => document.querySelector('.chart-tools').hidden), true, 'without the script (the CLI file) the controls are hidden');
  await page.evaluate((source) => { const s = document.createElement('script'); s.textContent = source; document.body.append(s); }, CHART_SCRIPT);
  const state = () => page.evaluate(() => {
    const chart = document.querySelector('.chart');
    const tools = document.querySelector('.chart-tools');
    const role = chart.querySelector('.role').getBoundingClientRect();
    return {
      hidden: tools.hidden,
      tools: tools.getBoundingClientRect().toJSON(),
      buttons: [...tools.querySelectorAll('button')].map((b) => ({ label: b.getAttribute('aria-label') ?? b.textContent, w: b.getBoundingClientRect().width, right: b.getBoundingClientRect().right })),
      level: tools.querySelector('.zoom-level').textContent,
      zoom: Number(chart.dataset.zoom ?? 1),
      roleWidth: role.width,
      scroll: { left: chart.scrollLeft, top: chart.scrollTop, w: chart.scrollWidth, h: chart.scrollHeight, cw: chart.clientWidth, ch: chart.clientHeight },
      chartRect: chart.getBoundingClientRect().toJSON(),
      pageWidth: document.documentElement.scrollWidth,
      focusable: chart.tabIndex,
    };
  });
  const start = await state();
  assert.equal(start.hidden, false, 'the script shows the controls');
  assert.equal(start.level, '100%');
  assert.equal(start.focusable, 0, 'the chart takes the keyboard focus');
  assert.ok(start.pageWidth <= 500, `nothing wider than the 500 px page: ${start.pageWidth}`);
  for (const b of start.buttons) assert.ok(b.right <= 500 && b.w >= 24, `button ${b.label} is on the page and large enough: ${JSON.stringify(b)}`);

  // Buttons: Zoom in scales the boxes (the layout of 100 % is kept), the chart scrolls inside its box.
  await page.click('button[data-zoom="in"]');
  await page.click('button[data-zoom="in"]');
  const zoomed = await state();
  assert.equal(zoomed.zoom, 1.56);
  assert.equal(zoomed.level, '156%');
  assert.ok(Math.abs(zoomed.roleWidth - start.roleWidth * 1.56) < 3, `boxes scale with the zoom: ${start.roleWidth} -> ${zoomed.roleWidth}`);
  assert.ok(zoomed.scroll.w > zoomed.scroll.cw, 'zoomed in, the chart is wider than its box and pans');
  assert.ok(zoomed.pageWidth <= 500, `the page itself still does not scroll sideways: ${zoomed.pageWidth}`);

  // Drag on the background pans.
  const before = zoomed.scroll.left;
  // a point of the chart's background (not a role box), from the right half so the drag stays inside
  const [x, y] = await page.evaluate(() => {
    const r = document.querySelector('.chart').getBoundingClientRect();
    for (let py = r.y + 10; py < r.bottom - 20; py += 8) {
      for (let px = r.right - 30; px > r.x + r.width / 2; px -= 8) {
        const el = document.elementFromPoint(px, py);
        if (el && el.closest('.chart') && !el.closest('.role')) return [px, py];
      }
    }
    return [r.right - 30, r.y + 10];
  });
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 120, y, { steps: 4 });
  await page.mouse.up();
  const dragged = await state();
  assert.ok(dragged.scroll.left > before + 50, `dragging left pans right: ${before} -> ${dragged.scroll.left} ${JSON.stringify(zoomed.scroll)} ${await page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.outerHTML.slice(0, 80), [x, y])}`);

  // Keyboard: focus the chart; 0 resets, + zooms in, arrows pan, − zooms out.
  await page.focus('.chart');
  await page.keyboard.press('0');
  assert.equal((await state()).zoom, 1);
  await page.keyboard.press('+');
  assert.equal((await state()).zoom, 1.25);
  const keyLeft = (await state()).scroll.left;
  await page.keyboard.press('ArrowRight');
  assert.ok((await state()).scroll.left > keyLeft, 'ArrowRight pans');
  await page.keyboard.press('-');
  assert.equal((await state()).zoom, 1);
  // Tab reaches the buttons; Enter on Zoom out zooms out.
  await page.focus('button[data-zoom="out"]');
  await page.keyboard.press('Enter');
  assert.equal((await state()).zoom, 0.8);
  await page.click('button[data-zoom="reset"]');

  // Ctrl+wheel zooms (about the pointer); a plain wheel does not.
  const rect = (await state()).chartRect;
  await page.mouse.move(rect.x + rect.width / 2, rect.y + 40);
  await page.mouse.wheel(0, 100);
  assert.equal((await state()).zoom, 1, 'a plain wheel scrolls, it does not zoom');
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  assert.equal((await state()).zoom, 1.1, 'Ctrl+wheel up zooms in');
  await page.click('button[data-zoom="fit"]');
  const fit = await state();
  assert.ok(fit.scroll.w <= fit.scroll.cw + 1 && fit.scroll.h <= fit.scroll.ch + 1, `Fit shows the whole chart: ${JSON.stringify(fit.scroll)}`);
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-500-zoom.png'), fullPage: true });
});
