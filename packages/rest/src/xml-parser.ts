/**
 * The XML parser itself, on `fast-xml-parser`: the bulk of the package's size, needed only
 * for the answers of the original API. `xml.ts` loads this module with a dynamic `import()`
 * on first use, so that bundlers put it in a chunk of its own and a client that only speaks
 * JSON never downloads it.
 * @module
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlElement } from './xml.js';

/** Elements that may repeat, always read as arrays. */
const LISTS = new Set(['Session', 'video', 'event', 'error']);

const parser = /* @__PURE__ */ new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 32,
  isArray: (name) => LISTS.has(name),
});

/**
 * Parses `text` into nested records, or throws a plain `Error` saying why not (the caller
 * turns it into a `ResponseParseError`). A DOCTYPE is refused before any parsing.
 */
export function parseXml(text: string): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new Error('XML with a DOCTYPE or entity declarations is refused');
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new Error(`Malformed XML: ${verdict.err.msg}`);
  const result: unknown = parser.parse(text);
  if (typeof result !== 'object' || result === null) throw new Error('Empty XML document');
  return result as XmlElement;
}
