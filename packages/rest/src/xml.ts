/**
 * The one XML reader, for the answers of the original API (protocol.md §5, §7.1). Entity
 * expansion is off and a DOCTYPE is refused outright, so an entity bomb cannot expand; the
 * body it is given is already capped in size by the request core.
 * @module
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

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

/** An element as read: attributes and child elements by name, text as `#text`. */
export type XmlElement = { [name: string]: XmlNode | undefined };
/** A node: text, an element, or a list of repeated elements. */
export type XmlNode = string | XmlElement | XmlNode[];

/**
 * Parses `text` into nested records, or throws a plain `Error` saying why not (the caller
 * turns it into a `ResponseParseError`).
 */
export function parseXml(text: string): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new Error('XML with a DOCTYPE or entity declarations is refused');
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new Error(`Malformed XML: ${verdict.err.msg}`);
  const result: unknown = parser.parse(text);
  if (typeof result !== 'object' || result === null) throw new Error('Empty XML document');
  return result as XmlElement;
}

/** The child element `name` of `node` (the first, if repeated), or `undefined`. */
export function child(node: XmlNode | undefined, name: string): XmlElement | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  const found = node[name];
  const first = Array.isArray(found) ? found[0] : found;
  return typeof first === 'object' && first !== null && !Array.isArray(first) ? first : undefined;
}

/** Every child element `name` of `node`. */
export function children(node: XmlNode | undefined, name: string): XmlElement[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const found = node[name];
  const list = Array.isArray(found) ? found : found === undefined ? [] : [found];
  return list.filter((item): item is XmlElement => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** The text of `node`'s child or attribute `name` (an empty element reads as `''`). */
export function text(node: XmlNode | undefined, name: string): string | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  let found = node[name];
  if (Array.isArray(found)) found = found[0];
  if (typeof found === 'string') return found;
  if (typeof found === 'object' && found !== null && !Array.isArray(found)) {
    const inner = found['#text'];
    return typeof inner === 'string' ? inner : '';
  }
  return undefined;
}

/** The text of the first child or attribute called `name` anywhere below `node`, depth first. */
export function findText(node: XmlNode | undefined, name: string, depth = 0): string | undefined {
  if (node === undefined || typeof node === 'string' || depth > 32) return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findText(item, name, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const direct = text(node, name);
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text') continue;
    const found = findText(value, name, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
