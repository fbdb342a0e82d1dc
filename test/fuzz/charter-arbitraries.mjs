// fast-check arbitraries for team charters (not a test file; `node --test test/fuzz/` loads it as an
// empty entry). Charters are generated as an abstract organization, then rendered to YAML text with
// random styles (block/flow, quoting, indentation, key order) and decorated with comments.
//
//   validOrgArb      - a clean organization built from the built-in model's ids: one Head of Sales
//                      with all nine duties, one Regional Sales Manager per territory (disjoint
//                      scopes that cover every leaf region), external ids, free text that is an exact
//                      alias of a model id, {id, note} entries, comments on many lines.
//   nearValidOrgArb  - a valid organization after 1-6 semantic edits: typos in ids, duplicates,
//                      missing keys, unknown keys, wrong types, cycles, out-of-scope duties...
//   mutatedTextArb   - a rendered (valid or near-valid) charter after 1-5 textual edits: delete,
//                      duplicate or swap lines, change indentation, insert odd unicode, truncate,
//                      CRLF line endings (all or some lines), BOM.
//   multiFileArb     - an organization split over 2-3 charter files (regions, roles and external
//                      ids spread across them), optionally with near-valid edits and text mutations.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { core, HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

export { HOS_RESPONSIBILITIES, RSM_RESPONSIBILITIES };
export const RESPONSIBILITY_IDS = [...HOS_RESPONSIBILITIES, ...RSM_RESPONSIBILITIES];
export const ROLE_TYPES = ['head-of-sales', 'regional-sales-manager'];

const builtin = core.loadBuiltinModel('sales-leadership');
if (!builtin.ok) throw new Error(`built-in model failed to load: ${builtin.error}`);
/** id -> exact alias phrases of the built-in model (each matches its own id). */
export const ALIASES = new Map([...builtin.model.responsibilities.values()].map((r) => [r.id, r.aliases]));

// ── Vocabulary ───────────────────────────────────────────────────────────────────────────────────

export const REGION_POOL = [
  'EMEA', 'APAC', 'North America', 'LATAM', 'DACH', 'Nordics', 'UK&I', 'Benelux', 'France', 'Iberia',
  'ANZ', 'Japan', 'South-East Asia', 'US East', 'US West', 'Canada', 'Brazil', 'Middle East', 'Africa',
  'Île-de-France', 'Zürich', '日本', 'Korea', 'India', 'Poland', "Côte d'Ivoire", 'Region #7', 'yes',
];
const HOS_IDS = ['hos', 'head-of-sales-1', 'vp-sales', 'dana', 'Chief Sales', 'hos.global'];
const EXTERNAL_POOL = ['ceo', 'cmo', 'cfo', 'board', 'coo', 'president', 'Founder & CEO'];
const HOLDERS = ['Dana Whitfield', "Aoife O'Brien", 'José Núñez', '王秀英', 'Jean-Luc "JL" Picard', 'Ren', 'true', '#1 seller', 'Zoë: the closer'];
const NOTES = ['quarterly, with finance', 'shared with marketing', 'see #42', "it's ours", 'Ärger vermeiden', '🚀 growth', 'a: b', '- dash', '[bracketed]', 'x # y', 'null', '12'];
/** Free text that is no alias of any model id (may or may not be matched by the fuzzy matcher). */
export const FREE_TEXT = [
  'Own the annual sales budget', 'Water the office plants', "rock 'n roll", 'Say "hi" to customers',
  'Plan #1 priorities', 'Vertrieb führen — Ärger vermeiden', '営業戦略', 'emoji 🚀 growth', 'tab\there',
  "customers' feedback loop", 'Key: accounts', 'fix [bugs], {fast}', 'Lead, coach, hire', '  padded  ',
  'ends with colon:', '-leading dash', '? question', '@handle', '`tick`', '%percent', '!tag', '*star', '&amp',
];
const COMMENT_TEXT = [
  'note', 'TODO: check with finance', 'ÄÖÜ ß', '😀 emoji 👩‍💼', 'has "quotes"', "it's", '# double hash',
  'a: b', '- dash', '[x], {y}', 'trailing   ', "'single'", '"unbalanced', "O'Brien's", 'tab\there', '',
  '\u202Ertl', 'see https://example.com/#anchor',
];
const UNKNOWN_KEYS = ['owner', 'notes', 'team', 'Region', 'resposibilities', 'scopee', 'id2', 'x-custom', '__proto__', 'constructor'];
const RAW_WRONG = ['3', '[x]', '{galaxy: far}', 'null', 'true', '[]', '{}', '~', '"organization "', '[organization]', '{region: [EMEA]}', '{region: EMEA, regions: [APAC]}'];

// ── Scalar rendering ─────────────────────────────────────────────────────────────────────────────

