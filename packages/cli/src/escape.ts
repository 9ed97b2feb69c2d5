/**
 * Text from other people (names, URLs, reasons, IDs the server sends) made safe to print on a
 * terminal: every control character (C0, DEL, C1) and every bidirectional formatting character
 * is replaced by a visible escape, so that no ESC/OSC sequence (clipboard writes, window titles,
 * cursor moves), no carriage return or line feed (fake lines) and no bidi override reaches it.
 * Printable ASCII, backslash included, passes through unchanged, so ordinary text reads as it is.
 * @module
 */

/**
 * What is escaped: C0 controls, DEL and C1 controls; the bidi marks and embeddings
 * (U+061C, U+200E, U+200F, U+202A–U+202E) and isolates (U+2066–U+2069); and the Unicode
 * line and paragraph separators (U+2028, U+2029), which some terminals and viewers break lines at.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The same set without C0, which `JSON.stringify` already escapes inside strings. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const hex = (character: string, digits: number) => (character.codePointAt(0) ?? 0).toString(16).padStart(digits, '0');

function visible(character: string): string {
  const named = NAMED[character];
  if (named !== undefined) return named;
  return character < '\u0100' ? `\\x${hex(character, 2)}` : `\\u${hex(character, 4)}`;
}

/**
 * Escapes control and bidi characters as `\n`, `\r`, `\t`, `\xHH` or `\uHHHH`; everything
 * else is kept. The result holds no such character, and escaping it again changes nothing.
 * @example
 * escapeText('take\x1b]52;c;aGk=\x07') // 'take\\x1b]52;c;aGk=\\x07'
 */
export function escapeText(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * Escapes the C1, DEL and bidi characters that `JSON.stringify` leaves raw as `\uHHHH`, in the
 * text of a JSON document: it parses to exactly the same value, and prints safely on a terminal.
 * Only string contents can hold these characters, and there `\uHHHH` means the same character.
 * @example
 * escapeJson(JSON.stringify({ name: 'a\u202eb' })) // '{"name":"a\\u202eb"}'
 */
export function escapeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (character) => `\\u${hex(character, 4)}`);
}
