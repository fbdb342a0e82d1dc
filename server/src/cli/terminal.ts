/**
 * Terminal safety (SPEC §3): text from charters and file names never reaches a terminal raw, so a
 * charter cannot move the cursor, clear the screen or set the window title. Control characters are
 * shown as escapes instead: C0 and DEL as `\x1b`, C1 (U+0080–U+009F) as `\u0085`; the Unicode line
 * and paragraph separators and the bidirectional overrides (which reorder what a terminal shows) as
 * `\u2028`, `\u202e`. Machine formats (JSON, SARIF) keep the characters, written as `\uXXXX`.
 */

// C0 (includes \t, \n, \r), DEL, C1, U+2028/U+2029, bidi embeddings/overrides and isolates.
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

function escapeOne(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x80 ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

/** One line of text, safe to print: every control character (newlines too) shown as an escape. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, escapeOne);
}

// JSON.stringify already escapes C0 (as \n, \u001b, ...); DEL, C1 and the separators stay raw.
const JSON_RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (as JSON.stringify makes it) with the control characters it leaves raw written as
 * `\uXXXX` escapes. Those characters can only stand inside JSON strings, where the escape means the
 * same character, so the parsed value is unchanged.
 */
export function jsonSafe(json: string): string {
  return json.replace(JSON_RAW_UNSAFE, (char) => `\\u${hex(char.charCodeAt(0), 4)}`);
}

// In HTML: controls other than tab, LF and CR (which HTML reads as white space).
const HTML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text for an HTML page that may be printed to a terminal (`--format html` without `--output`). */
export function htmlSafe(text: string): string {
  return text.replace(HTML_UNSAFE, escapeOne);
}
