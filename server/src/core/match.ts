import type { LexiconDef, ResponsibilityDef, RoleModel } from './model/model';

/**
 * Offline matching of free-text responsibilities to model ids. No network, no downloaded model:
 *
 *  1. normalisation — case, `&`, possessives, British spellings, abbreviations (CRM, KPIs, QBRs,
 *     P&L, OKRs, GTM, AEs, 1:1s ...), then a light stemmer;
 *  2. the model's lexicon (data: `lexicon:` in the model file, see docs/matching.md) — phrases and
 *     words mapped onto shared concepts (hire / recruit / onboard / train → talent, forecast /
 *     projection / commit call → forecast ...), scope words and domain filler, applied alike to the
 *     text and to the model's titles, aliases and descriptions, so the model's own words decide which
 *     id a concept points at; a model without a lexicon is matched on its own words only;
 *  3. scope words ("regional", "territory", "local", "company-wide", "global") are not topic words:
 *     they only say which scope level the text is about, and feed the scope prior (a plural —
 *     "across the regions" — or a job title — "regional managers" — names no level);
 *  4. scoring — the share of the text's weight that an id explains, every word weighted by how
 *     distinctive it is among the model's responsibilities (IDF), words that no responsibility
 *     knows counting against every id (so off-model text stays unmatched), plus a bonus when a
 *     whole alias or title appears;
 *  5. a scope prior — between ids of similar score the one at the role's level (or the level the
 *     text names) wins; between a broad id and the id refining it (or two ids whose titles name one
 *     duty at two levels, as "Sales team management" and "Regional team leadership") that level
 *     decides outright;
 *  6. a calibrated confidence threshold and margin (see test/freetext and
 *     scripts/eval-freetext.mjs for the evaluation they were tuned on).
 *
 * Before scoring (matchResponsibility): requirements and traits are set apart (notDuty), headings,
 * openers and job-title subjects are cut, the text is split into coordinated clauses (several ids
 * in text order) whose purpose tails add no id, and an exact title or alias decides outright.
 *
 * Everything is deterministic and built once per model (cached), so matching is cheap.
 */

// ── Normalisation and stemming ──────────────────────────────────────────────────────────────────

const IRREGULAR: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  led: 'lead',
  sold: 'sell',
  built: 'build',
  ran: 'run',
  met: 'meet',
  grew: 'grow',
  drove: 'driv',
  made: 'mak',
  kept: 'keep',
  won: 'win',
  marketing: 'marketing',
  salespeople: 'salesperson',
  people: 'people',
  analyses: 'analysis',
  analysis: 'analysis',
  business: 'business',
  process: 'process',
  processes: 'process',
  status: 'status',
  sales: 'sales',
  ops: 'ops',
  series: 'series',
  across: 'across',
  news: 'news',
  kpis: 'kpi',
  okrs: 'okr',
  qbrs: 'qbr',
  aes: 'ae',
  sdrs: 'sdr',
  bdrs: 'bdr',
  rsms: 'rsm',
  crms: 'crm',
  programme: 'program',
  programmes: 'program',
  behaviour: 'behavior',
  behaviours: 'behavior',
  centre: 'center',
  catalogue: 'catalog',
  counselling: 'counsel',
  travelling: 'travel',
  targeting: 'targeting',
  commercial: 'sales',
  commercially: 'sales',
  staffing: 'staffing',
  aligned: 'aligned',
  directly: 'directly',
  modelling: 'model',
  labelling: 'label',
  // "sales-related issues", "relating to": about, not a relationship ("relation" stems to "relat").
  related: 'related',
  relating: 'relating',
  unrelated: 'related',
});

/** British -ise/-isation spellings folded onto -ize (only for these word stems, to spare "enterprise"). */
const BRITISH_ISE = /^(analys|organis|prioritis|maximis|minimis|optimis|localis|recognis|utilis|standardis|specialis|strategis|incentivis|customis|realis|summaris|monetis|centralis|finalis|mobilis|capitalis|characteris|categoris|visualis|digitalis|modernis|rationalis|synchronis|formalis|operationalis|individualis|personalis|socialis|emphasis)/;

