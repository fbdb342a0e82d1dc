import type { ResponsibilityDef, RoleModel } from './model/model';

/**
 * Offline matching of free-text responsibilities to model ids: normalisation, light stemming,
 * phrase hits on titles and aliases, and token overlap weighted by how distinctive each word is.
 */

const STOPWORDS = new Set(
  'a an and are as at be by for from in into is it of on or our the their them they this to with within across all own owns owning responsible responsibility accountable ensure ensuring drive driving lead leading manage managing management overall its each every per who will be'.split(
    ' ',
  ),
);
// Verbs of ownership are noise for matching, but "management" and "lead" carry meaning in some titles;
// they are stripped from the query only, not from the model's phrases, so a title still matches itself.

export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  for (const suffix of ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ers', 'er', 'ed', 'al', 'ly']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

export function tokens(text: string, dropStopwords = true): string[] {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 1 && (!dropStopwords || !STOPWORDS.has(t)))
    .map(stem);
}

function normalisePhrase(text: string): string {
  return tokens(text, false).join(' ');
}

interface IndexedResponsibility {
  def: ResponsibilityDef;
  phrases: string[];
  tokenWeights: Map<string, number>;
}

interface MatcherIndex {
  entries: IndexedResponsibility[];
  idf: Map<string, number>;
}

const indexCache = new WeakMap<RoleModel, MatcherIndex>();

function buildIndex(model: RoleModel): MatcherIndex {
  const cached = indexCache.get(model);
  if (cached) return cached;
  const documentFrequency = new Map<string, number>();
  const raw: { def: ResponsibilityDef; phrases: string[]; bag: Map<string, number> }[] = [];
  for (const def of model.responsibilities.values()) {
    const phrases = [def.title, def.id.replace(/-/g, ' '), ...def.aliases].map(normalisePhrase).filter(Boolean);
    const bag = new Map<string, number>();
    const add = (text: string, weight: number) => {
      for (const token of tokens(text)) bag.set(token, Math.max(bag.get(token) ?? 0, weight));
    };
    add(def.description ?? '', 0.5);
    add(def.id.replace(/-/g, ' '), 1);
    add(def.title, 1);
    for (const alias of def.aliases) add(alias, 1);
    for (const token of bag.keys()) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
    raw.push({ def, phrases, bag });
  }
  const total = Math.max(1, raw.length);
  const idf = new Map<string, number>();
  for (const [token, df] of documentFrequency) idf.set(token, Math.log(1 + total / df));
  const index: MatcherIndex = {
    idf,
    entries: raw.map(({ def, phrases, bag }) => ({ def, phrases, tokenWeights: bag })),
  };
  indexCache.set(model, index);
  return index;
}

export interface MatchCandidate {
  id: string;
  score: number;
}

export interface MatchResult {
  /** The confident match, if any. */
  id?: string;
  /** Best candidates, best first (for did-you-mean). */
  candidates: MatchCandidate[];
}

const CONFIDENT = 0.5;

/**
 * Matches free text to a responsibility. `roleScope` is the scope level of the role that lists the
 * text; between a broad id and the narrower id that refines it, the one at the role's level wins.
 */
export function matchResponsibility(text: string, model: RoleModel, roleScope?: string): MatchResult {
  const index = buildIndex(model);
  const phrase = ` ${normalisePhrase(text)} `;
  const queryTokens = [...new Set(tokens(text))];
  if (queryTokens.length === 0) return { candidates: [] };
  const queryWeight = queryTokens.reduce((sum, t) => sum + (index.idf.get(t) ?? Math.log(1 + index.entries.length)), 0);
  const scored: MatchCandidate[] = [];
  for (const entry of index.entries) {
    let overlap = 0;
    for (const token of queryTokens) {
      const weight = entry.tokenWeights.get(token);
      if (weight) overlap += weight * (index.idf.get(token) ?? 0);
    }
    let score = queryWeight > 0 ? overlap / queryWeight : 0;
    for (const p of entry.phrases) {
      if (p && phrase.includes(` ${p} `)) score = Math.max(score, 0.6 + Math.min(0.4, p.split(' ').length * 0.1));
    }
    if (roleScope && entry.def.scope === roleScope) score += 0.05;
    if (score > 0) scored.push({ id: entry.def.id, score });
  }
  scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  // Prefer, between a broad id and its refinement, the one at the role's own level.
  if (roleScope && scored.length > 1) {
    const [first, second] = scored;
    const a = model.responsibilities.get(first.id);
    const b = model.responsibilities.get(second.id);
    const paired = a && b && (a.refines === b.id || b.refines === a.id);
    if (paired && first.score - second.score < 0.2 && b.scope === roleScope && a.scope !== roleScope) {
      scored[0] = second;
      scored[1] = first;
    }
  }
  const best = scored[0];
  const runnerUp = scored[1];
  const confident = best && best.score >= CONFIDENT && (!runnerUp || best.score - runnerUp.score >= 0.08);
  return { id: confident ? best.id : undefined, candidates: scored.slice(0, 3) };
}

/** SPEC: lower-case letters, digits and hyphens, no spaces — such an entry is an id, never free text. */
export function isIdLike(text: string): boolean {
  return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text) || /^[a-z0-9-]+$/.test(text);
}