const plainCache = new Map();
/** True when `s` can be written unquoted in the given context and reads back as the same string. */
export function plainSafe(s, context) {
  const key = `${context}\u0000${s}`;
  let ok = plainCache.get(key);
  if (ok !== undefined) return ok;
  ok = false;
  if (s.length > 0 && !/[\r\n\t\u0085\u2028\u2029\uFEFF]/.test(s)) {
    try {
      if (context === 'flow') {
        const doc = YAML.parseDocument(`[${s}]`);
        ok = doc.errors.length === 0 && Array.isArray(doc.toJS()) && doc.toJS().length === 1 && doc.toJS()[0] === s;
      } else if (context === 'flowkey') {
        const doc = YAML.parseDocument(`{${s}: [x]}`);
        ok = doc.errors.length === 0 && doc.contents?.items?.length === 1 && doc.contents.items[0].key?.value === s;
      } else if (context === 'key') {
        const doc = YAML.parseDocument(`${s}: x`);
        ok = doc.errors.length === 0 && doc.contents?.items?.length === 1 && doc.contents.items[0].key?.value === s;
      } else {
        const doc = YAML.parseDocument(`k: ${s}`);
        ok = doc.errors.length === 0 && doc.toJS()?.k === s;
      }
    } catch {
      ok = false;
    }
  }
  plainCache.set(key, ok);
  return ok;
}

/** A scalar: `{ v: value, q: 'plain' | 'single' | 'double' }`, written in the context's style. */
function scalar(s, context) {
  const q = s.q === 'plain' && !plainSafe(s.v, context) ? 'double' : s.q;
  if (q === 'single' && !/[\r\n\t\u0085\u2028\u2029]/.test(s.v)) return `'${s.v.replace(/'/g, "''")}'`;
  if (q === 'plain') return s.v;
  return JSON.stringify(s.v);
}

const quoteArb = fc.constantFrom('plain', 'plain', 'plain', 'single', 'double');
const sc = (valueArb) => fc.record({ v: valueArb, q: quoteArb });

// ── Abstract organization ────────────────────────────────────────────────────────────────────────

/** A region tree from a unique list of names and a parent choice per name (shrinks to a flat list). */
const regionTreeArb = fc
  .tuple(
    fc.shuffledSubarray(REGION_POOL, { minLength: 1, maxLength: 9 }),
    fc.array(fc.nat({ max: 40 }), { maxLength: 9 }),
    fc.array(quoteArb, { maxLength: 9 }),
    fc.array(fc.constantFrom('block', 'flow'), { maxLength: 9 }),
  )
  .map(([names, parents, quotes, styles]) => {
    const nodes = names.map((name, i) => ({ name: { v: name, q: quotes[i] ?? 'plain' }, children: [], childStyle: styles[i] ?? 'block', depth: 0 }));
    const roots = [];
    nodes.forEach((node, i) => {
      const choice = i === 0 ? 0 : (parents[i] ?? 0) % (i + 1);
      const parent = choice === 0 ? undefined : nodes[choice - 1];
      if (parent && parent.depth < 3) {
        node.depth = parent.depth + 1;
        parent.children.push(node);
      } else roots.push(node);
    });
    return roots;
  });

function leaves(node) {
  return node.children.length === 0 ? [node.name.v] : node.children.flatMap(leaves);
}

/**
 * Territories of the regional managers: a set of disjoint regions covering every leaf. For each
 * region a bit decides "one manager here" or "split among the sub-regions".
 */
function territories(roots, bits) {
  let k = 0;
  const out = [];
  const visit = (node) => {
    const split = node.children.length > 0 && (bits[k++ % Math.max(1, bits.length)] ?? false);
    if (split) node.children.forEach(visit);
    else out.push(node.name.v);
  };
  roots.forEach(visit);
  return out;
}

const respFormArb = fc.constantFrom('id', 'id', 'id', 'map', 'alias');
const respEntry = (id, form, pick, q, noteStyle) => {
  if (form === 'map') return { kind: 'map', id: { v: id, q }, note: pick % 3 === 0 ? null : { v: NOTES[pick % NOTES.length], q }, style: pick % 2 ? 'flow' : 'block', noteStyle };
  if (form === 'alias') {
    const aliases = ALIASES.get(id);
    return { kind: 'text', v: aliases[pick % aliases.length], q };
  }
  return { kind: 'id', v: id, q };
};

const respListArb = (ids) =>
  fc
    .tuple(
      fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }),
      fc.array(respFormArb, { minLength: ids.length, maxLength: ids.length }),
      fc.array(fc.nat({ max: 1000 }), { minLength: ids.length, maxLength: ids.length }),
      fc.array(quoteArb, { minLength: ids.length, maxLength: ids.length }),
      fc.constantFrom('block', 'block', 'flow', 'flowMultiline'),
      fc.constantFrom('plain', 'plain', 'folded', 'literal'),
    )
    .map(([order, forms, picks, quotes, style, noteStyle]) => ({
      style,
      items: order.map((id, i) => respEntry(id, forms[i], picks[i], quotes[i], noteStyle)),
    }));

const ROLE_KEYS = ['id', 'role', 'holder', 'scope', 'reports_to', 'responsibilities'];

const roleShapeArb = fc.record({
  style: fc.constantFrom('block', 'block', 'block', 'flow', 'flowMultiline'),
  keyOrder: fc.option(fc.shuffledSubarray(ROLE_KEYS, { minLength: ROLE_KEYS.length }), { nil: undefined }),
  holder: fc.option(sc(fc.constantFrom(...HOLDERS)), { nil: undefined }),
  scopeStyle: fc.constantFrom('flow', 'flow', 'block'),
  idQuote: quoteArb,
  typeQuote: quoteArb,
  reportsQuote: quoteArb,
});

