import type { CharterFile, Span } from '../parse';
import { replaceScalar } from '../fixes';
import type { Fix } from '../types';

/** Edit distance counting an adjacent transposition as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/**
 * did-you-mean over one fixed candidate list: the same name in another case first, then by edit
 * distance, at most three; cached per missed name (one typo is often repeated).
 */
export class Suggester {
  private readonly candidates: string[];
  private readonly cache = new Map<string, string[]>();

  constructor(candidates: Iterable<string>) {
    this.candidates = [...new Set(candidates)];
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
    const scored: { candidate: string; distance: number }[] = [];
    for (const candidate of this.candidates) {
      if (candidate === name) continue;
      const candidateLower = candidate.toLowerCase();
      const limit = Math.max(2, Math.floor(Math.max(name.length, candidate.length) / 3));
      let distance: number;
      if (candidateLower === lower) distance = 0;
      else {
        const contains = lower.length >= 3 && (candidateLower.includes(lower) || lower.includes(candidateLower));
        // Lengths alone bound the distance from below: skip the matrix when it cannot qualify.
        distance = Math.abs(name.length - candidate.length) > limit ? limit + 1 : editDistance(lower, candidateLower);
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

export function suggestionText(suggestions: string[]): string {
  return suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
}

/** One "Change to X" fix per suggestion; the only one is preferred. */
export function replacementFixes(file: CharterFile, span: Span, suggestions: string[]): Fix[] {
  return suggestions.map((suggestion) => ({
    title: `Change to "${suggestion}"`,
    edits: [replaceScalar(file, span, suggestion)],
    safe: false,
    preferred: suggestions.length === 1,
  }));
}
