import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test/helpers.js';
import { child, children, findText, loadXmlParser, text } from './xml.js';
import { parseXml } from './xml-parser.js';

describe('parseXml', () => {
  it('reads the recorded manifest with attributes and repeated elements as arrays', () => {
    const document = parseXml(fixture('legacy/archive-manifest.xml'));
    const manifest = child(document, 'manifest');
    expect(manifest?.archiveid).toBe('200567af-0726-4e93-883b-fe0426d6310a');
    expect(children(child(manifest, 'resources'), 'video')).toHaveLength(2);
    expect(children(child(manifest, 'timeline'), 'event')[1]?.offset).toBe('1263');
  });

  it('reads both session shapes, with and without the prolog', () => {
    for (const file of ['session-create-2012.xml', 'hl-session-create-2012.xml', 'session-create-2014.xml']) {
      const document = parseXml(fixture(`legacy/${file}`));
      expect(findText(document, 'session_id')).toMatch(/^[12]_MX4/);
    }
  });

  it('keeps empty elements as empty text', () => {
    const document = parseXml('<a><b></b><c/></a>');
    expect(text(child(document, 'a'), 'b')).toBe('');
    expect(text(child(document, 'a'), 'c')).toBe('');
  });

  it('refuses a DOCTYPE, so an entity bomb never expands', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><manifest title="&lol3;"/>';
    expect(() => parseXml(bomb)).toThrow(/DOCTYPE/);
    expect(() => parseXml('<!doctype x><x/>')).toThrow(/DOCTYPE/);
  });

  it('leaves entity references unexpanded', () => {
    const document = parseXml('<a b="&amp;&lt;&unknown;">&lt;x&gt;</a>');
    expect(child(document, 'a')?.b).toBe('&amp;&lt;&unknown;');
  });

  it('throws a plain Error for malformed XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/Malformed XML/);
    expect(() => parseXml('not xml')).toThrow(Error);
  });

  it('refuses deep nesting', () => {
    expect(() => parseXml(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`)).toThrow();
  });

  it('never throws anything but an Error on garbage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (input) => {
        try {
          parseXml(input);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('loadXmlParser', () => {
  it('loads the parser once and hands back the same function every time', async () => {
    const [first, second] = await Promise.all([loadXmlParser(), loadXmlParser()]);
    expect(first).toBe(parseXml);
    expect(second).toBe(first);
    expect(await loadXmlParser()).toBe(first);
    expect(text(child(first('<a><b>x</b></a>'), 'a'), 'b')).toBe('x');
  });
});