export const validOrgArb = fc
  .record({
    name: sc(fc.constantFrom('Acme Sales', 'Acme Sales — EMEA', 'Globex: Sales', 'ÄÖÜ GmbH', '"Quoted" Inc', "O'Reilly Sales", 'x')),
    model: fc.option(sc(fc.constant('sales-leadership')), { nil: undefined }),
    topOrder: fc.option(fc.shuffledSubarray(['charter', 'model', 'regions', 'external', 'roles'], { minLength: 5 }), { nil: undefined }),
    regions: regionTreeArb,
    regionsStyle: fc.constantFrom('block', 'block', 'flow'),
    territoryBits: fc.array(fc.boolean(), { maxLength: 12 }),
    pairTerritories: fc.boolean(),
    external: fc.shuffledSubarray(EXTERNAL_POOL, { minLength: 1, maxLength: 3 }),
    externalQuotes: fc.array(quoteArb, { maxLength: 3 }),
    externalStyle: fc.constantFrom('block', 'flow'),
    hosId: fc.constantFrom(...HOS_IDS),
    hosReports: fc.boolean(),
    hosResp: respListArb(HOS_RESPONSIBILITIES),
    rsmResp: fc.array(respListArb(RSM_RESPONSIBILITIES), { minLength: 1, maxLength: 12 }),
    shapes: fc.array(roleShapeArb, { minLength: 1, maxLength: 13 }),
    hosFirst: fc.boolean(),
    indent: fc.constantFrom(2, 2, 4, 3),
    compactSeq: fc.boolean(),
    finalNewline: fc.constantFrom(true, true, true, false),
  })
  .map((o) => {
    const areas = territories(o.regions, o.territoryBits);
    // Optionally give a manager two sibling territories at once ({regions: [A, B]}).
    const scopes = [];
    for (let i = 0; i < areas.length; i++) {
      if (o.pairTerritories && i + 1 < areas.length && i % 3 === 0) {
        scopes.push([areas[i], areas[i + 1]]);
        i++;
      } else scopes.push([areas[i]]);
    }
    const shape = (i) => o.shapes[i % o.shapes.length];
    const regionQuote = new Map();
    const collect = (n) => {
      regionQuote.set(n.name.v, n.name.q);
      n.children.forEach(collect);
    };
    o.regions.forEach(collect);
    const hosShape = shape(0);
    const hos = {
      style: hosShape.style,
      keyOrder: hosShape.keyOrder,
      id: { v: o.hosId, q: hosShape.idQuote },
      role: { v: 'head-of-sales', q: hosShape.typeQuote },
      holder: hosShape.holder,
      scope: { kind: 'organization', style: hosShape.scopeStyle },
      reportsTo: o.hosReports ? { v: o.external[0], q: hosShape.reportsQuote } : undefined,
      resp: o.hosResp,
      extra: [],
    };
    const usedIds = new Set([o.hosId]);
    const rsms = scopes.map((regions, i) => {
      const s = shape(i + 1);
      let id = `rsm-${regions[0].toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      while (usedIds.has(id)) id += '-x';
      usedIds.add(id);
      return {
        style: s.style,
        keyOrder: s.keyOrder,
        id: { v: id, q: s.idQuote },
        role: { v: 'regional-sales-manager', q: s.typeQuote },
        holder: s.holder,
        scope: regions.length === 1 ? { kind: 'region', region: { v: regions[0], q: regionQuote.get(regions[0]) ?? 'plain' }, style: s.scopeStyle } : { kind: 'regions', regions: regions.map((r) => ({ v: r, q: regionQuote.get(r) ?? 'plain' })), style: s.scopeStyle },
        reportsTo: { v: o.hosId, q: s.reportsQuote },
        resp: o.rsmResp[i % o.rsmResp.length],
        extra: [],
      };
    });
    return {
      name: o.name,
      model: o.model,
      topOrder: o.topOrder ?? ['charter', 'model', 'regions', 'external', 'roles'],
      regions: o.regions,
      regionsStyle: o.regionsStyle,
      external: o.external.map((v, i) => ({ v, q: o.externalQuotes[i] ?? 'plain' })),
      externalStyle: o.externalStyle,
      roles: o.hosFirst ? [hos, ...rsms] : [...rsms, hos],
      extraTop: [],
      indent: o.indent,
      compactSeq: o.compactSeq,
      finalNewline: o.finalNewline,
      omit: new Set(),
    };
  });

// ── Near-valid edits ─────────────────────────────────────────────────────────────────────────────

function typo(s, n) {
  if (s.length === 0) return 'x';
  const i = n % s.length;
  switch ((n >> 4) % 6) {
    case 0: return s.slice(0, i) + s.slice(i + 1) || 'y'; // deletion
    case 1: return s.slice(0, i) + 'x' + s.slice(i); // insertion
    case 2: return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s + 's'; // swap
    case 3: return s.toUpperCase(); // case
    case 4: return s.slice(0, i) + s.charAt(i).toUpperCase() + s.slice(i + 1); // one letter's case
    default: return s.replace(/-/g, '_'); // separators
  }
}

const NEAR_OPS = [
  'typo-resp', 'typo-type', 'typo-region', 'typo-reports', 'dup-resp', 'dup-resp-form', 'drop-resp', 'drop-key',
  'drop-charter', 'unknown-key', 'unknown-top-key', 'dup-role-id', 'second-hos', 'rsm-strategy', 'scope-mismatch',
  'cycle', 'self-report', 'region-dup', 'wrong-type', 'free-text', 'resp-null', 'unknown-key-in-entry', 'id-as-external',
  'triplicate-resp', 'raw-resp-entry', 'anchor-dup-resp', 'anchor-unknown-key', 'alias-resp-list', 'tag-entry',
];

const nearOpArb = fc.record({ op: fc.constantFrom(...NEAR_OPS), a: fc.nat({ max: 1000 }), b: fc.nat({ max: 1000 }), c: fc.nat({ max: 1000 }) });

function clone(org) {
  return { ...structuredClone({ ...org, omit: undefined }), omit: new Set(org.omit) };
}

function applyNearOp(org, { op, a, b, c }) {
  const role = org.roles[a % org.roles.length];
  const items = role.resp?.items ?? [];
  const item = items.length ? items[b % items.length] : undefined;
  const regionNames = [];
  const walk = (n) => {
    regionNames.push(n);
    n.children.forEach(walk);
  };
  org.regions.forEach(walk);
  switch (op) {
    case 'typo-resp':
      if (item?.kind === 'id') item.v = typo(item.v, c);
      else if (item?.kind === 'map') item.id.v = typo(item.id.v, c);
      else if (item?.kind === 'text') item.v = typo(item.v, c);
      break;
    case 'typo-type':
      role.role.v = typo(role.role.v, c);
      break;
    case 'typo-region':
      if (role.scope.kind === 'region') role.scope.region.v = typo(role.scope.region.v, c);
      else if (role.scope.kind === 'regions') role.scope.regions[c % role.scope.regions.length].v = typo(role.scope.regions[c % role.scope.regions.length].v, b);
      break;
    case 'typo-reports':
      if (role.reportsTo) role.reportsTo.v = typo(role.reportsTo.v, c);
      else role.reportsTo = { v: typo(org.external[0].v, c), q: 'plain' };
      break;
    case 'dup-resp':
      if (item) items.splice((c % (items.length + 1)), 0, structuredClone(item));
      break;
    case 'triplicate-resp':
      if (item) items.push(structuredClone(item), structuredClone(item));
      break;
    case 'dup-resp-form': {
      // The same duty again in another form: id <-> alias text <-> {id, note}.
      const id = item?.kind === 'id' ? item.v : item?.kind === 'map' ? item.id.v : undefined;
      if (id && ALIASES.has(id)) {
        const forms = [{ kind: 'text', v: ALIASES.get(id)[c % ALIASES.get(id).length], q: 'plain' }, { kind: 'map', id: { v: id, q: 'plain' }, note: { v: 'again', q: 'plain' }, style: c % 2 ? 'flow' : 'block', noteStyle: 'plain' }, { kind: 'id', v: id, q: 'double' }];
        items.splice(c % (items.length + 1), 0, forms[c % 3]);
      }
      break;
    }
    case 'drop-resp':
      if (items.length) items.splice(b % items.length, 1);
      break;
    case 'drop-key':
      role.omit = [...(role.omit ?? []), ['id', 'role', 'scope', 'responsibilities', 'reports_to'][c % 5]];
      break;
    case 'drop-charter':
      org.omit.add(['charter', 'regions', 'external', 'roles'][c % 4]);
      break;
    case 'unknown-key':
      role.extra.push({ key: UNKNOWN_KEYS[c % UNKNOWN_KEYS.length], raw: b % 3 === 0 ? { block: ['- one', '- two'] } : RAW_WRONG[b % RAW_WRONG.length], at: b });
      break;
    case 'unknown-top-key':
      org.extraTop.push({ key: UNKNOWN_KEYS[c % UNKNOWN_KEYS.length], raw: b % 2 === 0 ? { block: ['a: 1', 'b: [2]'] } : RAW_WRONG[b % RAW_WRONG.length], at: b });
      break;
    case 'dup-role-id': {
      const other = org.roles[c % org.roles.length];
      role.id = structuredClone(other.id);
      break;
    }
    case 'second-hos': {
      const hos = org.roles.find((r) => r.role.v === 'head-of-sales') ?? role;
      const copy = structuredClone(hos);
      copy.id = { v: `${copy.id.v}-2`, q: 'plain' };
      org.roles.splice(c % (org.roles.length + 1), 0, copy);
      break;
    }
    case 'rsm-strategy':
      items.splice(c % (items.length + 1), 0, { kind: 'id', v: HOS_RESPONSIBILITIES[b % HOS_RESPONSIBILITIES.length], q: 'plain' });
      break;
    case 'scope-mismatch':
      if (role.scope.kind === 'organization' && regionNames.length) role.scope = { kind: 'region', region: structuredClone(regionNames[c % regionNames.length].name), style: 'flow' };
      else role.scope = { kind: 'organization', style: 'flow' };
      break;
    case 'cycle': {
      const other = org.roles[c % org.roles.length];
      role.reportsTo = structuredClone(other.id);
      other.reportsTo = structuredClone(role.id);
      break;
    }
    case 'self-report':
      role.reportsTo = structuredClone(role.id);
      break;
    case 'region-dup':
      if (regionNames.length >= 2) {
        const x = regionNames[b % regionNames.length];
        const y = regionNames[c % regionNames.length];
        if (x !== y) y.children.push({ name: structuredClone(x.name), children: [], childStyle: 'block', depth: y.depth + 1 });
      }
      break;
    case 'wrong-type': {
      const key = ['scope', 'responsibilities', 'id', 'role', 'reports_to', 'holder'][c % 6];
      role.raw = { ...(role.raw ?? {}), [key]: RAW_WRONG[b % RAW_WRONG.length] };
      break;
    }
    case 'free-text':
      items.splice(c % (items.length + 1), 0, { kind: 'text', v: FREE_TEXT[b % FREE_TEXT.length], q: ['plain', 'single', 'double'][c % 3] });
      break;
    case 'resp-null':
      role.resp = b % 2 ? null : { style: 'block', items: [] };
      break;
    case 'unknown-key-in-entry':
      if (item?.kind === 'map') item.extra = { key: UNKNOWN_KEYS[c % UNKNOWN_KEYS.length], raw: RAW_WRONG[b % RAW_WRONG.length] };
      break;
    case 'anchor-dup-resp': {
      // X, &aN X, *aN: the anchored copy is the duplicate that a fix removes.
      const src = items.find((e) => e.kind === 'id' || e.kind === 'text');
      if (src) {
        const name = `a${a % 97}`;
        const at = items.indexOf(src) + 1;
        items.splice(at, 0, { ...structuredClone(src), anchor: name }, { kind: 'alias', name });
      }
      break;
    }
    case 'anchor-unknown-key':
      role.extraPair = { k1: UNKNOWN_KEYS[c % UNKNOWN_KEYS.length] === 'notes' ? 'owner' : 'notes', k2: 'team', name: `k${b % 97}`, raw: RAW_WRONG[b % RAW_WRONG.length] };
      break;
    case 'alias-resp-list': {
      // A later role reuses an earlier role's list through an alias.
      const i = a % org.roles.length;
      const j = c % org.roles.length;
      const [first, later] = i < j ? [org.roles[i], org.roles[j]] : [org.roles[j], org.roles[i]];
      if (first !== later && first.resp) {
        first.resp.anchor = `l${b % 97}`;
        later.resp = { style: 'alias', name: first.resp.anchor, items: [] };
      }
      break;
    }
    case 'tag-entry':
      if (item && (item.kind === 'id' || item.kind === 'text')) item.tag = ['!!str', '!custom', '!'][c % 3];
      break;
    case 'raw-resp-entry':
      if (role.resp) role.resp.items.splice(c % (items.length + 1), 0, { kind: 'raw', raw: RAW_WRONG[b % RAW_WRONG.length] });
      break;
    case 'id-as-external':
      org.external.push(structuredClone(role.id));
      break;
  }
  return org;
}

export const nearValidOrgArb = fc.tuple(validOrgArb, fc.array(nearOpArb, { minLength: 1, maxLength: 6 })).map(([org, ops]) => {
  const copy = clone(org);
  for (const op of ops) applyNearOp(copy, op);
  return copy;
});

// ── Rendering ────────────────────────────────────────────────────────────────────────────────────

/**
 * Renders an organization to lines: `{ t: text, block: true }` marks block-scalar content lines
 * (no comment may be put on or before them).
 */
export function renderLines(org) {
  const L = [];
  const I = org.indent;
  const seqCol = (keyCol) => (org.compactSeq ? keyCol : keyCol + I);
  const push = (col, t, extra = {}) => L.push({ t: ' '.repeat(col) + t, ...extra });

  const flowRegion = (n) => (n.children.length === 0 ? scalar(n.name, 'flow') : `{${scalar(n.name, 'flowkey')}: [${n.children.map(flowRegion).join(', ')}]}`);
  const blockRegions = (nodes, col) => {
    for (const n of nodes) {
      if (n.children.length === 0) push(col, `- ${scalar(n.name, 'value')}`);
      else if (n.childStyle === 'flow') push(col, `- ${scalar(n.name, 'key')}: [${n.children.map(flowRegion).join(', ')}]`);
      else {
        push(col, `- ${scalar(n.name, 'key')}:`);
        blockRegions(n.children, seqCol(col + 2));
      }
    }
  };

  const rawValue = (raw, col, prefix) => {
    if (typeof raw === 'string') push(col, `${prefix} ${raw}`);
    else {
      push(col, prefix);
      for (const l of raw.block) push(col + I, l);
    }
  };

  const props = (e) => `${e.tag ? `${e.tag} ` : ''}${e.anchor ? `&${e.anchor} ` : ''}`;
  const flowEntry = (e) => {
    if (e.kind === 'raw') return e.raw;
    if (e.kind === 'alias') return `*${e.name}`;
    if (e.kind === 'map') {
      const parts = [`id: ${scalar(e.id, 'flow')}`];
      if (e.note) parts.push(`note: ${scalar(e.note, 'flow')}`);
      if (e.extra) parts.push(`${e.extra.key}: ${e.extra.raw}`);
      return `{${parts.join(', ')}}`;
    }
    return props(e) + scalar(e, 'flow');
  };

  const flowResp = (r) => (r === null ? '' : r.style === 'alias' ? `*${r.name}` : `${r.anchor ? `&${r.anchor} ` : ''}[${r.items.map(flowEntry).join(', ')}]`);
  const scopeFlow = (s) => (s.kind === 'organization' ? 'organization' : s.kind === 'region' ? `{region: ${scalar(s.region, 'flow')}}` : `{regions: [${s.regions.map((r) => scalar(r, 'flow')).join(', ')}]}`);

  const renderRole = (role, col) => {
    const raw = role.raw ?? {};
    const omit = new Set(role.omit ?? []);
    const order = (role.keyOrder ?? ROLE_KEYS).filter((k) => !omit.has(k));
    if (role.style === 'flow' || role.style === 'flowMultiline') {
      const parts = [];
      for (const key of order) {
        if (raw[key] !== undefined) parts.push(`${key}: ${raw[key]}`);
        else if (key === 'id') parts.push(`id: ${scalar(role.id, 'flow')}`);
        else if (key === 'role') parts.push(`role: ${scalar(role.role, 'flow')}`);
        else if (key === 'holder' && role.holder) parts.push(`holder: ${scalar(role.holder, 'flow')}`);
        else if (key === 'scope') parts.push(`scope: ${scopeFlow(role.scope)}`);
        else if (key === 'reports_to' && role.reportsTo) parts.push(`reports_to: ${scalar(role.reportsTo, 'flow')}`);
        else if (key === 'responsibilities' && role.resp !== undefined) parts.push(`responsibilities: ${flowResp(role.resp)}`);
      }
      role.extra.forEach((x) => parts.splice(x.at % (parts.length + 1), 0, `${x.key}: ${typeof x.raw === 'string' ? x.raw : '[one, two]'}`));
      if (role.extraPair) parts.push(`${role.extraPair.k1}: &${role.extraPair.name} ${role.extraPair.raw}`, `${role.extraPair.k2}: *${role.extraPair.name}`);
      if (parts.length === 0) parts.push('id: empty');
      if (role.style === 'flowMultiline') {
        // One pair per line, continuation lines indented past the dash; comments may follow commas.
        push(col, `- {${parts[0]}${parts.length > 1 ? ',' : '}'}`);
        parts.slice(1).forEach((part, i) => push(col + 3, `${part}${i + 2 < parts.length ? ',' : '}'}`));
      } else push(col, `- {${parts.join(', ')}}`);
      return;
    }
    const keyCol = col + 2;
    const lines = []; // functions that render one key at a column with a prefix
    for (const key of order) {
      if (raw[key] !== undefined) {
        lines.push((c, p) => push(c, `${p}${key}: ${raw[key]}`));
        continue;
      }
      switch (key) {
        case 'id': lines.push((c, p) => push(c, `${p}id: ${scalar(role.id, 'value')}`)); break;
        case 'role': lines.push((c, p) => push(c, `${p}role: ${scalar(role.role, 'value')}`)); break;
        case 'holder': if (role.holder) lines.push((c, p) => push(c, `${p}holder: ${scalar(role.holder, 'value')}`)); break;
        case 'reports_to': if (role.reportsTo) lines.push((c, p) => push(c, `${p}reports_to: ${scalar(role.reportsTo, 'value')}`)); break;
        case 'scope': {
          const s = role.scope;
          if (s.style === 'block' && s.kind !== 'organization') {
            lines.push((c, p) => {
              push(c, `${p}scope:`);
              if (s.kind === 'region') push(keyCol + I, `region: ${scalar(s.region, 'value')}`);
              else {
                push(keyCol + I, 'regions:');
                for (const r of s.regions) push(seqCol(keyCol + I), `- ${scalar(r, 'value')}`);
              }
            });
          } else lines.push((c, p) => push(c, `${p}scope: ${scopeFlow(s)}`));
          break;
        }
        case 'responsibilities': {
          const r = role.resp;
          if (r === undefined) break;
          lines.push((c, p) => {
            if (r === null) return push(c, `${p}responsibilities:`);
            if (r.style === 'alias' || r.style === 'flow' || r.items.length === 0) return push(c, `${p}responsibilities: ${flowResp(r)}`);
            const anchor = r.anchor ? ` &${r.anchor}` : '';
            if (r.style === 'flowMultiline') {
              push(c, `${p}responsibilities:${anchor} [`);
              r.items.forEach((e, i) => push(keyCol + I + 2, `${flowEntry(e)}${i + 1 < r.items.length ? ',' : ''}`));
              push(keyCol + I, ']');
              return;
            }
            push(c, `${p}responsibilities:${anchor}`);
            const dash = seqCol(keyCol);
            for (const e of r.items) {
              if (e.kind === 'map' && e.style === 'block') {
                push(dash, `- id: ${scalar(e.id, 'value')}`);
                if (e.note) {
                  if (e.noteStyle === 'folded' || e.noteStyle === 'literal') {
                    push(dash + 2, `note: ${e.noteStyle === 'folded' ? '>-' : '|'}`);
                    push(dash + 2 + I, e.note.v.replace(/\s+/g, ' ').trim() || 'n', { block: true });
                  } else push(dash + 2, `note: ${scalar(e.note, 'value')}`);
                }
                if (e.extra) push(dash + 2, `${e.extra.key}: ${e.extra.raw}`);
              } else if (e.kind === 'map' || e.kind === 'raw' || e.kind === 'alias') push(dash, `- ${flowEntry(e)}`);
              else push(dash, `- ${props(e)}${scalar(e, 'value')}`);
            }
          });
          break;
        }
      }
    }
    for (const x of role.extra) {
      lines.splice(x.at % (lines.length + 1), 0, (c, p) => rawValue(x.raw, c, `${p}${x.key}:`));
    }
    if (role.extraPair) {
      const x = role.extraPair;
      lines.push((c, p) => push(c, `${p}${x.k1}: &${x.name} ${x.raw}`), (c, p) => push(c, `${p}${x.k2}: *${x.name}`));
    }
    if (lines.length === 0) lines.push((c, p) => push(c, `${p}id: empty`));
    lines.forEach((fn, i) => (i === 0 ? fn(col, '- ') : fn(keyCol, '')));
  };

  const top = [];
  for (const key of org.topOrder) {
    if (org.omit.has(key)) continue;
    switch (key) {
      case 'charter': top.push(() => push(0, `charter: ${scalar(org.name, 'value')}`)); break;
      case 'model': if (org.model) top.push(() => push(0, `model: ${scalar(org.model, 'value')}`)); break;
      case 'regions':
        if (org.regions.length === 0) break;
        top.push(() => {
          if (org.regionsStyle === 'flow') push(0, `regions: [${org.regions.map(flowRegion).join(', ')}]`);
          else {
            push(0, 'regions:');
            blockRegions(org.regions, seqCol(0));
          }
        });
        break;
      case 'external':
        if (org.external.length === 0) break;
        top.push(() => {
          if (org.externalStyle === 'flow') push(0, `external: [${org.external.map((e) => scalar(e, 'flow')).join(', ')}]`);
          else {
            push(0, 'external:');
            for (const e of org.external) push(seqCol(0), `- ${scalar(e, 'value')}`);
          }
        });
        break;
      case 'roles':
        if (org.roles.length === 0) break;
        top.push(() => {
          push(0, 'roles:');
          for (const role of org.roles) renderRole(role, seqCol(0));
        });
        break;
    }
  }
  for (const x of org.extraTop) top.splice(x.at % (top.length + 1), 0, () => rawValue(x.raw, 0, `${x.key}:`));
  top.forEach((fn) => fn());
  return L;
}

/** Comment decorations: per line, an optional full-line comment before it and an optional trailing one. */
export const decorationArb = fc.array(
  fc.record({
    before: fc.option(fc.constantFrom(...COMMENT_TEXT), { nil: undefined, freq: 3 }),
    beforeCol: fc.nat({ max: 6 }),
    trail: fc.option(fc.constantFrom(...COMMENT_TEXT), { nil: undefined, freq: 2 }),
    gap: fc.constantFrom(' ', '  ', '   '),
  }),
  { maxLength: 60 },
);

/** Joins rendered lines into text, putting comments on many lines (each comment text is numbered). */
export function decorate(lines, decorations, finalNewline = true) {
  const out = [];
  let n = 0;
  lines.forEach((line, i) => {
    const d = decorations.length ? decorations[i % decorations.length] : {};
    if (d.before !== undefined && !line.block) {
      const col = d.beforeCol % 2 === 0 ? /^ */.exec(line.t)[0].length : d.beforeCol;
      out.push(`${' '.repeat(col)}# c${n++} ${d.before}`.trimEnd());
    }
    if (d.trail !== undefined && !line.block && !/\s$/.test(line.t)) out.push(`${line.t}${d.gap}# t${n++} ${d.trail}`.trimEnd());
    else out.push(line.t);
  });
  return out.join('\n') + (finalNewline ? '\n' : '');
}

export function render(org, decorations) {
  return decorate(renderLines(org), decorations, org.finalNewline);
}

export const validTextArb = fc.tuple(validOrgArb, decorationArb).map(([org, d]) => render(org, d));
export const nearValidTextArb = fc.tuple(nearValidOrgArb, decorationArb).map(([org, d]) => render(org, d));

// ── Text mutations ───────────────────────────────────────────────────────────────────────────────

const ODD_TEXT = [
  '\u0000', '\uD800', '\uDFFF', '\u200D', '\u202E', '\u0085', '\u2028', '\u2029', '\uFEFF', '\t', '\r', '\n', '\r\n',
  '👩‍💼', 'é', 'e\u0301', '日本', '\u00A0', '\u000B', '\u000C', '"', "'", '#', ': ', '- ', '[', ']', '{', '}', '&a ', '*a', '!!str ', '%YAML 1.2\n---\n', '---\n', '...\n', '? ',
];

const mutationArb = fc.oneof(
  fc.record({ op: fc.constant('delete-line'), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line'), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines'), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('indent'), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('insert'), at: fc.nat(), text: fc.oneof(fc.constantFrom(...ODD_TEXT), fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 4 })) }),
  fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
  fc.record({ op: fc.constant('crlf'), at: fc.nat(), all: fc.boolean() }),
  fc.record({ op: fc.constant('bom') }),
);

