#!/usr/bin/env node
// Splits the collected verbatim statements into the development part and the sealed part, before
// anyone looks at how the matcher does on them (issue #12). Run once, on 2026-12-01, by the lead:
//
//   node scripts/split-verbatim.mjs <collected.jsonl ...> --dev <dev.jsonl> --sealed <sealed.jsonl>
//
// The split is by source page, not by statement: statements of one posting share its wording, so a
// page's statements all land in one part and the sealed part measures pages the matcher never saw.
// A page goes to the sealed part when the FNV-1a hash of its group key, mod 10, is below 4 (about
// 40 % of the pages). Pages that reword one another share a group key (GROUPS), so a paraphrase
// of a sealed page cannot leak into the development part. Exact duplicate texts (after case and
// space folding), and texts already in test/freetext/statements.jsonl, are dropped.
import { readFileSync, writeFileSync } from 'node:fs';

/** Pages that reword one another: one group each (found while collecting; see the README). */
const GROUPS = [
  ['ehow.com/about_6686437_pharmaceutical-sales-manager', 'bestsamplejobdescription.com/pharmaceutical-job-description/pharmaceutical-sales-manager'],
  ['pharmahelp.in/work-responsibility-zonal-sales-manager', 'baamaconsultant.com.np/roles-and-responsibilities-of-zonal-sales-manager'],
  ['jobpe.com/area-sales-manager-dinero-foodworks', 'mncjobsindia.com/jobs/area-sales-manager-nawashahr'],
];
/** Pages left out: a rewording of a page the older set already used (ehow's VP of Sales page). */
const DROPPED = ['businessresearchguide.com/what-does-the-vp-of-sales-do'];

function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193);
  return h >>> 0;
}
const groupKey = (source) => GROUPS.find((group) => group.some((part) => source.includes(part)))?.[0] ?? source;
const fold = (text) => text.toLowerCase().replace(/\s+/g, ' ').trim();

const args = process.argv.slice(2);
const take = (flag) => {
  const i = args.indexOf(flag);
  if (i < 0 || !args[i + 1]) throw new Error(`${flag} <file> is required`);
  return args.splice(i, 2)[1];
};
const devFile = take('--dev');
const sealedFile = take('--sealed');
const older = new Set(
  readFileSync(new URL('../test/freetext/statements.jsonl', import.meta.url), 'utf8').trim().split('\n').map((line) => fold(JSON.parse(line).text)),
);
const seen = new Set();
const parts = { dev: [], sealed: [] };
let dropped = 0;
for (const file of args) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const s = JSON.parse(line);
    const key = fold(s.text);
    if (older.has(key) || seen.has(key) || DROPPED.some((part) => s.source.includes(part))) {
      dropped++;
      continue;
    }
    seen.add(key);
    const statement = { text: s.text, scope: s.scope, labels: s.labels, kind: s.kind, confidence: s.confidence, source: s.source, page_title: s.page_title };
    (fnv1a(groupKey(s.source)) % 10 < 4 ? parts.sealed : parts.dev).push(statement);
  }
}
writeFileSync(devFile, parts.dev.map((s) => JSON.stringify(s)).join('\n') + '\n');
writeFileSync(sealedFile, parts.sealed.map((s) => JSON.stringify(s)).join('\n') + '\n');
const pages = (list) => new Set(list.map((s) => s.source)).size;
console.log(`dev: ${parts.dev.length} statements from ${pages(parts.dev)} pages; sealed: ${parts.sealed.length} from ${pages(parts.sealed)} pages; dropped ${dropped}`);
