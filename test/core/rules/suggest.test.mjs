// did-you-mean (server/src/core/rules/suggest.ts): the banded distance equals the full one within
// its limit, the Suggester's ranking is unchanged for ordinary names, and singleNearest is SPEC's
// rule-deciding did-you-mean. Build first: `npx tsc -b`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { boundedDistance, singleNearest, Suggester } = require('../../../server/out/core/rules/suggest.js');

/** Full-matrix optimal string alignment distance: the reference the banded one must agree with. */
function osa(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** A small deterministic generator (mulberry32), so failures reproduce. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function word(next, alphabet, maxLength) {
  const length = Math.floor(next() * (maxLength + 1));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/** A word a few random edits away from `base` (substitute, insert, delete, swap). */
function mutate(next, base, alphabet, edits) {
  let w = base;
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (w.length + 1));
    const ch = alphabet[Math.floor(next() * alphabet.length)];
    const kind = Math.floor(next() * 4);
    if (kind === 0) w = w.slice(0, at) + ch + w.slice(at + 1);
    else if (kind === 1) w = w.slice(0, at) + ch + w.slice(at);
    else if (kind === 2) w = w.slice(0, at) + w.slice(at + 1);
    else if (at + 1 < w.length) w = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  }
  return w;
}

test('boundedDistance equals the full distance when within the limit, and limit + 1 otherwise (5,000 random pairs)', () => {
  const next = random(11);
  for (let n = 0; n < 5000; n++) {
    const a = word(next, 'abc-', 14);
    const b = next() < 0.5 ? word(next, 'abc-', 14) : mutate(next, a, 'abc-', 1 + Math.floor(next() * 4));
    const limit = Math.floor(next() * 6);
    const full = osa(a, b);
    assert.equal(boundedDistance(a, b, limit), full <= limit ? full : limit + 1, `${JSON.stringify(a)} ${JSON.stringify(b)} limit ${limit} (full ${full})`);
  }
  assert.equal(boundedDistance('ab', 'ba', 1), 1, 'a transposition is one edit');
  assert.equal(boundedDistance('', 'abc', 3), 3);
  assert.equal(boundedDistance('', 'abc', 2), 3);
});

test('boundedDistance on two 40,000-character strings: linear work and memory (< 2 s)', () => {
  const a = 'x'.repeat(40_000);
  const start = Date.now();
  assert.equal(boundedDistance(a, `${a}y`, 2), 1);
  assert.equal(boundedDistance(a, `y${a.slice(1)}z`, 2), 2);
  assert.equal(boundedDistance(a, `${'y'.repeat(10)}${a.slice(10)}`, 2), 3, 'stops at the first row past the limit');
  assert.ok(Date.now() - start < 2_000, `took ${Date.now() - start} ms`);
});

/** The Suggester before banding (full matrix, same ranking), for names short enough that it never mattered. */
function previousSuggest(candidates, name) {
  const lower = name.toLowerCase();
  const scored = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === name) continue;
    const candidateLower = candidate.toLowerCase();
    const limit = Math.max(2, Math.floor(Math.max(name.length, candidate.length) / 3));
    let distance;
    if (candidateLower === lower) distance = 0;
    else {
      const contains = lower.length >= 3 && (candidateLower.includes(lower) || lower.includes(candidateLower));
      distance = Math.abs(name.length - candidate.length) > limit ? limit + 1 : osa(lower, candidateLower);
      if (distance > limit) {
        if (!contains) continue;
        distance = limit + 1;
      }
    }
    scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, 3).map((s) => s.candidate);
}

test('Suggester: the same suggestions as the full-matrix version for ordinary names (2,000 random misses)', () => {
  const next = random(7);
  const candidates = Array.from({ length: 60 }, () => word(next, 'abcdeE-', 20));
  const suggester = new Suggester(candidates);
  for (let n = 0; n < 2000; n++) {
    const name = next() < 0.7 ? mutate(next, candidates[Math.floor(next() * candidates.length)], 'abcdeE-', 1 + Math.floor(next() * 3)) : word(next, 'abcdeE-', 20);
    assert.deepEqual(suggester.suggest(name), previousSuggest(candidates, name), JSON.stringify(name));
  }
  assert.deepEqual(new Suggester(['hos', 'ceo', 'cfo']).suggest('hso'), ['hos', 'ceo', 'cfo']);
});

test('Suggester: names over 128 characters get only a same-name-in-other-case suggestion', () => {
  const long = 'a'.repeat(200);
  const suggester = new Suggester([long, `${long}b`, long.toUpperCase(), 'hos']);
  assert.deepEqual(suggester.suggest(`${long}c`), []);
  assert.deepEqual(suggester.suggest(`${long.slice(1)}b`), []);
  assert.deepEqual(suggester.suggest(long), [long.toUpperCase()], 'the same name in another case');
  assert.deepEqual(suggester.suggest('hoss'), ['hos'], 'short names still get suggestions');
});

test('singleNearest: the one nearest name within 2 edits or differing only in case; none on a tie, none further away', () => {
  const keys = ['id', 'role', 'holder', 'scope', 'reports_to', 'responsibilities'];
  assert.equal(singleNearest('responsibilites', keys), 'responsibilities');
  assert.equal(singleNearest('reprots_to', keys), 'reports_to', 'a swap is one edit');
  assert.equal(singleNearest('Responsibilities', keys), 'responsibilities', 'case only');
  assert.equal(singleNearest('RESPONSIBILITIES', keys), 'responsibilities', 'case only, however many letters');
  assert.equal(singleNearest('scoope', keys), 'scope');
  assert.equal(singleNearest('resposibilties', keys), 'responsibilities', 'two edits');
  assert.equal(singleNearest('rspnsbilities', keys), undefined, 'three edits');
  assert.equal(singleNearest('budget', keys), undefined);
  assert.equal(singleNearest('scope', keys), undefined, 'a name is never its own suggestion');
  // Ties: two names equally near give none; a nearer one wins over a farther one.
  assert.equal(singleNearest('emea', ['EMEA', 'Emea']), undefined, 'two case-only matches');
  assert.equal(singleNearest('rsm-emea', ['rsm-emeb', 'rsm-emec']), undefined);
  assert.equal(singleNearest('rsm-emea', ['rsm-emeb', 'rsm-ebxc']), 'rsm-emeb');
  assert.equal(singleNearest('rsm-emea', ['rsm-emeb', 'rsm-emeb']), 'rsm-emeb', 'a candidate listed twice is one candidate');
  assert.equal(singleNearest('Budget-Management', ['budget-management', 'budget-managements']), 'budget-management', 'case-only beats one edit');
  assert.equal(singleNearest('x', []), undefined);
});

test('singleNearest on 40,000-character names: bounded (< 2 s)', () => {
  const long = 'a'.repeat(40_000);
  const start = Date.now();
  assert.equal(singleNearest(`${long}b`, [long, 'id', long.toUpperCase().slice(1)]), long);
  assert.equal(singleNearest(long.toUpperCase(), [long]), long);
  assert.equal(singleNearest(`b${long}b`, [long, `bb${long}`]), undefined, 'two at distance 2');
  assert.equal(singleNearest(`b${long}b`, Array.from({ length: 10 }, (_, i) => `${long.slice(i + 3)}${'c'.repeat(i + 3)}`)), undefined, 'none within 2');
  assert.ok(Date.now() - start < 2_000, `took ${Date.now() - start} ms`);
});