export function mutateText(text, m) {
  const lines = text.split('\n');
  const li = lines.length ? m.at % lines.length : 0;
  switch (m.op) {
    case 'delete-line': lines.splice(li, 1); return lines.join('\n');
    case 'duplicate-line': lines.splice(li, 0, lines[li]); return lines.join('\n');
    case 'swap-lines': { const j = m.to % lines.length; [lines[li], lines[j]] = [lines[j], lines[li]]; return lines.join('\n'); }
    case 'indent': lines[li] = m.by >= 0 ? ' '.repeat(m.by) + lines[li] : lines[li].replace(new RegExp(`^ {0,${-m.by}}`), ''); return lines.join('\n');
    case 'insert': { const at = m.at % (text.length + 1); return text.slice(0, at) + m.text + text.slice(at); }
    case 'truncate': return text.slice(0, m.at % (text.length + 1));
    case 'crlf': return m.all ? text.replace(/\r?\n/g, '\r\n') : lines.map((l, i) => (i === li ? `${l}\r` : l)).join('\n');
    case 'bom': return `\uFEFF${text}`;
  }
  return text;
}

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 5 });

export const mutatedTextArb = fc
  .tuple(fc.oneof(validTextArb, nearValidTextArb), mutationsArb)
  .map(([text, ms]) => ms.reduce(mutateText, text));

