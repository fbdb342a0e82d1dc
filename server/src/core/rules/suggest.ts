import { quoted } from './rule';
import type { CharterFile, Span } from '../parse';
import { replaceScalar } from '../fixes';
import type { Fix } from '../types';

export { boundedDistance } from '../distance';
import { boundedDistance } from '../distance';

/** Names longer than this get no edit-distance suggestions (only a same-name-in-other-case one). */
const MAX_SUGGEST_LENGTH = 128;
/**
 * Matrix cells one Suggester computes at most (a fraction of a second): past it, misses get only
 * same-name-in-other-case suggestions, so thousands of long misses against thousands of long
 * candidates cannot take minutes.
 */
const MAX_SUGGEST_WORK = 50_000_000;

/**
 * did-you-mean over one fixed candidate list: the same name in another case first, then by edit
 * distance, at most three; cached per missed name (one typo is often repeated).
 */
export class Suggester {
  private readonly candidates: { name: string; lower: string }[];
  private readonly cache = new Map<string, string[]>();
  private work = 0;

  constructor(candidates: Iterable<string>) {
    this.candidates = [...new Set(candidates)].map((name) => ({ name, lower: name.toLowerCase() }));
  }

  suggest(name: string): string[] {
    let result = this.cache.get(name);
    if (!result) {
      result = this.compute(name);
      this.cache.set(name, result);
    }
    return result;
  }

  private compute(name: string): string[] {
    const lower = name.toLowerCase();
    const fuzzy = name.length <= MAX_SUGGEST_LENGTH;
    const scored: { candidate: string; distance: number }[] = [];
    for (const { name: candidate, lower: candidateLower } of this.candidates) {
      if (candidate === name) continue;
      let distance: number;
      if (candidateLower === lower) distance = 0;
      else {
        if (!fuzzy) continue;
        const limit = Math.max(2, Math.floor(Math.max(name.length, candidate.length) / 3));
        const contains = lower.length >= 3 && (candidateLower.includes(lower) || lower.includes(candidateLower));
        // Lengths alone bound the distance from below: skip the matrix when it cannot qualify.
        if (Math.abs(name.length - candidate.length) > limit || candidate.length > MAX_SUGGEST_LENGTH || this.work > MAX_SUGGEST_WORK) distance = limit + 1;
        else {
          this.work += Math.min(name.length, candidate.length) * (2 * limit + 1);
          distance = boundedDistance(lower, candidateLower, limit);
        }
        if (distance > limit) {
          if (!contains) continue;
          distance = limit + 1;
        }
      }
      scored.push({ candidate, distance });
    }
    scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
    return scored.slice(0, 3).map((s) => s.candidate);
  }
}

/**
 * SPEC's did-you-mean where a rule decides on it (a misspelt key, an id-like typo): the single
 * candidate nearest to `name` — differing only in case, or within edit distance 2 — and none when
 * two candidates are equally near. `name` itself is never its own suggestion. Bounded on any
 * input: a case-only match is a comparison, and the distance is banded to 2.
 */
export function singleNearest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  let tie = false;
  for (const candidate of new Set(candidates)) {
    if (candidate === name || Math.abs(candidate.length - name.length) > 2) continue;
    const candidateLower = candidate.toLowerCase();
    const distance = candidateLower === lower ? 0 : boundedDistance(lower, candidateLower, 2);
    if (distance > 2) continue;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}

export function suggestionText(suggestions: string[]): string {
  return suggestions.length > 0 ? ` Did you mean ${suggestions.map(quoted).join(' or ')}?` : '';
}

/** One "Change to X" fix per suggestion; the only one is preferred. */
export function replacementFixes(file: CharterFile, span: Span, suggestions: string[]): Fix[] {
  return suggestions.map((suggestion) => ({
    title: `Change to ${quoted(suggestion)}`,
    edits: [replaceScalar(file, span, suggestion)],
    safe: false,
    preferred: suggestions.length === 1,
  }));
}