function undouble(w: string): string {
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Derivational suffixes, one of which is removed (first match). */
const DERIVATIONS: [RegExp, string][] = [
  [/izations?$/, 'ize'],
  [/tations?$/, 't'],
  [/ations?$/, 'ate'],
  [/ional$/, 'ion'],
  [/(.{4,})ments?$/, '$1'],
  [/(.{4,})ness$/, '$1'],
  [/(.{4,}[^i])al$/, '$1'],
  [/(.{4,})ly$/, '$1'],
];

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 20000;

/** A light, deterministic stemmer: inflections, a few derivations, British spellings, irregular forms. */
export function stem(word: string): string {
  const lower = word.toLowerCase();
  const cached = stemCache.get(lower);
  if (cached !== undefined) return cached;
  const result = computeStem(lower);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(lower, result);
  return result;
}

function computeStem(lower: string): string {
  let w = lower;
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length <= 3) return w;
  const british = BRITISH_ISE.exec(w);
  if (british) w = british[1].slice(0, -1) + 'z' + w.slice(british[1].length);
  // Inflection.
  if (w.length > 4 && (w.endsWith('ies') || w.endsWith('ied'))) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  // Derivation (one step).
  for (const [pattern, replacement] of DERIVATIONS) {
    if (pattern.test(w)) {
      w = w.replace(pattern, replacement);
      break;
    }
  }
  if (w.length >= 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

const STOPWORDS = new Set(
  `a an and are as at be been being by for from in into is it its of on or our the their them they this that these those to with within
   all each every per who will we you your us via etc eg ie including include such like so than then when where while both any also
   own owns owned owning owner ownership responsible responsibility responsibilities accountable ensure drive lead leading manage
   managing management overall`.split(/\s+/),
);

/** Words that carry no topic in a job posting: neither evidence for an id nor against all of them. */
const GENERIC_WORDS = `
  a an and are as at be been being by for from in into is it its of on or our the their them they this that these those to with within
  all each every per who will we you your us via etc eg ie including include such like so than then when where while both any also
  about above across against along among around behind below beyond during through throughout toward towards under upon without
  how what which whose whether why say said back same has have had now later up out down over off there here rather after before
  not no yet does did can could should would may might must shall just only even still very much well too own owner ownership
  one two three four five six seven eight nine ten eleven twelve twenty hundred dozen first second third half
  responsible responsibility duty duties role task job position accountable
  accomplish act active actively adapt add address adhere advance advise advocate apply arrange articulate assist attend become
  begin bring capture carry champion change choose clarify come complete conduct consider contribute craft decide deliver
  demonstrate design determine devise discuss do drive embed embody emerge empower encourage engage enhance enforce ensure
  establish evolve exceed explain explore face facilitate find follow form formulate foster gain get give go guarantee help
  identify implement improve increase influence initiate instill introduce involve keep know launch leverage make manage
  maximize optimize measure mobilize move navigate obtain operate orchestrate organize outline participate pitch prepare proceed produce
  promote propose provide pursue push put raise reach realize receive recommend reduce refine reinforce remain remove require
  resolve respond roll run scale schedule secure seek select serve set shape show solve spearhead spot stay streamline
  strengthen submit support sustain tackle tailor take tap translate turn undertake update use utilize validate verify want
  work write achieve hit meet build create develop development define grow growth maintain execute execution oversee handle
  review monitor track evaluate assess check understand gather collect share feed pass relay inform informed communicate
  accurate aggressive ambitious appropriate best better broad clear competitive comprehensive consistent continuous critical
  current deep deeper detailed different direct early effective end entire essential excellent existing external fast final
  frequent full future general good great growing high highly ideal innovative internal large latest long main maximum
  meaningful measurable minimum modern multiple necessary optimal ongoing other others overall positive possible potential
  primary proactive proper quick real relevant right robust scalable significant similar simple smart solid specific standard
  strong successful sustainable timely total true unified various whole wide more most less new key core small complex big
  several many few regular top quality good specific particular related relating required assigned designated
  member ability activity approach aspect basis capability case challenge component context detail effort element environment
  excellence expertise experience focus framework function idea impact initiative issue item kind level line manner matter means
  method mindset mission need needs opportunity outcome part piece place point practice priority problem program project
  purpose range reason requirement scope situation solution step style success technique term thing time topic type value way
  annual yearly quarterly monthly weekly daily year quarter month week day fy next short multi
  his her hers him she he if but often usually usual see look lot lots was were another important regard regarding respective
  respectively concern concerning initial based information individual depth combine aside upcoming ultimately ultimate re ll
  everything anything something someone anyone everyone happen little entail fall either neither thorough thoroughly once
  however sometimes conjunction whatever play implementation using given itself themselves though although till vs try start
`;

/** Abbreviations and symbols written before tokenising. */
function prenormalise(text: string): string {
  return text
    .replace(/\bP\s*&\s*L'?s?\b/gi, ' pnl ')
    .replace(/\bUK\s*&\s*I\b/gi, ' UKandI ')
    .replace(/\bR\s*&\s*D\b/gi, ' RandD ')
    .replace(/\b1\s*[:-]\s*1s?\b/g, ' onetoone ')
    .replace(/\bwin\s*\/\s*loss\b/gi, ' winloss ')
    .replace(/&/g, ' and ')
    .replace(/['’]s\b/g, '');
}

interface RawToken {
  stem: string;
  /** A plural noun ("regions", "territories"): the set of them, not one of them. */
  plural: boolean;
  /** Capitalised in the middle of a sentence, or an all-caps acronym: probably a name; in parentheses: an example. */
  proper: 'name' | 'acronym' | 'aside' | undefined;
}

function rawTokens(text: string): RawToken[] {
  const out: RawToken[] = [];
  const source = prenormalise(text);
  const re = /[A-Za-z0-9]+/g;
  let m: RegExpExecArray | null;
  let sentenceStart = true;
  let last = 0;
  let depth = 0;
  /** After "including", "such as", "e.g.": examples, until the end of the sentence. */
  let listing = false;
  while ((m = re.exec(source))) {
    const between = source.slice(last, m.index);
    for (const ch of between) depth = ch === '(' ? depth + 1 : ch === ')' ? Math.max(0, depth - 1) : depth;
    if (/[.;:!?\n]/.test(between)) listing = false;
    if (/[.:;!?(\[\n•]/.test(between)) sentenceStart = true;
    last = m.index + m[0].length;
    const word = m[0];
    const wasStart = sentenceStart;
    sentenceStart = false;
    if (/\d/.test(word) || word.length < 2) continue;
    const lower = word.toLowerCase();
    if (lower === 'including' || lower === 'incl' || lower === 'eg' || (lower === 'as' && out.length > 0 && source.slice(Math.max(0, m.index - 6), m.index).toLowerCase().endsWith('such '))) {
      listing = true;
    }
    let proper: RawToken['proper'];
    if (depth > 0 || listing) proper = 'aside';
    else if (word.length >= 2 && word === word.toUpperCase()) proper = 'acronym';
    else if (/^[A-Z][a-z]/.test(word) && !wasStart) proper = 'name';
    out.push({ stem: stem(word), proper, plural: /[^s]s$/.test(lower) && lower.length > 4 });
  }
  return out;
}

/** The exported tokeniser: stems, optionally without stopwords. */
export function tokens(text: string, dropStopwords = true): string[] {
  return rawTokens(text)
    .filter((t) => !dropStopwords || !STOPWORDS.has(t.stem))
    .map((t) => t.stem);
}

// ── Domain lexicon (data: the model's `lexicon:` section) ────────────────────────────────────────

/** Scope cue concepts ("@" + scope level): say which level the text is about, carry no topic. */
const REGION_CUE = '@region';
const ORG_CUE = '@organization';

interface CompiledPhrase {
  words: string[];
  concept: string;
}

/** A model's lexicon, compiled: every word stemmed like the text. */
interface Lexicon {
  /** Phrases of two words or more by their first word, longest first (concept '' = filler). */
  phrasesByFirstWord: Map<string, CompiledPhrase[]>;
  /** Single words → concept. Unlisted words stand for themselves. */
  concepts: Map<string, string>;
  /** Concept names the lexicon defines. */
  names: Set<string>;
  /** Words that carry no topic: English ones (code) and the domain's filler (data). */
  generic: Set<string>;
  compounds: { concept: string; modifiers: Set<string>; heads: Set<string> }[];
}

const ENGLISH_GENERIC = new Set(GENERIC_WORDS.split(/\s+/).filter(Boolean).map(stem));

/** "company-wide", "P&L", "go to market": the stems of a lexicon entry, `*` kept as a wildcard. */
function entryWords(entry: string): string[] {
  return entry.split(/\s+/).flatMap((chunk) => (chunk === '*' ? ['*'] : rawTokens(chunk).map((t) => t.stem)));
}

function compileLexicon(def: LexiconDef | undefined): Lexicon {
  const lex: Lexicon = { phrasesByFirstWord: new Map(), concepts: new Map(), names: new Set(), generic: new Set(ENGLISH_GENERIC), compounds: [] };
  if (!def) return lex;
  const add = (entry: string, concept: string) => {
    const words = entryWords(entry);
    if (words.length === 0) return;
    if (words.length === 1 && words[0] !== '*') {
      if (concept) lex.concepts.set(words[0], concept);
      else lex.generic.add(words[0]);
      return;
    }
    const list = lex.phrasesByFirstWord.get(words[0]) ?? [];
    list.push({ words, concept });
    lex.phrasesByFirstWord.set(words[0], list);
  };
  for (const [scope, entries] of def.scopeCues) for (const entry of entries) add(entry, `@${scope}`);
  for (const [name, entries] of def.concepts) {
    lex.names.add(name);
    for (const entry of entries) add(entry, name);
  }
  for (const entry of def.filler) add(entry, '');
  for (const list of lex.phrasesByFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  for (const word of lex.concepts.keys()) lex.generic.delete(word);
  for (const c of def.compounds) {
    lex.names.add(c.concept);
    lex.compounds.push({ concept: c.concept, modifiers: new Set(c.modifiers.flatMap(entryWords)), heads: new Set(c.heads.flatMap(entryWords)) });
  }
  return lex;
}

interface Term {
  term: string;
  proper: RawToken['proper'];
  /** The stem of the (last) word it came from. */
  word?: string;
}

/** Text → concept terms (stopwords and generic words dropped, scope cues kept as cue terms). */
function analyseText(text: string, lex: Lexicon, raw: RawToken[] = rawTokens(text)): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < raw.length; ) {
    // A compound: a modifier followed, within two words, by a head ("key ... account").
    const compound = lex.compounds.find((c) => c.modifiers.has(raw[i].stem));
    if (compound) {
      const j = [i + 1, i + 2, i + 3].find((k) => k < raw.length && compound.heads.has(raw[k].stem));
      if (j !== undefined) {
        out.push({ term: compound.concept, proper: undefined });
        i = j + 1;
        continue;
      }
    }
    let matched: CompiledPhrase | undefined;
    for (const phrase of lex.phrasesByFirstWord.get(raw[i].stem) ?? []) {
      if (i + phrase.words.length > raw.length) continue;
      if (phrase.words.every((w, k) => w === '*' || raw[i + k].stem === w)) {
        matched = phrase;
        break;
      }
    }
    if (matched) {
      if (matched.concept) out.push({ term: matched.concept, proper: undefined });
      i += matched.words.length;
      continue;
    }
    const { stem: s, proper, plural } = raw[i];
    i++;
    // "across the regions", "allocate territories": the set of regions is an organization-level matter.
    const c = lex.concepts.get(s);
    if (c === REGION_CUE && plural) continue;
    if (c) out.push({ term: c, proper: undefined, word: s });
    else if (!lex.generic.has(s) && !STOPWORDS.has(s)) out.push({ term: s, proper, word: s });
  }
  // Contextual readings of the sales lexicon's concepts; each applies only where the model's
  // lexicon defines the concepts it names.
  const has = (name: string) => lex.names.has(name);
  // Pipeline that is being built is prospecting, not forecasting.
  if (has('pipeline') && has('newbiz') && out.some((t) => t.term === 'pipeline') && raw.some((t) => PIPELINE_BUILDERS.has(t.stem))) {
    for (const t of out) if (t.term === 'pipeline') t.term = 'newbiz';
  }
  // "regional managers", "area sales managers": a job title, not the level the text is about.
  if (has('manager')) for (let i = 0; i + 1 < out.length; i++) if (out[i].term === REGION_CUE && out[i + 1].term === 'manager') out[i].term = '';
  // "performance management of the sales staff": managing people, not the numbers.
  // "the performance of the reps": their results as people to lead.
  // "team performance", "the performance of their sales team": the people's results, unless the
  // text is about reporting or forecasting them.
  const people = out.some((t) => t.term === 'rep' || t.term === 'manager');
  const team = out.some((t) => t.term === 'team');
  const numbers = out.some((t) => t.term === 'report' || t.term === 'forecast' || t.term === 'data');
  if (has('accountable') && (people || team)) {
    for (const t of out) if (t.term === 'perfmanage' || ((people || (team && !numbers)) && t.term === 'perform')) t.term = 'accountable';
  }
  // "retain talent": keeping people, not customers.
  if (has('talent') && out.some((t) => t.term === 'talent') && !out.some((t) => t.term === 'customer' || t.term === 'keyaccount')) {
    for (const t of out) if (t.term === 'retain') t.term = 'talent';
  }
  // "a strategy that aligns with the company's goals", "work together": working with no other
  // department, executive or stakeholder named is no cross-functional work.
  if (has('collab') && has('dept') && !out.some((t) => COLLAB_PARTNERS.has(t.term))) {
    for (const t of out) if (t.term === 'collab') t.term = '';
  }
  // "hiring plan", "account plan", "training programme plan": the topic is the word before "plan".
  // "recruit distributors": recruiting partners is business development, not talent.
  return out.filter((t, i) => {
    const next = out[i + 1]?.term;
    if (!t.term) return false;
    if (t.term === 'plan' && has('plan') && i > 0 && PLAN_TOPICS.has(out[i - 1].term)) return false;
    // "marketing budget", "travel budget": a budget whatever it is for.
    if (has('budget') && out[i + 1]?.word === BUDGET && t.term !== 'budget' && !isCue(t.term)) return false;
    if (t.term === 'talent' && next === 'partner') return false;
    return true;
  });
}

const BUDGET = stem('budget');
/** Whom cross-functional work is done with (concepts of the sales lexicon). */
const COLLAB_PARTNERS = new Set(['dept', 'exec', 'stakeholder', 'manager', 'team', 'partner', 'rep', 'customer', 'keyaccount', 'salesops', 'product', 'service']);
const PIPELINE_BUILDERS = new Set(['generate', 'build', 'create', 'fill', 'grow'].map(stem));
const PLAN_TOPICS = new Set(['talent', 'comp', 'dept', 'budget', 'keyaccount', 'product', 'enable', 'process', 'tool', 'feedback', 'customer', 'coach', 'report', 'forecast', 'newbiz']);

const isCue = (term: string) => term.startsWith('@');

// ── Index of a model ────────────────────────────────────────────────────────────────────────────

interface IndexedResponsibility {
  def: ResponsibilityDef;
  /** Concept sets of the title, id and aliases (cues removed), for whole-phrase bonuses. */
  phrases: string[][];
  /** Concept → weight in [0, 1]. */
  bag: Map<string, number>;
}

interface MatcherIndex {
  lex: Lexicon;
  /** Exact titles, aliases and ids as words (normalised, see exactKey) → id; null when two ids share one. */
  exact: Map<string, string | null>;
  entries: IndexedResponsibility[];
  idf: Map<string, number>;
  maxIdf: number;
  /** [broad id, narrow id]: one duty at two levels (declared by `refines`, or implied by the titles). */
  pairs: [string, string][];
}

const indexCache = new WeakMap<RoleModel, MatcherIndex>();

const WEIGHT_NAME = 1;
const WEIGHT_ALIAS = 1;
const WEIGHT_DESCRIPTION = 0.5;

function buildIndex(model: RoleModel): MatcherIndex {
  const cached = indexCache.get(model);
  if (cached) return cached;
  const lex = compileLexicon(model.lexicon);
  const documentFrequency = new Map<string, number>();
  const entries: IndexedResponsibility[] = [];
  for (const def of model.responsibilities.values()) {
    const names = [def.title, def.id.replace(/-/g, ' '), ...def.aliases];
    const bag = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const { term } of analyseText(text, lex)) if (!isCue(term)) bag.set(term, Math.max(bag.get(term) ?? 0, weight));
    };
    add(def.description ?? '', WEIGHT_DESCRIPTION);
    for (const alias of def.aliases) add(alias, WEIGHT_ALIAS);
    add(def.title, WEIGHT_NAME);
    add(def.id.replace(/-/g, ' '), WEIGHT_NAME);
    const phrases = names
      .map((name) => [...new Set(analyseText(name, lex).map((t) => t.term).filter((t) => !isCue(t)))])
      .filter((p) => p.length > 0);
    for (const term of bag.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    entries.push({ def, phrases, bag });
  }
  const total = Math.max(1, entries.length);
  const idf = new Map<string, number>();
  let maxIdf = Math.log(1 + total);
  for (const [term, df] of documentFrequency) idf.set(term, Math.log(1 + total / df));
  for (const value of idf.values()) maxIdf = Math.max(maxIdf, value);
  const exact = new Map<string, string | null>();
  for (const { def } of entries) {
    for (const name of new Set([def.title, def.id.replace(/-/g, ' '), ...def.aliases].map(exactKey))) {
      if (name) exact.set(name, exact.has(name) && exact.get(name) !== def.id ? null : def.id);
    }
  }
  const index: MatcherIndex = { lex, exact, idf, entries, maxIdf, pairs: findPairs(model, entries, lex) };
  indexCache.set(model, index);
  return index;
}

/** A text as an exact-match key: its stems without stopwords ("The annual budgets" = "annual budget"). */
function exactKey(text: string): string {
  return tokens(text).join(' ');
}

const MAX_IMPLIED_PAIRS_MODEL = 500;

/**
 * Ids naming one duty at two scope levels: `refines` declares it ("regional-sales-plan" refines
 * "sales-strategy"); without it, two ids of different levels whose title topics nest ("Sales team
 * management" and "Regional team leadership": team ⊂ team + lead) are taken as such a pair when
 * neither has another candidate.
 */
function findPairs(model: RoleModel, entries: IndexedResponsibility[], lex: Lexicon): [string, string][] {
  const rank = (scope: string) => {
    const i = model.scopes.indexOf(scope);
    return i < 0 ? model.scopes.length : i;
  };
  const pairs: [string, string][] = [];
  const declared = new Set<string>();
  for (const { def } of entries) {
    const broad = def.refines ? model.responsibilities.get(def.refines) : undefined;
    if (broad && rank(broad.scope) < rank(def.scope)) {
      pairs.push([broad.id, def.id]);
      declared.add(broad.id).add(def.id);
    }
  }
  // Implied pairs compare every two ids: a model larger than this names its pairs with `refines`.
  if (entries.length > MAX_IMPLIED_PAIRS_MODEL) return pairs;
  const topics = new Map(entries.map((e) => [e.def.id, new Set(analyseText(e.def.title, lex).map((t) => t.term).filter((t) => !isCue(t)))]));
  const nests = (a: Set<string>, b: Set<string>) => {
    if (a.size === 0) return false;
    for (const t of a) if (!b.has(t)) return false;
    return true;
  };
  // Partners of each id, up to two: only "exactly one" matters below.
  const implied = new Map<string, string[]>();
  const note = (id: string, partner: string) => {
    const list = implied.get(id);
    if (!list) implied.set(id, [partner]);
    else if (list.length < 2) list.push(partner);
  };
  for (const a of entries) {
    for (const b of entries) {
      if (declared.has(a.def.id) || declared.has(b.def.id) || rank(a.def.scope) >= rank(b.def.scope)) continue;
      const ta = topics.get(a.def.id)!;
      const tb = topics.get(b.def.id)!;
      if (nests(ta, tb) || nests(tb, ta)) {
        note(a.def.id, b.def.id);
        note(b.def.id, a.def.id);
      }
    }
  }
  for (const [broad, partners] of implied) {
    const [narrow] = partners;
    if (partners.length === 1 && implied.get(narrow)?.length === 1 && rank(model.responsibilities.get(broad)!.scope) < rank(model.responsibilities.get(narrow)!.scope)) {
      pairs.push([broad, narrow]);
    }
  }
  return pairs;
}

// ── Matching ────────────────────────────────────────────────────────────────────────────────────

export interface MatchCandidate {
  id: string;
  score: number;
}

export interface MatchResult {
  /** The confident match, if any: the first of `ids`. */
  id?: string;
  /**
   * Every id the text names, in text order: one, or (SPEC "Responsibilities") two or three for
   * coordinated duties ("Forecast revenue and manage the budget"). Empty when unmatched.
   */
  ids: string[];
  /** Best candidates, best first (for did-you-mean). */
  candidates: MatchCandidate[];
  /** Set on unmatched text that reads as a requirement or a trait rather than a duty. */
  notDuty?: 'requirement';
}

/** Tuning (see scripts/eval-freetext.mjs): calibrated on the dev half of test/freetext/statements.jsonl. */
const T = {
  /** Weight of a word no responsibility knows, relative to the most distinctive known word. */
  unknownWeight: 0.8,
  /** A capitalised word mid-sentence (a place, a product, a tool) or an acronym weighs less. */
  nameDiscount: 0.15,
  acronymDiscount: 0.4,
  asideDiscount: 0.2,
  /** Bonus for a whole alias or title found in the text, times the share of the text it covers. */
  phraseBonus: 0.35,
  /** Prior for ids at the role's level, or (larger) at the level the text names. Ranks, never confirms. */
  scopePrior: 0.08,
  cuePrior: 0.1,
  /** Confident: the best id explains at least this much of the text ... */
  confident: 0.5,
  /** ... (more when no word of the text is in the id's title or aliases) ... */
  confidentUnnamed: 0.65,
  /** ... and leads the next id (its refinement pair aside) by this much. */
  margin: 0.04,
  /** Or (long text): the id's words weigh this much (in units of the most distinctive word) ... */
  strong: 2,
  /** ... and this many times as much as the next id's. */
  dominance: 2,
};
/** The tuning, for scripts/eval-freetext.mjs --tune only. */
export const TUNING = T;
/** Between a broad id and its refinement, the one at the level the text is about wins by this. */
const PAIR_EDGE = 0.01;
const MAX_TEXT_LENGTH = 2000;

/**
 * Matches free text to a responsibility. `roleScope` is the scope level of the role that lists the
 * text; between a broad id and the narrower id that refines it, the one at the role's level wins.
 */
export function matchResponsibility(text: string, model: RoleModel, roleScope?: string): MatchResult {
  const index = buildIndex(model);
  // A responsibility is a phrase or a sentence; past this length only the beginning is read, so
  // matching stays cheap whatever the file holds.
  const clipped = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  // A requirement gets no did-you-mean either: no id is what it means.
  if (readsAsRequirement(clipped, true)) return { ids: [], candidates: [], notDuty: 'requirement' };
  // "Budget Management: Zonal Business Managers often ...", "The VP of Sales also develops ...":
  // the heading and the preamble name no duty of their own; the heading is read only when the rest
  // names none.
  const stripped = stripPreamble(clipped);
  const { heading } = stripped;
  let { body } = stripped;
  // Several duties: coordinated verb phrases that each name a different id, in text order; a
  // purpose or manner tail ("to ensure ...", "by coaching") adds no id, nor does a reporting line
  // ("... and reports to the VP of Sales").
  const clauses = segment(body);
  if (clauses.length === 0) return { ids: [], candidates: [] };
  if (clauses.dropped) body = clauses.join(', ');
  const whole = matchClause(body, index, model, roleScope);
  if (clauses.length > 1 || clauses[0] !== body) {
    const parts = clauses.map((clause) => matchClause(clause, index, model, roleScope));
    const ids = [...new Set(parts.map((p) => p.id).filter((id): id is string => id !== undefined))].slice(0, MAX_IDS);
    if (ids.length > 1) return { id: ids[0], ids, candidates: whole.candidates };
    if (ids.length === 1 && !whole.id) {
      const first = parts.find((p) => p.id === ids[0])!;
      return { id: ids[0], ids, candidates: first.candidates };
    }
  }
  if (whole.id) return { id: whole.id, ids: [whole.id], candidates: whole.candidates };
  if (heading) {
    const titled = matchClause(heading, index, model, roleScope);
    if (titled.id) return { id: titled.id, ids: [titled.id], candidates: titled.candidates };
  }
  const unmatched = whole.candidates.length > 0 || body === clipped ? whole : matchClause(clipped, index, model, roleScope);
  return readsAsRequirement(clipped, false) ? { ids: [], candidates: [], notDuty: 'requirement' } : { ids: [], candidates: unmatched.candidates };
}

// ── Preambles ───────────────────────────────────────────────────────────────────────────────────

/** "Budget Management : ...", "Sales Forecasting and Budgeting: ...": a short heading before a colon. */
function headingOf(text: string): { heading: string; rest: string } | undefined {
  const colon = text.indexOf(':');
  if (colon < 2 || colon > 70) return undefined;
  const heading = text.slice(0, colon).trim();
  const rest = text.slice(colon + 1).trim();
  if (!/^[A-Za-z][\w&/’' -]*$/.test(heading) || heading.split(/\s+/).length > 6 || rest.length <= 12) return undefined;
  return { heading, rest };
}

/** Sentence openers that name no duty: "In this role, you will", "Apart from all this, ". */
const OPENER = /^\s*(?:(?:in this role|in this position|in addition(?: to this)?|additionally|also|furthermore|moreover|besides|apart from all this|outside (?:your|their|his|her) daily tasks|in tough circumstances|then|to do this|for example|on a daily basis|as needed|typically|generally|usually|often|overall|ultimately|finally|above all|most importantly)\b\s*,?\s*)+/i;

/** A job title or pronoun as the subject, with its modal or adverbs: "The VP of Sales also", "Sales directors may". */
const SUBJECT = new RegExp(
  '^\\s*(?:(?:as|acting as|being) (?:a |an |the )?[^,]{1,60},\\s*)?' +
    '(?:(?:the|a|an|each|every|our|your|this|that|these|their|his|her|any|good|great|savvy|successful)\\s+)?' +
    "(?:(?!(?:to|with|for|from|on|in|at|by|and|or|into|across|within)\\s)[A-Za-z’'/.-]+\\s+){0,6}?" +
    '(?:managers?|directors?|vps?|vice presidents?|presidents?|officers?|cros?|heads?|leaders?|executives?|rsms?|tsms?|asms?|dsms?|zsms?|he|she|they|you|we|he or she|he ?/ ?she|s/he|incumbent|individual|person|role|position)' +
    '(?:\\s*\\([^)]*\\))?(?:\\s+of\\s+(?:sales|[A-Za-z]+(?:\\s+sales)?))?' +
    "(?:\\s+(?:also|will|would|must|should|may|might|can|could|often|typically|usually|generally|then|frequently|constantly|regularly|always|actively|directly|is|are|be|has|have|'ll|will be|is also|are also|expected to|required to|encouraged to|needs? to|has to|have to|tends? to|helps?|work(?:s)? to))*\\s+",
  'i',
);

/** "responsible for", "in charge of", "duties include": what follows is the duty. */
const RESPONSIBLE = /^(?:(?:.{0,80}?\b(?:is|are|be|been|was|were|remains?|executive|leader|manager|director|officer|person|one)\s+|\s*)(?:(?:also|primarily|mainly|ultimately|directly|fully|solely|largely|typically|generally|often|usually|chiefly|or)\s+)*(?:responsible|accountable)(?:\s+or\s+(?:responsible|accountable))?\s+(?:for|to)|.{0,80}?\bin charge of|.{0,60}?\b(?:tasked|charged) with|.{0,60}?\b(?:involved in|the driving force behind|the force behind|focus(?:es)? on|focused on)|.{0,80}?\b(?:duties|responsibilities|tasks|job|role|duty|responsibility|goal|focus|mission)(?: and responsibilities)?(?: of [^,:]{1,60}?)? (?:includes?|involves?|is to|are to|entails?)|.{0,60}?\bit is (?:his|her|their|your|the \w+'?s?) (?:responsibility|job|duty|role) to|.{0,60}?\b(?:this|the) (?:role|position|job) (?:involves|includes|focuses on|entails))\s*:?\s*/i;

const RESPONSIBLE_WORDS = /responsib|accountab|in charge|tasked|charged|involved|force behind|focus|duties|tasks|job|role|duty|goal|mission/i;
const SUBJECT_WORDS = /\b(?:managers?|directors?|vps?|presidents?|officers?|cros?|heads?|leaders?|executives?|[rtadz]sms?|he|she|they|you|we|incumbent|individual|person|role|position)\b/i;

/** The text without its preamble ("The VP of Sales also ...") and heading; the heading apart. */
function stripPreamble(text: string): { body: string; heading?: string } {
  let body = text;
  let heading: string | undefined;
  const h = headingOf(body);
  // "Coach reps weekly: call reviews, pipeline reviews": a duty before the colon, its examples after.
  const lead = h && CLAUSE_VERBS.has(stem(/[A-Za-z]+/.exec(h.heading)?.[0] ?? '')) && h.heading.includes(' ');
  if (h && lead) {
    heading = h.rest;
    body = h.heading;
  } else if (h) {
    heading = h.heading;
    body = h.rest;
  }
  body = dropPreamble(body);
  return { body, heading };
}

/** Openers, a subject with its modals, and "is responsible for" at the start of one sentence. */
function dropPreamble(sentence: string): string {
  let body = sentence.replace(OPENER, '');
  const keep = (next: string) => {
    if (next !== body && /[A-Za-z]{3,}.*\s+\S/.test(next)) body = next;
  };
  // Cheap tests first: most duty texts have neither.
  const responsible = RESPONSIBLE_WORDS.test(body);
  if (responsible) keep(body.replace(RESPONSIBLE, ''));
  // A subject only before its verb: "Report results to the Head of Sales" has none.
  const first = /[A-Za-z]+/.exec(body)?.[0] ?? '';
  if (SUBJECT_WORDS.test(body) && (!CLAUSE_VERBS.has(stem(first)) || verbForm(first) !== 'base')) keep(body.replace(SUBJECT, ''));
  if (responsible) keep(body.replace(RESPONSIBLE, ''));
  keep(body.replace(/^\s*to\s+(?=[a-z])/i, ''));
  return body;
}

/** At most this many ids for one entry (SPEC: two or three for coordinated duties). */
const MAX_IDS = 3;

/** One clause: the confident id, if any, and the best candidates. */
function matchClause(text: string, index: MatcherIndex, model: RoleModel, roleScope?: string): { id?: string; candidates: MatchCandidate[] } {
  const raw = rawTokens(text);
  const terms = analyseText(text, index.lex, raw);
  const cueRegion = terms.some((t) => t.term === REGION_CUE);
  const cueOrg = terms.some((t) => t.term === ORG_CUE);
  const broadest = model.scopes[0];
  const narrowest = model.scopes[model.scopes.length - 1];
  const cueScope = cueRegion && !cueOrg ? narrowest : cueOrg && !cueRegion ? broadest : undefined;
  const targetScope = cueScope ?? roleScope;

  // Topic terms: weight of one mention (IDF, or the unknown-word weight) and how often they occur.
  const query = new Map<string, { unit: number; tf: number }>();
  for (const { term, proper } of terms) {
    if (isCue(term)) continue;
    const seen = query.get(term);
    if (seen) {
      seen.tf++;
      continue;
    }
    const known = index.idf.get(term);
    let unit = known ?? T.unknownWeight * index.maxIdf;
    if (known === undefined && proper === 'name') unit *= T.nameDiscount;
    else if (known === undefined && proper === 'acronym') unit *= T.acronymDiscount;
    else if (known === undefined && proper === 'aside') unit *= T.asideDiscount;
    query.set(term, { unit, tf: 1 });
  }
  if (query.size === 0) {
    // Nothing to score ("cross-functional collaboration" once the lexicon has read it): an exact
    // title or alias still decides, at the level the text is about when it is one of a pair.
    const exactId = index.exact.get(raw.filter((t) => !STOPWORDS.has(t.stem)).map((t) => t.stem).join(' '));
    if (!exactId) return { candidates: [] };
    const pair = targetScope ? index.pairs.find((p) => p.includes(exactId)) : undefined;
    const id = pair?.find((p) => model.responsibilities.get(p)?.scope === targetScope) ?? exactId;
    return { id, candidates: [{ id, score: 1 }] };
  }
  // A word repeated ("hiring ... interviews ... onboarding") is the topic: up to twice the weight.
  const weightOf = (q: { unit: number; tf: number }) => q.unit * Math.min(2, 1 + 0.5 * (q.tf - 1));
  const denominator = [...query.values()].reduce((sum, q) => sum + weightOf(q), 0);

  interface Scored extends MatchCandidate {
    /** Share of the text the id explains, plus the phrase bonus: what confidence is judged on. */
    evidence: number;
    /** Some word of the text is in the id's title or aliases, not only in its description. */
    named: boolean;
    /** Absolute evidence: the weight of the text's words the id knows, however long the text. */
    strength: number;
  }
  const scored: Scored[] = [];
  for (const entry of index.entries) {
    let explained = 0;
    let named = false;
    for (const [term, q] of query) {
      const w = entry.bag.get(term);
      if (w) explained += w * weightOf(q);
      if (w === WEIGHT_NAME) named = true;
    }
    const strength = explained / index.maxIdf;
    if (explained <= 0) continue;
    let evidence = explained / denominator;
    // A whole alias or title (two concepts or more) found in the text.
    let bestPhrase = 0;
    for (const phrase of entry.phrases) {
      if (phrase.length < 2 || !phrase.every((t) => query.has(t))) continue;
      bestPhrase = Math.max(bestPhrase, phrase.reduce((sum, t) => sum + weightOf(query.get(t)!), 0) / denominator);
    }
    evidence += T.phraseBonus * Math.min(1, bestPhrase);
    const prior = targetScope && entry.def.scope === targetScope ? (cueScope ? T.cuePrior : T.scopePrior) : 0;
    scored.push({ id: entry.def.id, evidence, named, strength, score: evidence + prior });
  }
  // A broad id and the id refining it name one duty at two levels: the one at the level the text is
  // about takes the better evidence of the two, and the other does not count as a competitor.
  const shadowed = new Map<string, string>();
  if (targetScope) {
    const byId = new Map(scored.map((c) => [c.id, c]));
    for (const [broadId, narrowId] of index.pairs) {
      const broadScope = model.responsibilities.get(broadId)?.scope;
      const narrowScope = model.responsibilities.get(narrowId)?.scope;
      const [keepId, dropId] = narrowScope === targetScope ? [narrowId, broadId] : broadScope === targetScope ? [broadId, narrowId] : [];
      const drop = dropId ? byId.get(dropId) : undefined;
      if (!keepId || !drop) continue;
      let keep = byId.get(keepId);
      if (!keep) {
        keep = { id: keepId, evidence: 0, named: false, strength: 0, score: 0 };
        scored.push(keep);
        byId.set(keepId, keep);
      }
      const prior = cueScope ? T.cuePrior : T.scopePrior;
      keep.evidence = Math.max(keep.evidence, drop.evidence);
      keep.named ||= drop.named;
      keep.strength = Math.max(keep.strength, drop.strength);
      keep.score = Math.max(keep.score, keep.evidence + prior, drop.score + PAIR_EDGE);
      shadowed.set(drop.id, keepId);
    }
  }
  for (const c of scored) c.score = Math.round(c.score * 1e6) / 1e6;
  scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const best = scored[0];
  const runnerUp = scored.find((c) => c !== best && !shadowed.has(c.id));
  const confident =
    best &&
    !shadowed.has(best.id) &&
    best.evidence >= T.confident &&
    (best.named || best.evidence >= T.confidentUnnamed) &&
    (!runnerUp || best.score - runnerUp.score >= T.margin);
  // A long sentence: judged by the strongest evidence, not by how much of it the model's words
  // explain — enough weight of the id's own words, well ahead of any other id.
  const strong =
    !confident &&
    best &&
    !shadowed.has(best.id) &&
    best.named &&
    best.strength >= T.strong &&
    (!runnerUp || (best.strength >= T.dominance * runnerUp.strength && best.score - runnerUp.score >= T.margin));
  const candidates = scored.slice(0, 3).map(({ id, score }) => ({ id, score }));
  // An exact title or alias decides before any scoring (its partner at the level the text is about
  // when it is one of a broad/narrow pair).
  const exact = index.exact.get(raw.filter((t) => !STOPWORDS.has(t.stem)).map((t) => t.stem).join(' '));
  if (exact) {
    const id = shadowed.get(exact) ?? exact;
    return { id, candidates: [{ id, score: Math.max(1, best?.score ?? 0) }, ...candidates.filter((c) => c.id !== id)].slice(0, 3) };
  }
  return { id: confident || strong ? best.id : undefined, candidates };
}

// ── Clauses, purpose tails and requirements ─────────────────────────────────────────────────────

/**
 * Verbs that open a duty clause (stemmed). A coordinating "and", "," or ";" followed by one of them
 * starts a new clause: "Forecast sales revenue and manage the sales budget".
 */
const CLAUSE_VERBS = new Set(
  `accelerate achieve advise align allocate analyze anticipate approve assess attract build champion coach collaborate communicate conduct
   coordinate create cultivate define deliver deploy design develop direct drive educate engage establish evaluate execute expand forecast
   foster gather generate grow guide help hire hold identify implement improve inspire interview lead liaise maintain manage mentor monitor
   motivate negotiate nurture onboard optimize organize oversee own partner plan prepare present prioritize prospect provide recruit report
   represent retain review run secure set shape share streamline supervise support track train translate understand work write budget
   measure serve head assign boost conduct control cultivate determine document establish evaluate expand find foster handle increase
   launch maintain meet oversee promote recommend research survey teach visit collect analyse hold ensure achieve set`
    .split(/\s+/)
    .filter(Boolean)
    .map(stem),
);

/** Words after which "with" names the partner of the duty, not its manner ("work with marketing"). */
const WITH_PARTNERS = /\b(?:work\w*|partner\w*|collaborat\w*|align\w*|liais\w*|coordinat\w*|meet\w*|met|engag\w*|relationships?|interfac\w*|closely|together|cooperat\w*|communicat\w*|sync\w*|connect\w*|consult\w*|along|deal\w*|familiar\w*|experience\w*|compl\w*|interact\w*|network\w*|help\w*|assist\w*|support\w*|sign\w*|negotiat\w*|contract\w*|agreement\w*|rapport|trust\w*)\s+$/i;

/** Purpose and manner tails: what follows adds no duty ("... to ensure targets are met", "... by coaching"). */
const TAIL = /(?:,\s*|\s+)(?:in order to|so as to|so that|to ensure|to make sure|ensuring|thereby|while|through|by (?=[a-z]+ing\b)|to (?=(?:achieve|meet|hit|exceed|drive|deliver|maximi[sz]e|increase|improve|ensure|grow|support|enable|reach|boost|accelerate|optimi[sz]e|sustain|help|secure|attain|realise|realize)\b))/i;

/** "reports to the General Manager", "each report to the Executive Directors": a reporting line, not a duty. */
// "Report to the executive team" (a duty: reporting results) is the bare imperative; a reporting
// line has a third-person verb or a subject word before it.
const REPORTING_LINE = /^(?:(?:(?:and|also|directly)\s+)*reports|(?:(?:each|who|will|would|and)\s+)+(?:also\s+|directly\s+)*report)\s+(?:directly\s+|in\s+)?(?:to|into)\s+(?:the\s+|our\s+|a\s+|an\s+)?(?:[A-Za-z&/.-]+\s*){1,8}$/i;

function stripTail(clause: string): string {
  let from = 0;
  for (;;) {
    const m = TAIL.exec(clause.slice(from));
    if (!m) return clause;
    const at = from + m.index;
    const head = clause.slice(0, at);
    // "work with marketing": the partner, not the manner; a head of one word is no clause of its own.
    if (/^(?:,\s*|\s+)with/i.test(m[0]) && WITH_PARTNERS.test(`${head} `)) {
      from = at + m[0].length;
      continue;
    }
    return head.trim() ? head : clause;
  }
}

/**
 * The clauses of a duty text: split at sentence ends and ";", and at "and" / "," / "as well as"
 * followed by a clause-opening verb, each with its purpose or manner tail cut.
 */
function segment(text: string): string[] & { dropped?: boolean } {
  const out: string[] & { dropped?: boolean } = [];
  for (const raw of text.split(/;|\.\s+|\s+[–—-]\s+(?=[A-Za-z])/)) {
    const sentence = out.length > 0 ? dropPreamble(raw) : raw;
    const pieces: string[] = [];
    const re = /(?:,\s*(?:and|as well as)?|\s+(?:and|as well as|&))\s+([A-Za-z]+)/gi;
    // The form of the clause-opening verb ("Forecast ... and manage", "develops ... and manages",
    // "Managing ... and training"): a coordinated verb of another form is a noun or an object.
    const opening = /[A-Za-z]+/g;
    let openingForm: string | undefined;
    for (let w: RegExpExecArray | null; (w = opening.exec(sentence)) && !openingForm; ) if (CLAUSE_VERBS.has(stem(w[0]))) openingForm = verbForm(w[0]);
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(sentence))) {
      if (!CLAUSE_VERBS.has(stem(m[1])) || verbForm(m[1]) !== openingForm) continue;
      // Inside parentheses: examples, not a clause.
      if ((sentence.slice(0, m.index).match(/\(/g)?.length ?? 0) > (sentence.slice(0, m.index).match(/\)/g)?.length ?? 0)) continue;
      // "Develop and manage the budget", "Recruit, train and mentor reps": verbs alone share the
      // object of the next one.
      const before = sentence.slice(last, m.index).match(/[A-Za-z]+/g) ?? [];
      if (before.every((w) => CLAUSE_VERBS.has(stem(w)) || /^(?:and|or)$/i.test(w))) continue;
      pieces.push(sentence.slice(last, m.index));
      last = m.index + m[0].length - m[1].length;
    }
    pieces.push(sentence.slice(last));
    for (const piece of pieces) {
      const clause = stripTail(piece).replace(/[\s.,;:!]+$/, '').trim();
      if (REPORTING_LINE.test(clause) && !/\b(?:on|about|regarding)\b/i.test(clause)) {
        out.dropped = true;
        continue;
      }
      if (/[A-Za-z]/.test(clause)) out.push(clause);
    }
  }
  return out.length > 0 || out.dropped ? out : [text];
}

/** base, s (third person), ing or ed: the form of a verb as written. */
function verbForm(word: string): string {
  const w = word.toLowerCase();
  if (w.endsWith('ing') && w.length > 5) return 'ing';
  if (w.endsWith('ed') && w.length > 4) return 'ed';
  if (/[^s]s$/.test(w) && w.length > 3) return 's';
  return 'base';
}

/**
 * Requirements and traits, not duties: "Minimum of 10 years experience", "You're collegial",
 * "Bachelor's degree", "Close deals yourself". `strong` cues decide even over a match; the others
 * only explain why text matched nothing.
 */
const REQUIREMENT_STRONG = [
  /\b\d+\s*\+\s*(?:years?|yrs)\b|\b\d+\s*(?:years?|yrs)\b(?:\s+of)?(?:\s+[a-z0-9/&-]+){0,4}\s+experience\b|\b(?:minimum|at least)(?:\s+of)?\s+\d+/i,
  /\byears? of (?:[a-z-]+ ){0,3}experience\b/i,
  /^\s*(?:minimum|at least|bachelor|master|mba|degree|proven|demonstrated|excellent|exceptional|outstanding|strong (?:[a-z]+ )?(?:skills|background|understanding|knowledge|experience|track)|ability to|able to|knowledge of|understanding of|familiarity|proficien|fluen|experience (?:in|with|of|as|selling|leading|managing|building)|experienced|track record|you(?:['’]re| are)\s+(?!responsible|accountable|in charge|tasked|expected|going|the\b)|you(?:['’]ve| have| bring| thrive| love| enjoy| possess)\b|must\b|willing|comfortable|self-starter|passion(?:ate)?)/i,
  /\b(?:bachelor'?s?|master'?s?|mba|university) degree\b/i,
  /\b(?:must|should|need to|needs to|expected to|required to)(?: also)? (?:have|possess|be (?:able|comfortable|proficient|familiar|skilled|highly|strong|good|excellent))\b|\bqualities\b|\bproficien|\brequires? (?:a |an )?(?:blend|mix|combination|strong|deep|solid)\b|\byou need\b|\bacumen\b/i,
  /\bown (?:book of business|quota)\b/i,
  // Experience and expertise as the subject, traits: "Experience or knowledge in marketing can ...",
  // "Expertise in product knowledge ... is essential", "Systems thinkers:", "a persuasive attitude".
  /^\s*(?:(?:professional|relevant|prior|previous|sales|industry)\s+)?(?:experience|expertise)\b(?!\s+(?:of|for)\s+(?:the|our|your)\s+customer)|\bcandidate['’]s\b|\b(?:thinkers?|obsessed|magnets?|attitude|mindset)\b|\bshould be an? (?:[a-z]+ )?(?:leader|person|communicator|manager)\b|\brequires (?:mastering|expertise|experience)\b/i,
];
const REQUIREMENT_WEAK = [/\bskills?\b/i, /\bexperience\b/i, /\bdegree\b/i, /\bknowledge\b/i, /\bability\b/i, /\bproficien/i, /\btrack record\b/i, /\byou\b/i, /\bpreferred\b/i, /\brequired\b/i];

/** Individual-contributor selling: "Close deals yourself", "Help close large deals personally". */
const PERSONAL_SELLING = /\b(?:sell|sold|clos|negotiat|demo|prospect|carr|pitch)\w*\b.*\b(?:yourself|personally)\b|\b(?:yourself|personally)\s+(?:sell|sold|clos|negotiat|demo|prospect|carr|pitch)|\bindividual contributor\b/i;

function readsAsRequirement(text: string, strong: boolean): boolean {
  if (PERSONAL_SELLING.test(text)) return true;
  // A duty verb first is a duty, whatever requirement it mentions ("Hire reps with 5 years of experience").
  const first = /[A-Za-z]+/.exec(text)?.[0] ?? '';
  if (CLAUSE_VERBS.has(stem(first)) && verbForm(first) === 'base') return false;
  // "Strong leadership and sales skills", "Good communication skills": a skill is a requirement
  // unless a duty verb comes first ("Develop the skills of the reps").
  // Building the skills of others is a duty ("Sales skills training for new hires").
  if (/\bskills?\b/i.test(text) && !/\b(?:train|coach|teach|upskill|workshop|academy|curricul|programmes?\b|programs?\b)/i.test(text) && !CLAUSE_VERBS.has(stem(first))) return true;
  return (strong ? REQUIREMENT_STRONG : [...REQUIREMENT_STRONG, ...REQUIREMENT_WEAK]).some((re) => re.test(text));
}

/** SPEC: lower-case letters, digits and hyphens, no spaces — such an entry is an id, never free text. */
export function isIdLike(text: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text) || /^[a-z0-9-]+$/.test(text);
}


/** For scripts/eval-freetext.mjs and tests: the preamble-stripped body and the clauses of a text. */
export function explainSegmentation(text: string): { body: string; heading?: string; clauses: string[] } {
  const { body, heading } = stripPreamble(text);
  return { body, heading, clauses: segment(body) };
}


/** For error analysis (scripts/eval-freetext.mjs --explain): the concept terms of a text and their weights. */
export function explainTerms(text: string, model: RoleModel): { term: string; weight: number; known: boolean }[] {
  const index = buildIndex(model);
  return analyseText(text, index.lex)
    .filter((t) => !isCue(t.term))
    .map((t) => {
      const known = index.idf.get(t.term);
      return { term: t.term, weight: Math.round(((known ?? T.unknownWeight * index.maxIdf) / index.maxIdf) * 100) / 100, known: known !== undefined };
    });
}