// ── Multi-file organizations ─────────────────────────────────────────────────────────────────────

/** Splits an organization over `n` files: regions subtrees, roles and external ids spread by choice. */
function splitOrg(source, n, picks) {
  const org = clone(source); // never mutate a generated value: fast-check replays and shrinks it
  let k = 0;
  const pick = () => picks[k++ % Math.max(1, picks.length)] ?? 0;
  const parts = Array.from({ length: n }, (_, i) => ({
    ...clone(org),
    name: i === 0 ? org.name : { v: `${org.name.v} part ${i + 1}`, q: org.name.q },
    regions: [],
    external: [],
    roles: [],
    extraTop: i === 0 ? org.extraTop : [],
  }));
  for (const r of org.regions) {
    const target = pick() % n;
    parts[target].regions.push(structuredClone(r));
    // Sometimes repeat a region with part of its sub-regions in another file (trees merge).
    if (r.children.length > 1 && pick() % 3 === 0) {
      const other = (target + 1) % n;
      const moved = r.children.splice(0, 1);
      parts[target].regions[parts[target].regions.length - 1].children = structuredClone(r.children);
      parts[other].regions.push({ ...structuredClone(r), children: structuredClone(moved) });
    }
  }
  for (const e of org.external) parts[pick() % n].external.push(structuredClone(e));
  for (const role of org.roles) parts[pick() % n].roles.push(structuredClone(role));
  return parts;
}

