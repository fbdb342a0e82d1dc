// --format github: GitHub Actions workflow commands, one per finding, escaped by the runner's rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../helpers.mjs';
import { tmp, write, run, runJson, describe, assertNoCrash, flat, cleanCharter, yaml } from './cli-util.mjs';

const require = createRequire(import.meta.url);
const { escapeData, escapeProperty } = require(path.join(repoRoot, 'server/out/cli/formatters/github.js'));

/** The runner's reading of one command line: kind, properties (unescaped), message (unescaped). */
function parseCommand(line) {
  const match = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
  assert.ok(match, `not a workflow command: ${line}`);
  const unescapeData = (s) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unescapeProperty = (s) => unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  const properties = Object.fromEntries(match[2].split(',').map((p) => {
    const at = p.indexOf('=');
    return [p.slice(0, at), unescapeProperty(p.slice(at + 1))];
  }));
  return { kind: match[1], properties, message: unescapeData(match[3]) };
}

function examples() {
  const dir = tmp();
  fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
  return dir;
}

test('github: one command per finding, at the JSON report\'s places, 1-based, error/warning/notice by severity', () => {
  const dir = examples();
  const r = run(['--format', 'github'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 1, describe(r)); // the example organization has one error
  const { report } = runJson([], { cwd: dir });
  const expected = flat(report);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, expected.length, describe(r));
  const kinds = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
  lines.forEach((line, i) => {
    const { kind, properties, message } = parseCommand(line);
    const d = expected[i];
    assert.equal(kind, kinds[d.severity], line);
    assert.equal(properties.file, d.file);
    assert.equal(Number(properties.line), d.range.start.line + 1);
    assert.equal(Number(properties.endLine), d.range.end.line + 1);
    if (d.range.start.line === d.range.end.line) {
      assert.equal(Number(properties.col), d.range.start.character + 1);
      assert.ok(Number(properties.endColumn) > Number(properties.col), line);
    } else {
      assert.equal(properties.col, undefined, 'columns only on one-line annotations');
    }
    assert.equal(properties.title, `charter-lint ${d.rule}`);
    assert.equal(message, d.message);
  });
  assert.ok(lines.some((l) => l.startsWith('::notice ')), 'the info findings are notices');
});

test('github: a clean organization prints nothing and exits 0', () => {
  const dir = write(tmp(), { 'org.charter.yaml': cleanCharter() });
  const r = run(['--format', 'github'], { cwd: dir });
  assert.equal(r.status, 0, describe(r));
  assert.equal(r.stdout, '');
});

test('github: escaping by the runner\'s rules (%, CR, LF in messages; also : and , in properties)', () => {
  assert.equal(escapeData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
  assert.equal(escapeProperty('50% a\r\nb: c, d'), '50%25 a%0D%0Ab%3A c%2C d');
  // %0A written by a person stays text: the % is escaped first.
  assert.equal(escapeData('%0A'), '%250A');
  // Other control characters are shown as escapes, as on a terminal (the log renders ANSI).
  assert.equal(escapeData('a\u001b[2Jb'), 'a\\x1b[2Jb');
});

test('github: a file name and a charter value holding ::, commas, % and new lines cannot start a second command', () => {
  const dir = tmp();
  const name = 'we,ird:50%.charter.yaml';
  // reports_to is a double-quoted scalar with a line break and a fake command in it.
  write(dir, {
    [name]: cleanCharter().replace('reports_to: ceo', 'reports_to: "x\\n::error file=evil.yaml,line=1::owned 100%"'),
  });
  const r = run([name, '--format', 'github'], { cwd: dir });
  assertNoCrash(r);
  const lines = r.stdout.trimEnd().split('\n');
  const { report } = runJson([name], { cwd: dir });
  assert.equal(lines.length, flat(report).length, describe(r));
  assert.ok(lines.every((l) => /^::(error|warning|notice) /.test(l)), describe(r));
  const commands = lines.map(parseCommand);
  assert.ok(commands.every((c) => c.properties.file === name), 'the file name survives escaping whole');
  const reference = commands.find((c) => c.properties.title === 'charter-lint unknown-reference');
  assert.ok(reference, describe(r));
  assert.match(reference.message, /x\n::error file=evil\.yaml,line=1::owned 100%/, 'the message reads back as written');
  assert.ok(!r.stdout.includes('\n::error file=evil'), 'no line of the output starts the injected command');
});

test('github: --quiet keeps the errors only; --output writes the commands to a file', () => {
  const dir = examples();
  const quiet = run(['--format', 'github', '--quiet'], { cwd: dir });
  assert.ok(quiet.stdout.trimEnd().split('\n').every((l) => l.startsWith('::error ')), describe(quiet));
  const out = run(['--format', 'github', '--output', 'annotations.txt'], { cwd: dir });
  assert.equal(out.stdout, '');
  assert.match(fs.readFileSync(path.join(dir, 'annotations.txt'), 'utf8'), /^::error file=americas\.charter\.yaml,/m);
});

test('sarif: every rule has a name that is not its id (SARIF1001, compared ignoring case), PascalCase, unique', () => {
  const dir = write(tmp(), { 'org.charter.yaml': yaml`
    charter: X
  ` });
  const r = run(['--format', 'sarif'], { cwd: dir });
  assertNoCrash(r);
  const rules = JSON.parse(r.stdout).runs[0].tool.driver.rules;
  assert.ok(rules.length > 20);
  for (const rule of rules) {
    assert.notEqual(rule.name.toLowerCase(), rule.id.toLowerCase(), `rule ${rule.id}`);
    assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/, rule.id);
  }
  assert.equal(new Set(rules.map((rule) => rule.name)).size, rules.length, 'names are unique');
  assert.equal(rules.find((rule) => rule.id === 'schema').name, 'CharterSchemaViolation');
  assert.equal(rules.find((rule) => rule.id === 'territory-overlap').name, 'TerritoryOverlap');
});

test('gitlab: a Code Quality report, one issue per finding, stable fingerprints that survive a line shift', () => {
  const dir = examples();
  const r = run(['--format', 'gitlab'], { cwd: dir });
  assertNoCrash(r);
  assert.equal(r.status, 1);
  const issues = JSON.parse(r.stdout);
  const expected = flat(runJson([], { cwd: dir }).report);
  assert.equal(issues.length, expected.length);
  const severities = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };
  issues.forEach((issue, i) => {
    const d = expected[i];
    assert.equal(issue.type, 'issue');
    assert.equal(issue.check_name, d.rule);
    assert.equal(issue.description, d.message);
    assert.equal(issue.severity, severities[d.severity]);
    assert.equal(issue.location.path, d.file);
    assert.equal(issue.location.positions.begin.line, d.range.start.line + 1);
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
  });
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
  // A comment line added at the top moves every finding of that file down one line, same fingerprints.
  const file = path.join(dir, 'apac.charter.yaml');
  fs.writeFileSync(file, `# moved\n${fs.readFileSync(file, 'utf8')}`);
  const after = JSON.parse(run(['--format', 'gitlab'], { cwd: dir }).stdout);
  assert.deepEqual(after.map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
  const apac = (list) => list.filter((i) => i.location.path === 'apac.charter.yaml').map((i) => i.location.positions.begin.line);
  assert.deepEqual(apac(after), apac(issues).map((line) => line + 1));
});
