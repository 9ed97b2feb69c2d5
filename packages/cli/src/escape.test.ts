import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeJson, escapeText } from './escape.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Any text: every code point, lone surrogates included, weighted towards the dangerous ones. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0, max: 0x9f }).map((code) => String.fromCharCode(code)),
    fc.constantFrom('\u061c', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069'),
  ),
});

const printableAscii = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
});

/** The reverse of escapeText, for text that had no backslash. */
const decode = (text: string) =>
  text.replace(/\\(?:x([\da-f]{2})|u([\da-f]{4})|([nrt]))/g, (_match, byte, unit, named) =>
    named
      ? ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[named]!
      : String.fromCharCode(parseInt(byte ?? unit, 16)),
  );

describe('escapeText', () => {
  it('shows the hostile sequences of a name as visible escapes', () => {
    expect(escapeText('a\x1b]52;c;aGVsbG8=\x07b')).toBe('a\\x1b]52;c;aGVsbG8=\\x07b');
    expect(escapeText('\x1b[2J\rfake\nline\t\x9b31m\x7f')).toBe('\\x1b[2J\\rfake\\nline\\t\\x9b31m\\x7f');
    expect(escapeText('txt.exe\u202egpj.\u2066x\u2069')).toBe('txt.exe\\u202egpj.\\u2066x\\u2069');
    expect(escapeText('née ✓ 名前 🎥')).toBe('née ✓ 名前 🎥');
  });

  it('never lets a control or bidi character through, and escaping twice changes nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeText(text);
        expect(escaped).not.toMatch(UNSAFE);
        expect(escapeText(escaped)).toBe(escaped);
      }),
    );
  });

  it('keeps printable ASCII as it is', () => {
    fc.assert(
      fc.property(printableAscii, (text) => {
        expect(escapeText(text)).toBe(text);
      }),
    );
  });

  it('is reversible for text without a backslash: two different names never print the same', () => {
    fc.assert(
      fc.property(
        anyText.filter((text) => !text.includes('\\')),
        (text) => {
          expect(decode(escapeText(text))).toBe(text);
        },
      ),
    );
  });
});

describe('escapeJson', () => {
  it('parses to exactly the same value, with no raw control or bidi character', () => {
    fc.assert(
      fc.property(fc.dictionary(anyText, fc.oneof(anyText, fc.array(anyText), fc.integer())), (value) => {
        const json = escapeJson(JSON.stringify(value));
        expect(json).not.toMatch(UNSAFE);
        expect(JSON.parse(json)).toEqual(value);
      }),
    );
  });
});