function multiFileOf(orgArb, withMutations) {
  return fc
    .record({
      org: orgArb,
      n: fc.integer({ min: 2, max: 3 }),
      picks: fc.array(fc.nat({ max: 100 }), { maxLength: 30 }),
      decorations: fc.array(decorationArb, { minLength: 3, maxLength: 3 }),
      mutate: withMutations ? fc.option(fc.tuple(fc.nat({ max: 2 }), mutationsArb), { nil: undefined, freq: 3 }) : fc.constant(undefined),
      dirs: fc.constantFrom(['a.charter.yaml', 'b.charter.yaml', 'c.charter.yml'], ['emea/sales.charter.yaml', 'apac/sales.charter.yaml', 'org.charter.yaml'], ['Z.charter.yaml', 'a.charter.yaml', '_.charter.yaml']),
    })
    .map(({ org, n, picks, decorations, mutate, dirs }) => {
      const files = splitOrg(org, n, picks).map((part, i) => ({ path: dirs[i], text: render(part, decorations[i]) }));
      if (mutate) {
        const [which, ms] = mutate;
        const f = files[which % files.length];
        f.text = ms.reduce(mutateText, f.text);
      }
      return files;
    });
}

/** 2-3 files: valid or near-valid organizations, sometimes one file textually mutated. */
export const multiFileArb = multiFileOf(fc.oneof(validOrgArb, nearValidOrgArb), true);
/** 2-3 files of one clean organization. */
export const validMultiFileArb = multiFileOf(validOrgArb, false);

/** One file as an organization. */
export const single = (text) => [{ path: 'org.charter.yaml', text }];
